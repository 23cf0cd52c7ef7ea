import { useEffect, useMemo, useState } from 'react';
import type { AlertView } from '../../../shared/contract/index';
import { call } from '../api';
import { errText, fmtMetric, LevelBadge, type Level } from '../components/controls-ui';
import { CsvButton, toCsv } from '../components/csv-export';
import { fmtDateTime, fmtInt, fmtTime } from '../format';
import { useApp } from '../store';

const LEVELS: Level[] = ['emergency', 'critical', 'warning', 'info'];
type AckFilter = 'all' | 'open' | 'acked';

const metricHelp = 'Value vs threshold in the metric’s unit: fractions of equity in %, vol as a multiple of normal (×), correlation as ρ, counts as numbers.';

export function AlertsPage() {
  const alerts = useApp((s) => s.alerts);
  const [level, setLevel] = useState<Level | ''>('');
  const [ack, setAck] = useState<AckFilter>('all');
  const [busy, setBusy] = useState<string | undefined>();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();

  // The list is pushed once a second; fetch once so the page is not empty while waiting for the first push.
  useEffect(() => {
    if (useApp.getState().alerts) return;
    call('alerts.list', { includeAcknowledged: true }).then(
      (a) => useApp.getState().setAlerts(a),
      (e: unknown) => setLoadError(errText(e)),
    );
  }, []);

  const rows = useMemo(
    () => (alerts ?? []).filter((a) => (!level || a.level === level) && (ack === 'all' || (ack === 'open' ? !a.acknowledged : a.acknowledged))),
    [alerts, level, ack],
  );
  const open = (alerts ?? []).filter((a) => !a.acknowledged).length;
  const visibleOpen = rows.filter((a) => !a.acknowledged);

  const refresh = async (): Promise<void> => useApp.getState().setAlerts(await call('alerts.list', { includeAcknowledged: true }));

  const acknowledge = async (list: AlertView[]): Promise<void> => {
    setBusy(list.length === 1 ? list[0].id : '*');
    setMsg(undefined);
    const failed: string[] = [];
    for (const a of list) {
      try {
        await call('alerts.ack', { id: a.id });
      } catch (err) {
        failed.push(`${a.id}: ${errText(err)}`);
      }
    }
    try {
      await refresh();
    } catch {
      // The next push brings the list anyway.
    }
    setBusy(undefined);
    const done = list.length - failed.length;
    setMsg(failed.length ? { ok: false, text: `Acknowledged ${done} of ${list.length}. ${failed.join('; ')}` } : { ok: true, text: `Acknowledged ${done} alert${done === 1 ? '' : 's'}.` });
  };

  const csv = (): string =>
    toCsv(
      ['id', 'level', 'type', 'message', 'metric', 'value', 'threshold', 'mitigation', 'count', 'first_utc', 'last_utc', 'acknowledged', 'acknowledged_by', 'acknowledged_at_utc', 'priority'],
      rows.map((a) => [a.id, a.level, a.type, a.message, a.metric, a.value, a.threshold, a.mitigation, a.count, fmtDateTime(a.firstTs), fmtDateTime(a.lastTs), a.acknowledged, a.acknowledgedBy, a.acknowledgedAt ? fmtDateTime(a.acknowledgedAt) : '', Math.round(a.priority * 100) / 100]),
    );

  return (
    <div className="page page-alerts">
      <section className="panel panel-fill" aria-label="Alerts">
        <div className="panel-head">
          <h2>Alerts</h2>
          <span className="muted" title="Unacknowledged first, then by priority score (severity + overshoot + recurrence), then most recent">
            priority order
          </span>
          <span className={open ? 'count-badge count-open' : 'count-badge'} data-testid="unack-count" data-count={alerts ? open : undefined} title="Unacknowledged alerts">
            {alerts ? open : '—'} unacknowledged
          </span>
          <span className="muted">{alerts ? `${rows.length} of ${alerts.length} shown` : ''}</span>
          <div className="spacer" />
          <label className="field-label" htmlFor="alert-level">
            Level
          </label>
          <select id="alert-level" className="input input-sm" value={level} onChange={(e) => setLevel(e.target.value as Level | '')}>
            <option value="">all</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
          <label className="field-label" htmlFor="alert-ack">
            Status
          </label>
          <select id="alert-ack" className="input input-sm" value={ack} onChange={(e) => setAck(e.target.value as AckFilter)}>
            <option value="all">all</option>
            <option value="open">unacknowledged</option>
            <option value="acked">acknowledged</option>
          </select>
          <button type="button" className="btn btn-sm" disabled={visibleOpen.length === 0 || busy !== undefined} onClick={() => void acknowledge(visibleOpen)}>
            Acknowledge all visible ({visibleOpen.length})
          </button>
          <CsvButton filename="bulwark-alerts" build={csv} disabled={rows.length === 0} />
        </div>
        {msg && (
          <div className={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>
            {msg.text}
          </div>
        )}
        {loadError && !alerts && (
          <div className="form-error" role="alert">
            {loadError}
          </div>
        )}
        <div className="table-wrap">
          <table className="grid alerts-grid" aria-label="Alerts">
            <thead>
              <tr>
                <th>Level</th>
                <th>Message</th>
                <th title="The measured quantity">Metric</th>
                <th className="num" title={metricHelp}>
                  Value
                </th>
                <th className="num" title={metricHelp}>
                  Threshold
                </th>
                <th className="wide">Mitigation</th>
                <th className="num" title="Occurrences (a repeat updates the same alert)">
                  Count
                </th>
                <th className="num" title="First seen (UTC)">
                  First
                </th>
                <th className="num" title="Last seen (UTC)">
                  Last
                </th>
                <th title="Who acknowledged it, and when (UTC)">Acknowledged</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} data-testid="alert-row" data-level={a.level} data-acked={a.acknowledged} className={a.acknowledged ? 'acked' : undefined}>
                  <td>
                    <LevelBadge level={a.level} />
                  </td>
                  <td className="alert-msg" title={`${a.type} · ${a.key} · priority ${a.priority.toFixed(1)}`}>
                    {a.message}
                  </td>
                  <td className="mono muted">{a.metric}</td>
                  <td className={`num${a.value >= a.threshold ? ' neg' : ''}`}>{fmtMetric(a.metric, a.value)}</td>
                  <td className="num muted">{fmtMetric(a.metric, a.threshold)}</td>
                  <td className="wide mitigation" title={a.mitigation}>
                    {a.mitigation}
                  </td>
                  <td className="num">{fmtInt(a.count)}</td>
                  <td className="num" title={`${fmtDateTime(a.firstTs)} UTC`}>
                    {fmtTime(a.firstTs, true)}
                  </td>
                  <td className="num" title={`${fmtDateTime(a.lastTs)} UTC`}>
                    {fmtTime(a.lastTs, true)}
                  </td>
                  <td className="num">
                    {a.acknowledged ? (
                      <span title={a.acknowledgedAt ? `${fmtDateTime(a.acknowledgedAt)} UTC` : undefined}>
                        {a.acknowledgedBy ?? '—'} <span className="muted">{a.acknowledgedAt ? fmtTime(a.acknowledgedAt, true) : ''}</span>
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="actions">
                    {!a.acknowledged && (
                      <button type="button" className="btn btn-xs" disabled={busy !== undefined} onClick={() => void acknowledge([a])} aria-label={`Acknowledge ${a.message}`} title="Acknowledge (journaled with your user name)">
                        Ack
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {alerts && rows.length === 0 && (
                <tr>
                  <td colSpan={11} className="empty">
                    {alerts.length === 0 ? 'No alerts. Limits near 80 %, breaches, breaker trips and preservation steps raise alerts here.' : 'No alerts match these filters.'}
                  </td>
                </tr>
              )}
              {!alerts && !loadError && (
                <tr>
                  <td colSpan={11} className="empty">
                    Loading alerts…
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
