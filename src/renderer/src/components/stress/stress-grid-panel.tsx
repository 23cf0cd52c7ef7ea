// The price × implied-vol stress grid as a diverging P&L heatmap (red loss, green gain, centred on
// 0), the worst cell outlined, and the grid as an accessible table.
import { useMemo } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { EChart } from '../../charts/echart';
import { fmtMoney, fmtPct, fmtScaled, usdScale, type UsdScale } from '../../format';
import { Panel, axisStyle, pnlVisualMap, tooltipStyle, usePalette } from '../risk/shared';

export const GRID_TITLE =
  'Full revaluation, instantaneous: every underlying moves by the price shock (S × (1 + s)), every option’s implied vol by the RELATIVE vol shock (σ × (1 + v)), rates unchanged (the rate slice 0 bp); linear positions feel price only. P&L vs now, USD.';

/**
 * Min/max labels for a symmetric diverging colour scale (ECharts visualMap `text`: [top, bottom]),
 * in the same unit as the cells, so the colours can be read as amounts.
 */
export function scaleEnds(maxAbs: number, unit: UsdScale): { text: [string, string]; textGap: number; itemHeight: number } {
  const m = maxAbs > 0 ? maxAbs : 1;
  return { text: [fmtScaled(m, unit, true), fmtScaled(-m, unit)], textGap: 6, itemHeight: 120 };
}

const pct = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(Math.round(x * 100))}%`;

export function StressGridPanel({ risk }: { risk: RiskSnapshot }) {
  const p = usePalette();
  const s = risk.stress;
  const option = useMemo(() => {
    const data: { value: [number, number, number]; itemStyle?: Record<string, unknown> }[] = [];
    let maxAbs = 0;
    let worst = { ip: 0, iv: 0, v: Infinity };
    s.grid.forEach((row, ip) =>
      row.forEach((v, iv) => {
        maxAbs = Math.max(maxAbs, Math.abs(v));
        if (v < worst.v) worst = { ip, iv, v };
      }),
    );
    s.grid.forEach((row, ip) =>
      row.forEach((v, iv) => {
        const isWorst = ip === worst.ip && iv === worst.iv;
        data.push({ value: [ip, iv, v], ...(isWorst ? { itemStyle: { borderColor: p.text, borderWidth: 2 } } : {}) });
      }),
    );
    const ax = axisStyle(p);
    // One unit for every cell and for the colour scale's ends (no "−9170" next to "−16.2k").
    const unit = usdScale(maxAbs);
    return {
      animation: false,
      grid: { left: 84, right: 72, top: 8, bottom: 40 },
      tooltip: {
        ...tooltipStyle(p),
        formatter: (x: { value: [number, number, number] }) =>
          `price ${pct(s.priceShocks[x.value[0]])} · vol ${pct(s.volShocks[x.value[1]])}<br/>P&L ${fmtMoney(x.value[2], { sign: true })} USD`,
      },
      xAxis: { type: 'category', data: s.priceShocks.map(pct), name: 'Price shock', nameLocation: 'middle', nameGap: 24, nameTextStyle: { color: p.text3, fontSize: 10 }, ...ax, splitLine: { show: false } },
      yAxis: { type: 'category', data: s.volShocks.map(pct), name: 'Vol shock (rel.)', nameLocation: 'middle', nameGap: 52, nameTextStyle: { color: p.text3, fontSize: 10 }, ...ax, splitLine: { show: false } },
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
  }, [s, p]);
  const base = risk.equity > 0 ? risk.equity : 1;
  return (
    <Panel
      title="Price × vol grid · USD"
      aside={
        <span className="rk-asof num" title="Lowest P&L over all 175 cells of the grid (price × vol × rate −200…+200 bp)">
          worst <b className="neg" data-testid="stress-worst">{fmtMoney(s.worst.pnl, { sign: true, compact: true })}</b> ({fmtPct(s.worst.pnl / base, 1)}) · {pct(s.worst.price)} / vol {pct(s.worst.vol)} / {s.worst.rate > 0 ? '+' : ''}
          {s.worst.rate} bp
        </span>
      }
    >
      <div title={GRID_TITLE}>
        <EChart option={option} height={300} label={`Stress grid heatmap: P&L for ${s.priceShocks.length} price shocks by ${s.volShocks.length} volatility shocks`} testId="stress-grid" />
      </div>
      <table className="sr-only" aria-label="Stress grid P&L">
        <thead>
          <tr>
            <th scope="col">Price shock</th>
            {s.volShocks.map((v) => (
              <th scope="col" key={v}>vol {pct(v)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {s.grid.map((row, ip) => (
            <tr key={s.priceShocks[ip]}>
              <th scope="row">{pct(s.priceShocks[ip])}</th>
              {row.map((v, iv) => (
                <td key={s.volShocks[iv]} data-testid={`grid-${ip}-${iv}`}>{fmtMoney(v, { sign: true })}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
