// The four VaR models side by side at 95 % and 99 % (1 day, USD, positive = loss): a table with
// every figure and its convention, and a grouped bar chart.
import { useMemo } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { EChart } from '../../charts/echart';
import { fmtMoney, fmtPct } from '../../format';
import { Panel, axisStyle, tooltipStyle, usdShort, usePalette, useStable } from './shared';

interface Row {
  key: string;
  name: string;
  title: string;
  v95: number;
  c95: number | null;
  v99: number;
  c99: number | null;
  note?: string;
}

function rowsOf(r: RiskSnapshot): Row[] {
  const v = r.var;
  const w = `${r.lookbackDays}-day window`;
  return [
    { key: 'historical', name: 'Historical', title: `Historical simulation: today’s book revalued on each day of the ${w}; numpy 'linear' quantile; CVaR = mean loss at or beyond VaR`, v95: v.historical['0.95'].var, c95: v.historical['0.95'].cvar, v99: v.historical['0.99'].var, c99: v.historical['0.99'].cvar },
    { key: 'parametric', name: 'Parametric', title: `Gaussian on the book P&L of the ${w}: VaR = −(μ + σ·Φ⁻¹(1 − c)), σ with ddof 1; CVaR = −μ + σ·φ(Φ⁻¹(c))/(1 − c)`, v95: v.parametric['0.95'].var, c95: v.parametric['0.95'].cvar, v99: v.parametric['0.99'].var, c99: v.parametric['0.99'].cvar },
    { key: 'cornishFisher', name: 'Cornish-Fisher', title: `Gaussian quantile corrected for the skewness and excess kurtosis of the ${w} (modified VaR); no CVaR`, v95: v.cornishFisher['0.95'].var, c95: null, v99: v.cornishFisher['0.99'].var, c99: null },
    {
      key: 'monteCarlo', name: 'Monte Carlo', title: `Monte Carlo: correlated log-return paths from the Ledoit-Wolf covariance of the ${w}, full option revaluation, antithetic, fixed seed (no flicker); SE is the standard error of the estimate`,
      v95: v.monteCarlo['0.95'].var, c95: v.monteCarlo['0.95'].cvar, v99: v.monteCarlo['0.99'].var, c99: v.monteCarlo['0.99'].cvar,
      note: `SE ±${usdShort(v.monteCarlo['0.99'].varSe)}`,
    },
  ];
}

export function VarModelsPanel({ risk }: { risk: RiskSnapshot }) {
  const p = usePalette();
  const fresh = useMemo(() => rowsOf(risk), [risk]);
  const rows = useStable(fresh, JSON.stringify(fresh));
  const eq = risk.equity;
  const option = useMemo(() => {
    const ax = axisStyle(p);
    return {
      animation: false,
      grid: { left: 56, right: 8, top: 24, bottom: 22 },
      legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 8, textStyle: { color: p.text2, fontSize: 10 } },
      tooltip: { ...tooltipStyle(p), trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x: number) => `${fmtMoney(x)} USD` },
      xAxis: { type: 'category', data: rows.map((r) => r.name), ...ax, splitLine: { show: false } },
      yAxis: { type: 'value', ...ax, axisLabel: { ...(ax.axisLabel as object), formatter: (x: number) => usdShort(x) } },
      series: [
        { name: 'VaR 95%', type: 'bar', barMaxWidth: 18, itemStyle: { color: p.warn }, data: rows.map((r) => r.v95) },
        { name: 'VaR 99%', type: 'bar', barMaxWidth: 18, itemStyle: { color: p.bad }, data: rows.map((r) => r.v99) },
      ],
    };
  }, [rows, p]);
  const cell = (x: number | null, testId?: string) => (
    <td className="num" data-testid={testId}>
      {x === null ? <span className="muted">n/a</span> : fmtMoney(x, { compact: true })}
    </td>
  );
  return (
    <Panel title="VaR model comparison · 1 day · USD">
      <table className="grid rk-table" aria-label="VaR by model">
        <thead>
          <tr>
            <th>Model</th>
            <th className="num" title="95 % one-day Value at Risk (positive = loss, USD)">VaR 95%</th>
            <th className="num" title="Expected shortfall beyond the 95 % VaR (USD)">CVaR 95%</th>
            <th className="num" title="99 % one-day Value at Risk (positive = loss, USD)">VaR 99%</th>
            <th className="num" title="Expected shortfall beyond the 99 % VaR (USD)">CVaR 99%</th>
            <th className="num" title="VaR 99 % as a fraction of equity">% equity</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} title={r.title}>
              <td>
                {r.name} {r.note && <span className="muted num">{r.note}</span>}
              </td>
              {cell(r.v95)}
              {cell(r.c95)}
              {cell(r.v99, `var99-${r.key}`)}
              {cell(r.c99)}
              <td className="num">{eq > 0 ? fmtPct(r.v99 / eq) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <EChart option={option} height={170} label="VaR 95 % and 99 % by model, bar chart" testId="var-models-chart" />
    </Panel>
  );
}
