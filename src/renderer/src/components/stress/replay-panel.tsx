// Historical replay: pick a crisis window, run it in the engine (off the tick path), follow the
// engine's `stress.progress` pushes on a progress bar, then read the equity path, the daily P&L with
// its worst day, the max drawdown and the time to recovery.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReplayProgress, ReplayResult, ReplayScenarioId } from '../../../../shared/contract/index';
import { ApiError, call, getTransport } from '../../api';
import { EChart } from '../../charts/echart';
import { fmtMoney, fmtPct } from '../../format';
import { Metric, Panel, axisStyle, tooltipStyle, usdShort, usePalette, type Palette } from '../risk/shared';

const SCENARIOS: { id: ReplayScenarioId; label: string; title: string }[] = [
  { id: '2000-2002', label: 'Dot-com 2000-02', title: 'S&P 500, 2000-01-03 … 2002-12-31 (dot-com bust)' },
  { id: '2008', label: 'GFC 2008', title: 'S&P 500, 2008-09-01 … 2008-11-30 (global financial crisis)' },
  { id: '2020', label: 'COVID 2020', title: 'S&P 500, 2020-02-19 … 2020-03-31 (COVID-19 crash)' },
];

const REPLAY_TITLE =
  'Today’s book, frozen (no rehedging, no time decay, options at today’s vol), replayed through the window: each underlying moves β × the S&P 500’s daily simple return, compounded from today’s spot. P&L vs today, USD.';

// The last result survives a page switch (the engine does not keep it).
let kept: ReplayResult | undefined;

