/**
 * Tick validation: the last line between venue data and risk marks. Every rejected tick is
 * counted by reason (see DROP_REASONS); accepted ticks update the per-symbol "last good price".
 *
 * Checks, in order:
 *  1. at least one price present; timestamps finite                          → malformed
 *  2. every price/size finite                                                → non_finite
 *  3. prices > 0, sizes ≥ 0                                                  → non_positive
 *  4. bid ≤ ask when both present (locked books are allowed)                 → crossed
 *  5. every price within ±maxJump of the symbol's last good price            → jump
 *
 * The jump bound (default 20 %) is relative to the last *accepted* price, so a fast but genuine
 * move (a −20 % flash crash over 60 s) passes tick by tick while an isolated fat-finger print is
 * dropped. A genuine instantaneous gap larger than the bound would otherwise freeze the symbol
 * forever, so after `reanchorAfter` consecutive rejected ticks that agree with each other (within
 * the bound) the new level is accepted and counted in `reanchors`.
 */
import { emptyDropCounts, type DropCounts, type DropReason, type Tick } from './tick';

export interface ValidationOptions {
  /** Max relative move from the last good price, e.g. 0.2 = 20 %. */
  maxJump: number;
  /** Consecutive agreeing out-of-bound ticks that re-anchor the reference; 0 disables. */
  reanchorAfter: number;
}

export const DEFAULT_VALIDATION: ValidationOptions = { maxJump: 0.2, reanchorAfter: 5 };

interface Pending {
  price: number;
  count: number;
}

export class Validator {
  readonly dropped: DropCounts = emptyDropCounts();
  accepted = 0;
  reanchors = 0;
  private readonly opts: ValidationOptions;
  private readonly lastGood = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();

  constructor(opts: Partial<ValidationOptions> = {}) {
    this.opts = { ...DEFAULT_VALIDATION, ...opts };
    if (!(this.opts.maxJump > 0)) throw new RangeError('maxJump must be > 0');
  }

  /** Counts a drop decided elsewhere (parse failures, sequence checks). */
  count(reason: DropReason): void {
    this.dropped[reason]++;
  }

  /** The reference ("last good") price for a symbol, if any tick was accepted. */
  reference(symbol: string): number | undefined {
    return this.lastGood.get(symbol);
  }

  /** Forget the reference for one symbol or all (e.g. on an instrument change). */
  reset(symbol?: string): void {
    if (symbol === undefined) {
      this.lastGood.clear();
      this.pending.clear();
    } else {
      this.lastGood.delete(symbol);
      this.pending.delete(symbol);
    }
  }

  /**
   * Returns the drop reason, or null if the tick is acceptable. Does not record anything: call
   * `accept` (or `count`) afterwards, so a tick that later fails the sequence check leaves no trace.
   */
  check(t: Tick): DropReason | null {
    const { bid, ask, last, size, bidSize, askSize } = t;
    if (bid === undefined && ask === undefined && last === undefined) return 'malformed';
    if (!Number.isFinite(t.exchTs) || !Number.isFinite(t.recvTs)) return 'malformed';
    if (bid !== undefined && !Number.isFinite(bid)) return 'non_finite';
    if (ask !== undefined && !Number.isFinite(ask)) return 'non_finite';
    if (last !== undefined && !Number.isFinite(last)) return 'non_finite';
    if (size !== undefined && !Number.isFinite(size)) return 'non_finite';
    if ((bidSize !== undefined && !Number.isFinite(bidSize)) || (askSize !== undefined && !Number.isFinite(askSize))) return 'non_finite';
    if (
      (bid !== undefined && bid <= 0) ||
      (ask !== undefined && ask <= 0) ||
      (last !== undefined && last <= 0)
    ) {
      return 'non_positive';
    }
    if (size !== undefined && size < 0) return 'non_positive';
    if ((bidSize !== undefined && bidSize < 0) || (askSize !== undefined && askSize < 0)) return 'non_positive';
    if (bid !== undefined && ask !== undefined && bid > ask) return 'crossed';
    const ref = this.lastGood.get(t.symbol);
    if (ref === undefined) return null;
    const lo = ref * (1 - this.opts.maxJump);
    const hi = ref * (1 + this.opts.maxJump);
    if (
      (bid !== undefined && (bid < lo || bid > hi)) ||
      (ask !== undefined && (ask < lo || ask > hi)) ||
      (last !== undefined && (last < lo || last > hi))
    ) {
      return this.maybeReanchor(t) ? null : 'jump';
    }
    return null;
  }

  /** Records an accepted tick: it becomes the symbol's reference price. */
  accept(t: Tick): void {
    this.accepted++;
    this.lastGood.set(t.symbol, representative(t));
    if (this.pending.size !== 0) this.pending.delete(t.symbol);
  }

  /** check + accept/count in one call; returns true if accepted. */
  validate(t: Tick): boolean {
    const r = this.check(t);
    if (r === null) {
      this.accept(t);
      return true;
    }
    this.dropped[r]++;
    return false;
  }

  private maybeReanchor(t: Tick): boolean {
    const n = this.opts.reanchorAfter;
    if (n <= 0) return false;
    const p = representative(t);
    const prev = this.pending.get(t.symbol);
    if (prev && Math.abs(p / prev.price - 1) <= this.opts.maxJump) {
      prev.count++;
      prev.price = p;
    } else {
      this.pending.set(t.symbol, { price: p, count: 1 });
    }
    const cur = this.pending.get(t.symbol)!;
    if (cur.count < n) return false;
    this.reanchors++;
    return true;
  }
}

/** One price standing for the tick: mid for two-sided quotes, else last, else the side present. */
export function representative(t: Tick): number {
  const { bid, ask, last } = t;
  if (bid !== undefined && ask !== undefined) return (bid + ask) / 2;
  if (last !== undefined) return last;
  return (bid ?? ask)!;
}
