import { useEffect, useState } from 'react';
import type { EventRecord } from '../../../shared/contract/index';
import { call } from '../api';
import { fmtBytes, fmtDateTime, fmtDuration, fmtInt, fmtPct, MINUS, pnlClass } from '../format';
import { useApp } from '../store';
import { useNow } from '../components/use-now';
import { useScoreHistory } from '../components/overview/score-history';
import { Sparkline } from '../components/overview/sparkline';
import { DrawdownCone } from '../components/overview/drawdown-cone';
import { PnlHistogram } from '../components/overview/pnl-histogram';
import { VarPanel } from '../components/overview/var-panel';
import { ControlsSummary } from '../components/overview/controls-summary';

/** The heavy recompute runs every 10 s: a snapshot older than three periods is stale. */
const RISK_STALE_MS = 30_000;
const TREND = { up: '▲ rising', down: '▼ falling', flat: '▶ flat' } as const;

/** A ratio with 2 decimals; null (undefined ratio: no volatility, no losing day, no drawdown) → n/a. */
/** Whole dollars for the KPI tiles (a 7-figure equity with cents does not fit a tile; cents are noise here). */
const usd = (n: number, sign = false): string => (Number.isFinite(n) ? `${n < 0 ? '−' : sign && n > 0 ? '+' : ''}${fmtInt(Math.round(Math.abs(n)))}` : '—');

/** Short money for sub-lines: 1.15M, 845k, 950. */
const short = (n: number): string => {
  const a = Math.abs(n);
  const body = a >= 1e6 ? `${(a / 1e6).toFixed(2)}M` : a >= 1e4 ? `${(a / 1e3).toFixed(0)}k` : a.toFixed(0);
  return `${n < 0 ? '−' : ''}${body}`;
};

const fmtRatio = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(2));

export function OverviewPage() {
  const sum = useApp((s) => s.summary);
  const risk = useApp((s) => s.risk);
  const limits = useApp((s) => s.limitsView);
  const scores = useScoreHistory((s) => s.points);
  const now = useNow(5000);
  const stale = risk !== undefined && now - risk.ts > RISK_STALE_MS;
  const h95 = risk?.var.historical['0.95'];
  const h99 = risk?.var.historical['0.99'];
  const mc95 = risk?.var.monteCarlo['0.95'];
  const pctOfEq = (x: number): string => (risk && risk.equity > 0 ? fmtPct(x / risk.equity) : '');
  const varUtil = limits?.utilisation.find((u) => u.name === 'varLimit');
  const r = risk?.ratios;
  const waiting = 'awaiting risk engine';
  const staleTag = stale ? <span className="stale-badge" title={`Last risk snapshot ${fmtDateTime(risk?.ts ?? 0)} UTC: older than ${RISK_STALE_MS / 1000} s`}>STALE</span> : null;

  return (
    <div className="page page-overview">
      <div className="kpis ov-kpis">
        <div className="kpi" title="Cash + market value of funded positions + unrealised P&L of margined ones (USD)">
          <div className="kpi-label">Equity · USD</div>
          <div className="kpi-value num" data-testid="kpi-equity">{sum ? usd(sum.equity) : '—'}</div>
          <div className="kpi-sub num">{sum ? `HWM ${short(sum.highWaterMark)}` : 'awaiting portfolio'}</div>
        </div>
        <div className="kpi" title="Equity − equity at the day start (00:00 UTC), USD; % of day-start equity">
          <div className="kpi-label">Daily P&L</div>
          <div className={`kpi-value num ${sum ? pnlClass(sum.dailyPnl) : ''}`} data-testid="kpi-daily-pnl">{sum ? usd(sum.dailyPnl, true) : '—'}</div>
          <div className={`kpi-sub num ${sum ? pnlClass(sum.dailyPnl) : ''}`}>{sum ? fmtPct(sum.dailyPnlPct, 2, true) : ''}</div>
        </div>
        <div className="kpi" title="Drawdown = 1 − equity / high-water mark (shown negative)">
          <div className="kpi-label">Drawdown</div>
          {/* Red only when the shown figure is below zero: a drawdown under 0.005 % reads a neutral 0.00%. */}
          <div className={`kpi-value num ${sum && fmtPct(-sum.drawdown).startsWith(MINUS) ? 'neg' : ''}`} data-testid="kpi-drawdown">{sum ? fmtPct(-sum.drawdown) : '—'}</div>
          <div className="kpi-sub num">{sum ? `${sum.positions} pos · gross ${short(sum.grossExposure)}` : ''}</div>
        </div>
        <div className="kpi" title="1-day 95 % VaR, historical simulation of today's book over the adaptive lookback (numpy 'linear' quantile), USD, positive = loss. Sub-line: Monte Carlo VaR 95 ± 1.96·SE.">
          <div className="kpi-label">VaR 95 · 1d {staleTag}</div>
          <div className="kpi-value num" data-testid="kpi-var95">{h95 ? usd(h95.var) : '—'}</div>
          <div className="kpi-sub num">{mc95 ? `MC ${short(mc95.var)} ± ${short(1.959963984540054 * mc95.varSe)}` : waiting}</div>
        </div>
        <div className="kpi" title="1-day 99 % VaR, historical simulation (as VaR 95), USD. Sub-line: % of equity and utilisation of the VaR limit (VaR/equity ÷ limit).">
          <div className="kpi-label">VaR 99 · 1d {staleTag}</div>
          <div className="kpi-value num" data-testid="kpi-var99">{h99 ? usd(h99.var) : '—'}</div>
          <div className="kpi-sub num">
            {h99 ? `${pctOfEq(h99.var)} eq` : waiting}
            {varUtil && (
              <span className={varUtil.utilisation >= 1 ? 'neg' : varUtil.utilisation >= 0.8 ? 'warn' : ''} data-testid="kpi-var-util">
                {' · '}
                {fmtPct(varUtil.utilisation, 0)} lim.
              </span>
            )}
          </div>
        </div>
        <div className="kpi" title="CVaR (expected shortfall): the mean loss on the days beyond VaR, same window and convention, USD">
          <div className="kpi-label">CVaR 99 · 1d {staleTag}</div>
          <div className="kpi-value num" data-testid="kpi-cvar99">{h99 ? usd(h99.cvar) : '—'}</div>
          <div className="kpi-sub num">{h95 ? `CVaR 95 ${short(h95.cvar)}` : waiting}</div>
        </div>
        <div className="kpi kpi-score" title="0-100 composite of VaR vs limit, drawdown vs limit, volatility regime, concentration, correlation and the early-warning probability (docs/risk-math.md). Sparkline: the scores of the last recomputes seen by this window.">
          <div className="kpi-label">Risk score</div>
          <div className="kpi-row">
            <div className={`kpi-value num ${risk && risk.riskScore.score >= 75 ? 'neg' : risk && risk.riskScore.score >= 50 ? 'warn' : ''}`} data-testid="kpi-risk-score">{risk ? risk.riskScore.score.toFixed(0) : '—'}</div>
            <Sparkline values={scores.map((p) => p.score)} min={0} max={100} width={58} height={24} label="Risk score trend" />
          </div>
          <div className="kpi-sub">{risk ? `${TREND[risk.riskScore.trend]} · ${risk.regime}` : waiting}</div>
        </div>
        <div
          className="kpi kpi-ratios"
          title={`Today's book over ${r?.days ?? '—'} days of history, quantstats conventions: rf ${r ? fmtPct(r.riskFree, 1) : '0%'} annual, annualised ×√${r?.periodsPerYear ?? 365} (${r?.periodsPerYear === 252 ? '252 trading days' : '365: crypto trades every day'}). Sharpe: mean/stdev (ddof 1). Sortino: downside deviation over all days. Calmar: CAGR / max drawdown. n/a = undefined.`}
        >
          <div className="ratio-row">
            {(['sharpe', 'sortino', 'calmar'] as const).map((k) => (
              <div key={k}>
                <div className="kpi-label">{k}</div>
                <div className="kpi-value num" data-testid={`kpi-${k}`}>{r ? fmtRatio(r[k]) : '—'}</div>
              </div>
            ))}
          </div>
          <div className="kpi-sub num">{r ? `${r.days}d · ${r.periodsPerYear}/yr · rf ${fmtPct(r.riskFree, 0)}` : waiting}</div>
        </div>
      </div>
      <div className="ov-charts">
        <DrawdownCone risk={risk} drawdown={sum?.drawdown} />
        <PnlHistogram risk={risk} />
      </div>
      <div className="ov-bottom">
        <VarPanel risk={risk} limits={limits} />
        <ControlsSummary />
        <EngineAndJournal />
      </div>
    </div>
  );
}

