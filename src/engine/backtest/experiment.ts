/**
 * The "Measured effect" experiment: each demo book replayed with the controls off and on, the
 * comparison metrics (metrics.ts), and a set of sensitivity runs that show how much of the result
 * is the controls and how much is a replay choice. Pure: bars in, report out.
 */
import { replayConfig, LEVERED, UNLEVERED, type ReplayConfig, type Sleeve } from './config';
import type { Bar } from './data';
import {
  baseRate,
  breaches,
  breachPrevention,
  falsePositives,
  performance,
  scoredEvents,
  timeShare,
  type FalsePositiveRow,
  type FalsePositiveRule,
  type Performance,
  type PreventionRow,
} from './metrics';
import { runReplay, type ReplayResult } from './replay';

export const PRIMARY_RULE: FalsePositiveRule = { fall: 0.02, horizon: 10 };
export const RULE_GRID: readonly FalsePositiveRule[] = [
  { fall: 0.01, horizon: 5 },
  PRIMARY_RULE,
  { fall: 0.05, horizon: 20 },
];

export interface Change {
  drawdownReduction: number;
  sharpeDelta: number;
  cagrDelta: number;
  calmarDelta: number;
}

export interface TradeStats {
  fills: number;
  bySource: Record<string, number>;
  /** Half-spread paid, USD. */
  costs: number;
  /** Σ |fill notional| / average equity / years. */
  annualTurnover: number;
}

export interface BookReport {
  book: string;
  sleeves: Sleeve[];
  off: Performance;
  on: Performance;
  change: Change;
  /** OFF with every sleeve scaled so its average exposure equals ON's: plain de-leveraging. */
  exposureMatched: Performance & { scale: number };
  falsePositives: FalsePositiveRow[];
  falsePositiveGrid: {
    rule: FalsePositiveRule;
    breakers: number | null;
    preservation: number | null;
    all: number | null;
  }[];
  breaches: PreventionRow[];
  timeInMode: Record<string, number>;
  timeInLevel: Record<string, number>;
  trades: { off: TradeStats; on: TradeStats };
  /** Pre-trade reason codes on denied or cut orders (ON), by code. */
  orderChecks: Record<string, number>;
  rebases: string[];
  drawdownTrips: string[];
  yearly: { year: string; off: number; on: number }[];
}

export interface SensitivityRow {
  book: string;
  variant: string;
  ddOff: number;
  ddOn: number;
  drawdownReduction: number;
  sharpeOff: number;
  sharpeOn: number;
  sharpeDelta: number;
  cagrOff: number;
  cagrOn: number;
  avgExposureOn: number;
  falsePositiveRate: number | null;
  breachesPrevented: number | null;
  events: number;
}

export interface RobustnessRow {
  book: string;
  /** Trading days dropped from the start of the data. */
  offset: number;
  start: string;
  drawdownReduction: number;
  sharpeDelta: number;
  cagrDelta: number;
  falsePositiveRate: number | null;
  breachesPrevented: number | null;
}

export interface ExperimentReport {
  data: { first: string; last: string; days: number };
  settings: Omit<ReplayConfig, 'name' | 'sleeves' | 'controls'>;
  rule: FalsePositiveRule;
  baseRates: { rule: FalsePositiveRule; rate: number }[];
  books: BookReport[];
  sensitivity: SensitivityRow[];
  robustness: RobustnessRow[];
}

function change(off: Performance, on: Performance): Change {
  return {
    drawdownReduction: 1 - on.maxDrawdown / off.maxDrawdown,
    sharpeDelta: on.sharpe - off.sharpe,
    cagrDelta: on.cagr - off.cagr,
    calmarDelta: on.calmar - off.calmar,
  };
}

