import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { IntentExample } from './intent-classifier.ts';

/**
 * Reads a JSONL file of `{"text": ..., "intent": ...}` lines (DESIGN §8; `out_of_scope` marks a line
 * that belongs to no intent). Blank lines are skipped; any other bad line is an error naming the
 * file and the line.
 */
export class IntentExamplesFileError extends Error {
  readonly code = 'nlu_examples_file_invalid';
  override readonly name = 'IntentExamplesFileError';
}

const exampleLineSchema = z.object({
  text: z.string().min(1, 'text must not be empty'),
  intent: z.string().min(1, 'intent must not be empty'),
});

export async function readIntentExamplesFile(file: string): Promise<IntentExample[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error && 'code' in cause && cause.code === 'ENOENT' ? 'file not found' : String(cause);
    throw new IntentExamplesFileError(`${file}: cannot read file: ${reason}`);
  }
  return parseIntentExamples(file, content);
}

export function parseIntentExamples(file: string, content: string): IntentExample[] {
  const examples: IntentExample[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new IntentExamplesFileError(`${file}:${i + 1}: not a JSON object`);
    }
    const parsed = exampleLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new IntentExamplesFileError(
        `${file}:${i + 1}: ${field}${issue?.message ?? 'invalid line'} (expected {"text": string, "intent": string})`,
      );
    }
    examples.push({ text: parsed.data.text, intent: parsed.data.intent });
  }
  if (examples.length === 0) throw new IntentExamplesFileError(`${file}: no examples`);
  return examples;
}
