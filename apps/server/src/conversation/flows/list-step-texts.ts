import type { YamlPathSegment } from '../../workspace/parse-yaml-file.ts';
import type { LocalizedText } from '../../workspace/workspace.schema.ts';
import type { FileCondition, FileStep } from './flow-file.schema.ts';

type Path = YamlPathSegment[];

/**
 * The texts of one authored step with the YAML path of each: what the customer (or the agent)
 * reads, rendered with the tone's templates, and what goes to machines (call requests, set
 * values), rendered as data. The checks walk these instead of knowing every step's shape.
 */
export function listStepTexts(step: FileStep, at: Path): { localized: [Path, LocalizedText][]; data: [Path, string][] } {
  return { localized: localizedTexts(step, at), data: dataTemplates(step, at) };
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
  if ('verify' in step) found.push([[...at, 'verify', 'value'], step.verify.value]);
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

export function forEachCondition(condition: FileCondition, path: Path, visit: (condition: FileCondition, path: Path) => void): void {
  visit(condition, path);
  if ('all' in condition) condition.all.forEach((inner, i) => forEachCondition(inner, [...path, 'all', i], visit));
  if ('any' in condition) condition.any.forEach((inner, i) => forEachCondition(inner, [...path, 'any', i], visit));
  if ('not' in condition) forEachCondition(condition.not, [...path, 'not'], visit);
}
