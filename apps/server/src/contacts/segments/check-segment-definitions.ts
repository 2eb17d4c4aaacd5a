import type { ContactField } from '../../workspace/workspace.schema.ts';
import type { SegmentCondition, SegmentDefinition } from './segment-definition.ts';

export interface SegmentWorkspaceFacts {
  defaultLanguage: string;
  languages: readonly string[];
  contactFields: readonly ContactField[];
  /** The workspace's intent ids (intents/), when known: an `intent:` condition must name one. */
  intents?: ReadonlySet<string> | undefined;
}

export interface SegmentIssue {
  /** Value path inside the checked list (`[index, 'when', 'all', 0, 'attribute']`). */
  path: PropertyKey[];
  message: string;
}

/**
 * What zod cannot see in one definition alone: names in the workspace's languages, attributes the
 * workspace declares, `after` naming an event the segment reads, ids unique in the list. Shared by
 * segments.yaml and the API so both refuse the same definitions.
 */
export function checkSegmentDefinitions(definitions: readonly SegmentDefinition[], workspace: SegmentWorkspaceFacts): SegmentIssue[] {
  const issues: SegmentIssue[] = [];
  const ids = new Set<string>();
  definitions.forEach((definition, index) => {
    if (ids.has(definition.id)) issues.push({ path: [index, 'id'], message: `duplicate segment id ${JSON.stringify(definition.id)}` });
    ids.add(definition.id);
    for (const [key, text] of [
      ['name', definition.name],
      ['description', definition.description],
    ] as const) {
      if (!text) continue;
      for (const language of Object.keys(text))
        if (!workspace.languages.includes(language))
          issues.push({ path: [index, key, language], message: `language ${language} is not in the workspace's languages` });
      if (!(workspace.defaultLanguage in text))
        issues.push({ path: [index, key], message: `missing text for the default language ${workspace.defaultLanguage}` });
    }
    const events = new Set<string>();
    collectEvents(definition.when, events);
    checkCondition(definition.when, [index, 'when'], events, workspace, issues);
  });
  return issues;
}

function collectEvents(condition: SegmentCondition, into: Set<string>): void {
  if (condition.event !== undefined) into.add(condition.event);
  for (const child of [...(condition.all ?? []), ...(condition.any ?? []), ...(condition.none ?? [])]) collectEvents(child, into);
}

function checkCondition(
  condition: SegmentCondition,
  path: PropertyKey[],
  events: ReadonlySet<string>,
  workspace: SegmentWorkspaceFacts,
  issues: SegmentIssue[],
): void {
  for (const kind of ['all', 'any', 'none'] as const)
    condition[kind]?.forEach((child, i) => checkCondition(child, [...path, kind, i], events, workspace, issues));
  const key = condition.attribute;
  // A workspace that declares no fields accepts any attribute, like validateAttributes does.
  if (key !== undefined && workspace.contactFields.length > 0 && !workspace.contactFields.some((f) => f.key === key))
    issues.push({ path: [...path, 'attribute'], message: `no contact field ${JSON.stringify(key)} in contactFields` });
  if (condition.intent !== undefined && workspace.intents && !workspace.intents.has(condition.intent))
    issues.push({
      path: [...path, 'intent'],
      message: `unknown intent ${JSON.stringify(condition.intent)}: not one of the workspace's intents/ (${[...workspace.intents].sort().join(', ')})`,
    });
  if (condition.after !== undefined) {
    if (condition.after === condition.event)
      issues.push({ path: [...path, 'after'], message: 'an event cannot come after itself: name another event' });
    else if (!events.has(condition.after))
      issues.push({
        path: [...path, 'after'],
        message: `unknown event ${JSON.stringify(condition.after)}: "after" names an event this segment reads (an "event:" condition)`,
      });
  }
}