function trades(r: ReplayResult): TradeStats {
  const bySource: Record<string, number> = {};
  for (const f of r.fills) bySource[f.source] = (bySource[f.source] ?? 0) + 1;
  const avgEquity = r.equity.reduce((a, b) => a + b, 0) / r.equity.length;
  const years = (r.equity.length - 1) / 252;
  return { fills: r.fills.length, bySource, costs: r.costs, annualTurnover: r.turnover / avgEquity / years };
}

function yearly(off: ReplayResult, on: ReplayResult): BookReport['yearly'] {
  const out: BookReport['yearly'] = [];
  let start = 0;
  for (let d = 1; d <= off.dates.length; d++) {
    if (d < off.dates.length && off.dates[d].slice(0, 4) === off.dates[start].slice(0, 4)) continue;
    // Year return from the previous year's last close (the first year from E_0).
    const from = start === 0 ? 0 : start - 1;
    out.push({
      year: off.dates[start].slice(0, 4),
      off: off.equity[d - 1] / off.equity[from] - 1,
      on: on.equity[d - 1] / on.equity[from] - 1,
    });
    start = d;
  }
  return out;
}

function fpRate(rows: readonly FalsePositiveRow[], key: string): number | null {
  return rows.find((r) => r.key === key)?.rate ?? null;
}

/** One OFF/ON pair with the full comparison. */
export function compareBook(
  bars: readonly Bar[],
  base: ReplayConfig,
): { report: BookReport; off: ReplayResult; on: ReplayResult } {
  const off = runReplay(bars, { ...base, controls: false });
  const on = runReplay(bars, { ...base, controls: true });
  const pOff = performance(off);
  const pOn = performance(on);
  const scale = pOn.avgExposure / pOff.avgExposure;
  const matched = runReplay(bars, {
    ...base,
    controls: false,
    sleeves: base.sleeves.map((s) => ({ ...s, weight: s.weight * scale })),
  });
  const codes: Record<string, number> = {};
  for (const d of on.denials) for (const c of d.codes) codes[c] = (codes[c] ?? 0) + 1;
  const fp = falsePositives(on.events, on.closes, PRIMARY_RULE);
  return {
    off,
    on,
    report: {
      book: base.name,
      sleeves: base.sleeves,
      off: pOff,
      on: pOn,
      change: change(pOff, pOn),
      exposureMatched: { ...performance(matched), scale },
      falsePositives: fp,
      falsePositiveGrid: RULE_GRID.map((rule) => {
        const rows = falsePositives(on.events, on.closes, rule);
        return {
          rule,
          breakers: fpRate(rows, 'all breakers'),
          preservation: fpRate(rows, 'all preservation escalations'),
          all: fpRate(rows, 'all events'),
        };
      }),
      breaches: breachPrevention(breaches(off), breaches(on)),
      timeInMode: timeShare(on.mode),
      timeInLevel: timeShare(on.level),
      trades: { off: trades(off), on: trades(on) },
      orderChecks: codes,
      rebases: on.events.filter((e) => e.kind === 'rebase').map((e) => e.date),
      drawdownTrips: on.events.filter((e) => e.kind === 'breaker' && e.id === 'drawdown').map((e) => e.date),
      yearly: yearly(off, on),
    },
  };
}

function pair(bars: readonly Bar[], base: ReplayConfig) {
  const off = runReplay(bars, { ...base, controls: false });
  const on = runReplay(bars, { ...base, controls: true });
  const pOff = performance(off);
  const pOn = performance(on);
  const any = breachPrevention(breaches(off), breaches(on)).find((r) => r.limit === 'any');
  return { off, on, pOff, pOn, any };
}

/** The primary comparison with the first `offset` trading days dropped: how fragile is the path? */
function robustness(bars: readonly Bar[], base: ReplayConfig, offset: number): RobustnessRow {
  const { on, pOff, pOn, any } = pair(bars.slice(offset), base);
  const c = change(pOff, pOn);
  return {
    book: base.name,
    offset,
    start: bars[offset].date,
    drawdownReduction: c.drawdownReduction,
    sharpeDelta: c.sharpeDelta,
    cagrDelta: c.cagrDelta,
    falsePositiveRate: fpRate(falsePositives(on.events, on.closes, PRIMARY_RULE), 'all events'),
    breachesPrevented: any?.share ?? null,
  };
}

