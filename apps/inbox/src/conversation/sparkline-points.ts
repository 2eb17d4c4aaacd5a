/**
 * The points of a sentiment sparkline: scores in [-1, 1], oldest first, spread over the width, +1 at
 * the top. One score draws a flat line so a single turn still shows where the customer stands.
 */
export function sparklinePoints(series: readonly number[], width: number, height: number, pad = 2): string {
  if (series.length === 0) return '';
  const values = series.length === 1 ? [series[0] ?? 0, series[0] ?? 0] : series;
  const step = (width - pad * 2) / (values.length - 1);
  const y = (v: number) => {
    const clamped = Math.max(-1, Math.min(1, v));
    return pad + ((1 - clamped) / 2) * (height - pad * 2);
  };
  return values.map((v, i) => `${(pad + i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
}
