import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { IntentExamplesFileError, parseIntentExamples, readIntentExamplesFile } from './read-intent-examples-file.ts';

describe('readIntentExamplesFile', () => {
  it('reads {"text","intent"} lines and skips blank ones', () => {
    const examples = parseIntentExamples('a.jsonl', '{"text": "oi", "intent": "greeting"}\n\n{"text": "x", "intent": "out_of_scope"}\n');
    assert.deepEqual(examples, [
      { text: 'oi', intent: 'greeting' },
      { text: 'x', intent: 'out_of_scope' },
    ]);
  });

  it('names the file and line of a line that is not JSON', () => {
    assert.throws(() => parseIntentExamples('a.jsonl', '{"text": "oi", "intent": "greeting"}\n{oops'), {
      name: 'IntentExamplesFileError',
      message: 'a.jsonl:2: not a JSON object',
    });
  });

  it('names the file, line and field of a line missing its intent', () => {
    assert.throws(
      () => parseIntentExamples('b.jsonl', '{"text": "oi"}'),
      (error: unknown) => {
        assert.ok(error instanceof IntentExamplesFileError);
        assert.match(error.message, /^b\.jsonl:1: intent: /);
        return true;
      },
    );
  });

  it('says so when the file does not exist or is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fio-nlu-'));
    await assert.rejects(readIntentExamplesFile(join(dir, 'missing.jsonl')), /missing\.jsonl: cannot read file: file not found/);
    writeFileSync(join(dir, 'empty.jsonl'), '\n');
    await assert.rejects(readIntentExamplesFile(join(dir, 'empty.jsonl')), /empty\.jsonl: no examples/);
  });
});
