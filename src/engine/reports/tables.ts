/**
 * The report's tables, described once for the PDF, XLSX and CSV. Conventions (docs/reports.md): money
 * in USD; VaR/CVaR are positive 1-day historical-simulation losses; P&L is signed (loss negative);
 * fractions stay fractions (the renderers show them as %); times are UTC.
 */
import type { PositionView, RiskSnapshot } from '../../shared/contract/index';
import type { HedgeRow } from './hedges';
import type { Cell, Headline, Table, VarDay } from './types';

export interface JournalRow {
  id: number;
  ts: number;
  kind: string;
  severity: string;
  source: string;
  payload: Record<string, unknown>;
}

export interface PreservationRow {
  id: number;
  ts: number;
  fromLevel: number;
  toLevel: number;
  direction: string;
  trigger: string | null;
  orders: { symbol: string; side: string; qty: number; status: string; price: number | null }[];
  outcome: number | null;
  outcomeAt: number | null;
}

export interface TableInputs {
  headline: Headline;
  positions: readonly PositionView[];
  risk: RiskSnapshot | null;
  varDays: VarDay[];
  events: JournalRow[];
  preservation: PreservationRow[];
  hedges: HedgeRow[] | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v));
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const who = (e: JournalRow): string => (e.source.startsWith('user:') ? e.source.slice(5) : e.source);

function positionsTable(ps: readonly PositionView[]): Table {
  const rows = [...ps]
    .sort((a, b) => b.exposure - a.exposure)
    .map((p) => ({
      symbol: p.symbol,
      kind: p.kind,
      venue: p.venue,
      underlying: p.underlying,
      asset_class: p.assetClass,
      qty: p.qty,
      avg_cost: p.avgCost,
      mark: p.mark,
      market_value: p.marketValue,
      exposure: p.exposure,
      unrealized_pnl: p.unrealizedPnl,
      realized_pnl: p.realizedPnl,
      pnl_pct: p.pnlPct,
      margin_used: p.marginUsed,
      liquidation_distance: p.liquidationDistance,
      exit_cost: p.exitCost,
      stale: p.stale ? 'stale' : '',
    }));
  return {
    name: 'positions',
    title: 'Positions',
    note: 'Sorted by exposure. Market value signed (short negative); exposure = |market value|, or delta-adjusted underlying notional for options.',
    columns: [
      { key: 'symbol', header: 'Symbol', kind: 'text', pdfWidth: 3.3 },
      { key: 'kind', header: 'Kind', kind: 'text', pdfWidth: 0.7 },
      { key: 'venue', header: 'Venue', kind: 'text', pdfWidth: 0 },
      { key: 'underlying', header: 'Underlying', kind: 'text', pdfWidth: 0 },
      { key: 'asset_class', header: 'Asset class', kind: 'text', pdfWidth: 0 },
      { key: 'qty', header: 'Quantity', kind: 'qty', pdfWidth: 1.1 },
      { key: 'avg_cost', header: 'Avg cost', kind: 'price', pdfWidth: 0 },
      { key: 'mark', header: 'Mark', kind: 'price', pdfWidth: 1.1 },
      { key: 'market_value', header: 'Market value USD', kind: 'usd', pdfWidth: 1.4 },
      { key: 'exposure', header: 'Exposure USD', kind: 'usd', pdfWidth: 1.3 },
      { key: 'unrealized_pnl', header: 'Unrealised USD', kind: 'usd', pdfWidth: 1.3 },
      { key: 'realized_pnl', header: 'Realised USD', kind: 'usd', pdfWidth: 0 },
      { key: 'pnl_pct', header: 'P&L %', kind: 'pct', pdfWidth: 1 },
      { key: 'margin_used', header: 'Margin USD', kind: 'usd', pdfWidth: 1.2 },
      { key: 'liquidation_distance', header: 'Liq. distance %', kind: 'pct', pdfWidth: 0 },
      { key: 'exit_cost', header: 'Exit cost USD', kind: 'usd', pdfWidth: 1 },
      { key: 'stale', header: 'Stale', kind: 'text', pdfWidth: 0 },
    ],
    rows,
  };
}

