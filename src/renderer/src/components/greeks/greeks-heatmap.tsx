// Strike × expiry heatmap of one Greek for the options on one underlying (cells sum the positions
// at that strike and expiry), diverging around 0.
import { useMemo, useState } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { EChart } from '../../charts/echart';
import { fmtMoney, fmtScaled, usdScale } from '../../format';
import { EmptyNote, Panel, axisStyle, pnlVisualMap, tooltipStyle, usePalette } from '../risk/shared';
import { scaleEnds } from '../stress/stress-grid-panel';

type Greek = 'delta' | 'gamma' | 'vega' | 'theta';
export const GREEK_UNITS: Record<Greek, { label: string; title: string }> = {
  delta: { label: 'Delta', title: 'USD delta: qty × multiplier × Δ × spot — USD per 100 % move (× 0.01 = P&L of a 1 % move)' },
  gamma: { label: 'Gamma', title: 'Change in USD delta for a +1 % move of the underlying: qty × multiplier × Γ × S² × 0.01' },
  vega: { label: 'Vega', title: 'USD per 1 implied-volatility point (σ + 0.01)' },
  theta: { label: 'Theta', title: 'USD per calendar day (∂V/∂t / 365; negative = time decay)' },
};

/** Strikes as listed: integers without decimals (110,000), fractional strikes as given (0.35). */
export const fmtStrike = (k: number): string => k.toLocaleString('en-US', { maximumFractionDigits: 4 });

const expiryLabel = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function GreeksHeatmap({ rows }: { rows: RiskSnapshot['optionGreeks'] }) {
  const p = usePalette();
  const unders = useMemo(() => [...new Set(rows.map((r) => r.underlying))], [rows]);
  const [under, setUnder] = useState<string | undefined>();
  const [greek, setGreek] = useState<Greek>('delta');
  const u = under !== undefined && unders.includes(under) ? under : unders[0];
  const mine = useMemo(() => rows.filter((r) => r.underlying === u), [rows, u]);
  const option = useMemo(() => {
    const strikes = [...new Set(mine.map((r) => r.strike))].sort((a, b) => a - b);
    const expiries = [...new Set(mine.map((r) => r.expiryMs))].sort((a, b) => a - b);
    const cells = new Map<string, number>();
    for (const r of mine) cells.set(`${r.expiryMs}|${r.strike}`, (cells.get(`${r.expiryMs}|${r.strike}`) ?? 0) + r[greek]);
    const data: [number, number, number][] = [];
    let maxAbs = 0;
    expiries.forEach((e, xi) =>
      strikes.forEach((k, yi) => {
        const v = cells.get(`${e}|${k}`);
        if (v === undefined) return;
        maxAbs = Math.max(maxAbs, Math.abs(v));
        data.push([xi, yi, v]);
      }),
    );
    const ax = axisStyle(p);
    // One unit for every cell and for the colour scale's ends.
    const unit = usdScale(maxAbs);
    return {
      animation: false,
      grid: { left: 72, right: 72, top: 8, bottom: 40 },
      tooltip: { ...tooltipStyle(p), formatter: (x: { value: [number, number, number] }) => `${u ?? ''} ${fmtStrike(strikes[x.value[1]])} · ${expiryLabel(expiries[x.value[0]])}<br/>${GREEK_UNITS[greek].label} ${fmtMoney(x.value[2], { sign: true })} USD` },
      xAxis: { type: 'category', data: expiries.map(expiryLabel), name: 'Expiry', nameLocation: 'middle', nameGap: 24, nameTextStyle: { color: p.text3, fontSize: 10 }, ...ax, splitLine: { show: false } },
      yAxis: { type: 'category', data: strikes.map(fmtStrike), name: 'Strike', nameLocation: 'middle', nameGap: 60, nameTextStyle: { color: p.text3, fontSize: 10 }, ...ax, splitLine: { show: false } },
      visualMap: { ...pnlVisualMap(p, maxAbs), ...scaleEnds(maxAbs, unit) },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: true, color: p.text, fontFamily: p.mono, fontSize: 10, formatter: (x: { value: [number, number, number] }) => fmtScaled(x.value[2], unit) },
          itemStyle: { borderColor: p.bg1, borderWidth: 1 },
        },
      ],
    };
  }, [mine, greek, u, p]);
  return (
    <Panel
      title="Strike × expiry"
      aside={
        <div className="rk-replay-controls">
          <select className="input input-sm" aria-label="Underlying" value={u ?? ''} onChange={(e) => setUnder(e.target.value)} disabled={unders.length === 0}>
            {unders.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
          <div className="seg" role="radiogroup" aria-label="Greek">
            {(Object.keys(GREEK_UNITS) as Greek[]).map((g) => (
              <button key={g} type="button" role="radio" aria-checked={greek === g} className={`seg-btn ${greek === g ? 'on' : ''}`} title={GREEK_UNITS[g].title} onClick={() => setGreek(g)}>
                {GREEK_UNITS[g].label}
              </button>
            ))}
          </div>
        </div>
      }
    >
      {mine.length === 0 ? (
        <EmptyNote>No option positions: the book’s Greeks come from linear positions only (delta).</EmptyNote>
      ) : (
        <div title={`${GREEK_UNITS[greek].title}; each cell sums the option positions at that strike and expiry`}>
          <EChart option={option} height={Math.max(200, 44 * new Set(mine.map((r) => r.strike)).size + 60)} label={`${GREEK_UNITS[greek].label} by strike and expiry for ${u ?? ''} options`} testId="greeks-heatmap" />
        </div>
      )}
    </Panel>
  );
}
