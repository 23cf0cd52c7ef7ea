/**
 * Circuit-breaker configuration and the built-in breaker definitions (what each one watches,
 * when it trips, what it does). The state machine is in breakers.ts; docs/controls.md has the table.
 */
import { z } from 'zod';
import type { TradingMode } from './trading-state';

const HOUR = 3_600_000;
const ms = (def: number) => z.number().int().min(0).max(30 * 24 * HOUR).default(def);

export const BreakerConfig = z
  .object({
    /** Realised vol ≥ this multiple of normal vol trips volatility_spike. */
    volSpikeMultiple: z.number().finite().gt(1).default(3),
    /** Fraction of every position volatility_spike asks to cut. */
    volSpikeReduceFraction: z.number().gt(0).max(1).default(0.5),
    /** Drawdown from the high-water mark that trips the close-all breaker. */
    drawdownThreshold: z.number().gt(0).max(1).default(0.1),
    /** Whether the drawdown breaker may be overridden or disabled at all. */
    allowDrawdownOverride: z.boolean().default(false),
    /** Daily loss (fraction of day-start equity) that halts trading. */
    dailyLossThreshold: z.number().gt(0).max(1).default(0.02),
    dailyLossHaltMs: ms(24 * HOUR),
    /** Average pairwise correlation strictly above this trips correlation_spike. */
    correlationSpikeThreshold: z.number().gt(0).max(1).default(0.9),
    correlationReduceFraction: z.number().gt(0).max(1).default(0.5),
    /** Consecutive losing trades/days (as counted by the caller) that start a cool-down. */
    lossStreakCount: z.number().int().min(2).max(100).default(5),
    lossStreakPauseMs: ms(12 * HOUR),
    /** A feed silent longer than this is an anomaly. */
    staleFeedMs: z.number().int().min(1_000).max(HOUR).default(60_000),
    /** |reported P&L − P&L implied by prices| / equity above this is an anomaly. */
    pnlMismatchTolerance: z.number().gt(0).max(1).default(0.005),
    /** Cool-down after a condition-based breaker clears, before it re-arms (REDUCING meanwhile). */
    volSpikeCooldownMs: ms(30 * 60_000),
    drawdownCooldownMs: ms(HOUR),
    correlationCooldownMs: ms(30 * 60_000),
    anomalyCooldownMs: ms(5 * 60_000),
    /** Longest manual override from now. */
    maxOverrideMs: z.number().int().min(60_000).max(7 * 24 * HOUR).default(4 * HOUR),
  })
  .strict();
export type BreakerConfig = z.infer<typeof BreakerConfig>;

export const BREAKER_IDS = ['volatility_spike', 'drawdown', 'daily_loss', 'correlation_spike', 'loss_streak', 'anomaly'] as const;
export type BreakerId = (typeof BREAKER_IDS)[number];

export type BreakerAction =
  | { type: 'reduce_exposure'; fraction: number; scope: 'all' | 'correlated' }
  | { type: 'close_all' }
  | { type: 'halt'; durationMs: number }
  | { type: 'pause_new_exposure'; durationMs: number }
  | { type: 'safe_mode' };

/** Inputs to evaluate(); a breaker whose metric is missing is left as it is. */
export interface BreakerMetrics {
  /** Realised and normal (long-run) volatility, same units. */
  realisedVol?: number;
  normalVol?: number;
  /** Fraction below the high-water mark. */
  drawdown?: number;
  /** Today's loss as a fraction of day-start equity (>= 0; a gain is 0). */
  dailyLoss?: number;
  avgPairwiseCorrelation?: number;
  /** Consecutive losing trades or days. */
  lossStreak?: number;
  /** Age of the stalest feed the book depends on, ms. */
  staleFeedMs?: number;
  /** Data errors since the last evaluation. */
  dataErrors?: number;
  /** |reported P&L − P&L implied by prices| / equity. */
  pnlMismatch?: number;
}

export interface Reading {
  /** Condition met. */
  hit: boolean;
  metric: string;
  value: number;
  threshold: number;
}

export interface BreakerDef {
  id: BreakerId;
  /** Trading mode while tripped (cooling_down is always REDUCING). */
  mode: TradingMode;
  /** > 0: a fixed-length trip that ends by itself (then latched, see breakers.ts); 0: while the condition holds. */
  tripMs: (c: BreakerConfig) => number;
  cooldownMs: (c: BreakerConfig) => number;
  actions: (c: BreakerConfig) => BreakerAction[];
  /** null when the needed metrics are missing. */
  read: (m: BreakerMetrics, c: BreakerConfig) => Reading | null;
}

const has = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

