/**
 * Recent price path per price symbol for the position detail chart: one point per second (the
 * LAST validated price seen in that second), the last hour by default, in a ring buffer per symbol.
 *
 * Why this shape: a feed can tick hundreds of times a second; the chart needs a path, not every
 * tick. Recording is O(1) per tick (overwrite the current second's slot or advance the ring), with
 * no allocation once a symbol's buffer has grown to capacity. Memory is bounded twice: `capacity`
 * points per symbol (16 bytes each) and at most `maxSymbols` symbols — a new symbol beyond that
 * evicts the one updated least recently (O(symbols), only when a new symbol arrives on a full map).
 * Buffers start small and double, so 500 symbols that only ticked for a minute cost little.
 *
 * Times are the feed's UTC ms; a tick older than the symbol's newest second is dropped (feeds can
 * deliver a late message after a reconnect; the path must stay ordered).
 */
import { RpcFailure } from '../../shared/contract/errors';
import type { Fill, PositionDetail, PositionView } from '../../shared/contract/portfolio';
import type { StopView } from '../../shared/contract/stops';

export interface PriceHistoryOptions {
  /** Points kept per symbol (default 3,600 = one hour of seconds). */
  capacity?: number;
  /** Bucket width in ms (default 1,000). */
  resolutionMs?: number;
  /** Symbols kept (default 1,024; ≈ 59 MB at full capacity, far less in practice). */
  maxSymbols?: number;
}

export interface PricePath {
  /** Bucket start times, UTC ms, oldest first. */
  ts: number[];
  /** Last price seen in each bucket. */
  price: number[];
}

class Ring {
  ts: Float64Array;
  px: Float64Array;
  /** Index of the oldest point. */
  head = 0;
  size = 0;
  lastBucket = -Infinity;
  constructor(initial: number) {
    this.ts = new Float64Array(initial);
    this.px = new Float64Array(initial);
  }
}

const INITIAL = 64;

export class PriceHistory {
  private readonly capacity: number;
  private readonly resolutionMs: number;
  private readonly maxSymbols: number;
  private readonly rings = new Map<string, Ring>();

  constructor(opts: PriceHistoryOptions = {}) {
    this.capacity = opts.capacity ?? 3600;
    this.resolutionMs = opts.resolutionMs ?? 1000;
    this.maxSymbols = opts.maxSymbols ?? 1024;
    if (!Number.isInteger(this.capacity) || this.capacity < 2)
      throw new RangeError(`PriceHistory: capacity must be an integer >= 2, got ${this.capacity}`);
    if (!(this.resolutionMs > 0 && Number.isFinite(this.resolutionMs)))
      throw new RangeError(
        `PriceHistory: resolutionMs must be a finite number > 0, got ${this.resolutionMs}`,
      );
    if (!Number.isInteger(this.maxSymbols) || this.maxSymbols < 1)
      throw new RangeError(`PriceHistory: maxSymbols must be an integer >= 1, got ${this.maxSymbols}`);
  }

  /** One validated price (O(1); see the module doc). Non-finite or non-positive prices are ignored. */
  record(symbol: string, ts: number, price: number): void {
    if (!(price > 0 && Number.isFinite(price) && Number.isFinite(ts))) return;
    const bucket = Math.floor(ts / this.resolutionMs);
    let r = this.rings.get(symbol);
    if (!r) {
      if (this.rings.size >= this.maxSymbols) this.evictOldest();
      r = new Ring(Math.min(INITIAL, this.capacity));
      this.rings.set(symbol, r);
    }
    if (bucket < r.lastBucket) return;
    const cap = r.ts.length;
    if (bucket === r.lastBucket) {
      r.px[(r.head + r.size - 1) % cap] = price;
      return;
    }
    r.lastBucket = bucket;
    if (r.size === cap && cap < this.capacity) this.grow(r);
    const n = r.ts.length;
    if (r.size < n) {
      const i = (r.head + r.size) % n;
      r.ts[i] = bucket * this.resolutionMs;
      r.px[i] = price;
      r.size++;
    } else {
      // Full at capacity: overwrite the oldest point.
      r.ts[r.head] = bucket * this.resolutionMs;
      r.px[r.head] = price;
      r.head = (r.head + 1) % n;
    }
  }

