/**
 * Average true range and the tick → OHLC bar builder that feeds it. The live engine only sees
 * ticks (ts, price), so ATR-based stops need bars built here first.
 *
 * ATR (Wilder 1978, "New Concepts in Technical Trading Systems"):
 *   TR₁ = H₁ − L₁   (the first bar has no previous close)
 *   TRᵢ = max(Hᵢ − Lᵢ, |Hᵢ − Cᵢ₋₁|, |Lᵢ − Cᵢ₋₁|)
 *   ATRₙ = (TR₁ + … + TRₙ)/n                       (seed: simple mean of the first n)
 *   ATRᵢ = (ATRᵢ₋₁·(n − 1) + TRᵢ)/n,  i > n        (Wilder smoothing: an EMA with α = 1/n)
 *
 * Close-only fallback (only closes known, e.g. a daily close series):
 *   ATR ≈ 2 · M, M = the same Wilder-smoothed mean of |Cᵢ − Cᵢ₋₁|.
 *   Why 2: for a driftless Brownian price with per-bar σ, E|ΔC| = σ·√(2/π), so σ ≈ M·√(π/2); the
 *   expected high-low range over one bar is σ·√(8/π) (Feller 1951), and with no gaps the true range
 *   is that range. √(π/2)·√(8/π) = 2. Real bars sampled from ticks have a smaller range than the
 *   continuous path and real markets gap, so this is an approximation; it errs wide (a looser stop),
 *   the safe side for a stop that would otherwise be hit by noise.
 *
 * All values are in price units of the bar interval: a 1-minute ATR is far smaller than a daily
 * one, so the interval chosen here is part of the stop convention.
 */
import { z } from 'zod';

export interface Ohlc {
  open: number;
  high: number;
  low: number;
  close: number;
}

/** A bar built from ticks. `ts` is the start of its interval (UTC ms, a multiple of intervalMs). */
export interface Bar extends Ohlc {
  ts: number;
  /** Ticks aggregated into the bar. */
  ticks: number;
}

export const DEFAULT_ATR_PERIOD = 14;
export const DEFAULT_BAR_INTERVAL_MS = 60_000;
export const DEFAULT_MAX_BARS = 500;
/** √(π/2)·√(8/π): mean |Δclose| → expected bar range for a Brownian price (module doc). */
export const CLOSE_ONLY_RANGE_FACTOR = 2;

function fail(fn: string, field: string, why: string, got: unknown): never {
  throw new RangeError(`${fn}: ${field} ${why}, got ${String(got)}`);
}

const positive = (x: unknown): x is number => typeof x === 'number' && x > 0 && x < Infinity;

function checkPeriod(fn: string, period: number): void {
  if (!(Number.isInteger(period) && period >= 1)) fail(fn, 'period', 'must be an integer >= 1', period);
}

/** True range of `bar` given the previous close (undefined for the first bar). */
export function trueRange(bar: Ohlc, prevClose: number | undefined): number {
  const hl = bar.high - bar.low;
  if (prevClose === undefined) return hl;
  return Math.max(hl, Math.abs(bar.high - prevClose), Math.abs(bar.low - prevClose));
}

function checkBar(fn: string, b: Ohlc, i: number): void {
  for (const f of ['open', 'high', 'low', 'close'] as const)
    if (!positive(b[f])) fail(fn, `bars[${i}].${f}`, 'must be a finite number > 0', b[f]);
  if (b.high < b.low) fail(fn, `bars[${i}].high`, `must be >= low (${b.low})`, b.high);
  if (b.close > b.high || b.close < b.low)
    fail(fn, `bars[${i}].close`, `must lie in [low, high] = [${b.low}, ${b.high}]`, b.close);
  if (b.open > b.high || b.open < b.low)
    fail(fn, `bars[${i}].open`, `must lie in [low, high] = [${b.low}, ${b.high}]`, b.open);
}

/**
 * Wilder ATR of the last bar (oldest first), or null when fewer than `period` bars are given.
 * @throws RangeError naming the bar and field on malformed bars, or on a bad period.
 */
export function wilderAtr(bars: readonly Ohlc[], period = DEFAULT_ATR_PERIOD): number | null {
  const fn = 'wilderAtr';
  checkPeriod(fn, period);
  for (let i = 0; i < bars.length; i++) checkBar(fn, bars[i], i);
  if (bars.length < period) return null;
  let sum = 0;
  for (let i = 0; i < period; i++) sum += trueRange(bars[i], i === 0 ? undefined : bars[i - 1].close);
  let atr = sum / period;
  for (let i = period; i < bars.length; i++)
    atr = (atr * (period - 1) + trueRange(bars[i], bars[i - 1].close)) / period;
  return atr;
}

