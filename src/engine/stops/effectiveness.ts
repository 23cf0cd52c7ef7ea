/**
 * Stop effectiveness: did exiting at the stop (or take-profit) help? For each hit, once its horizon
 * has passed, the P&L the closed position WOULD have made had it been held is
 *
 *   pnlIfHeld = qty · multiplier · (later − hitPrice)     qty signed (negative for a short)
 *   saved     = −pnlIfHeld                                 > 0: the exit saved a loss
 *                                                          < 0: the exit cost a gain
 *
 * `later` is the price passed to the first measure() call at or after at + horizon, so measure on
 * a timer a few times per horizon: the effective horizon is `measuredAt − at`, kept per result.
 * The hit price is the tick that crossed the level, not the fill: fees and slippage are the
 * same whether or not the stop was "right", so they are left out of the comparison.
 *
 * Aggregates are cumulative over every measured hit (they survive the bounded result list):
 * count, savedCount (saved > 0; exactly 0 is not a save), hitRate = savedCount / count, totalSaved,
 * averageSaved = totalSaved / count — per kind ('stop', 'take_profit') and overall.
 */
import { z } from 'zod';
import { HitRecord } from './stop-schema';
import { fail } from './levels';

export const DEFAULT_HORIZON_MS = 4 * 3_600_000;
export const DEFAULT_MAX_RESULTS = 1_000;
export const DEFAULT_MAX_PENDING = 10_000;

export const MeasuredHit = HitRecord.extend({
  laterPrice: z.number().finite().positive(),
  measuredAt: z.number().finite(),
  horizonMs: z.number().finite().positive(),
  pnlIfHeld: z.number().finite(),
  saved: z.number().finite(),
});
export type MeasuredHit = z.infer<typeof MeasuredHit>;

const Totals = z.object({
  count: z.number().int().min(0),
  savedCount: z.number().int().min(0),
  totalSaved: z.number().finite(),
});
type Totals = z.infer<typeof Totals>;

export interface EffectivenessAgg {
  count: number;
  savedCount: number;
  /** savedCount / count; null before the first measured hit. */
  hitRate: number | null;
  totalSaved: number;
  /** totalSaved / count; null before the first measured hit. */
  averageSaved: number | null;
}

export interface EffectivenessSummary {
  all: EffectivenessAgg;
  stop: EffectivenessAgg;
  take_profit: EffectivenessAgg;
}

export interface MeasureResult {
  /** Hits measured by this call. */
  measured: MeasuredHit[];
  /** Hits still waiting (horizon not reached, or no later price for the symbol). */
  pending: number;
  summary: EffectivenessSummary;
}

export interface EffectivenessOptions {
  /** Measured hits kept for display (default 1,000); aggregates count all. */
  maxResults?: number;
  /** Hits waiting for their horizon (default 10,000); the oldest are dropped beyond it. */
  maxPending?: number;
}

export const StopEffectivenessJSON = z.object({
  version: z.literal(1),
  maxResults: z.number().int().positive(),
  maxPending: z.number().int().positive(),
  pending: z.array(HitRecord),
  results: z.array(MeasuredHit),
  totals: z.object({ stop: Totals, take_profit: Totals }),
  droppedPending: z.number().int().min(0),
});
export type StopEffectivenessJSON = z.infer<typeof StopEffectivenessJSON>;

function agg(ts: readonly Totals[]): EffectivenessAgg {
  let count = 0,
    savedCount = 0,
    totalSaved = 0;
  for (const t of ts) {
    count += t.count;
    savedCount += t.savedCount;
    totalSaved += t.totalSaved;
  }
  return {
    count,
    savedCount,
    hitRate: count > 0 ? savedCount / count : null,
    totalSaved,
    averageSaved: count > 0 ? totalSaved / count : null,
  };
}

function checkInt(fn: string, field: string, x: number): void {
  if (!(Number.isInteger(x) && x >= 1)) fail(fn, field, 'must be an integer >= 1', x);
}

export class StopEffectiveness {
  readonly maxResults: number;
  readonly maxPending: number;
  /** Pending hits dropped because maxPending was reached. */
  droppedPending = 0;
  private pending: HitRecord[] = [];
  private results: MeasuredHit[] = [];
  private readonly totals: Record<HitRecord['kind'], Totals> = {
    stop: { count: 0, savedCount: 0, totalSaved: 0 },
    take_profit: { count: 0, savedCount: 0, totalSaved: 0 },
  };