export function ReplayPanel() {
  const p = usePalette();
  const [scenario, setScenario] = useState<ReplayScenarioId>(kept?.scenario ?? '2020');
  const [running, setRunning] = useState(false);
  const [pct, setPct] = useState(kept ? 100 : 0);
  const [result, setResult] = useState<ReplayResult | undefined>(kept);
  const [error, setError] = useState<string | undefined>();
  const runId = useRef<string | undefined>(undefined);

  useEffect(
    () =>
      getTransport().onPush((topic, data) => {
        if (topic !== 'stress.progress') return;
        const m = data as ReplayProgress;
        if (m.id === runId.current) setPct(m.pct);
      }),
    [],
  );

  const run = async (): Promise<void> => {
    const id = `ui-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
    runId.current = id;
    setRunning(true);
    setPct(0);
    setError(undefined);
    try {
      const r = await call('stress.replay', { scenario, id });
      kept = r;
      setResult(r);
      setPct(100); // the last push may still be in the host's 4 Hz coalescer
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Panel
      title="Historical replay"
      className="rk-replay"
      aside={
        <div className="rk-replay-controls">
          <div className="seg" role="radiogroup" aria-label="Replay window">
            {SCENARIOS.map((s) => (
              <button key={s.id} type="button" role="radio" aria-checked={scenario === s.id} className={`seg-btn ${scenario === s.id ? 'on' : ''}`} title={s.title} disabled={running} onClick={() => setScenario(s.id)}>
                {s.label}
              </button>
            ))}
          </div>
          <button type="button" className="btn btn-primary" disabled={running} onClick={() => void run()}>
            {running ? 'Replaying…' : 'Run replay'}
          </button>
        </div>
      }
    >
      <div className="rk-progress-row">
        <div className="rk-progress" role="progressbar" aria-label="Replay progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} data-testid="replay-progress">
          <div className="rk-progress-fill" style={{ width: `${pct}%` }} />
        </div>
        <span className="num rk-progress-pct">{Math.round(pct)}%</span>
      </div>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {result ? <ReplayResultView r={result} p={p} /> : !running && <div className="rk-empty">Pick a window and run the replay: today’s book is pushed through the S&P 500’s path, day by day.</div>}
    </Panel>
  );
}

function recoveryText(r: ReplayResult): { value: string; sub: string } {
  const rc = r.recovery;
  if (rc.status === 'no-drawdown') return { value: '—', sub: 'no drawdown in the window' };
  if (rc.status === 'recovered') return { value: `${rc.days} d`, sub: `back to the peak ${rc.date ?? ''}` };
  return { value: 'Not recovered', sub: rc.estimatedDays !== null ? `est. ${rc.estimatedDays.toLocaleString('en-US')} d at long-run drift` : 'no positive drift to recover' };
}

function ReplayResultView({ r, p }: { r: ReplayResult; p: Palette }) {
  const rec = recoveryText(r);
  const { equityOpt, dailyOpt } = useMemo(() => options(r, p), [r, p]);
  const last = r.pnl[r.pnl.length - 1] ?? 0;
  return (
    <div data-testid="replay-result" title={REPLAY_TITLE}>
      <div className="rk-sub">
        {r.name} · {r.dates.length} trading days · {r.positions} positions · equity {usdShort(r.equity)} USD · computed in {r.computeMs.toFixed(0)} ms
      </div>
      <div className="kpis rk-kpis-5">
        <Metric label="End P&L · USD" value={fmtMoney(last, { sign: true, compact: true })} sub={fmtPct(last / r.equity, 1, true)} title="Cumulative P&L on the window's last day vs today (USD)" tone={last < 0 ? 'neg' : last > 0 ? 'pos' : ''} />
        <Metric label="Worst day · USD" value={fmtMoney(r.worstDay.pnl, { sign: true, compact: true })} sub={r.worstDay.date ?? '—'} title="Most negative one-day change of the book's P&L in the window" tone="neg" testId="replay-worst-day" />
        <Metric
          label="Max drawdown"
          value={fmtPct(-r.maxDrawdown.pct, 1)}
          sub={`${usdShort(r.maxDrawdown.amount)} USD · trough ${r.maxDrawdown.troughDate ?? '—'}`}
          title="Largest peak-to-trough fall of equity + P&L in the window, as a fraction of the peak (the equity before the window counts as a peak)"
          tone={r.maxDrawdown.pct > 0 ? 'neg' : ''}
          testId="replay-max-dd"
        />
        <Metric label="Max loss · USD" value={fmtMoney(-r.maxLoss.amount, { compact: true })} sub={`${fmtPct(-r.maxLoss.pct, 1)} · ${r.maxLoss.date ?? '—'}`} title="Worst cumulative P&L vs today at any day of the window" tone={r.maxLoss.amount > 0 ? 'neg' : ''} />
        <Metric label="Recovery" value={rec.value} sub={rec.sub} title="Trading days from the drawdown's trough back to its previous peak inside the window; otherwise ln(peak/trough) / (β_book × the S&P's long-run mean daily log return)" testId="replay-recovery" />
      </div>
      <div className="rk-cols rk-cols-even">
        <EChart option={equityOpt} height={240} label={`Equity path through ${r.name}, with the S&P 500`} testId="replay-equity-chart" />
        <EChart option={dailyOpt} height={240} label={`Daily P&L through ${r.name}; worst day ${r.worstDay.date ?? ''}`} testId="replay-daily-chart" />
      </div>
    </div>
  );
}

function options(r: ReplayResult, p: Palette): { equityOpt: Record<string, unknown>; dailyOpt: Record<string, unknown> } {
  const ax = axisStyle(p);
  const daily = r.pnl.map((v, i) => v - (i > 0 ? r.pnl[i - 1] : 0));
  const worstIdx = r.worstDay.date ? r.dates.indexOf(r.worstDay.date) : -1;
  const x = { type: 'category', data: r.dates, ...ax, splitLine: { show: false }, axisLabel: { ...(ax.axisLabel as object), hideOverlap: true } };
  const legend = { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: p.text2, fontSize: 10 } };
  const peak = r.maxDrawdown.peakDate;
  const trough = r.maxDrawdown.troughDate;
  const equityOpt = {
    animation: false,
    grid: { left: 60, right: 48, top: 24, bottom: 22 },
    legend,
    tooltip: { ...tooltipStyle(p), trigger: 'axis' },
    xAxis: x,
    yAxis: [
      { type: 'value', scale: true, ...ax, axisLabel: { ...(ax.axisLabel as object), formatter: (v: number) => usdShort(v) } },
      { type: 'value', scale: true, ...ax, splitLine: { show: false }, axisLabel: { ...(ax.axisLabel as object), formatter: (v: number) => `${Math.round(v * 100)}%` } },
    ],
    series: [
      {
        name: 'Equity (USD)',
        type: 'line',
        symbol: 'none',
        lineStyle: { color: p.accent, width: 1.5 },
        itemStyle: { color: p.accent },
        areaStyle: { color: p.accent, opacity: 0.08 },
        data: r.equityPath,
        tooltip: { valueFormatter: (v: number) => `${fmtMoney(v)} USD` },
        markLine: { symbol: 'none', silent: true, lineStyle: { color: p.text3, type: 'dashed' }, label: { show: false }, data: [{ yAxis: r.equity }] },
        ...(peak && trough && r.maxDrawdown.amount > 0
          ? { markArea: { silent: true, itemStyle: { color: p.bad, opacity: 0.1 }, label: { show: true, color: p.bad, fontSize: 10, position: 'insideTop', formatter: 'max DD' }, data: [[{ xAxis: peak }, { xAxis: trough }]] } }
          : {}),
      },
      { name: 'S&P 500', type: 'line', yAxisIndex: 1, symbol: 'none', lineStyle: { color: p.text3, width: 1 }, itemStyle: { color: p.text3 }, data: r.benchmark, tooltip: { valueFormatter: (v: number) => fmtPct(v, 1, true) } },
    ],
  };
  const dailyOpt = {
    animation: false,
    grid: { left: 60, right: 12, top: 24, bottom: 22 },
    legend,
    tooltip: { ...tooltipStyle(p), trigger: 'axis', valueFormatter: (v: number) => `${fmtMoney(v, { sign: true })} USD` },
    xAxis: x,
    yAxis: { type: 'value', ...ax, axisLabel: { ...(ax.axisLabel as object), formatter: (v: number) => usdShort(v) } },
    series: [
      {
        name: 'Daily P&L (USD)',
        type: 'bar',
        itemStyle: { color: p.text3 },
        data: daily.map((v, i) => ({ value: v, itemStyle: { color: v >= 0 ? p.ok : p.bad, opacity: i === worstIdx ? 1 : 0.55 } })),
        ...(worstIdx >= 0
          ? { markPoint: { symbol: 'pin', symbolSize: 34, itemStyle: { color: p.bad }, label: { color: '#fff', fontSize: 9, formatter: 'worst' }, data: [{ coord: [worstIdx, daily[worstIdx]] }] } }
          : {}),
      },
    ],
  };
  return { equityOpt, dailyOpt };
}
