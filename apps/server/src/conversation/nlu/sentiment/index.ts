// Sentiment: how a customer feels (score), how fed up they are (frustration, with the signals that
// say why), the conversation's trend, and secrets they must not send (cards, passwords, bank
// accounts), found and redacted. Pure and in-process; it never decides to hand off: the engine does.
export { detectSensitiveData, type SensitiveKind, type SensitiveSpan } from './detect-sensitive-data.ts';
export { redactSensitive, type RedactableSpan } from './redact-sensitive.ts';
export { scoreSentiment, type FrustrationSignal, type SentimentContext, type SentimentScore } from './score-sentiment.ts';
export { sentimentTrend, type SentimentTrend } from './sentiment-trend.ts';
