import type { YamlPathSegment } from '../../workspace/parse-yaml-file.ts';
import type { Language, LocalizedText } from '../../workspace/workspace.schema.ts';
import { templateVariables } from '../tone/index.ts';
import { analyzeFlowGraph } from './analyze-flow-graph.ts';
import type { FlowDefinition } from './flow-definition.ts';
import type { FileCondition, FileStep, FlowFile } from './flow-file.schema.ts';
import { isDataTemplateVariable } from './render-data-template.ts';

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
  for (const [path, text] of localizedTexts(step, at)) {
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
  if ('call' in step) {
    const url = checkCallUrl(step.call.url);
    if (url !== null) error([...at, 'call', 'url'], url);
  }
  return issues;
}

/** Template variables: slots that no earlier step could fill, unknown templates, misspelt names. */
function checkStepVariables(step: FileStep, at: Path, known: ReadonlySet<string>, options: CheckFlowOptions): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const error = (path: Path, message: string): void => void issues.push({ path, message, severity: 'error' });
  const templates = new Set(options.templateNames);
  const checkSlot = (path: Path, name: string, where: string): void => {
    if (!known.has(`slot:${name}`)) {
      error(path, `unknown slot "${name}" in ${where}: no earlier ask, choose, call map or set fills it`);
    }
  };

  for (const [path, text] of localizedTexts(step, at)) {
    for (const [language, template] of Object.entries(text)) {
      for (const variable of templateVariables(template)) {
        const [root, name, field, ...rest] = variable.split('.');
        const where = `{{${variable}}}`;
        if (root === 'slots' && name !== undefined) {
          if (rest.length > 0 || (field !== undefined && field !== 'value' && field !== 'display')) {
            error([...path, language], `unknown variable ${where}; write {{slots.${name}}} or {{slots.${name}.value}}`);
          } else checkSlot([...path, language], name, where);
        } else if (root === 'templates' && name !== undefined && field === undefined) {
          if (!templates.has(name)) error([...path, language], `unknown template ${where}; workspace.yaml templates has no "${name}"`);
        } else if (!isSayVariable(variable)) {
          error([...path, language], `unknown variable ${where}`);
        }
      }
    }
  }

  for (const [path, template] of dataTemplates(step, at)) {
    for (const variable of templateVariables(template)) {
      const [root, name] = variable.split('.');
      if (!isDataTemplateVariable(variable)) {
        error(
          path,
          `unknown variable {{${variable}}}; calls and set use slots.NAME, slots.NAME.display, contact.id, contact.name or contact.attributes.NAME`,
        );
      } else if (root === 'slots' && name !== undefined) checkSlot(path, name, `{{${variable}}}`);
    }
  }

  if ('branch' in step) {
    step.branch.forEach((rule, r) => {
      if (!rule.when) return;
      forEachCondition(rule.when, [...at, 'branch', r, 'when'], (condition, path) => {
        if ('slot' in condition) checkSlot([...path, 'slot'], condition.slot, 'a branch condition');
      });
    });
  }
  if ('choose' in step && step.choose.optionsFrom && !known.has(`data:${step.choose.optionsFrom.data}`)) {
    const name = step.choose.optionsFrom.data;
    error([...at, 'choose', 'optionsFrom', 'data'], `unknown data "${name}": no earlier call keeps it with mapData`);
  }
  return issues;
}

const sayVariables = new Set([
  'contact.first_name',
  'contact.name',
  'business.name',
  'business.hours',
  'business.open_now',
  'business.next_opening',
  'now.date',
  'now.time',
]);

function isSayVariable(variable: string): boolean {
  const [root, name, field, ...rest] = variable.split('.');
  if (root === 'contact' && name === 'attributes') return field !== undefined && rest.length === 0;
  return sayVariables.has(variable);
}

/** The texts a step shows the customer (or the agent), with their paths. */
function localizedTexts(step: FileStep, at: Path): [Path, LocalizedText][] {
  const texts: [Path, LocalizedText | undefined][] = [];
  if ('say' in step) texts.push([[...at, 'say'], step.say]);
  if ('ask' in step) {
    texts.push([[...at, 'ask', 'prompt'], step.ask.prompt], [[...at, 'ask', 'reprompt'], step.ask.reprompt]);
    step.ask.options?.forEach((option, o) => texts.push([[...at, 'ask', 'options', o, 'label'], option.label]));
  }
  if ('choose' in step) {
    texts.push([[...at, 'choose', 'prompt'], step.choose.prompt], [[...at, 'choose', 'reprompt'], step.choose.reprompt]);
    step.choose.options?.forEach((option, o) => texts.push([[...at, 'choose', 'options', o, 'label'], option.label]));
  }
  if ('handoff' in step) texts.push([[...at, 'handoff', 'note'], step.handoff.note], [[...at, 'handoff', 'say'], step.handoff.say]);
  if ('end' in step) texts.push([[...at, 'end', 'say'], 'say' in step.end ? step.end.say : undefined]);
  return texts.filter((entry): entry is [Path, LocalizedText] => entry[1] !== undefined);
}

/** Strings rendered as data (call requests, set values), with their paths. */
function dataTemplates(step: FileStep, at: Path): [Path, string][] {
  const found: [Path, string][] = [];
  if ('call' in step) {
    found.push([[...at, 'call', 'url'], step.call.url]);
    for (const [name, value] of Object.entries(step.call.headers)) found.push([[...at, 'call', 'headers', name], value]);
    collectStrings(step.call.body, [...at, 'call', 'body'], found);
  }
  if ('set' in step) {
    for (const [name, value] of Object.entries(step.set.attributes)) {
      if (typeof value === 'string') found.push([[...at, 'set', 'attributes', name], value]);
    }
    for (const [name, value] of Object.entries(step.set.slots)) {
      if (typeof value === 'string') found.push([[...at, 'set', 'slots', name], value]);
    }
  }
  return found;
}

function collectStrings(value: unknown, path: Path, found: [Path, string][]): void {
  if (typeof value === 'string') found.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, index) => collectStrings(item, [...path, index], found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) collectStrings(item, [...path, key], found);
  }
}

function forEachCondition(condition: FileCondition, path: Path, visit: (condition: FileCondition, path: Path) => void): void {
  visit(condition, path);
  if ('all' in condition) condition.all.forEach((inner, i) => forEachCondition(inner, [...path, 'all', i], visit));
  if ('any' in condition) condition.any.forEach((inner, i) => forEachCondition(inner, [...path, 'any', i], visit));
  if ('not' in condition) forEachCondition(condition.not, [...path, 'not'], visit);
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

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