function metricsTable(h: Headline, r: RiskSnapshot | null): Table {
  const rows: Record<string, Cell>[] = [];
  const add = (metric: string, value: number | null, unit: 'USD' | 'fraction' | '', convention: string): void => {
    rows.push({ metric, value, unit, convention });
  };
  add('Equity', h.equity, 'USD', 'cash + marked positions');
  add('Daily P&L', h.dailyPnl, 'USD', 'since the trading-day start; loss negative');
  add('Daily P&L %', h.dailyPnlPct, 'fraction', 'of day-start equity');
  add('Drawdown', h.drawdown, 'fraction', 'below the high-water mark');
  add('Gross exposure', h.grossExposure, 'USD', 'sum of |exposure|');
  add('Net exposure', h.netExposure, 'USD', 'signed sum');
  add('VaR 95% 1-day', h.var95, 'USD', 'historical simulation, positive loss');
  add('VaR 99% 1-day', h.var99, 'USD', 'historical simulation, positive loss');
  add('CVaR 99% 1-day', h.cvar99, 'USD', 'mean loss beyond VaR 99%');
  if (r) {
    const v = r.var;
    add('VaR 99% parametric', v.parametric['0.99'].var, 'USD', 'normal, same window');
    add('VaR 99% Cornish-Fisher', v.cornishFisher['0.99'].var, 'USD', 'skew/kurtosis-adjusted');
    add('VaR 99% Monte Carlo', v.monteCarlo['0.99'].var, 'USD', `± ${v.monteCarlo['0.99'].varSe.toFixed(0)} USD standard error`);
    add('EWMA volatility', r.ewmaVol, 'fraction', 'annualised, lambda 0.94');
    if (r.garch) add('GARCH(1,1) next volatility', r.garch.nextVol, 'fraction', 'annualised one-step forecast');
    add('Lookback', r.lookbackDays, '', 'days in the historical window');
    add('Average pairwise correlation', r.correlation.avgPairwise, '', 'of underlyings, same window');
    add('Diversification ratio', r.diversification.ratio, '', 'sum of stand-alone vols / portfolio vol');
    add('HHI concentration', r.hhi, '', 'of |exposure| weights (1/n to 1)');
    add('Worst stress P&L', r.stress.worst.pnl, 'USD', `price ${(r.stress.worst.price * 100).toFixed(0)}%, vol ${(r.stress.worst.vol * 100).toFixed(0)}%`);
    add('Risk score', r.riskScore.score, '', `0-100, trend ${r.riskScore.trend}, regime ${r.regime}`);
    add('P(hit drawdown limit)', r.drawdownForecast.probHitLimit, 'fraction', `within ${r.drawdownForecast.horizonDays} days`);
  }
  return {
    name: 'risk_metrics',
    title: 'Risk metrics',
    columns: [
      { key: 'metric', header: 'Metric', kind: 'text', pdfWidth: 2 },
      { key: 'value', header: 'Value', kind: 'num', pdfWidth: 1.3 },
      { key: 'unit', header: 'Unit', kind: 'text', pdfWidth: 0.7 },
      { key: 'convention', header: 'Convention', kind: 'text', pdfWidth: 3 },
    ],
    rows,
  };
}

function varTable(days: VarDay[]): Table {
  return {
    name: 'var_backtest',
    title: 'VaR backtest by day',
    note: 'Exception: the day closed with a loss larger than the 99% VaR of its first risk snapshot.',
    emptyNote: 'No day in the period has both a risk snapshot and an equity record.',
    columns: [
      { key: 'day', header: 'Day', kind: 'day' },
      { key: 'var95', header: 'VaR 95% USD', kind: 'usd' },
      { key: 'var99', header: 'VaR 99% USD', kind: 'usd' },
      { key: 'pnl', header: 'Realised P&L USD', kind: 'usd' },
      { key: 'exception', header: 'Exception', kind: 'text' },
      { key: 'crossed_at', header: 'Loss crossed VaR 99%', kind: 'time', pdfWidth: 1.4 },
    ],
    rows: days.map((d) => ({ day: d.day, var95: d.var95, var99: d.var99, pnl: d.pnl, exception: d.exception ? 'EXCEPTION' : 'no', crossed_at: d.crossedAt })),
  };
}

