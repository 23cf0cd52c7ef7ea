// Live backtest of the historical VaR: daily P&L against the one-day-ahead −VaR lines, exceptions
// marked, Kupiec / Christoffersen statistics and the Basel traffic light.
import { useMemo } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { EChart } from '../../charts/echart';
import { fmtMoney } from '../../format';
import { EmptyNote, Panel, axisStyle, tooltipStyle, usdShort, usePalette, useStable } from './shared';

type Backtest = NonNullable<RiskSnapshot['backtest']>;

const BT_TITLE =
  'Hypothetical P&L: today’s book on each past day’s returns (USD). VaR for each day is the historical-simulation VaR (numpy linear quantile) of the window of P&Ls before it — one day ahead, out of sample. Exception: P&L < −VaR.';
const KUPIEC = 'Kupiec proportion-of-failures LR test, χ²(1): is the exception rate equal to 1 − c? p < 0.05 rejects the model';
const CHRIST = 'Christoffersen independence LR test, χ²(1), first-order Markov: do exceptions cluster? p < 0.05 rejects independence';
const ZONE = 'Basel traffic light for the exception count over the evaluated days: green while the binomial(n, 1 − c) CDF < 95 %, yellow while < 99.99 %, red beyond (n = 250, 99 %: green 0-4, yellow 5-9, red ≥ 10)';

function Light({ zone }: { zone: 'green' | 'yellow' | 'red' }) {
  return (
    <span className="rk-light" role="img" aria-label={`Basel zone ${zone}`} title={ZONE} data-testid="basel-zone" data-zone={zone}>
      {(['green', 'yellow', 'red'] as const).map((z) => (
        <span key={z} className={`rk-lamp rk-lamp-${z} ${z === zone ? 'on' : ''}`} />
      ))}
      <b className={`rk-zone-${zone}`}>{zone.toUpperCase()}</b>
    </span>
  );
}

export function BacktestPanel({ risk }: { risk: RiskSnapshot }) {
  const p = usePalette();
  const bt = useStable(risk.backtest, JSON.stringify(risk.backtest));
  const option = useMemo(() => (bt ? chartOption(bt, p) : null), [bt, p]);
  if (!bt || !option)
    return (
      <Panel title="VaR backtest">
        <EmptyNote>The P&L history is too short to backtest (needs 40 days).</EmptyNote>
      </Panel>
    );
  const l99 = bt.levels['0.99'];
  return (
    <Panel title={`VaR backtest · historical · ${bt.days} days`} aside={<Light zone={l99.zone} />}>
      <div title={BT_TITLE}>
        <EChart option={option} height={210} label={`Daily P&L over ${bt.days} days against minus VaR 95 % and 99 %, ${l99.count} exceptions at 99 %`} testId="backtest-chart" />
      </div>
      <table className="grid rk-table" aria-label="VaR backtest statistics">
        <thead>
          <tr>
            <th>Level</th>
            <th className="num" title="Exceptions observed / expected (n × (1 − c))">Exceptions</th>
            <th className="num" title={KUPIEC}>Kupiec LR</th>
            <th className="num" title={KUPIEC}>p</th>
            <th className="num" title={CHRIST}>Christoffersen LR</th>
            <th className="num" title={CHRIST}>p</th>
            <th title={ZONE}>Zone</th>
          </tr>
        </thead>
        <tbody>
          {(['0.95', '0.99'] as const).map((k) => {
            const l = bt.levels[k];
            return (
              <tr key={k} data-testid={`bt-row-${k}`}>
                <td>{k === '0.95' ? '95%' : '99%'}</td>
                <td className="num" data-testid={`bt-exceptions-${k}`} title={`Green up to ${l.greenMax}, yellow up to ${l.yellowMax} exceptions`}>
                  {l.count} / {l.expected.toFixed(1)}
                </td>
                <td className="num">{l.kupiec.lr.toFixed(2)}</td>
                <td className={`num ${l.kupiec.p < 0.05 ? 'neg' : ''}`}>{l.kupiec.p.toFixed(3)}</td>
                <td className="num">{l.christoffersen.lr.toFixed(2)}</td>
                <td className={`num ${l.christoffersen.p < 0.05 ? 'neg' : ''}`}>{l.christoffersen.p.toFixed(3)}</td>
                <td>
                  <span className={`rk-zone rk-zone-${l.zone}`}>{l.zone}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="rk-foot muted">Window {bt.window} days, re-estimated daily; p-values from χ²(1). A zone refers to the count in this evaluation period only.</div>
    </Panel>
  );
}

function chartOption(bt: Backtest, p: ReturnType<typeof usePalette>): Record<string, unknown> {
  const n = bt.pnl.length;
  const days = bt.pnl.map((_, i) => `t−${n - i}`);
  const hit99 = new Set(bt.levels['0.99'].exceptions);
  const hit95 = new Set(bt.levels['0.95'].exceptions);
  const ax = axisStyle(p);
  return {
    animation: false,
    grid: { left: 56, right: 8, top: 24, bottom: 22 },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: p.text2, fontSize: 10 } },
    tooltip: { ...tooltipStyle(p), trigger: 'axis', valueFormatter: (x: number) => `${fmtMoney(x)} USD` },
    xAxis: { type: 'category', data: days, ...ax, splitLine: { show: false }, axisLabel: { ...(ax.axisLabel as object), interval: Math.max(0, Math.floor(n / 6) - 1) } },
    yAxis: { type: 'value', ...ax, axisLabel: { ...(ax.axisLabel as object), formatter: (x: number) => usdShort(x) } },
    series: [
      {
        name: 'P&L',
        type: 'bar',
        itemStyle: { color: p.text3 },
        barCategoryGap: '20%',
        data: bt.pnl.map((v, i) => ({ value: v, itemStyle: { color: hit99.has(i) ? p.bad : hit95.has(i) ? p.warn : p.text3 } })),
      },
      { name: '−VaR 95%', type: 'line', step: 'end', symbol: 'none', lineStyle: { color: p.warn, width: 1 }, itemStyle: { color: p.warn }, data: bt.levels['0.95'].var.map((v) => -v) },
      { name: '−VaR 99%', type: 'line', step: 'end', symbol: 'none', lineStyle: { color: p.bad, width: 1.2 }, itemStyle: { color: p.bad }, data: bt.levels['0.99'].var.map((v) => -v) },
    ],
  };
}
