/**
 * Collects one report's data from the engine's store: equity snapshots, risk snapshots (VaR history and
 * the VaR backtest by day), the journal (breaches, alerts, overrides), preservation events with their
 * outcomes, positions and the latest heavy-risk snapshot. No rendering here (see pdf.ts, xlsx.ts, csv.ts).
 */
import type { Database } from 'better-sqlite3';
import type { PortfolioSummary, PositionView, RiskSnapshot } from '../../shared/contract/index';
import { buildTables, type JournalRow, type PreservationRow } from './tables';
import type { HedgeRow } from './hedges';
import type { Headline, ReportData, SeriesPoint, VarDay, VarPoint } from './types';

const DAY_MS = 86_400_000;
/** Charts never need more points than a page has horizontal resolution. */
const MAX_POINTS = 1200;

export interface ReportSources {
  db: Database;
  positions: () => readonly PositionView[];
  summary: () => PortfolioSummary;
  latestRisk: () => RiskSnapshot | null;
  /** Active/closed hedges from `hedging.monitor`, or null when hedging is not part of this build. */
  hedges: () => Promise<HedgeRow[] | null>;
  dayStartHourUtc: number;
  now: () => number;
}

export const JOURNAL_KINDS = {
  breaches: ['limit.breached', 'breaker.activated', 'breaker.action'],
  alerts: ['alert.raised', 'alert.escalated', 'alert.acknowledged', 'alert.resolved'],
  overrides: ['breaker.overridden', 'breaker.override_revoked', 'trading.state_changed', 'limit.updated'],
} as const;

/** The trading day (`YYYY-MM-DD`) containing `ts`, days starting at `dayStartHourUtc`. */
export function tradingDay(ts: number, dayStartHourUtc: number): string {
  return new Date(ts - dayStartHourUtc * 3_600_000).toISOString().slice(0, 10);
}

/** [start, end) of the inclusive day range in ms. */
export function periodBounds(from: string, to: string, dayStartHourUtc: number): { startMs: number; endMs: number } {
  const shift = dayStartHourUtc * 3_600_000;
  return { startMs: Date.parse(`${from}T00:00:00Z`) + shift, endMs: Date.parse(`${to}T00:00:00Z`) + DAY_MS + shift };
}

/** Every k-th point plus the last, so a chart has at most `max` points and always ends on the latest. */
export function thin<T>(xs: T[], max = MAX_POINTS): T[] {
  if (xs.length <= max) return xs;
  const k = Math.ceil(xs.length / max);
  const out: T[] = [];
  for (let i = 0; i < xs.length; i += k) out.push(xs[i]);
  if (out[out.length - 1] !== xs[xs.length - 1]) out.push(xs[xs.length - 1]);
  return out;
}

interface EqRow {
  ts: number;
  equity: number;
  dailyPnl: number;
  drawdown: number;
}

function equityRows(db: Database, startMs: number, endMs: number): EqRow[] {
  const q = db.prepare('SELECT ts, equity, daily_pnl AS dailyPnl, drawdown FROM equity_snapshots WHERE resolution = ? AND ts >= ? AND ts < ? ORDER BY ts');
  // Minute rows cover a year; a young book (or a test) may only have second rows yet.
  const minutes = q.all('1m', startMs, endMs) as EqRow[];
  if (minutes.length >= 30) return minutes;
  const seconds = q.all('1s', startMs, endMs) as EqRow[];
  return seconds.length > minutes.length ? seconds : minutes;
}

function varRows(db: Database, startMs: number, endMs: number): VarPoint[] {
  // Bucketed in SQL (the worst VaR per bucket) so a year of 10 s snapshots is one cheap query.
  const bucket = Math.max(10_000, Math.ceil((endMs - startMs) / MAX_POINTS));
  return db
    .prepare('SELECT MIN(ts) AS ts, MAX(var95) AS var95, MAX(var99) AS var99 FROM risk_snapshots WHERE ts >= ? AND ts < ? GROUP BY ts / ? ORDER BY 1')
    .all(startMs, endMs, bucket) as VarPoint[];
}

function varDays(db: Database, eq: EqRow[], startMs: number, endMs: number, dayStartHourUtc: number): VarDay[] {
  const first = db.prepare('SELECT ts, var95, var99 FROM risk_snapshots WHERE ts >= ? AND ts < ? ORDER BY ts LIMIT 1');
  const out: VarDay[] = [];
  for (let d0 = startMs; d0 < endMs; d0 += DAY_MS) {
    const d1 = d0 + DAY_MS;
    const open = first.get(d0, d1) as VarPoint | undefined;
    const day = eq.filter((r) => r.ts >= d0 && r.ts < d1);
    if (!open || day.length === 0) continue;
    const close = day[day.length - 1];
    const cross = day.find((r) => r.ts >= open.ts && -r.dailyPnl > open.var99);
    out.push({ day: tradingDay(d0, dayStartHourUtc), var95: open.var95, var99: open.var99, pnl: close.dailyPnl, exception: -close.dailyPnl > open.var99, crossedAt: cross ? cross.ts : null });
  }
  return out;
}

