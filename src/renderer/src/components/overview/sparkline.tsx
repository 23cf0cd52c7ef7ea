/** A tiny SVG trend line (no axes): for a KPI tile. Values are drawn on a fixed [min, max] scale. */
export function Sparkline({ values, min, max, width = 96, height = 26, label, className }: { values: readonly number[]; min: number; max: number; width?: number; height?: number; label: string; className?: string }) {
  if (values.length < 2) {
    return (
      <svg className={`sparkline ${className ?? ''}`} width={width} height={height} role="img" aria-label={`${label}: not enough history yet`}>
        <line x1={0} x2={width} y1={height - 1} y2={height - 1} className="spark-base" />
      </svg>
    );
  }
  const span = max - min || 1;
  const x = (i: number): number => (i / (values.length - 1)) * (width - 2) + 1;
  const y = (v: number): number => height - 1 - ((Math.min(max, Math.max(min, v)) - min) / span) * (height - 2);
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const last = values[values.length - 1];
  return (
    <svg className={`sparkline ${className ?? ''}`} width={width} height={height} role="img" aria-label={`${label}: ${values.length} points, last ${last.toFixed(0)}`}>
      <path d={`${d}L${x(values.length - 1).toFixed(1)},${height - 1}L1,${height - 1}Z`} className="spark-area" />
      <path d={d} className="spark-line" />
      <circle cx={x(values.length - 1)} cy={y(last)} r={2} className="spark-dot" />
    </svg>
  );
}
