import { isValidRegExp } from '../../workspace/is-valid-reg-exp.ts';
import type { YamlPathSegment } from '../../workspace/parse-yaml-file.ts';
import type { Language } from '../../workspace/workspace.schema.ts';
import { analyzeFlowGraph } from './analyze-flow-graph.ts';
import type { FlowDefinition } from './flow-definition.ts';
import type { FileCondition, FileStep, FlowFile } from './flow-file.schema.ts';
import { checkStepVariables } from './check-step-variables.ts';
import { forEachCondition, listStepTexts } from './list-step-texts.ts';

/**
 * What the schema cannot see in one flow file: references between steps, slots a template uses
 * before anything could fill them, texts missing the default language, bad regular expressions,
 * call URLs that are not http(s), loops that never wait for the customer. Each issue carries the
 * path of the YAML node to blame, so the reader can name line and column.
 */
export interface FlowIssue {
  path: YamlPathSegment[];
  message: string;
  /** Warnings (an unreachable step) do not stop the workspace from loading. */
  severity: 'error' | 'warning';
}

export interface CheckFlowOptions {
  languages: readonly Language[];
  defaultLanguage: Language;
  intents: readonly string[];
  templateNames: readonly string[];
  /** Keys of workspace.yaml `contactFields`: when any are declared, a `set` may write only those. */
  contactFieldKeys?: readonly string[];
  /** Keys of workspace.yaml `teams`: when declared, a handoff step may name only those. */
  teamKeys?: readonly string[];
}

type Path = YamlPathSegment[];

export function checkFlowFile(file: FlowFile, flow: FlowDefinition, options: CheckFlowOptions): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const error = (path: Path, message: string): void => void issues.push({ path, message, severity: 'error' });

  const stepIds = new Set<string>();
  file.steps.forEach((step, index) => {
    if (stepIds.has(step.id)) error(['steps', index, 'id'], `duplicate step id "${step.id}"`);
    stepIds.add(step.id);
  });
  for (const [path, target] of stepReferences(file.steps)) {
    if (!stepIds.has(target)) error(path, `unknown step "${target}"; steps are ${[...stepIds].join(', ')}`);
  }

  const intents = new Set(options.intents);
  file.trigger.intents.forEach((intent, index) => {
    if (!intents.has(intent)) error(['trigger', 'intents', index], `unknown intent "${intent}"; no intents/ file defines it`);
  });
  for (const language of Object.keys(file.trigger.keywords)) {
    if (!options.languages.some((known) => known === language)) {
      error(['trigger', 'keywords', { key: language }], `language ${language} is not in the workspace's languages`);
    }
  }

  file.steps.forEach((step, index) => issues.push(...checkStep(step, ['steps', index], options)));
  // A typed workspace keeps only declared attributes (the rest would be dropped at run time): say so now.
  const fieldKeys = new Set(options.contactFieldKeys ?? []);
  if (fieldKeys.size > 0) {
    file.steps.forEach((step, index) => {
      if (!('set' in step)) return;
      for (const key of Object.keys(step.set.attributes)) {
        if (!fieldKeys.has(key))
          error(['steps', index, 'set', 'attributes', { key }], `no contact field "${key}" in workspace.yaml contactFields`);
      }
    });
  }
  // A handoff to a team nobody declared would queue the conversation where no agent looks.
  if (options.teamKeys) {
    const teamKeys = new Set(options.teamKeys);
    file.steps.forEach((step, index) => {
      if (!('handoff' in step) || !step.handoff.team || teamKeys.has(step.handoff.team)) return;
      error(['steps', index, 'handoff', 'team'], `no team "${step.handoff.team}" in workspace.yaml teams`);
    });
  }
  if (file.lead && file.lead !== true) {
    const filled = new Set(flow.steps.flatMap(slotsFilledBy));
    file.lead.slots.forEach((slot, index) => {
      if (!filled.has(slot)) error(['lead', 'slots', index], `unknown slot "${slot}": no step of this flow fills it`);
    });
  }

  // The graph checks need every reference to resolve; unknown steps were reported above.
  if (issues.some((issue) => issue.severity === 'error')) return issues;
  const graph = analyzeFlowGraph(flow);
  file.steps.forEach((step, index) => {
    const at: Path = ['steps', index];
    if (!graph.reachable.has(step.id)) {
      issues.push({
        path: [...at, 'id'],
        message: `step "${step.id}" is never reached: no step leads to it`,
        severity: 'warning',
      });
      return;
    }
    const known = graph.knownBefore.get(step.id) ?? new Set<string>();
    issues.push(...checkStepVariables(step, at, known, options));
  });
  for (const cycle of graph.waitFreeCycles) {
    const index = file.steps.findIndex((step) => step.id === cycle[0]);
    error(
      ['steps', index, 'id'],
      `steps ${[...cycle, cycle[0]].join(' → ')} loop without waiting for the customer; add an ask or choose, or end the loop`,
    );
  }
  return issues;
}