function sensitivity(bars: readonly Bar[], base: ReplayConfig, variant: string): SensitivityRow {
  const { on, pOff, pOn, any } = pair(bars, base);
  return {
    book: base.name,
    variant,
    ddOff: pOff.maxDrawdown,
    ddOn: pOn.maxDrawdown,
    drawdownReduction: 1 - pOn.maxDrawdown / pOff.maxDrawdown,
    sharpeOff: pOff.sharpe,
    sharpeOn: pOn.sharpe,
    sharpeDelta: pOn.sharpe - pOff.sharpe,
    cagrOff: pOff.cagr,
    cagrOn: pOn.cagr,
    avgExposureOn: pOn.avgExposure,
    falsePositiveRate: fpRate(falsePositives(on.events, on.closes, PRIMARY_RULE), 'all events'),
    breachesPrevented: any?.share ?? null,
    events: scoredEvents(on.events).length,
  };
}

/** A preservation ladder no metric reaches: switches one trigger off. */
const NEVER = [1e6, 2e6, 3e6];

export const VARIANTS: readonly { variant: string; over: Partial<ReplayConfig> }[] = [
  { variant: 'as built: no HWM re-base', over: { rebaseAfterDays: null } },
  { variant: 're-base after 5 days', over: { rebaseAfterDays: 5 } },
  { variant: 're-base after 60 days', over: { rebaseAfterDays: 60 } },
  { variant: 'intraday low checked, fills at the low', over: { marks: 'low' } },
  { variant: 'VaR window fixed at 250 days', over: { varLookback: 250 } },
  { variant: 'cost 0 bp', over: { costBps: 0 } },
  { variant: 'daily re-entry (both runs rebalance daily)', over: { rebalance: 'daily' } },
  {
    variant: 'without the loss-streak triggers',
    over: {
      breakerConfig: { lossStreakCount: 100 },
      preservationConfig: { thresholds: { loss_streak: NEVER } },
    },
  },
  {
    variant: 'without capital preservation (breakers and limits only)',
    over: {
      preservationConfig: {
        thresholds: {
          drawdown: NEVER,
          volatility: NEVER,
          correlation: NEVER,
          loss_streak: NEVER,
          tail_risk: NEVER,
          liquidity: NEVER,
        },
      },
    },
  },
];

export const START_OFFSETS: readonly number[] = [0, 5, 10, 15, 20];

/** The whole experiment on `bars` (sensitivities optional: they triple the runtime). */
export function runExperiment(bars: readonly Bar[], opts: { sensitivity?: boolean } = {}): ExperimentReport {
  const books = [replayConfig({ sleeves: LEVERED }), replayConfig({ sleeves: UNLEVERED })];
  const reports = books.map((b) => compareBook(bars, b).report);
  const sens: SensitivityRow[] = [];
  const robust: RobustnessRow[] = [];
  if (opts.sensitivity !== false)
    for (const b of books) {
      sens.push(sensitivity(bars, b, 'primary (re-base after 20 days)'));
      for (const v of VARIANTS) sens.push(sensitivity(bars, { ...b, ...v.over }, v.variant));
      for (const k of START_OFFSETS) robust.push(robustness(bars, b, k));
    }
  const closes = bars.map((b) => b.close);
  const { name: _n, sleeves: _s, controls: _c, ...settings } = books[0];
  return {
    data: { first: bars[0].date, last: bars[bars.length - 1].date, days: bars.length },
    settings,
    rule: PRIMARY_RULE,
    baseRates: RULE_GRID.map((rule) => ({ rule, rate: baseRate(closes, rule) })),
    books: reports,
    sensitivity: sens,
    robustness: robust,
  };
}