/** Engine facts (small) and the latest journal entries. */
function EngineAndJournal() {
  const hb = useApp((s) => s.heartbeat);
  const risk = useApp((s) => s.risk);
  const lastEvent = useApp((s) => s.lastEvent);
  const [recent, setRecent] = useState<EventRecord[]>([]);
  useEffect(() => {
    void call('events.list', { limit: 6 }).then((p) => setRecent(p.items), () => setRecent([]));
  }, [lastEvent?.id]);
  return (
    <section className="panel ov-engine" aria-label="Engine and journal">
      <div className="panel-head">
        <h2>Journal</h2>
        <div className="spacer" />
        <a className="link" href="#/events" onClick={(e) => { e.preventDefault(); useApp.getState().setPage('events'); }}>
          Open journal ›
        </a>
      </div>
      <ul className="ov-journal" aria-label="Latest journal entries">
        {recent.map((e) => (
          <li key={e.id} title={`${fmtDateTime(e.ts)} UTC · ${e.kind}`}>
            <span className="num muted">{fmtDateTime(e.ts).slice(11)}</span>
            <span className={`sev sev-${e.severity}`}>{e.severity}</span>
            <span className="ellipsis">{typeof e.payload.text === 'string' ? e.payload.text : e.kind}</span>
          </li>
        ))}
        {recent.length === 0 && <li className="muted">No entries yet.</li>}
      </ul>
      <div className="ov-facts muted" title={hb ? `Data folder ${hb.dataDir}` : undefined}>
        {hb ? (
          <>
            v{hb.version} · up <span data-testid="overview-uptime">{fmtDuration(hb.uptimeMs)}</span> · schema v{hb.schemaVersion} · SQLite WAL {fmtBytes(hb.dbSizeBytes)} · {fmtInt(hb.eventCount)} events
            {risk ? ` · risk ${risk.computeMs.toFixed(0)} ms` : ''}
          </>
        ) : (
          'engine: connecting…'
        )}
      </div>
    </section>
  );
}
