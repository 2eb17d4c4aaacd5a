import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkspaceDefinition, WorkspaceError } from '../../workspace/index.ts';
import type { EnvValues } from '../../workspace/substitute-env.ts';
import { readWorkspaceIntents, type IntentDefinition } from '../nlu/read-workspace-intents.ts';
import type { IntentExample } from '../nlu/intent-classifier.ts';
import { readWorkspaceFaq, type FaqEntry } from '../knowledge/index.ts';
import { readWorkspaceFlows, type FlowDefinition } from '../flows/index.ts';

/** What the bot knows of one workspace: its intents, knowledge base and flows, all validated. */
export interface BotContent {
  intents: IntentDefinition[];
  /** Intent examples, `out_of_scope` lines included (they only pick the threshold). */
  examples: IntentExample[];
  faq: FaqEntry[];
  flows: FlowDefinition[];
}

/** `warnings` are problems that do not stop the bot (a step nothing leads to): logged at start-up. */
export type LoadBotContentResult = { ok: true; content: BotContent; warnings: WorkspaceError[] } | { ok: false; errors: WorkspaceError[] };

/**
 * Reads `intents/`, `faq/` and `flows/` of a workspace folder and checks what refers across them
 * (an intent's FAQ link, follow-up payloads, flow triggers), with errors naming file, line and field.
 * A folder that is missing means "none": a workspace can start with only workspace.yaml.
 */
export async function loadBotContent(dir: string, workspace: WorkspaceDefinition, env: EnvValues): Promise<LoadBotContentResult> {
  const errors: WorkspaceError[] = [];
  let intents: IntentDefinition[] = [];
  let examples: IntentExample[] = [];
  if (await isDirectory(join(dir, 'intents'))) {
    const read = await readWorkspaceIntents(dir);
    if (read.ok) ({ intents, examples } = read);
    else errors.push(...read.errors);
  }

  const languages = workspace.languages;
  const flows = await readWorkspaceFlows(dir, {
    languages,
    defaultLanguage: workspace.defaultLanguage,
    intents: intents.map((i) => i.intent),
    env,
    templateNames: Object.keys(workspace.templates),
    contactFieldKeys: workspace.contactFields.map((f) => f.key),
    ...(workspace.teams ? { teamKeys: workspace.teams.map((t) => t.key) } : {}),
  });
  if (!flows.ok) errors.push(...flows.errors);

  const faq = await readWorkspaceFaq(dir, {
    languages,
    defaultLanguage: workspace.defaultLanguage,
    intents: intents.map((i) => i.intent),
    ...(flows.ok ? { flows: flows.flows.map((f) => f.id) } : {}),
  });
  if (!faq.ok) errors.push(...faq.errors);

  if (errors.length > 0 || !faq.ok || !flows.ok) return { ok: false, errors };
  errors.push(...checkReferences(intents, faq.entries, flows.flows));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, content: { intents, examples, faq: faq.entries, flows: flows.flows }, warnings: flows.warnings };
}

/** Links between the three kinds of content: every `faq:`, `intent:` and `flow:` must name something. */
function checkReferences(
  intents: readonly IntentDefinition[],
  faq: readonly FaqEntry[],
  flows: readonly FlowDefinition[],
): WorkspaceError[] {
  const errors: WorkspaceError[] = [];
  const faqIds = new Set(faq.map((e) => e.id));
  const intentNames = new Set(intents.map((i) => i.intent));
  const flowIds = new Set(flows.map((f) => f.id));
  const known = (payload: string): boolean => {
    const [kind, id = ''] = payload.split(':');
    if (kind === 'faq') return faqIds.has(id);
    if (kind === 'intent') return intentNames.has(id);
    return flowIds.has(id);
  };
  for (const intent of intents) {
    const at = { file: intent.source.file, line: intent.source.line, column: 1 };
    if (intent.faq && !faqIds.has(intent.faq))
      errors.push({
        ...at,
        field: 'faq',
        message: `intent "${intent.intent}" answers with FAQ entry "${intent.faq}", which no faq/ file defines`,
      });
    intent.followUps.forEach((f, i) => {
      if (!known(f.payload))
        errors.push({ ...at, field: `followUps[${i}].payload`, message: `"${f.payload}" names nothing this workspace defines` });
    });
  }
  for (const entry of faq) {
    entry.followUps.forEach((f, i) => {
      if (!known(f.payload))
        errors.push({
          file: entry.source.file,
          line: entry.source.line,
          column: 1,
          field: `${entry.id}.followUps[${i}].payload`,
          message: `"${f.payload}" names nothing this workspace defines`,
        });
    });
  }
  return errors;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
