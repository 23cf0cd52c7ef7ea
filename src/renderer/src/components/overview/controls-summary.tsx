// Trading state, breaker strip, capital-preservation level and the top active alerts: what stops or
// shrinks trading right now, at a glance. Each links to the page that explains and changes it.
import type { AlertView } from '../../../../shared/contract/index';
import { fmtDateTime } from '../../format';
import { useApp } from '../../store';
import { LevelBadge, ModeBadge, tidyReason } from '../controls-ui';
import { breakerLabel } from '../override-dialog';

const LEVEL_NAME = ['normal', 'light', 'moderate', 'maximum'] as const;
const LEVEL_RANK: Record<AlertView['level'], number> = { emergency: 0, critical: 1, warning: 2, info: 3 };

/** Unacknowledged first, then by severity, then newest. */
export function topAlerts(alerts: readonly AlertView[], n: number): AlertView[] {
  return alerts
    .filter((a) => !a.acknowledged)
    .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || b.lastTs - a.lastTs)
    .slice(0, n);
}

export function ControlsSummary() {
  const ts = useApp((s) => s.tradingState);
  const breakers = useApp((s) => s.breakers);
  const pres = useApp((s) => s.preservation);
  const alerts = useApp((s) => s.alerts);
  const setPage = useApp((s) => s.setPage);
  const top = alerts ? topAlerts(alerts, 5) : [];
  const open = alerts?.filter((a) => !a.acknowledged).length ?? 0;
  return (
    <section className="panel ov-controls" aria-label="Trading controls">
      <div className="panel-head">
        <h2>Controls</h2>
        <div className="spacer" />
        <a className="link" href="#/controls" onClick={(e) => { e.preventDefault(); setPage('controls'); }}>Limits &amp; breakers ›</a>
      </div>
      <div className="ov-state">
        <div title={ts ? `${tidyReason(ts.reason)} · set by ${ts.setBy} · since ${fmtDateTime(ts.since)} UTC` : 'waiting for the engine'}>
          <span className="field-label">Trading</span>
          <span data-testid="ov-trading-state"><ModeBadge mode={ts?.mode} /></span>
        </div>
        <div title="Capital-preservation level: L1 reduce 25 % · L2 reduce 50 % + hedges · L3 close speculative + HALT">
          <span className="field-label">Preservation</span>
          <span className={`lvl lvl-${pres?.level ?? 0}`} data-testid="ov-preservation">{pres ? `L${pres.level} ${LEVEL_NAME[pres.level] ?? ''}` : '—'}</span>
        </div>
      </div>
      <div className="ov-breakers" role="list" aria-label="Circuit breakers">
        {(breakers ?? []).map((b) => (
          <span key={b.id} role="listitem" className={`chip chip-${b.status}`} data-testid="breaker-chip" data-status={b.status} title={`${breakerLabel(b.id)}: ${b.status.replace('_', ' ')}${b.lastTrip ? ` · last trip ${fmtDateTime(b.lastTrip.at)} UTC (${b.lastTrip.metric} ${Number(b.lastTrip.value.toPrecision(4))} vs ${Number(b.lastTrip.threshold.toPrecision(4))})` : ''}`}>
            {breakerLabel(b.id)}
          </span>
        ))}
        {!breakers && <span className="muted">breakers: waiting for the engine</span>}
      </div>
      <div className="sub-head">
        <span className="field-label">Active alerts</span>
        <span className="num muted">{alerts ? `${open} open` : ''}</span>
      </div>
      <ul className="ov-alerts" aria-label="Top active alerts">
        {top.map((a) => (
          <li key={a.id} title={`${a.message}\nMitigation: ${a.mitigation}`}>
            <LevelBadge level={a.level} />
            <span className="ellipsis">{tidyReason(a.message)}</span>
            {a.count > 1 && <span className="num muted">×{a.count}</span>}
          </li>
        ))}
        {alerts && top.length === 0 && <li className="muted">No open alerts.</li>}
      </ul>
    </section>
  );
}
