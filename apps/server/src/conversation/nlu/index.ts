// NLU: intent classification with calibrated confidence and out-of-scope detection, behind the
// IntentClassifier port, plus the readers and figures `npm run eval:nlu` uses. Pure and in-process:
// no network, no model files, no storage; the bot decides what to do with a classification.
export {
  NluTrainingError,
  outOfScopeIntent,
  type IntentClassification,
  type IntentClassifier,
  type IntentExample,
  type IntentModel,
  type RankedIntent,
} from './intent-classifier.ts';
export {
  createLinearIntentClassifier,
  defaultLinearIntentClassifierOptions,
  type LinearIntentClassifierOptions,
} from './create-linear-intent-classifier.ts';
export { normalizeChatText } from './normalize-chat-text.ts';
export { evaluateIntentModel, percentile, type IntentEvaluation } from './evaluate-intent-model.ts';
export { IntentExamplesFileError, parseIntentExamples, readIntentExamplesFile } from './read-intent-examples-file.ts';
export { intentFileSchema, readWorkspaceIntents, type ReadWorkspaceIntentsResult } from './read-workspace-intents.ts';