export const BREAKERS: Readonly<Record<BreakerId, BreakerDef>> = {
  volatility_spike: {
    id: 'volatility_spike',
    mode: 'REDUCING',
    tripMs: () => 0,
    cooldownMs: (c) => c.volSpikeCooldownMs,
    actions: (c) => [{ type: 'reduce_exposure', fraction: c.volSpikeReduceFraction, scope: 'all' }],
    read: (m, c) => {
      if (!has(m.realisedVol) || !has(m.normalVol) || !(m.normalVol > 0)) return null;
      const r = m.realisedVol / m.normalVol;
      return { hit: r >= c.volSpikeMultiple, metric: 'realised_vol_ratio', value: r, threshold: c.volSpikeMultiple };
    },
  },
  drawdown: {
    id: 'drawdown',
    mode: 'HALTED',
    tripMs: () => 0,
    cooldownMs: (c) => c.drawdownCooldownMs,
    actions: () => [{ type: 'close_all' }],
    read: (m, c) => (has(m.drawdown) ? { hit: m.drawdown >= c.drawdownThreshold, metric: 'drawdown', value: m.drawdown, threshold: c.drawdownThreshold } : null),
  },
  daily_loss: {
    id: 'daily_loss',
    mode: 'HALTED',
    tripMs: (c) => c.dailyLossHaltMs,
    cooldownMs: () => 0,
    actions: (c) => [{ type: 'halt', durationMs: c.dailyLossHaltMs }],
    read: (m, c) => (has(m.dailyLoss) ? { hit: m.dailyLoss >= c.dailyLossThreshold, metric: 'daily_loss', value: m.dailyLoss, threshold: c.dailyLossThreshold } : null),
  },
  correlation_spike: {
    id: 'correlation_spike',
    mode: 'REDUCING',
    tripMs: () => 0,
    cooldownMs: (c) => c.correlationCooldownMs,
    actions: (c) => [{ type: 'reduce_exposure', fraction: c.correlationReduceFraction, scope: 'correlated' }],
    read: (m, c) =>
      has(m.avgPairwiseCorrelation)
        ? { hit: m.avgPairwiseCorrelation > c.correlationSpikeThreshold, metric: 'avg_pairwise_correlation', value: m.avgPairwiseCorrelation, threshold: c.correlationSpikeThreshold }
        : null,
  },
  loss_streak: {
    id: 'loss_streak',
    mode: 'REDUCING',
    tripMs: (c) => c.lossStreakPauseMs,
    cooldownMs: () => 0,
    actions: (c) => [{ type: 'pause_new_exposure', durationMs: c.lossStreakPauseMs }],
    read: (m, c) => (has(m.lossStreak) ? { hit: m.lossStreak >= c.lossStreakCount, metric: 'loss_streak', value: m.lossStreak, threshold: c.lossStreakCount } : null),
  },
  anomaly: {
    id: 'anomaly',
    mode: 'REDUCING',
    tripMs: () => 0,
    cooldownMs: (c) => c.anomalyCooldownMs,
    actions: () => [{ type: 'safe_mode' }],
    read: (m, c) => {
      if (!has(m.staleFeedMs) && !has(m.dataErrors) && !has(m.pnlMismatch)) return null;
      // The first failing check is reported; with none failing, the stalest feed (or whatever was given).
      if (has(m.dataErrors) && m.dataErrors > 0) return { hit: true, metric: 'data_errors', value: m.dataErrors, threshold: 0 };
      if (has(m.pnlMismatch) && m.pnlMismatch > c.pnlMismatchTolerance) return { hit: true, metric: 'pnl_mismatch', value: m.pnlMismatch, threshold: c.pnlMismatchTolerance };
      if (has(m.staleFeedMs)) return { hit: m.staleFeedMs > c.staleFeedMs, metric: 'stale_feed_ms', value: m.staleFeedMs, threshold: c.staleFeedMs };
      if (has(m.pnlMismatch)) return { hit: false, metric: 'pnl_mismatch', value: m.pnlMismatch, threshold: c.pnlMismatchTolerance };
      return { hit: false, metric: 'data_errors', value: m.dataErrors ?? 0, threshold: 0 };
    },
  },
};

/** Metrics from a portfolio summary (drawdown and daily loss); merge the rest in. */
export function metricsFromSummary(s: { drawdown: number; dailyPnl: number; dayStartEquity: number }, extra?: BreakerMetrics): BreakerMetrics {
  const dailyLoss = s.dayStartEquity > 0 ? Math.max(0, -s.dailyPnl) / s.dayStartEquity : undefined;
  return { drawdown: s.drawdown, dailyLoss, ...extra };
}