/**
 * Close-only ATR estimate: CLOSE_ONLY_RANGE_FACTOR × the Wilder-smoothed mean |Δclose| (module
 * doc). Needs period + 1 closes (period changes); null with fewer.
 * @throws RangeError naming the close on non-positive or non-finite values, or on a bad period.
 */
export function closeOnlyAtr(closes: ArrayLike<number>, period = DEFAULT_ATR_PERIOD): number | null {
  const fn = 'closeOnlyAtr';
  checkPeriod(fn, period);
  for (let i = 0; i < closes.length; i++)
    if (!positive(closes[i])) fail(fn, `closes[${i}]`, 'must be a finite number > 0', closes[i]);
  if (closes.length < period + 1) return null;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += Math.abs(closes[i] - closes[i - 1]);
  let m = sum / period;
  for (let i = period + 1; i < closes.length; i++)
    m = (m * (period - 1) + Math.abs(closes[i] - closes[i - 1])) / period;
  return CLOSE_ONLY_RANGE_FACTOR * m;
}

export interface BarBuilderOptions {
  /** Bar length, ms (default 60,000). */
  intervalMs?: number;
  /** Closed bars kept per symbol (default 500); older ones are dropped. */
  maxBars?: number;
}

const BarSchema = z.object({
  ts: z.number().finite(),
  open: z.number().positive(),
  high: z.number().positive(),
  low: z.number().positive(),
  close: z.number().positive(),
  ticks: z.number().int().min(1),
});
const SeriesSchema = z.object({
  symbol: z.string().min(1),
  bars: z.array(BarSchema),
  forming: BarSchema.nullable(),
  lastTs: z.number().finite(),
  closedThrough: z.number().finite(),
});
export const BarBuilderJSON = z.object({
  version: z.literal(1),
  intervalMs: z.number().int().positive(),
  maxBars: z.number().int().positive(),
  series: z.array(SeriesSchema),
});
export type BarBuilderJSON = z.infer<typeof BarBuilderJSON>;

interface Series {
  /** Ring buffer of closed bars; `head` is the slot the next bar goes into. */
  ring: Bar[];
  head: number;
  forming: Bar | null;
  /** Latest tick time accepted. */
  lastTs: number;
  /** End of the last closed interval: ticks before it arrive too late for their bar. */
  closedThrough: number;
}

/**
 * Aggregates ticks into fixed-interval OHLC bars per symbol, keeping the last `maxBars` closed
 * bars (a ring buffer: memory is bounded per symbol, and a tick costs O(1)).
 *
 * - A bar covers [ts, ts + intervalMs) with ts = ⌊tick ts / intervalMs⌋·intervalMs.
 * - A bar closes when a tick of a later interval arrives, or on flush(now) once its interval ended.
 * - Intervals with no tick produce no bar: filling a gap with flat bars would drag the ATR down
 *   exactly when the market is closed or the feed is down, tightening stops for no reason.
 * - A tick older than the latest accepted tick, or inside an already closed interval, is dropped
 *   (counted in `dropped`): bars are immutable once closed.
 */
export class BarBuilder {
  readonly intervalMs: number;
  readonly maxBars: number;
  /** Ticks rejected as out of order or late. */
  dropped = 0;
  private readonly series = new Map<string, Series>();

  constructor(opts: BarBuilderOptions = {}) {
    const fn = 'BarBuilder';
    this.intervalMs = opts.intervalMs ?? DEFAULT_BAR_INTERVAL_MS;
    this.maxBars = opts.maxBars ?? DEFAULT_MAX_BARS;
    if (!(Number.isInteger(this.intervalMs) && this.intervalMs > 0))
      fail(fn, 'intervalMs', 'must be an integer > 0', this.intervalMs);
    if (!(Number.isInteger(this.maxBars) && this.maxBars >= 1))
      fail(fn, 'maxBars', 'must be an integer >= 1', this.maxBars);
  }

