import { useEffect, useState } from 'react';
import type { EventRecord } from '../../../shared/contract/index';
import { call } from '../api';
import { fmtBytes, fmtDateTime, fmtDuration, fmtInt, fmtMoney, fmtPct, pnlClass } from '../format';
import { useApp } from '../store';


export function OverviewPage() {
  const hb = useApp((s) => s.heartbeat);
  const sum = useApp((s) => s.summary);
  const risk = useApp((s) => s.risk);
  const h99 = risk?.var.historical['0.99'];
  const pctOfEq = (x: number): string => (risk && risk.equity > 0 ? fmtPct(x / risk.equity) : '');
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
        <div className="kpi" title="Historical simulation of today's book over the adaptive lookback; numpy 'linear' quantile; positive loss, 1 day">
          <div className="kpi-label">VaR 99% 1d</div>
          <div className="kpi-value num" data-testid="kpi-var99">{h99 ? fmtMoney(h99.var, { compact: true }) : '—'}</div>
          <div className="kpi-sub num">{h99 ? `${pctOfEq(h99.var)} of equity · ${risk.lookbackDays}d window` : 'awaiting risk engine'}</div>
        </div>
        <div className="kpi" title="Mean loss on the days beyond VaR (expected shortfall), same window">
          <div className="kpi-label">CVaR 99% 1d</div>
          <div className="kpi-value num">{h99 ? fmtMoney(h99.cvar, { compact: true }) : '—'}</div>
          <div className="kpi-sub num">{h99 ? `${pctOfEq(h99.cvar)} of equity · MC ${fmtMoney(risk.var.monteCarlo['0.99'].cvar, { compact: true })}` : 'awaiting risk engine'}</div>
        </div>
        <div className="kpi" title="0-100 composite of VaR vs limit, drawdown vs limit, volatility regime, concentration, correlation and the early-warning probability (docs/risk-math.md)">
          <div className="kpi-label">Risk score</div>
          <div className={`kpi-value num ${risk && risk.riskScore.score >= 75 ? 'neg' : ''}`} data-testid="kpi-risk-score">{risk ? risk.riskScore.score.toFixed(0) : '—'}</div>
          <div className="kpi-sub">{risk ? `${risk.regime} regime · trend ${risk.riskScore.trend}${risk.earlyWarning ? ` · early warning ${fmtPct(risk.earlyWarning.probability, 0)}` : ''}` : 'awaiting risk engine'}</div>
        </div>
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
