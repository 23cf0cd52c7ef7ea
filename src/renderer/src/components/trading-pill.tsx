// Live pills for the top bar: the effective trading state, the capital-preservation level (polled every
// 2 s: it has no pushed topic) and the count of unacknowledged alerts. Each opens its page.
import { useEffect } from 'react';
import { call } from '../api';
import { fmtDateTime, fmtPct } from '../format';
import { useApp } from '../store';
import { MODE_HELP, tidyReason } from './controls-ui';

const MODE_CLASS = { ACTIVE: 'pill-ok', REDUCING: 'pill-warn', HALTED: 'pill-bad' } as const;
const MODE_DOT = { ACTIVE: 'dot-ok', REDUCING: 'dot-warn', HALTED: 'dot-bad' } as const;

export function TradingPill() {
  const s = useApp((st) => st.tradingState);
  const setPage = useApp((st) => st.setPage);
  if (!s) {
    return (
      <div className="pill pill-muted" title="Trading state: waiting for the engine" data-testid="trading-state">
        <span className="dot dot-muted" /> TRADING —
      </div>
    );
  }
  const src = s.sources;
  const title = [
    `Trading ${s.mode}: ${tidyReason(s.reason)}`,
    `set by ${s.setBy} · since ${fmtDateTime(s.since)} UTC${s.until ? ` · until ${fmtDateTime(s.until)} UTC` : ''}`,
    `sources: manual ${src.manual} · breakers ${src.breakers ?? '—'} · preservation ${src.preservation ?? '—'} (the strictest wins)`,
    MODE_HELP[s.mode],
  ].join('\n');
  return (
    <button type="button" className={`pill pill-btn ${MODE_CLASS[s.mode]}`} title={title} data-testid="trading-state" data-mode={s.mode} onClick={() => setPage('controls')}>
      <span className={`dot ${MODE_DOT[s.mode]}`} /> TRADING {s.mode}
    </button>
  );
}

/** Polls preservation.status every 2 s into the store (the Controls page reads it too). */
export function usePreservationPoll(): void {
  useEffect(() => {
    let alive = true;
    const load = (): void => {
      call('preservation.status', {}).then(
        (p) => alive && useApp.getState().setPreservation(p),
        () => undefined,
      );
    };
    load();
    const t = setInterval(load, 2000);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, []);
}

const LEVEL_CLASS = ['pill-ok', 'pill-warn', 'pill-orange', 'pill-bad'] as const;
const LEVEL_NAME = ['normal', 'light', 'moderate', 'maximum'] as const;

export function PreservationPill() {
  usePreservationPoll();
  const p = useApp((st) => st.preservation);
  const setPage = useApp((st) => st.setPage);
  if (!p) {
    return (
      <div className="pill pill-muted" title="Capital-preservation level: waiting for the engine" data-testid="preservation-level">
        PRESERVATION —
      </div>
    );
  }
  const readings = p.readings.map((r) => `${r.trigger} ${r.trigger === 'loss_streak' ? r.value : r.trigger === 'volatility' ? `${r.value.toFixed(2)}×` : r.trigger === 'correlation' ? r.value.toFixed(2) : fmtPct(r.value, 2)} (L${r.level})`);
  const title = [
    `Capital preservation L${p.level} (${LEVEL_NAME[p.level] ?? ''}) since ${fmtDateTime(p.since)} UTC`,
    p.recoveryDueAt ? `recovery to L${p.level - 1} due ${fmtDateTime(p.recoveryDueAt)} UTC if metrics stay below 90 % of thresholds` : '',
    readings.length ? `readings: ${readings.join(' · ')}` : '',
    'L1 reduce 25 % · L2 reduce 50 % + hedges · L3 close speculative + HALT',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <button type="button" className={`pill pill-btn ${LEVEL_CLASS[p.level] ?? 'pill-bad'}`} title={title} data-testid="preservation-level" data-level={p.level} onClick={() => setPage('history')}>
      PRESERVATION L{p.level}
    </button>
  );
}

export function AlertsPill() {
  const alerts = useApp((st) => st.alerts);
  const setPage = useApp((st) => st.setPage);
  const open = alerts?.filter((a) => !a.acknowledged) ?? [];
  const worst = open.some((a) => a.level === 'emergency' || a.level === 'critical') ? 'pill-bad' : open.some((a) => a.level === 'warning') ? 'pill-warn' : 'pill-muted';
  return (
    <button type="button" className={`pill pill-btn ${open.length ? worst : 'pill-muted'}`} title={`${open.length} unacknowledged alert${open.length === 1 ? '' : 's'} (Alerts page)`} data-testid="alerts-pill" onClick={() => setPage('alerts')}>
      ALERTS <span className="num">{alerts ? open.length : '—'}</span>
    </button>
  );
}
