import { useEffect, useState } from 'react';
import type { EventRecord } from '../../../shared/contract/index';
import { call } from '../api';
import { fmtBytes, fmtDateTime, fmtDuration, fmtInt, fmtMoney, fmtPct, pnlClass } from '../format';
import { useApp } from '../store';

const RISK_KPIS = [
  { label: 'VaR 99% 1d', hint: 'Historical, linear quantile, positive loss' },
  { label: 'CVaR 99% 1d', hint: 'Mean loss beyond VaR' },
  { label: 'Risk score', hint: '0-100 composite' },
];

export function OverviewPage() {
  const hb = useApp((s) => s.heartbeat);
  const sum = useApp((s) => s.summary);
  const lastEvent = useApp((s) => s.lastEvent);
  const [recent, setRecent] = useState<EventRecord[]>([]);
  useEffect(() => {
    void call('events.list', { limit: 8 }).then((p) => setRecent(p.items), () => setRecent([]));
  }, [lastEvent?.id]);

  return (
    <div className="page page-overview">
      <div className="kpis">
        <div className="kpi" title="Cash + market value of funded positions + unrealised P&L of margined ones (USD)">
          <div className="kpi-label">Equity</div>
          <div className="kpi-value num" data-testid="kpi-equity">{sum ? fmtMoney(sum.equity) : '—'}</div>
          <div className="kpi-sub num">{sum ? `HWM ${fmtMoney(sum.highWaterMark, { compact: true })}` : 'awaiting portfolio'}</div>
        </div>
        <div className="kpi" title="Equity − equity at the day start (00:00 UTC)">
          <div className="kpi-label">Daily P&L</div>
          <div className={`kpi-value num ${sum ? pnlClass(sum.dailyPnl) : ''}`} data-testid="kpi-daily-pnl">{sum ? fmtMoney(sum.dailyPnl, { sign: true }) : '—'}</div>
          <div className="kpi-sub num">{sum ? fmtPct(sum.dailyPnlPct, 2, true) : ''}</div>
        </div>
        <div className="kpi" title="1 − equity / high-water mark">
          <div className="kpi-label">Drawdown</div>
          <div className={`kpi-value num ${sum && sum.drawdown > 0 ? 'neg' : ''}`}>{sum ? fmtPct(-sum.drawdown) : '—'}</div>
          <div className="kpi-sub num">{sum ? `${sum.positions} positions · gross ${fmtMoney(sum.grossExposure, { compact: true })}` : ''}</div>
        </div>
        {RISK_KPIS.map((k) => (
          <div className="kpi" key={k.label} title={k.hint}>
            <div className="kpi-label">{k.label}</div>
            <div className="kpi-value num muted">—</div>
            <div className="kpi-sub">awaiting risk engine</div>
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