/** Every place a step names another step, with the path of that name. */
function stepReferences(steps: readonly FileStep[]): [Path, string][] {
  const found: [Path, string][] = [];
  steps.forEach((step, index) => {
    const at: Path = ['steps', index];
    if ('next' in step && step.next !== undefined) found.push([[...at, 'next'], step.next]);
    if ('ask' in step && step.ask.onFail) found.push([[...at, 'ask', 'onFail'], step.ask.onFail]);
    if ('choose' in step) {
      if (step.choose.onFail) found.push([[...at, 'choose', 'onFail'], step.choose.onFail]);
      step.choose.options?.forEach((option, o) => {
        if (option.next) found.push([[...at, 'choose', 'options', o, 'next'], option.next]);
      });
    }
    if ('branch' in step) step.branch.forEach((rule, r) => found.push([[...at, 'branch', r, 'next'], rule.next]));
    if ('verify' in step && step.verify.onFail) found.push([[...at, 'verify', 'onFail'], step.verify.onFail]);
    if ('call' in step) {
      if (step.call.onError) found.push([[...at, 'call', 'onError'], step.call.onError]);
      if (step.call.onNotFound) found.push([[...at, 'call', 'onNotFound'], step.call.onNotFound]);
    }
  });
  return found;
}

/** Checks that need only the step itself: languages, regular expressions, URLs, option lists. */
function checkStep(step: FileStep, at: Path, options: CheckFlowOptions): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const error = (path: Path, message: string): void => void issues.push({ path, message, severity: 'error' });
  for (const [path, text] of listStepTexts(step, at).localized) {
    for (const language of Object.keys(text)) {
      if (!options.languages.some((known) => known === language)) {
        error([...path, { key: language }], `language ${language} is not in the workspace's languages`);
      }
    }
    if (text[options.defaultLanguage] === undefined) error(path, `missing text for the default language ${options.defaultLanguage}`);
  }

  if ('ask' in step) {
    const { ask } = step;
    const types = [ask.type, ...(ask.accept ?? [])];
    if (types.includes('choice') && !ask.options) error([...at, 'ask'], 'a choice ask needs options: [{ value, label }]');
    if (!types.includes('choice') && ask.options) error([...at, 'ask', 'options'], 'options are only for type choice');
    if (ask.validate?.pattern !== undefined && !isValidRegExp(ask.validate.pattern)) {
      error([...at, 'ask', 'validate', 'pattern'], 'must be a valid regular expression');
    }
    if (ask.validate?.min !== undefined && ask.validate.max !== undefined && ask.validate.min > ask.validate.max) {
      error([...at, 'ask', 'validate', 'max'], 'max must not be below min');
    }
    checkDuplicateValues(ask.options ?? [], [...at, 'ask', 'options'], error);
  }
  if ('choose' in step) checkDuplicateValues(step.choose.options ?? [], [...at, 'choose', 'options'], error);
  if ('branch' in step) {
    const elseAt = step.branch.findIndex((rule) => rule.when === undefined);
    if (elseAt !== -1 && elseAt < step.branch.length - 1) {
      error([...at, 'branch', elseAt + 1], 'never tried: the rule before it has no `when` and always matches; put the else last');
    }
    step.branch.forEach((rule, r) => {
      if (rule.when)
        forEachCondition(rule.when, [...at, 'branch', r, 'when'], (condition, path) => checkConditionRegex(condition, path, error));
    });
  }
  if ('verify' in step) {
    const { identity, via } = step.verify;
    if (via !== undefined && (identity === 'email') !== (via === 'email')) {
      error([...at, 'verify', 'via'], `a code for ${identity === 'email' ? 'an e-mail' : 'a phone'} cannot go by ${via}`);
    }
  }
  if ('call' in step) {
    const url = checkCallUrl(step.call.url);
    if (url !== null) error([...at, 'call', 'url'], url);
  }
  return issues;
}

function checkConditionRegex(condition: FileCondition, path: Path, error: (path: Path, message: string) => void): void {
  if (('slot' in condition || 'attribute' in condition) && condition.matches !== undefined && !isValidRegExp(condition.matches)) {
    error([...path, 'matches'], 'must be a valid regular expression');
  }
}

function checkDuplicateValues(options: readonly { value: string }[], at: Path, error: (path: Path, message: string) => void): void {
  const seen = new Set<string>();
  options.forEach((option, index) => {
    if (seen.has(option.value)) error([...at, index, 'value'], `duplicate option value "${option.value}"`);
    seen.add(option.value);
  });
}

/** The slots a step may fill (a lead lists only these). */
function slotsFilledBy(step: FlowDefinition['steps'][number]): string[] {
  switch (step.kind) {
    case 'ask':
    case 'choose':
      return [step.slot];
    case 'call':
      return Object.keys(step.map);
    case 'set':
      return Object.keys(step.slots);
    default:
      return [];
  }
}

/** Null when the URL, env already substituted and placeholders filled with a sample, is http(s). */
function checkCallUrl(url: string): string | null {
  const sample = url.replace(/\{\{[^{}]*\}\}/g, 'x');
  let parsed: URL;
  try {
    parsed = new URL(sample);
  } catch {
    return `not a URL: "${url}"`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `only http and https URLs can be called (got ${parsed.protocol})`;
  if (parsed.username !== '' || parsed.password !== '') return 'put credentials in headers, not in the URL';
  return null;
}