  /** The path of a symbol, oldest first; points before `sinceTs` (UTC ms) are left out. */
  path(symbol: string, sinceTs = -Infinity): PricePath {
    const r = this.rings.get(symbol);
    const out: PricePath = { ts: [], price: [] };
    if (!r) return out;
    const n = r.ts.length;
    for (let k = 0; k < r.size; k++) {
      const i = (r.head + k) % n;
      if (r.ts[i] < sinceTs) continue;
      out.ts.push(r.ts[i]);
      out.price.push(r.px[i]);
    }
    return out;
  }

  /** Points held for a symbol (0 if unknown). */
  size(symbol: string): number {
    return this.rings.get(symbol)?.size ?? 0;
  }

  /** Symbols held. */
  symbolCount(): number {
    return this.rings.size;
  }

  private grow(r: Ring): void {
    const old = r.ts.length;
    const n = Math.min(old * 2, this.capacity);
    const ts = new Float64Array(n);
    const px = new Float64Array(n);
    for (let k = 0; k < r.size; k++) {
      const i = (r.head + k) % old;
      ts[k] = r.ts[i];
      px[k] = r.px[i];
    }
    r.ts = ts;
    r.px = px;
    r.head = 0;
  }

  private evictOldest(): void {
    let victim: string | undefined;
    let oldest = Infinity;
    for (const [s, r] of this.rings) {
      if (r.lastBucket < oldest) {
        oldest = r.lastBucket;
        victim = s;
      }
    }
    if (victim !== undefined) this.rings.delete(victim);
  }
}

/** What the `positions.detail` handler needs from the engine (kept as plain functions so it is testable alone). */
export interface DetailSources {
  instrument: (symbol: string) => { underlying?: string | undefined } | undefined;
  positions: () => readonly PositionView[];
  history: PriceHistory;
  /** The most recent fills, any order (at most 1,000 are scanned). */
  fills: () => readonly Fill[];
  stops: () => readonly StopView[];
  risk: () => {
    ts: number;
    contributions: readonly { symbol: string; componentVar: number; pct: number }[];
  } | null;
}

/**
 * `positions.detail` (contract in shared/contract/portfolio.ts): the symbol's price path from the
 * underlying it is marked from, its fills oldest first, its active stop and its component VaR.
 * @throws RpcFailure NOT_FOUND naming params.symbol for an instrument the book has never seen.
 */
export function positionDetail(symbol: string, src: DetailSources): PositionDetail {
  const inst = src.instrument(symbol);
  if (!inst)
    throw new RpcFailure('NOT_FOUND', `params.symbol: unknown instrument ${symbol}`, 'params.symbol');
  const priceSymbol = inst.underlying ?? symbol;
  const stop = src.stops().find((s) => s.symbol === symbol && s.status === 'active');
  const risk = src.risk();
  const c = risk?.contributions.find((x) => x.symbol === symbol);
  return {
    symbol,
    position: src.positions().find((p) => p.symbol === symbol) ?? null,
    priceSymbol,
    path: src.history.path(priceSymbol),
    fills: src
      .fills()
      .filter((f) => f.symbol === symbol)
      .sort((a, b) => a.ts - b.ts || a.id - b.id),
    stop: stop
      ? {
          stop: stop.stop,
          initialStop: stop.initialStop,
          takeProfit: stop.takeProfit,
          source: stop.source,
          trailingActive: stop.trailingActive,
        }
      : null,
    contribution: c && risk ? { componentVar: c.componentVar, pct: c.pct, ts: risk.ts } : null,
  };
}
