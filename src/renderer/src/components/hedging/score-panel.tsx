// The tail-risk score: a gauge with the threshold marked, the score's recent trend, its four
// components, and the hedging mode with a quick switch (auto asks for confirmation first).
import { useMemo, useState } from 'react';
import type { HedgeMode, HedgingStatus } from '../../../../shared/contract/index';
import { call } from '../../api';
import { EChart, type EChartsCoreOption } from '../../charts/echart';
import { fmtPct, fmtTime } from '../../format';
import { errText } from '../controls-ui';
import { Modal } from '../modal';
import { axisStyle, Panel, tooltipStyle, usePalette, type Palette } from '../risk/shared';

export const SCORE_TITLE =
  'Tail-risk score: (0.6 × CVaR99/equity + 0.4 × worst stress loss/equity ÷ 4) × (1 + 0.5 × left-tail shape) × (1 + vol regime). ' +
  'A fraction of equity: 0.05 reads as an adjusted tail loss of 5 % of equity. A HEDGE signal is raised when it crosses the threshold; it re-arms 10 % below.';

/** Three decimals: the score is a fraction of equity and thresholds are set to about 0.001. */
export const fmtScore = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3));

/** Gauge maximum: a round number at least twice the threshold and above the score, so both stay readable. */
export function gaugeMax(score: number, threshold: number): number {
  const want = Math.max(2 * threshold, score * 1.15, 0.01);
  const mag = 10 ** Math.floor(Math.log10(want));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= want) return m * mag;
  return 10 * mag;
}

/** Gauge scale label: 0, half and the maximum only; '' hides the quarter marks' labels. */
export function gaugeLabel(v: number, max: number): string {
  const near = (x: number): boolean => Math.abs(v - x) <= max * 1e-9;
  if (near(0)) return '0';
  return near(max / 2) || near(max) ? String(Number(v.toPrecision(3))) : '';
}

function gaugeOption(p: Palette, score: number, thr: number): EChartsCoreOption {
  const max = gaugeMax(score, thr);
  const rearm = (0.9 * thr) / max;
  return {
    series: [
      {
        type: 'gauge', min: 0, max, startAngle: 210, endAngle: -30, radius: '96%', center: ['50%', '58%'], splitNumber: 4,
        axisLine: { lineStyle: { width: 12, color: [[rearm, p.ok], [thr / max, p.warn], [1, p.bad]] } },
        pointer: { length: '62%', width: 4, itemStyle: { color: p.text } },
        anchor: { show: true, size: 8, itemStyle: { color: p.text } },
        axisTick: { distance: -12, length: 5, lineStyle: { color: p.bg1, width: 1 } },
        splitLine: { distance: -12, length: 12, lineStyle: { color: p.bg1, width: 2 } },
        // Labels well inside the ticks (ticks reach 12 px in from the ring), and only at 0, half and
        // the maximum: five labels on a 176 px gauge crowded the ticks and the pointer.
        axisLabel: { distance: 22, color: p.text3, fontFamily: p.mono, fontSize: 9, formatter: (v: number) => gaugeLabel(v, max) },
        detail: { show: false },
        title: { show: false },
        data: [{ value: Math.min(score, max) }],
        animationDuration: 300,
      },
    ],
  };
}

function trendOption(p: Palette, trend: HedgingStatus['trend'], thr: number): EChartsCoreOption {
  const top = gaugeMax(Math.max(...trend.map((t) => t.score)), thr * 0.6);
  return {
    animation: false,
    grid: { left: 40, right: 8, top: 8, bottom: 22 },
    tooltip: { trigger: 'axis', ...tooltipStyle(p), valueFormatter: (v: number) => fmtScore(v) },
    xAxis: { type: 'time', ...axisStyle(p), splitLine: { show: false }, axisLabel: { ...(axisStyle(p).axisLabel as object), formatter: (v: number) => fmtTime(v, true), hideOverlap: true } },
    // An explicit interval of a quarter of the (round) maximum: with only splitNumber ECharts picked
    // 0.03 steps and then added the 0.100 maximum 0.010 above the 0.090 line, crowding the top.
    yAxis: { type: 'value', min: 0, max: top, interval: top / 4, ...axisStyle(p), axisLabel: { ...(axisStyle(p).axisLabel as object), formatter: (v: number) => fmtScore(v) } },
    series: [
      {
        type: 'line', name: 'score', showSymbol: false, data: trend.map((t) => [t.ts, t.score]), lineStyle: { color: p.accent, width: 1.5 },
        areaStyle: { color: `${p.accent}22` },
        markLine: { silent: true, symbol: 'none', lineStyle: { color: p.bad, type: 'dashed' }, label: { color: p.bad, fontFamily: p.mono, fontSize: 10, position: 'insideEndTop', formatter: `threshold ${fmtScore(thr)}` }, data: [{ yAxis: thr }] },
      },
    ],
  };
}

const SIGNAL_TRIGGER: Record<NonNullable<HedgingStatus['lastSignal']>['trigger'], string> = {
  score: 'threshold crossed',
  preservation_l2: 'preservation level 2',
  manual: 'manual',
};

const MODE_HELP: Record<HedgeMode, string> = {
  off: 'Off: the score is computed and the HEDGE signal raised, but nothing is proposed.',
  propose: 'Propose: hedges are proposed and wait for a trader to approve or reject them.',
  auto: 'Auto: proposed hedges are executed at once through the pre-trade validator and the paper broker.',
};

