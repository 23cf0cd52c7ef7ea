import { useEffect, useState } from 'react';
import type { EventRecord } from '../../../shared/contract/index';
import { call } from '../api';
import { fmtBytes, fmtDateTime, fmtDuration, fmtInt } from '../format';
import { useApp } from '../store';

const KPIS = [
  { label: 'Equity', hint: 'Account equity, marked to market' },
  { label: 'Daily P&L', hint: 'Since the configured day start (UTC)' },
  { label: 'VaR 99% 1d', hint: 'Historical, linear quantile, positive loss' },
  { label: 'CVaR 99% 1d', hint: 'Mean loss beyond VaR' },
  { label: 'Drawdown', hint: 'From the high-water mark' },
  { label: 'Risk score', hint: '0-100 composite' },
];

export function OverviewPage() {
  const hb = useApp((s) => s.heartbeat);
  const lastEvent = useApp((s) => s.lastEvent);
  const [recent, setRecent] = useState<EventRecord[]>([]);
  useEffect(() => {
    void call('events.list', { limit: 8 }).then((p) => setRecent(p.items), () => setRecent([]));
  }, [lastEvent?.id]);

  return (
    <div className="page page-overview">
      <div className="kpis">
        {KPIS.map((k) => (
          <div className="kpi" key={k.label} title={k.hint}>
            <div className="kpi-label">{k.label}</div>
            <div className="kpi-value num muted">—</div>
            <div className="kpi-sub">awaiting portfolio</div>
          </div>
        ))}
      </div>
      <div className="cols">
        <section className="panel">
          <div className="panel-head">
            <h2>Engine</h2>
          </div>
          <dl className="facts">
            <dt>Version</dt>
            <dd className="num">{hb?.version ?? '—'}</dd>
            <dt>Uptime</dt>
            <dd className="num" data-testid="overview-uptime">{hb ? fmtDuration(hb.uptimeMs) : '—'}</dd>
            <dt>Schema</dt>
            <dd className="num">{hb ? `v${hb.schemaVersion}` : '—'}</dd>
            <dt>Store</dt>
            <dd className="num">{hb ? `SQLite · WAL · ${fmtBytes(hb.dbSizeBytes)}` : '—'}</dd>
            <dt>Journal</dt>
            <dd className="num">{hb ? `${fmtInt(hb.eventCount)} events` : '—'}</dd>
            <dt>Data folder</dt>
            <dd className="mono path">{hb?.dataDir ?? '—'}</dd>
          </dl>
        </section>
        <section className="panel panel-wide">
          <div className="panel-head">
            <h2>Latest journal entries</h2>
            <div className="spacer" />
            <a className="link" href="#/events" onClick={(e) => { e.preventDefault(); useApp.getState().setPage('events'); }}>
              Open journal ›
            </a>
          </div>
          <table className="grid" aria-label="Latest journal entries">
            <tbody>
              {recent.map((e) => (
                <tr key={e.id}>
                  <td className="num">{fmtDateTime(e.ts)}</td>
                  <td><span className={`sev sev-${e.severity}`}>{e.severity}</span></td>
                  <td className="mono">{e.kind}</td>
                  <td className="wide">{typeof e.payload.text === 'string' ? e.payload.text : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
