/**
 * The NLU classifier port. An implementation learns intents from examples and ranks a message's
 * intents with calibrated probabilities, deciding out-of-scope on its own; the bot only reads the
 * result. Implementations are checked by one contract suite (intent-classifier.contract.ts), so a
 * local embedding model can take the default's place without the engine noticing.
 */

/** The label a message carries when it belongs to no intent (eval files and workspace tests). */
export const outOfScopeIntent = 'out_of_scope';

export interface IntentExample {
  text: string;
  /** An intent name, or `out_of_scope` for a line that belongs to none (used only to pick the threshold). */
  intent: string;
}

export interface RankedIntent {
  intent: string;
  /** Calibrated: of the messages given this probability, about this share really are this intent. */
  probability: number;
}

export interface IntentClassification {
  /** The best intent, or null when the message is out of scope. */
  intent: string | null;
  /** Calibrated probability of the best in-scope intent, whether or not it was accepted. */
  confidence: number;
  outOfScope: boolean;
  /** Best first; probabilities add up to at most 1. */
  ranking: readonly RankedIntent[];
}

export interface IntentModel {
  readonly intents: readonly string[];
  /** Confidence below which a message is out of scope. */
  readonly outOfScopeThreshold: number;
  classify(text: string): Promise<IntentClassification>;
}

export interface IntentClassifier {
  readonly name: string;
  /** Throws `NluTrainingError` when the examples cannot make a model (fewer than two intents, empty texts). */
  train(examples: readonly IntentExample[]): Promise<IntentModel>;
}

export class NluTrainingError extends Error {
  readonly code = 'nlu_training_failed';
  override readonly name = 'NluTrainingError';
}