  constructor(opts: EffectivenessOptions = {}) {
    this.maxResults = opts.maxResults ?? DEFAULT_MAX_RESULTS;
    this.maxPending = opts.maxPending ?? DEFAULT_MAX_PENDING;
    checkInt('StopEffectiveness', 'maxResults', this.maxResults);
    checkInt('StopEffectiveness', 'maxPending', this.maxPending);
  }

  /** Keeps a hit (StopHit.record) for measurement. @throws RangeError naming the bad field. */
  record(hit: HitRecord): void {
    const r = HitRecord.safeParse(hit);
    if (!r.success)
      throw new RangeError(
        `StopEffectiveness.record: ${r.error.issues.map((i) => `hit.${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    this.pending.push(r.data);
    if (this.pending.length > this.maxPending) {
      this.pending.shift();
      this.droppedPending++;
    }
  }

  /**
   * Measures every pending hit whose horizon has passed (now − at ≥ horizonMs) and whose symbol
   * has a later price; the rest stay pending.
   * @throws RangeError naming now, horizonMs or laterPrices[symbol].
   */
  measure(
    laterPrices: ReadonlyMap<string, number>,
    now: number,
    horizonMs = DEFAULT_HORIZON_MS,
  ): MeasureResult {
    const fn = 'StopEffectiveness.measure';
    if (!Number.isFinite(now)) fail(fn, 'now', 'must be a finite UTC ms timestamp', now);
    if (!(horizonMs > 0 && horizonMs < Infinity))
      fail(fn, 'horizonMs', 'must be a finite number > 0', horizonMs);
    const measured: MeasuredHit[] = [];
    const keep: HitRecord[] = [];
    for (const h of this.pending) {
      const later = laterPrices.get(h.symbol);
      if (now - h.at < horizonMs || later === undefined) {
        keep.push(h);
        continue;
      }
      if (!(later > 0 && later < Infinity))
        fail(fn, `laterPrices[${h.symbol}]`, 'must be a finite number > 0', later);
      const pnlIfHeld = h.qty * h.multiplier * (later - h.price);
      // `0 - x` rather than `-x`: a zero P&L reports saved = 0, not −0.
      const m: MeasuredHit = {
        ...h,
        laterPrice: later,
        measuredAt: now,
        horizonMs,
        pnlIfHeld,
        saved: 0 - pnlIfHeld,
      };
      measured.push(m);
      const t = this.totals[h.kind];
      t.count++;
      if (m.saved > 0) t.savedCount++;
      t.totalSaved += m.saved;
    }
    this.pending = keep;
    this.results.push(...measured);
    if (this.results.length > this.maxResults) this.results.splice(0, this.results.length - this.maxResults);
    return { measured, pending: keep.length, summary: this.summary() };
  }

  summary(): EffectivenessSummary {
    const { stop, take_profit } = this.totals;
    return { all: agg([stop, take_profit]), stop: agg([stop]), take_profit: agg([take_profit]) };
  }

  /** Measured hits kept (newest last, at most maxResults). */
  list(): MeasuredHit[] {
    return this.results.map((r) => ({ ...r }));
  }

  pendingHits(): HitRecord[] {
    return this.pending.map((r) => ({ ...r }));
  }

  toJSON(): StopEffectivenessJSON {
    return {
      version: 1,
      maxResults: this.maxResults,
      maxPending: this.maxPending,
      pending: this.pendingHits(),
      results: this.list(),
      totals: { stop: { ...this.totals.stop }, take_profit: { ...this.totals.take_profit } },
      droppedPending: this.droppedPending,
    };
  }

  /** Restores a tracker saved with toJSON(); throws naming the bad field. */
  static fromJSON(json: unknown): StopEffectiveness {
    const r = StopEffectivenessJSON.safeParse(json);
    if (!r.success)
      throw new RangeError(
        `StopEffectiveness.fromJSON: ${r.error.issues.map((i) => `${i.path.join('.') || 'json'}: ${i.message}`).join('; ')}`,
      );
    const e = new StopEffectiveness({ maxResults: r.data.maxResults, maxPending: r.data.maxPending });
    e.pending = r.data.pending.map((h) => ({ ...h }));
    e.results = r.data.results.map((h) => ({ ...h }));
    e.totals.stop = { ...r.data.totals.stop };
    e.totals.take_profit = { ...r.data.totals.take_profit };
    e.droppedPending = r.data.droppedPending;
    return e;
  }
}
