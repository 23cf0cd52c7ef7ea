// The named stress scenarios: P&L after liquidity cost, the cost itself, and a bar per scenario.
import { useMemo } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { EChart } from '../../charts/echart';
import { fmtMoney, fmtPct, fmtScaled, usdScale } from '../../format';
import { Panel, axisStyle, tone, tooltipStyle, usePalette } from '../risk/shared';

const SC_TITLE =
  'Named scenario (src/engine/risk/stress-scenarios.ts): relative price and implied-vol moves by asset class, beta-scaled where stated, a parallel rate shift, then the exit cost (½ spread + fire-sale haircut on |shocked value|). P&L = market P&L − liquidity cost, USD, instantaneous.';

export function ScenariosPanel({ risk }: { risk: RiskSnapshot }) {
  const p = usePalette();
  const rows = useMemo(() => [...risk.scenarios].sort((a, b) => a.pnl - b.pnl), [risk.scenarios]);
  const option = useMemo(() => {
    const ax = axisStyle(p);
    const unit = usdScale(Math.max(0, ...rows.map((r) => Math.abs(r.pnl))));
    return {
      animation: false,
      grid: { left: 150, right: 64, top: 4, bottom: 4 },
      tooltip: { ...tooltipStyle(p), trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x: number) => `${fmtMoney(x, { sign: true })} USD` },
      xAxis: { type: 'value', ...ax, axisLabel: { show: false }, splitLine: { show: false } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), ...ax },
      series: [
        {
          type: 'bar',
          barMaxWidth: 14,
          data: rows.map((r) => ({ value: r.pnl, itemStyle: { color: r.pnl >= 0 ? p.ok : p.bad } })),
          label: { show: true, position: 'right', color: p.text2, fontFamily: p.mono, fontSize: 10, formatter: (x: { value: number }) => fmtScaled(x.value, unit) },
        },
      ],
    };
  }, [rows, p]);
  const base = risk.equity > 0 ? risk.equity : 1;
  return (
    <Panel title="Named scenarios · USD">
      <div title={SC_TITLE}>
        <EChart option={option} height={rows.length * 24 + 12} label="Named scenario P&L, bar chart" testId="scenarios-chart" />
      </div>
      <table className="grid rk-table" aria-label="Named scenarios">
        <thead>
          <tr>
            <th>Scenario</th>
            <th className="num" title="Market P&L − liquidity cost (USD)">P&L</th>
            <th className="num" title="P&L as a fraction of equity">% equity</th>
            <th className="num" title="Exit cost: ½ × spread × |shocked value| + haircut × |shocked value| (USD)">Liquidity cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} title={SC_TITLE} data-testid="scenario-row">
              <td>{r.name}</td>
              <td className={`num ${tone(r.pnl)}`}>{fmtMoney(r.pnl, { sign: true, compact: true })}</td>
              <td className={`num ${tone(r.pnl)}`}>{fmtPct(r.pnl / base, 1, true)}</td>
              <td className="num">{fmtMoney(r.liquidityCost, { compact: true })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
