// Net exposure by asset class, sector and venue: one horizontal bar chart per grouping, long in
// green and short in red, with the book's gross / net / long / short above.
import { useMemo } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { EChart } from '../../charts/echart';
import { fmtMoney } from '../../format';
import { EmptyNote, Panel, axisStyle, tooltipStyle, usdShort, usePalette, useStable, type Palette } from './shared';

const EXPOSURE_TITLE =
  'Signed exposure in USD: market value for linear positions, delta-adjusted notional (qty × multiplier × Δ × spot) for options, so a long put is short exposure; grouped by the position’s field (no sector → unclassified)';

function bars(p: Palette, rec: Record<string, number>, asShare = false): { option: Record<string, unknown>; rows: number } {
  const entries = Object.entries(rec).sort((a, b) => (asShare ? Math.abs(b[1]) - Math.abs(a[1]) : b[1] - a[1]));
  const fmt = (v: number): string => (asShare ? `${(v * 100).toFixed(1)}%` : usdShort(v));
  const ax = axisStyle(p);
  return {
    rows: entries.length,
    option: {
      animation: false,
      grid: { left: 104, right: 56, top: 4, bottom: 4, containLabel: false },
      tooltip: { ...tooltipStyle(p), trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => (asShare ? fmt(v) : `${fmtMoney(v)} USD`) },
      xAxis: { type: 'value', ...ax, axisLabel: { show: false }, splitLine: { show: false } },
      yAxis: { type: 'category', data: entries.map((e) => e[0]), inverse: true, ...ax, axisLabel: { ...(ax.axisLabel as object), width: 96, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 14,
          data: entries.map(([, v]) => ({ value: asShare ? Math.abs(v) : v, itemStyle: { color: asShare ? p.accent : v >= 0 ? p.ok : p.bad } })),
          label: { show: true, position: 'right', color: p.text2, fontFamily: p.mono, fontSize: 10, formatter: (x: { value: number }) => fmt(x.value) },
        },
      ],
    },
  };
}

/** bars() memoised on the figures themselves (exact: the tooltips show full USD amounts). */
function useBars(p: Palette, rec: Record<string, number>, asShare = false): ReturnType<typeof bars> {
  const stable = useStable(rec, JSON.stringify(rec));
  return useMemo(() => bars(p, stable, asShare), [p, stable, asShare]);
}

const SHARE_TITLE = 'Share of each underlying in Σ|net exposure per underlying| (USD delta, options delta-adjusted): the weights sᵢ of the HHI Σ sᵢ²';

export function ExposurePanel({ risk }: { risk: RiskSnapshot }) {
  const p = usePalette();
  const e = risk.exposures;
  // Concentration: each underlying's |net USD delta| as a share of the sum — the weights behind the HHI.
  const byU = risk.greeks.byUnderlying;
  const total = Object.values(byU).reduce((a, g) => a + Math.abs(g.delta), 0);
  const shares = Object.fromEntries(Object.entries(byU).map(([u, g]) => [u, total > 0 ? Math.abs(g.delta) / total : 0]));
  // One memo per chart, so a snapshot redraws only the groupings whose figures changed.
  const groups = [
    { key: 'Asset class', title: EXPOSURE_TITLE, ...useBars(p, e.byAssetClass) },
    { key: 'Venue', title: EXPOSURE_TITLE, ...useBars(p, e.byVenue) },
    { key: 'Sector', title: EXPOSURE_TITLE, ...useBars(p, e.bySector) },
    { key: 'Concentration by underlying', title: SHARE_TITLE, ...useBars(p, shares, true) },
  ];
  return (
    <Panel
      title="Exposure"
      aside={
        <span className="rk-asof num" title={EXPOSURE_TITLE}>
          gross <b data-testid="exp-gross">{usdShort(e.gross)}</b> · net <b>{usdShort(e.net)}</b> · long {usdShort(e.long)} · short {usdShort(e.short)} USD
        </span>
      }
    >
      {e.gross === 0 ? (
        <EmptyNote>No exposure: the book is flat.</EmptyNote>
      ) : (
        <div className="rk-exposure">
          {groups.map((g) => (
            <div key={g.key} title={g.title}>
              <div className="rk-sub">{g.key}</div>
              <EChart option={g.option} height={Math.max(48, g.rows * 22 + 10)} label={g.key.startsWith('Concentration') ? 'Share of net exposure by underlying' : `Net exposure by ${g.key.toLowerCase()}`} />
            </div>
          ))}
        </div>
      )}
    </Panel>
  );
}
