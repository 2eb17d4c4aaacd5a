import type { IntentClassifier, IntentExample, IntentModel } from '../nlu/intent-classifier.ts';
import { outOfScopeIntent } from '../nlu/intent-classifier.ts';
import type { IntentDefinition } from '../nlu/read-workspace-intents.ts';
import { createFaqIndex, faqTrainingExamples, type FaqEntry, type FaqIndex } from '../knowledge/index.ts';
import type { FlowDefinition } from '../flows/index.ts';
import type { BotContent } from './load-bot-content.ts';

/** A workspace's content made ready to answer: the trained classifier, the FAQ index, the flows. */
export interface BotBrain {
  content: BotContent;
  /** Null when the content has fewer than two things to tell apart (the bot then leans on the FAQ and flows). */
  model: IntentModel | null;
  faqIndex: FaqIndex;
  intents: ReadonlyMap<string, IntentDefinition>;
  faq: ReadonlyMap<string, FaqEntry>;
  flows: readonly FlowDefinition[];
  trainedInMs: number;
}

/** Label prefix of FAQ entries in the classifier: its questions and paraphrases train it alongside the intents. */
export const faqLabelPrefix = 'faq:';

export async function buildBotBrain(content: BotContent, classifier: IntentClassifier): Promise<BotBrain> {
  const started = performance.now();
  // An entry an intent answers with (`faq: id`) trains under the intent's name: two labels for one
  // meaning would split the classifier's confidence between them.
  const intentOfEntry = new Map<string, string>(
    content.intents.flatMap((i) => (i.faq ? [[`${faqLabelPrefix}${i.faq}`, i.intent] as const] : [])),
  );
  const examples: IntentExample[] = [
    ...content.examples,
    ...faqTrainingExamples(content.faq).map((e) => ({ text: e.text, intent: intentOfEntry.get(e.intent) ?? e.intent })),
  ];
  const labels = new Set(examples.filter((e) => e.intent !== outOfScopeIntent).map((e) => e.intent));
  const model = labels.size >= 2 ? await classifier.train(examples) : null;
  return {
    content,
    model,
    faqIndex: createFaqIndex(content.faq),
    intents: new Map(content.intents.map((i) => [i.intent, i])),
    faq: new Map(content.faq.map((e) => [e.id, e])),
    flows: content.flows,
    trainedInMs: Math.round(performance.now() - started),
  };
}