function riskTables(r: RiskSnapshot | null): Table[] {
  const missing = 'No heavy-risk snapshot computed yet.';
  const gross = r ? r.exposures.gross : 0;
  const expo: Record<string, Cell>[] = [];
  if (r) {
    for (const [group, m] of [['asset class', r.exposures.byAssetClass], ['sector', r.exposures.bySector], ['venue', r.exposures.byVenue]] as const) {
      for (const [name, v] of Object.entries(m).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))) expo.push({ group, name, exposure: v, share: gross > 0 ? v / gross : null });
    }
  }
  return [
    {
      name: 'stress_scenarios',
      title: 'Stress scenarios',
      note: 'Full repricing of today\'s book; liquidity cost = estimated cost to exit in the scenario.',
      emptyNote: missing,
      columns: [
        { key: 'scenario', header: 'Scenario', kind: 'text', pdfWidth: 3 },
        { key: 'pnl', header: 'P&L USD', kind: 'usd' },
        { key: 'pnl_pct', header: 'P&L % equity', kind: 'pct' },
        { key: 'liquidity_cost', header: 'Liquidity cost USD', kind: 'usd' },
      ],
      rows: r ? r.scenarios.map((s) => ({ scenario: s.name, pnl: s.pnl, pnl_pct: r.equity > 0 ? s.pnl / r.equity : null, liquidity_cost: s.liquidityCost })) : [],
    },
    {
      name: 'exposures',
      title: 'Exposures',
      emptyNote: missing,
      columns: [
        { key: 'group', header: 'Group', kind: 'text' },
        { key: 'name', header: 'Name', kind: 'text', pdfWidth: 2 },
        { key: 'exposure', header: 'Exposure USD', kind: 'usd' },
        { key: 'share', header: 'Share of gross', kind: 'pct' },
      ],
      rows: expo,
    },
    {
      name: 'greeks',
      title: 'Greeks by underlying',
      note: 'Delta in USD; gamma USD per 1% move; vega USD per vol point; theta USD per day.',
      emptyNote: missing,
      columns: [
        { key: 'underlying', header: 'Underlying', kind: 'text', pdfWidth: 2 },
        { key: 'delta', header: 'Delta USD', kind: 'usd' },
        { key: 'gamma', header: 'Gamma USD/1%', kind: 'usd' },
        { key: 'vega', header: 'Vega USD/vol pt', kind: 'usd' },
        { key: 'theta', header: 'Theta USD/day', kind: 'usd' },
      ],
      rows: r
        ? [...Object.entries(r.greeks.byUnderlying).map(([u, g]) => ({ underlying: u, ...g })), { underlying: 'Total', delta: r.greeks.delta, gamma: r.greeks.gamma, vega: r.greeks.vega, theta: r.greeks.theta }]
        : [],
    },
  ];
}

function journalTables(events: JournalRow[]): Table[] {
  const breaches = events.filter((e) => e.kind === 'limit.breached' || e.kind === 'breaker.activated' || e.kind === 'breaker.action');
  const alerts = events.filter((e) => e.kind.startsWith('alert.'));
  const overrides = events.filter((e) => e.kind === 'breaker.overridden' || e.kind === 'breaker.override_revoked' || e.kind === 'trading.state_changed' || e.kind === 'limit.updated');
  return [
    {
      name: 'limit_breaches',
      title: 'Limit breaches and breakers',
      emptyNote: 'No limit breach or breaker trip in the period.',
      columns: [
        { key: 'ts', header: 'Time (UTC)', kind: 'time', pdfWidth: 1.4 },
        { key: 'event', header: 'Event', kind: 'text', pdfWidth: 1.3 },
        { key: 'name', header: 'Limit / breaker', kind: 'text', pdfWidth: 1.3 },
        { key: 'value', header: 'Value', kind: 'num' },
        { key: 'limit', header: 'Limit', kind: 'num' },
        { key: 'detail', header: 'Detail', kind: 'text', pdfWidth: 2.5 },
      ],
      rows: breaches.map((e) => {
        const p = e.payload;
        const trip = obj(p.trip);
        if (e.kind === 'limit.breached') return { ts: e.ts, event: 'limit breached', name: str(p.name), value: num(p.value), limit: num(p.limit), detail: num(p.utilisation) === null ? '' : `utilisation ${((num(p.utilisation) ?? 0) * 100).toFixed(0)}%` };
        if (e.kind === 'breaker.activated') return { ts: e.ts, event: 'breaker tripped', name: str(p.breaker), value: num(trip.value), limit: num(trip.threshold), detail: str(p.reason) };
        return { ts: e.ts, event: 'breaker action', name: e.source.replace(/^breaker:/, ''), value: null, limit: null, detail: str(obj(p.action).type) };
      }),
    },
    {
      name: 'alerts',
      title: 'Alerts',
      emptyNote: 'No alert in the period.',
      columns: [
        { key: 'ts', header: 'Time (UTC)', kind: 'time', pdfWidth: 1.4 },
        { key: 'event', header: 'Event', kind: 'text' },
        { key: 'severity', header: 'Severity', kind: 'text' },
        { key: 'message', header: 'Message', kind: 'text', pdfWidth: 3.2 },
        { key: 'value', header: 'Value', kind: 'num' },
        { key: 'threshold', header: 'Threshold', kind: 'num' },
      ],
      rows: alerts.map((e) => ({ ts: e.ts, event: e.kind.slice(6), severity: e.severity, message: str(e.payload.message) || str(e.payload.key) || str(e.payload.id), value: num(e.payload.value), threshold: num(e.payload.threshold) })),
    },
    {
      name: 'overrides',
      title: 'Overrides and manual changes',
      emptyNote: 'No override or manual change in the period.',
      columns: [
        { key: 'ts', header: 'Time (UTC)', kind: 'time', pdfWidth: 1.4 },
        { key: 'event', header: 'Event', kind: 'text', pdfWidth: 1.3 },
        { key: 'by', header: 'By', kind: 'text' },
        { key: 'subject', header: 'Subject', kind: 'text' },
        { key: 'reason', header: 'Reason', kind: 'text', pdfWidth: 2.6 },
        { key: 'expires', header: 'Expires (UTC)', kind: 'time', pdfWidth: 1.4 },
      ],
      rows: overrides.map((e) => {
        const p = e.payload;
        const event = { 'breaker.overridden': 'breaker overridden', 'breaker.override_revoked': 'override revoked', 'trading.state_changed': 'trading state', 'limit.updated': 'limits changed' }[e.kind] ?? e.kind;
        const subject = e.kind === 'trading.state_changed' ? `${str(p.from)} > ${str(p.to)}` : e.kind === 'limit.updated' ? Object.keys(obj(p.patch)).join(', ') : str(p.breaker);
        return { ts: e.ts, event, by: str(p.user) || who(e), subject, reason: str(p.reason), expires: num(p.expiresAt) ?? num(p.until) };
      }),
    },
  ];
}