  /**
   * Adds a tick. Returns the bar this tick closed (the previous interval's), else null.
   * @throws RangeError naming symbol, ts or price.
   */
  onTick(symbol: string, ts: number, price: number): Bar | null {
    const fn = 'BarBuilder.onTick';
    if (typeof symbol !== 'string' || symbol === '') fail(fn, 'symbol', 'must be a non-empty string', symbol);
    if (!Number.isFinite(ts)) fail(fn, 'ts', 'must be a finite UTC ms timestamp', ts);
    if (!positive(price)) fail(fn, 'price', 'must be a finite number > 0', price);
    const start = Math.floor(ts / this.intervalMs) * this.intervalMs;
    let s = this.series.get(symbol);
    if (s === undefined) {
      // Finite initial marks (not −Infinity) so the state survives JSON.
      s = { ring: [], head: 0, forming: null, lastTs: ts, closedThrough: start };
      this.series.set(symbol, s);
    }
    if (ts < s.lastTs || ts < s.closedThrough) {
      this.dropped++;
      return null;
    }
    s.lastTs = ts;
    const f = s.forming;
    if (f !== null && f.ts === start) {
      if (price > f.high) f.high = price;
      if (price < f.low) f.low = price;
      f.close = price;
      f.ticks++;
      return null;
    }
    const closed = f === null ? null : this.close(s);
    s.forming = { ts: start, open: price, high: price, low: price, close: price, ticks: 1 };
    return closed;
  }

  /** Closes every forming bar whose interval ended at or before `now` (call on a timer so a quiet
   * symbol's last bar is not held open). Returns the closed bars. */
  flush(now: number): { symbol: string; bar: Bar }[] {
    if (!Number.isFinite(now)) fail('BarBuilder.flush', 'now', 'must be a finite UTC ms timestamp', now);
    const out: { symbol: string; bar: Bar }[] = [];
    for (const [symbol, s] of this.series)
      if (s.forming !== null && s.forming.ts + this.intervalMs <= now)
        out.push({ symbol, bar: this.close(s) });
    return out;
  }

  /** Closed bars, oldest first (a copy). */
  bars(symbol: string): Bar[] {
    const s = this.series.get(symbol);
    if (s === undefined) return [];
    const n = s.ring.length;
    const out: Bar[] = [];
    // Once full, the oldest bar sits at `head`; before that the ring is in order from 0.
    const first = n < this.maxBars ? 0 : s.head;
    for (let i = 0; i < n; i++) out.push({ ...s.ring[(first + i) % n] });
    return out;
  }

  /** The bar still being built, or null. */
  forming(symbol: string): Bar | null {
    const f = this.series.get(symbol)?.forming;
    return f ? { ...f } : null;
  }

  /** Wilder ATR over the closed bars; null until `period` bars exist. O(maxBars): call it when a
   * bar closes, not per tick. */
  atr(symbol: string, period = DEFAULT_ATR_PERIOD): number | null {
    return wilderAtr(this.bars(symbol), period);
  }

  symbols(): string[] {
    return [...this.series.keys()];
  }

  toJSON(): BarBuilderJSON {
    const series = [...this.series].map(([symbol, s]) => ({
      symbol,
      bars: this.bars(symbol),
      forming: s.forming ? { ...s.forming } : null,
      lastTs: s.lastTs,
      closedThrough: s.closedThrough,
    }));
    return { version: 1, intervalMs: this.intervalMs, maxBars: this.maxBars, series };
  }

  /** Restores a builder saved with toJSON(); throws naming the bad field. */
  static fromJSON(json: unknown): BarBuilder {
    const r = BarBuilderJSON.safeParse(json);
    if (!r.success)
      throw new RangeError(
        `BarBuilder.fromJSON: ${r.error.issues.map((i) => `${i.path.join('.') || 'json'}: ${i.message}`).join('; ')}`,
      );
    const b = new BarBuilder({ intervalMs: r.data.intervalMs, maxBars: r.data.maxBars });
    for (const s of r.data.series) {
      const ring = s.bars.slice(-b.maxBars).map((x) => ({ ...x }));
      b.series.set(s.symbol, {
        ring,
        head: ring.length % b.maxBars,
        forming: s.forming ? { ...s.forming } : null,
        lastTs: s.lastTs,
        closedThrough: s.closedThrough,
      });
    }
    return b;
  }

  private close(s: Series): Bar {
    const bar = s.forming as Bar;
    s.forming = null;
    s.closedThrough = bar.ts + this.intervalMs;
    if (s.ring.length < this.maxBars) s.ring.push(bar);
    else s.ring[s.head] = bar;
    s.head = (s.head + 1) % this.maxBars;
    return { ...bar };
  }
}
