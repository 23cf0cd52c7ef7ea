// Distribution of the book's historical 1-day P&L (risk.pnlHistory: today's positions over the VaR
// lookback window) with the historical VaR 95/99 and CVaR 99 drawn where they sit on the loss side.
import { useMemo } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { EChart, type EChartsCoreOption } from '../../charts/echart';
import { useChartTheme, alpha } from '../../charts/lw-chart';
import { fmtMoney } from '../../format';

export interface Bin {
  lo: number;
  hi: number;
  count: number;
}

/**
 * Equal-width bins over [min, max]: k = ⌈√n⌉ clamped to 10…40 (a square-root rule: enough bars to
 * show a fat left tail on 60-250 days without leaving most bins empty). The max lands in the last bin.
 */
export function histogram(xs: readonly number[]): Bin[] {
  const vals = xs.filter((x) => Number.isFinite(x));
  if (vals.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of vals) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [{ lo: min, hi: max, count: vals.length }];
  const k = Math.min(40, Math.max(10, Math.ceil(Math.sqrt(vals.length))));
  const w = (max - min) / k;
  const bins: Bin[] = Array.from({ length: k }, (_, i) => ({ lo: min + i * w, hi: min + (i + 1) * w, count: 0 }));
  for (const v of vals) bins[Math.min(k - 1, Math.floor((v - min) / w))].count++;
  return bins;
}

const compact = (v: number): string => {
  const a = Math.abs(v);
  const s = a >= 1e6 ? `${(a / 1e6).toFixed(1)}M` : a >= 1e3 ? `${(a / 1e3).toFixed(0)}k` : a.toFixed(0);
  return `${v < 0 ? '−' : ''}${s}`;
};

export function PnlHistogram({ risk }: { risk: RiskSnapshot | undefined }) {
  const t = useChartTheme();
  const option = useMemo((): EChartsCoreOption | undefined => {
    if (!risk || risk.pnlHistory.length === 0) return undefined;
    const bins = histogram(risk.pnlHistory);
    const h = risk.var.historical;
    // Unlabelled lines (VaR 99 and CVaR 99 sit close and their labels would collide): the panel head is the legend.
    const mark = (x: number, name: string, color: string, type: 'solid' | 'dashed') => ({ xAxis: x, name, lineStyle: { color, type, width: 1.5 } });
    return {
      animation: false,
      textStyle: { fontFamily: t.font, color: t.text2 },
      grid: { left: 40, right: 14, top: 22, bottom: 36 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        backgroundColor: t.bg1,
        borderColor: t.line,
        textStyle: { color: t.text, fontFamily: t.mono, fontSize: 11 },
        formatter: (ps: { data: [number, number, number, number] }[]) => {
          const d = ps[0]?.data;
          return d ? `${fmtMoney(d[2])} … ${fmtMoney(d[3])}<br/>${d[1]} day${d[1] === 1 ? '' : 's'}` : '';
        },
      },
      xAxis: {
        type: 'value',
        scale: true,
        name: 'P&L per day (USD)',
        nameLocation: 'middle',
        nameGap: 22,
        nameTextStyle: { color: t.text3, fontSize: 10 },
        axisLabel: { color: t.text3, fontFamily: t.mono, fontSize: 10, formatter: compact },
        axisLine: { lineStyle: { color: t.line } },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        name: 'days',
        nameTextStyle: { color: t.text3, fontSize: 10 },
        minInterval: 1,
        axisLabel: { color: t.text3, fontFamily: t.mono, fontSize: 10 },
        splitLine: { lineStyle: { color: t.line } },
      },
      series: [
        {
          type: 'bar',
          barWidth: '92%',
          data: bins.map((b) => ({ value: [(b.lo + b.hi) / 2, b.count, b.lo, b.hi], itemStyle: { color: (b.lo + b.hi) / 2 < 0 ? alpha(t.bad, 0.7) : alpha(t.ok, 0.7) } })),
          markLine: {
            symbol: 'none',
            silent: true,
            label: { show: false },
            data: [mark(-h['0.95'].var, 'VaR95', t.warn, 'dashed'), mark(-h['0.99'].var, 'VaR99', t.bad, 'dashed'), mark(-h['0.99'].cvar, 'CVaR99', t.bad, 'solid')],
          },
        },
      ],
    };
  }, [risk, t]);

  return (
    <section className="panel ov-chart" aria-label="P&L distribution">
      <div className="panel-head">
        <h2 title="Histogram of the 1-day P&L today's book would have made on each day of the VaR lookback window (USD). Lines: historical VaR 95 % and 99 % (numpy 'linear' quantile, shown as losses) and CVaR 99 % (mean of the days beyond VaR 99).">
          P&amp;L distribution
        </h2>
        <span className="muted">{risk ? `${risk.pnlHistory.length} days` : ''}</span>
        <div className="spacer" />
        {risk && (
          <span className="ov-legend num">
            <span className="lg lg-warn">VaR95 {compact(risk.var.historical['0.95'].var)}</span>
            <span className="lg lg-bad">VaR99 {compact(risk.var.historical['0.99'].var)}</span>
            <span className="lg lg-bad lg-solid">CVaR99 {compact(risk.var.historical['0.99'].cvar)}</span>
          </span>
        )}
      </div>
      {option ? (
        <EChart option={option} height={350} replace label={`Histogram of ${risk?.pnlHistory.length ?? 0} daily P&L values with VaR 95, VaR 99 and CVaR 99 lines`} testId="pnl-histogram" />
      ) : (
        <div className="ov-empty" style={{ height: 350 }}>{risk ? 'No P&L history: the book is empty.' : 'Awaiting the first risk snapshot…'}</div>
      )}
    </section>
  );
}
