// The hedge monitor's figures (protection value, cost drag, activation rate, response times) and
// the effectiveness chart: per executed proposal, the loss reduction expected at the tail shock
// against what its legs have actually made since.
import { useMemo } from 'react';
import type { HedgeMonitor } from '../../../../shared/contract/index';
import { EChart, type EChartsCoreOption } from '../../charts/echart';
import { fmtInt, fmtMoney, fmtPct, fmtTime } from '../../format';
import { axisStyle, EmptyNote, Metric, Panel, tooltipStyle, usdShort, usePalette, type Palette } from '../risk/shared';

/** 850 ms, 12.4 s, 3m 05s. */
export function fmtMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${fmtInt(Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** Values on the bars: a small actual next to a large expected would otherwise be invisible. */
const barLabel = (p: Palette): Record<string, unknown> => ({ show: true, position: 'top', color: p.text2, fontFamily: p.mono, fontSize: 10, formatter: (x: { value: number }) => usdShort(x.value) });

function effectivenessOption(p: Palette, rows: HedgeMonitor['effectiveness']): EChartsCoreOption {
  const cats = rows.map((r) => fmtTime(r.ts, true));
  return {
    animation: false,
    grid: { left: 52, right: 10, top: 26, bottom: 24 },
    legend: { top: 0, right: 0, textStyle: { color: p.text2, fontSize: 11 }, itemWidth: 10, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      ...tooltipStyle(p),
      // The axis keeps the short time; the tooltip names the proposal and the actual/expected ratio.
      formatter: (ps: { dataIndex: number; seriesName: string; value: number; marker: string }[]) => {
        const r = rows[ps[0]?.dataIndex ?? 0];
        const lines = ps.map((x) => `${x.marker}${x.seriesName}: ${fmtMoney(x.value, { sign: true })} USD`);
        return [`${r.proposalId} · ${fmtTime(r.ts, true)} UTC`, ...lines, r.ratio === null ? '' : `actual / expected ${r.ratio.toFixed(2)}`].filter(Boolean).join('<br/>');
      },
    },
    xAxis: { type: 'category', data: cats, ...axisStyle(p), splitLine: { show: false } },
    yAxis: { type: 'value', ...axisStyle(p), axisLabel: { ...(axisStyle(p).axisLabel as object), formatter: (v: number) => usdShort(v) } },
    series: [
      { name: 'Expected at the shock', type: 'bar', data: rows.map((r) => r.expectedReduction), itemStyle: { color: p.text3 }, barMaxWidth: 22, label: barLabel(p) },
      { name: 'Actual (hedge P&L since)', type: 'bar', data: rows.map((r) => ({ value: r.actualReduction, itemStyle: { color: r.actualReduction >= 0 ? p.ok : p.bad } })), barMaxWidth: 22, label: barLabel(p) },
    ],
  };
}

export function MonitorPanel({ monitor }: { monitor: HedgeMonitor | undefined }) {
  const p = usePalette();
  const eff = monitor?.effectiveness;
  const option = useMemo(() => (eff && eff.length > 0 ? effectivenessOption(p, eff) : undefined), [p, eff]);
  if (!monitor)
    return (
      <Panel title="Monitor">
        <EmptyNote>Loading the hedge monitor…</EmptyNote>
      </Panel>
    );
  const m = monitor;
  const rt = m.responseTimes;
  return (
    <Panel title="Monitor" className="hg-monitor" aside={<span className="rk-asof num">{fmtTime(m.ts, true)} UTC</span>}>
      <div className="kpis hg-kpis">
        <Metric
          label="Protection · USD"
          value={fmtMoney(m.protection.value, { compact: true })}
          sub={`at ${fmtPct(m.protection.shock, 0)}: ${usdShort(m.protection.lossWithout)} → ${usdShort(m.protection.lossWith)}`}
          title={`Book loss at the tail shock (every underlying ${fmtPct(m.protection.shock, 0)}, full revaluation) without the active hedges minus with them, USD`}
          testId="mon-protection"
        />
        <Metric
          label="Hedge P&L · USD"
          value={fmtMoney(m.totalPnl, { sign: true })}
          sub={`${m.hedges.filter((h) => h.status === 'active').length} active leg(s)`}
          title="Sum of the mark-to-market P&L of every hedge leg, active and closed: qty × multiplier × (mark − entry) − fees (USD)"
          tone={m.totalPnl > 0 ? 'pos' : m.totalPnl < 0 ? 'neg' : ''}
          testId="mon-pnl"
        />
        <Metric
          label="Cost drag · /yr"
          value={fmtPct(m.costDrag.annualised, 2)}
          sub={`paid ${usdShort(m.costDrag.premiumPaid + m.costDrag.fundingPaid)} USD`}
          title="Run rate of the active hedges over equity, per year: Σ option premium × 365 / tenor days + Σ annual carry (funding). Paid = premium + fees + funding so far, cumulative (USD)"
          tone={m.costDrag.annualised > 0.05 ? 'warn' : ''}
          testId="mon-cost-drag"
        />
        <Metric
          label="Activation"
          value={m.activationRate === null ? '—' : fmtPct(m.activationRate, 0)}
          sub={`of ${m.signals} signalled`}
          title="Executed ÷ proposals raised by a signal (score crossing or preservation level 2); reviews and manual proposals are not counted"
          testId="mon-activation"
        />
        <Metric
          label="Detect → propose"
          value={fmtMs(rt.detectToProposalMs)}
          sub={`median of ${rt.samples} executed`}
          title="Median time from the HEDGE signal (detection) to the proposal being stored, over executed proposals"
          testId="mon-detect"
        />
        <Metric
          label="Propose → execute"
          value={fmtMs(rt.proposalToExecutionMs)}
          sub={`median of ${rt.samples} executed`}
          title="Median time from the proposal to its execution (the approval in propose mode, immediate in auto mode)"
          testId="mon-execute"
        />
      </div>
      <div className="rk-sub hg-eff-head" title="Per executed proposal: expected = tail loss before − after at the proposal (USD); actual = P&L of its hedge legs since execution (USD). Actual equals expected only if the tail shock happens">
        Effectiveness · expected vs actual loss reduction, USD
      </div>
      {option ? <EChart option={option} height={170} label="Hedge effectiveness: expected against actual loss reduction per executed proposal" testId="hedging-effectiveness" replace /> : <div className="ov-empty hg-eff-empty">No executed hedge yet: bars appear per executed proposal.</div>}
    </Panel>
  );
}