export function ScorePanel({ status, onStatus }: { status: HedgingStatus; onStatus: () => Promise<void> }) {
  const p = usePalette();
  const [askAuto, setAskAuto] = useState(false);
  const [err, setErr] = useState<string>();
  const score = status.score;
  const gauge = useMemo(() => (score === null ? undefined : gaugeOption(p, score, status.threshold)), [p, score, status.threshold]);
  const trend = useMemo(() => trendOption(p, status.trend, status.threshold), [p, status.trend, status.threshold]);
  const above = score !== null && score > status.threshold;

  const setMode = async (mode: HedgeMode): Promise<void> => {
    setErr(undefined);
    try {
      await call('hedging.config.set', { patch: { mode } });
      await onStatus();
    } catch (e) {
      setErr(errText(e));
    }
  };

  const c = status.components;
  return (
    <Panel
      title="Tail-risk score"
      className="hg-score"
      aside={
        <div className="hg-mode" title={MODE_HELP[status.mode]}>
          {!status.enabled && <span className="hg-badge hg-badge-off" title="Hedging is disabled in Settings: nothing is proposed in any mode">disabled</span>}
          <div className="seg seg-sm" role="group" aria-label="Hedging mode">
            {(['off', 'propose', 'auto'] as const).map((m) => (
              <button key={m} type="button" className={`seg-btn${status.mode === m ? ` on hg-mode-${m}` : ''}`} aria-pressed={status.mode === m} title={MODE_HELP[m]} onClick={() => (m === 'auto' ? setAskAuto(true) : void setMode(m))} disabled={status.mode === m}>
                {m}
              </button>
            ))}
          </div>
        </div>
      }
    >
      <div className="hg-score-body">
        <div className="hg-gauge" title={SCORE_TITLE}>
          {gauge ? <EChart option={gauge} height={176} label={`Tail-risk score ${fmtScore(score)} against threshold ${fmtScore(status.threshold)}`} testId="hedging-gauge" /> : <div className="hg-gauge-empty">awaiting the first risk snapshot</div>}
          <div className="hg-gauge-read">
            <span className={`hg-score-value num ${above ? 'neg' : ''}`} data-testid="tail-score" data-value={score ?? ''}>
              {fmtScore(score)}
            </span>
            <span className="hg-score-thr num">
              threshold <b data-testid="tail-threshold">{fmtScore(status.threshold)}</b>
            </span>
            <span className={`hg-badge ${above ? 'hg-badge-bad' : 'hg-badge-ok'}`}>{score === null ? 'no score' : above ? 'HEDGE' : 'below threshold'}</span>
          </div>
        </div>
        <div className="hg-trend">
          <div className="rk-sub" title="One point per score (every second and on each risk snapshot); up to the last 600, oldest first">Trend</div>
          {status.trend.length > 1 ? <EChart option={trend} height={222} label="Tail-risk score trend with the threshold" testId="hedging-trend" /> : <div className="ov-empty hg-trend-empty">the trend fills in as scores arrive (one a second)</div>}
        </div>
      </div>
      <dl className="hg-components">
        <div title="1-day historical CVaR at 99 % over equity (weight 0.6 in the score)">
          <dt>CVaR99 / equity</dt>
          <dd className="num">{c ? fmtPct(c.cvar, 2) : '—'}</dd>
        </div>
        <div title="Worst stress-grid loss over equity (weight 0.4 ÷ 4: a multi-day crash counted as a quarter)">
          <dt>Stress / equity</dt>
          <dd className="num">{c ? fmtPct(c.stress, 1) : '—'}</dd>
        </div>
        <div title="Left-tail shape 0..1: max(0, −skew)/2 + max(0, excess kurtosis)/10 of the P&L history; inflates the score up to 1.5×">
          <dt>Tail shape</dt>
          <dd className="num">{c ? c.shape.toFixed(2) : '—'}</dd>
        </div>
        <div title="Volatility regime 0..1: (recent/long vol ratio − 1)/2; doubles the score at a ratio of 3">
          <dt>Vol regime</dt>
          <dd className="num">{c ? `${c.regime.toFixed(2)} · ${status.inputs?.volRatio.toFixed(2) ?? '—'}×` : '—'}</dd>
        </div>
      </dl>
      {status.lastSignal && (
        <p className="rk-foot" title="The last HEDGE signal: raised when the score crosses the threshold, or when capital preservation reaches level 2">
          Last HEDGE signal <b className="num">{fmtTime(status.lastSignal.ts, true)} UTC</b> · {SIGNAL_TRIGGER[status.lastSignal.trigger]} · score <b className="num">{fmtScore(status.lastSignal.score)}</b> vs <b className="num">{fmtScore(status.lastSignal.threshold)}</b>
        </p>
      )}
      {err && (
        <div className="form-error" role="alert">
          {err}
        </div>
      )}
      {askAuto && (
        <Modal title="Switch hedging to auto" onClose={() => setAskAuto(false)} testId="hedging-auto-confirm">
          <p className="modal-text">In auto mode every hedge the manager proposes is executed at once — through the pre-trade validator and the paper broker — without waiting for approval. Each execution is journaled.</p>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setAskAuto(false)} data-autofocus>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-warn"
              onClick={() => {
                setAskAuto(false);
                void setMode('auto');
              }}
            >
              Switch to auto
            </button>
          </div>
        </Modal>
      )}
    </Panel>
  );
}
