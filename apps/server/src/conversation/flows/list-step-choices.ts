import type { FlowRun, SlotValue } from '../bot/engine.ts';
import { selectJsonPath } from '../actions/index.ts';
import type { Language, LocalizedText } from '../../workspace/workspace.schema.ts';
import type { FlowStepOf } from './flow-definition.ts';
import type { FlowEnv } from './flow-env.ts';

/** One option a waiting step offers: its value, how to show it, every label that may name it. */
export interface StepChoice {
  value: string;
  /** The author's label (rendered as a template) or text from a service's JSON (shown as it is, never rendered). */
  label: { authored: LocalizedText } | { data: string; byLanguage: Partial<Record<Language, string>> };
  /** Labels in every language, for matching what the customer typed. */
  labels: string[];
  /** A choose option's own next step; null follows the step's. */
  next: string | null;
  /** A yes_no ask's buttons stand for booleans. */
  yesNo?: boolean;
}

const yesNoLabels: Record<'yes' | 'no', Record<Language, string>> = {
  yes: { 'pt-BR': 'Sim', en: 'Yes', es: 'Sí' },
  no: { 'pt-BR': 'Não', en: 'No', es: 'No' },
};

/**
 * The options of an ask or choose step: authored ones, yes/no for a yes_no ask, or options built
 * from JSON a call kept (`optionsFrom`), which come from the run's data so a resumed turn sees the
 * same list the customer was shown.
 */
export function listStepChoices(step: FlowStepOf<'ask'> | FlowStepOf<'choose'>, run: Pick<FlowRun, 'data'>): StepChoice[] {
  if (step.kind === 'ask') {
    if (step.options) return step.options.map((option) => authoredChoice(option.value, option.label, null));
    if (step.types[0] === 'yes_no') {
      return (['yes', 'no'] as const).map((answer) => ({
        value: answer,
        label: { data: yesNoLabels[answer]['pt-BR'], byLanguage: yesNoLabels[answer] },
        labels: Object.values(yesNoLabels[answer]),
        next: null,
        yesNo: answer === 'yes',
      }));
    }
    return [];
  }
  if (!step.optionsFrom) return step.options.map((option) => authoredChoice(option.value, option.label, option.next));
  const { data, value, label, max } = step.optionsFrom;
  const items = run.data && Object.hasOwn(run.data, data) ? run.data[data] : undefined;
  if (!Array.isArray(items)) return [];
  const choices: StepChoice[] = [];
  for (const item of items) {
    const found = selectJsonPath(item, value);
    const shown = dataLabel(selectJsonPath(item, label));
    if ((typeof found !== 'string' && typeof found !== 'number') || shown === null) continue;
    const choiceValue = String(found);
    if (choiceValue === '' || choiceValue.length > 200 || choices.some((choice) => choice.value === choiceValue)) continue;
    choices.push({ value: choiceValue, label: shown, labels: [...new Set([shown.data, ...Object.values(shown.byLanguage)])], next: null });
    if (choices.length >= max) break;
  }
  return choices;
}

/** The label in the conversation's language; `say` renders authored labels (they may hold templates). */
export function showChoice(choice: StepChoice, env: Pick<FlowEnv, 'language' | 'say'>, slots: Record<string, SlotValue>): string {
  if ('authored' in choice.label) return env.say(choice.label.authored, slots);
  return choice.label.byLanguage[env.language] ?? choice.label.data;
}

/** The slot value a picked choice gives: yes/no become booleans, everything else its value. */
export function choiceSlotValue(choice: StepChoice, display: string): SlotValue {
  if (choice.yesNo !== undefined) return { value: choice.yesNo, display };
  return { value: choice.value, display };
}

function authoredChoice(value: string, label: LocalizedText, next: string | null): StepChoice {
  return { value, label: { authored: label }, labels: Object.values(label), next };
}

/** A label from JSON: text, or text per language (`{ "pt-BR": "sex 27/11 às 10:00", "en": ... }`). */
function dataLabel(found: unknown): { data: string; byLanguage: Partial<Record<Language, string>> } | null {
  if (typeof found === 'string' && found.trim() !== '') return { data: found.trim(), byLanguage: {} };
  if (typeof found === 'number') return { data: String(found), byLanguage: {} };
  if (typeof found !== 'object' || found === null || Array.isArray(found)) return null;
  const byLanguage: Partial<Record<Language, string>> = {};
  let first: string | null = null;
  for (const [key, text] of Object.entries(found)) {
    if (typeof text !== 'string' || text.trim() === '') continue;
    first ??= text.trim();
    if (key === 'pt-BR' || key === 'en' || key === 'es') byLanguage[key] = text.trim();
  }
  return first === null ? null : { data: first, byLanguage };
}
