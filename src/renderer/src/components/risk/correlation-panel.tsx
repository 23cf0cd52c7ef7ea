// Correlation heatmap in hierarchical-cluster order (the engine's order), the clusters it found,
// and the same matrix as an accessible table (screen readers cannot read a canvas).
import { useMemo } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { EChart } from '../../charts/echart';
import { EmptyNote, Panel, axisStyle, corrVisualMap, tooltipStyle, usePalette, useStable } from './shared';

const CORR_TITLE =
  'Sample Pearson correlation of daily simple returns over the adaptive lookback window; underlyings in dendrogram order of average-linkage clustering on d = √(½(1 − ρ)); clusters cut at ρ ≥ 0.7, so blocks on the diagonal move together';

export const shortSym = (s: string): string => s.replace(/-(USDT|USDC|USD)$/, '');

const corrKey = (c: RiskSnapshot['correlation']): string =>
  `${c.symbols.join()}|${c.matrix.map((row) => row.map((v) => v.toFixed(2)).join()).join(';')}|${c.avgPairwise.toFixed(2)}|${c.maxPairwise.toFixed(2)}|${c.clusters.map((x) => x.join()).join(';')}`;

export function CorrelationPanel({ risk }: { risk: RiskSnapshot }) {
  const p = usePalette();
  // Keyed on what is shown (ρ to 2 decimals, as in the cells, tooltip and table): the matrix comes
  // from daily returns, so most snapshots leave it unchanged and the heatmap is not redrawn.
  const c = useStable(risk.correlation, corrKey(risk.correlation));
  const n = c.symbols.length;
  const option = useMemo(() => {
    // The diagonal (ρ = 1 by definition) is drawn neutral so the eye goes to the pairs.
    const data: { value: [number, number, number]; itemStyle?: { color: string } }[] = [];
    c.matrix.forEach((row, i) => row.forEach((v, j) => data.push({ value: [j, i, Math.round(v * 100) / 100], ...(i === j ? { itemStyle: { color: p.bg2 } } : {}) })));
    const ax = axisStyle(p);
    const names = c.symbols.map(shortSym);
    return {
      animation: false,
      grid: { left: 64, right: 56, top: 8, bottom: 28 },
      tooltip: { ...tooltipStyle(p), formatter: (x: { value: [number, number, number] }) => `${c.symbols[x.value[1]]} / ${c.symbols[x.value[0]]}<br/>ρ = ${x.value[2].toFixed(2)}` },
      xAxis: { type: 'category', data: names, ...ax, splitLine: { show: false }, axisLabel: { ...(ax.axisLabel as object), interval: 0 } },
      yAxis: { type: 'category', data: names, inverse: true, ...ax, splitLine: { show: false }, axisLabel: { ...(ax.axisLabel as object), interval: 0 } },
      visualMap: corrVisualMap(p),
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: n <= 12, color: p.text, fontFamily: p.mono, fontSize: 10, formatter: (x: { value: [number, number, number] }) => x.value[2].toFixed(2) },
          itemStyle: { borderColor: p.bg1, borderWidth: 1 },
          emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } },
        },
      ],
    };
  }, [c, n, p]);

  return (
    <Panel
      title="Correlation (cluster-ordered)"
      aside={
        <span className="rk-asof num" title="Mean and maximum of the off-diagonal correlations">
          avg ρ <b data-testid="corr-avg">{c.avgPairwise.toFixed(2)}</b> · max ρ <b>{c.maxPairwise.toFixed(2)}</b>
        </span>
      }
    >
      {n < 2 ? (
        <EmptyNote>Correlation needs at least two underlyings with history; the book has {n}.</EmptyNote>
      ) : (
        <>
          <div title={CORR_TITLE}>
            <EChart option={option} height={Math.max(220, 30 * n + 40)} label={`Correlation matrix heatmap of ${n} underlyings, cluster-ordered`} testId="corr-heatmap" />
          </div>
          <div className="rk-chips" aria-label="Clusters">
            {c.clusters.map((cl, i) => (
              <span className="rk-chip" key={cl.join()} title="A cluster: average-linkage clustering cut at correlation 0.7">
                <b>C{i + 1}</b> {cl.map(shortSym).join(' · ')}
              </span>
            ))}
          </div>
          <table className="sr-only" aria-label="Correlation matrix">
            <thead>
              <tr>
                <th scope="col">Underlying</th>
                {c.symbols.map((s) => (
                  <th scope="col" key={s}>{s}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.matrix.map((row, i) => (
                <tr key={c.symbols[i]}>
                  <th scope="row">{c.symbols[i]}</th>
                  {row.map((v, j) => (
                    <td key={c.symbols[j]} data-testid={`corr-${i}-${j}`}>{v.toFixed(2)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
