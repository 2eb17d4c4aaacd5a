export interface SentimentTrend {
  /** Score of the newest reading (0 with none). */
  last: number;
  average: number;
  trend: 'improving' | 'stable' | 'worsening';
  /** The conversation's frustration: the newest reading, raised by the two before it (fading). */
  frustration: number;
}

// Weights of the newest three readings' frustration: one calm message after an angry one lowers
// the conversation's frustration without erasing it, and three annoyed messages in a row add up.
const recentWeights = [1, 0.5, 0.25];
const trendMargin = 0.2;

/**
 * Where a conversation's feeling is going, from its readings (oldest first): the average score,
 * whether the latest messages are better or worse than the earlier ones, and a frustration that
 * the escalation threshold can be compared with. Readings that are not numbers are ignored.
 */
export function sentimentTrend(readings: readonly { score: number; frustration: number }[]): SentimentTrend {
  const valid = readings
    .filter((reading) => Number.isFinite(reading.score) && Number.isFinite(reading.frustration))
    .map((reading) => ({ score: clamp(reading.score, -1, 1), frustration: clamp(reading.frustration, 0, 1) }));
  if (valid.length === 0) return { last: 0, average: 0, trend: 'stable', frustration: 0 };
  const scores = valid.map((reading) => reading.score);
  const average = mean(scores);
  const recentCount = Math.min(3, Math.ceil(scores.length / 2));
  const recent = mean(scores.slice(-recentCount));
  const earlier = scores.length > recentCount ? mean(scores.slice(0, -recentCount)) : recent;
  const trend = recent - earlier > trendMargin ? 'improving' : earlier - recent > trendMargin ? 'worsening' : 'stable';
  const frustration =
    1 -
    valid
      .slice(-recentWeights.length)
      .reverse()
      .reduce((rest, reading, age) => rest * (1 - reading.frustration * (recentWeights[age] ?? 0)), 1);
  return { last: round(scores.at(-1) ?? 0), average: round(average), trend, frustration: round(frustration) };
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / Math.max(1, values.length);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