function journal(db: Database, startMs: number, endMs: number): JournalRow[] {
  const kinds = [...JOURNAL_KINDS.breaches, ...JOURNAL_KINDS.alerts, ...JOURNAL_KINDS.overrides];
  const rows = db
    .prepare(`SELECT id, ts, kind, severity, source, payload FROM events WHERE ts >= ? AND ts < ? AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY ts, id LIMIT 20000`)
    .all(startMs, endMs, ...kinds) as (Omit<JournalRow, 'payload'> & { payload: string })[];
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

function preservation(db: Database, startMs: number, endMs: number): PreservationRow[] {
  const rows = db
    .prepare('SELECT id, ts, from_level AS fromLevel, to_level AS toLevel, direction, trigger, orders, outcome, outcome_at AS outcomeAt FROM preservation_events WHERE ts >= ? AND ts < ? ORDER BY ts LIMIT 5000')
    .all(startMs, endMs) as (Omit<PreservationRow, 'orders'> & { orders: string })[];
  return rows.map((r) => ({ ...r, orders: JSON.parse(r.orders) as PreservationRow['orders'] }));
}

/** Reads everything one report needs. `from`/`to` are inclusive trading days. */
export async function collectReport(src: ReportSources, from: string, to: string): Promise<ReportData> {
  const { startMs, endMs } = periodBounds(from, to, src.dayStartHourUtc);
  const now = src.now();
  const eq = equityRows(src.db, startMs, endMs);
  const varHistory = varRows(src.db, startMs, endMs);
  const days = varDays(src.db, eq, startMs, endMs, src.dayStartHourUtc);
  const events = journal(src.db, startMs, endMs);
  const pres = preservation(src.db, startMs, endMs);
  const positions = src.positions();
  const risk = src.latestRisk();
  const hedges = await src.hedges();
  const summary = src.summary();
  // A period that ended before now reports its own close; an open period reports the live book.
  const closed = endMs <= now && eq.length > 0;
  const last = eq[eq.length - 1];
  const lastVar = varHistory.length ? (src.db.prepare('SELECT var95, var99, cvar99, risk_score AS score, regime, stress_worst AS worst FROM risk_snapshots WHERE ts >= ? AND ts < ? ORDER BY ts DESC LIMIT 1').get(startMs, endMs) as { var95: number; var99: number; cvar99: number; score: number; regime: string; worst: number }) : undefined;
  const useLive = !closed && risk !== null;
  const headline: Headline = {
    equity: closed ? last.equity : summary.equity,
    dailyPnl: closed ? last.dailyPnl : summary.dailyPnl,
    dailyPnlPct: closed ? (last.equity - last.dailyPnl > 0 ? last.dailyPnl / (last.equity - last.dailyPnl) : 0) : summary.dailyPnlPct,
    drawdown: closed ? last.drawdown : summary.drawdown,
    highWaterMark: summary.highWaterMark,
    grossExposure: summary.grossExposure,
    netExposure: summary.netExposure,
    positions: positions.length,
    var95: useLive ? risk.var.historical['0.95'].var : (lastVar?.var95 ?? null),
    var99: useLive ? risk.var.historical['0.99'].var : (lastVar?.var99 ?? null),
    cvar99: useLive ? risk.var.historical['0.99'].cvar : (lastVar?.cvar99 ?? null),
    riskScore: useLive ? risk.riskScore.score : (lastVar?.score ?? null),
    regime: useLive ? risk.regime : (lastVar?.regime ?? null),
    worstStress: useLive ? risk.stress.worst.pnl : (lastVar?.worst ?? null),
    exceptions: days.filter((d) => d.exception).length,
    limitBreaches: events.filter((e) => e.kind === 'limit.breached' || e.kind === 'breaker.activated').length,
    alerts: events.filter((e) => e.kind === 'alert.raised').length,
    preservationEvents: pres.length,
  };
  const thinned = thin(eq);
  const series = (f: (r: EqRow) => number): SeriesPoint[] => thinned.map((r) => ({ ts: r.ts, value: f(r) }));
  return {
    from,
    to,
    startMs,
    endMs,
    generatedAt: now,
    headline,
    equity: series((r) => r.equity),
    drawdown: series((r) => r.drawdown),
    dayLoss: series((r) => -r.dailyPnl),
    varHistory,
    varDays: days,
    positions,
    risk,
    hedgingEnabled: hedges !== null,
    tables: buildTables({ headline, positions, risk, varDays: days, events, preservation: pres, hedges }),
  };
}
