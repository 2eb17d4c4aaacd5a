import { sparklinePoints } from './sparkline-points.ts';

const width = 96;
const height = 24;

/** The customer's sentiment per turn, oldest first; the words beside it carry the meaning (not the line). */
export function SentimentSparkline({ series, label }: { series: number[]; label: string }) {
  if (series.length === 0) return null;
  return (
    <svg className="cv-sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line x1="0" x2={width} y1={height / 2} y2={height / 2} className="cv-sparkline-axis" />
      <polyline points={sparklinePoints(series, width, height)} className="cv-sparkline-line" fill="none" />
    </svg>
  );
}
