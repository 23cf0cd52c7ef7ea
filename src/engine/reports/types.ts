/**
 * The report's data model, shared by the collector and the three renderers. Tables are described once
 * (columns with a kind that fixes the unit and number format) so the PDF, the XLSX sheets and the CSV
 * carry the same figures. Money is USD (the account currency); fractions are stored as fractions and
 * shown as percentages; times are UTC epoch ms.
 */
import type { PositionView, RiskSnapshot } from '../../shared/contract/index';

export type ColumnKind = 'text' | 'usd' | 'pct' | 'num' | 'int' | 'price' | 'qty' | 'time' | 'day';

export interface Column {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Relative width in the PDF (default 1); 0 leaves the column out of the PDF (kept in XLSX/CSV). */
  pdfWidth?: number;
}

export type Cell = string | number | null;

export interface Table {
  /** Sheet / CSV table name: lower-case, short. */
  name: string;
  title: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  /** Shown instead of an empty table (e.g. "hedging not enabled"). */
  emptyNote?: string;
  /** One line under the title saying what the figures mean. */
  note?: string;
}

export interface SeriesPoint {
  ts: number;
  value: number;
}

export interface VarPoint {
  ts: number;
  var95: number;
  var99: number;
}

/** One trading day of the VaR backtest: the 99 % VaR at the day's first snapshot against the day's realised P&L. */
export interface VarDay {
  day: string;
  var95: number;
  var99: number;
  /** Realised P&L of the day (last equity snapshot's daily P&L; USD, loss negative). */
  pnl: number;
  exception: boolean;
  /** First time the running loss crossed the prevailing 99 % VaR (null when it never did). */
  crossedAt: number | null;
}

export interface Headline {
  equity: number;
  dailyPnl: number;
  dailyPnlPct: number;
  drawdown: number;
  highWaterMark: number;
  grossExposure: number;
  netExposure: number;
  positions: number;
  var95: number | null;
  var99: number | null;
  cvar99: number | null;
  riskScore: number | null;
  regime: string | null;
  worstStress: number | null;
  exceptions: number;
  limitBreaches: number;
  alerts: number;
  preservationEvents: number;
}

export interface ReportData {
  /** Period, inclusive UTC days, and its [start, end) in ms. */
  from: string;
  to: string;
  startMs: number;
  endMs: number;
  generatedAt: number;
  headline: Headline;
  equity: SeriesPoint[];
  drawdown: SeriesPoint[];
  /** Running realised loss of the day (−daily P&L, USD), for the VaR chart. */
  dayLoss: SeriesPoint[];
  varHistory: VarPoint[];
  varDays: VarDay[];
  positions: readonly PositionView[];
  /** The latest heavy-risk snapshot (as of generation), or null when none was computed yet. */
  risk: RiskSnapshot | null;
  hedgingEnabled: boolean;
  tables: Table[];
}