function preservationTable(ev: PreservationRow[]): Table {
  return {
    name: 'preservation',
    title: 'Capital-preservation events',
    note: 'Outcome: P&L the removed exposure would have made over 24 h; positive = loss avoided, negative = cost of protection.',
    emptyNote: 'No capital-preservation level change in the period.',
    columns: [
      { key: 'ts', header: 'Time (UTC)', kind: 'time', pdfWidth: 1.4 },
      { key: 'levels', header: 'Level', kind: 'text', pdfWidth: 0.6 },
      { key: 'direction', header: 'Direction', kind: 'text' },
      { key: 'trigger', header: 'Trigger', kind: 'text' },
      { key: 'orders', header: 'Orders', kind: 'int', pdfWidth: 0.6 },
      { key: 'filled', header: 'Filled', kind: 'int', pdfWidth: 0.6 },
      { key: 'outcome', header: 'Outcome USD', kind: 'usd' },
      { key: 'result', header: 'Result', kind: 'text', pdfWidth: 1.4 },
    ],
    rows: ev.map((e) => ({
      ts: e.ts,
      levels: `${e.fromLevel} > ${e.toLevel}`,
      direction: e.direction,
      trigger: e.trigger ?? 'manual',
      orders: e.orders.length,
      filled: e.orders.filter((o) => o.status === 'filled').length,
      outcome: e.outcome,
      result: e.direction === 'recover' ? 'n/a (no orders)' : e.outcome === null ? 'pending' : e.outcome >= 0 ? 'loss avoided' : 'cost of protection',
    })),
  };
}

function hedgesTable(h: HedgeRow[] | null): Table {
  return {
    name: 'hedges',
    title: 'Hedges',
    emptyNote: h === null ? 'Hedging not enabled in this build.' : 'No hedge held in the period.',
    columns: [
      { key: 'symbol', header: 'Symbol', kind: 'text', pdfWidth: 2.4 },
      { key: 'type', header: 'Type', kind: 'text' },
      { key: 'status', header: 'Status', kind: 'text', pdfWidth: 0.8 },
      { key: 'opened_at', header: 'Opened (UTC)', kind: 'time', pdfWidth: 1.4 },
      { key: 'qty', header: 'Quantity', kind: 'qty' },
      { key: 'entry', header: 'Entry', kind: 'price' },
      { key: 'mark', header: 'Mark', kind: 'price' },
      { key: 'cost', header: 'Premium + funding USD', kind: 'usd', pdfWidth: 1.3 },
      { key: 'pnl', header: 'P&L USD', kind: 'usd' },
      { key: 'protection', header: 'Protection USD', kind: 'usd' },
    ],
    rows: (h ?? []).map((x) => ({ symbol: x.symbol, type: x.type, status: x.status, opened_at: x.openedAt, qty: x.qty, entry: x.entryPrice, mark: x.mark, cost: x.premiumPaid + x.fundingPaid, pnl: x.pnl, protection: x.protection })),
  };
}

/** Every table, in report order. */
export function buildTables(i: TableInputs): Table[] {
  return [positionsTable(i.positions), metricsTable(i.headline, i.risk), varTable(i.varDays), ...riskTables(i.risk), ...journalTables(i.events), preservationTable(i.preservation), hedgesTable(i.hedges)];
}
