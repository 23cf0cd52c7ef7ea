import { z } from 'zod';

/**
 * Historical replay of TODAY's book through a past S&P 500 window (src/engine/risk-engine/replay.ts).
 * Each position's underlying follows β × the index's daily simple return, compounded from today's
 * spot; the book is frozen (no rehedging, no time decay, options at today's vol). Money is USD.
 */
export const ReplayScenarioId = z.enum(['2000-2002', '2008', '2020']);
export type ReplayScenarioId = z.infer<typeof ReplayScenarioId>;

export const ReplayResult = z.object({
  id: z.string(),
  scenario: ReplayScenarioId,
  name: z.string(),
  /** Inclusive window (ISO dates) and the trading days actually replayed. */
  start: z.string(),
  end: z.string(),
  /** Equity the path starts from (USD, the account's equity when the replay ran). */
  equity: z.number(),
  positions: z.number().int(),
  dates: z.array(z.string()),
  /** Cumulative P&L vs today (USD) after each day, and equity + that P&L (the "daily equity" path). */
  pnl: z.array(z.number()),
  equityPath: z.array(z.number()),
  /** The S&P 500's cumulative simple return over the window (fraction), for the overlay. */
  benchmark: z.array(z.number()),
  /** Most negative one-day change of the book's P&L (USD) and its date. */
  worstDay: z.object({ date: z.string().nullable(), pnl: z.number() }),
  /** Largest peak-to-trough fall of equity in the window; pct is of the peak (fraction). */
  maxDrawdown: z.object({ amount: z.number(), pct: z.number(), peakDate: z.string().nullable(), troughDate: z.string().nullable() }),
  /** Worst cumulative loss vs today (USD ≥ 0, fraction of equity). */
  maxLoss: z.object({ amount: z.number(), pct: z.number(), date: z.string().nullable() }),
  /**
   * Trading days from the drawdown's trough back to its previous peak. `recovered` = seen inside
   * the window; `not-recovered` = not by the window's end (`estimatedDays` = ln(peak/trough)/g with
   * g = β_book × the index's long-run mean daily log return, null when g ≤ 0); `no-drawdown`.
   */
  recovery: z.object({
    status: z.enum(['recovered', 'not-recovered', 'no-drawdown']),
    days: z.number().int().nullable(),
    date: z.string().nullable(),
    estimatedDays: z.number().int().nullable(),
  }),
  computeMs: z.number(),
});
export type ReplayResult = z.infer<typeof ReplayResult>;

export const ReplayProgress = z.object({
  id: z.string(),
  scenario: ReplayScenarioId,
  /** 0…100, trading days done / days in the window. */
  pct: z.number(),
  day: z.number().int(),
  days: z.number().int(),
});
export type ReplayProgress = z.infer<typeof ReplayProgress>;

export const stressRequests = {
  /**
   * Replays today's book through a historical window off the tick path, pushing `stress.progress`
   * between chunks. `id` (client-chosen, optional) tags the progress pushes so a page can follow its
   * own run. One replay at a time: a second one while the first runs is refused (CONFLICT).
   */
  'stress.replay': {
    params: z
      .object({ scenario: ReplayScenarioId, id: z.string().regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, _ . or -').optional() })
      .strict(),
    result: ReplayResult,
  },
} as const;

export const stressTopics = {
  'stress.progress': ReplayProgress,
} as const;
