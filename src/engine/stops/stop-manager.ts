/**
 * Per-position stops: initial stop and take-profit (levels.ts), a trailing stop that starts once
 * the price has moved `activationR` × the initial risk in favour, manual edits, and hit detection.
 *
 * A hit returns an OrderIntent that closes the position (side opposite, qty |position|). The
 * manager never sends it: the engine routes it through the pre-trade validator, where a reducing
 * order always passes. Each stop fires once; after a hit it stays 'hit' until replaced by
 * setForPosition (which is also how a stop is re-armed if the close order did not fill).
 *
 * Long (d = +1; a short mirrors every comparison):
 *   hit         price ≤ stop → 'stop';  price ≥ takeProfit → 'take_profit'   (checked first,
 *               against the levels before this tick, so a tick never trips the stop it just moved)
 *   water       highWater = max(mark at set time, every later tick), lowWater = min
 *   activation  highWater ≥ entry + activationR·1R   (1R = |entry − initial stop|)
 *   trail       stop = max(stop, highWater − dist),  dist = multiple·ATR or fraction·highWater
 *               — the stop only ever moves in the position's favour.
 * Adding to or trimming a position keeps the levels (a stop is a price); call setForPosition to
 * re-base them on the new average cost. A flat or flipped position cancels its stop.
 */
import type { PositionView } from '../../shared/contract/portfolio';
import { closingSide } from '../controls/intents';
import { checkPositive, fail, initialLevels } from './levels';
import {
  StopManagerJSON,
  TrailDistance,
  type HitRecord,
  type StopHit,
  type StopOptions,
  type StopRecord,
} from './stop-schema';

export * from './stop-schema';

const copy = (r: StopRecord): StopRecord => ({
  ...r,
  trailing: r.trailing && { ...r.trailing, distance: { ...r.trailing.distance } },
});

function checkNow(fn: string, now: number): void {
  if (!Number.isFinite(now)) fail(fn, 'now', 'must be a finite UTC ms timestamp', now);
}

export class StopManager {
  private readonly recs = new Map<string, StopRecord>();

  /**
   * Sets (or replaces) the stop of a position from its avg cost. Initial levels as levels.ts; the
   * water marks start at the mark (else the entry), so a position already 1R in profit starts
   * trailing at once. If the mark is already beyond the stop, the next onPrice fires it: the
   * position has lost more than the stop allows, and hiding that would be worse.
   * @throws RangeError naming the field (pos.qty, pos.avgCost, atr, trailing.activationR, …).
   */
  setForPosition(
    pos: Pick<PositionView, 'symbol' | 'qty' | 'avgCost' | 'mark'>,
    opts: StopOptions,
    now: number,
  ): StopRecord {
    const fn = 'StopManager.setForPosition';
    checkNow(fn, now);
    if (typeof pos.symbol !== 'string' || pos.symbol === '')
      fail(fn, 'pos.symbol', 'must be a non-empty string', pos.symbol);
    if (!(Number.isFinite(pos.qty) && pos.qty !== 0))
      fail(fn, 'pos.qty', 'must be a finite non-zero number (no stop for a flat position)', pos.qty);
    const entry = checkPositive(fn, 'pos.avgCost', pos.avgCost);
    if (pos.mark !== null) checkPositive(fn, 'pos.mark', pos.mark);
    const multiplier = opts.multiplier === undefined ? 1 : checkPositive(fn, 'multiplier', opts.multiplier);
    const d = pos.qty > 0 ? 1 : -1;
    const lv = initialLevels(d, entry, opts, fn);
    let trailing: StopRecord['trailing'] = null;
    if (opts.trailing !== undefined) {
      const t = opts.trailing;
      const aR = t.activationR ?? 1;
      if (!(Number.isFinite(aR) && aR >= 0))
        fail(fn, 'trailing.activationR', 'must be a finite number >= 0', aR);
      const dist = TrailDistance.safeParse(t.distance);
      if (!dist.success)
        fail(
          fn,
          'trailing.distance',
          "must be {kind: 'atr', multiple > 0} or {kind: 'fraction', fraction in (0, 1)}",
          JSON.stringify(t.distance),
        );
      trailing = {
        activationR: aR,
        distance: dist.data,
        activationPrice: entry + d * aR * lv.risk,
        active: false,
      };
    }
    const ref = pos.mark ?? entry;
    const r: StopRecord = {
      symbol: pos.symbol,
      side: d === 1 ? 'long' : 'short',
      qty: pos.qty,
      entry,
      avgCost: entry,
      stop: lv.stop,
      initialStop: lv.stop,
      takeProfit: lv.takeProfit,
      risk: lv.risk,
      rewardToRisk: lv.rewardToRisk,
      atr: lv.atr,
      k: lv.k,
      multiplier,
      trailing,
      source: lv.source,
      status: 'active',
      highWater: ref,
      lowWater: ref,
      lastPrice: pos.mark,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closeReason: null,
    };
    this.trail(r, now);
    this.recs.set(pos.symbol, r);
    return copy(r);
  }

  /**
   * Manual stop and/or take-profit on an active stop. Checked against the mark (the last price
   * seen, else the entry): a long's stop must be below it and its take-profit above; a short's
   * the other way round. `takeProfit: null` removes the take-profit. A manual stop turns
   * trailing off: otherwise the next tick could move a stop the trader just placed.
   * @throws RangeError naming the field; nothing changes on error.
   */
  setManual(symbol: string, patch: { stop?: number; takeProfit?: number | null }, now: number): StopRecord {
    const fn = 'StopManager.setManual';
    checkNow(fn, now);
    const r = this.recs.get(symbol);
    if (r === undefined || r.status !== 'active')
      fail(fn, 'symbol', 'has no active stop (set one with setForPosition first)', symbol);
    if (patch.stop === undefined && patch.takeProfit === undefined)
      fail(fn, 'patch', 'must set stop or takeProfit', JSON.stringify(patch));
    const mark = r.lastPrice ?? r.entry;
    const long = r.side === 'long';
    if (patch.stop !== undefined) {
      checkPositive(fn, 'stop', patch.stop);
      if (long ? !(patch.stop < mark) : !(patch.stop > mark))
        fail(fn, 'stop', `must be ${long ? 'below' : 'above'} the mark ${mark} for a ${r.side}`, patch.stop);
    }
    if (patch.takeProfit !== undefined && patch.takeProfit !== null) {
      checkPositive(fn, 'takeProfit', patch.takeProfit);
      if (long ? !(patch.takeProfit > mark) : !(patch.takeProfit < mark))
        fail(
          fn,
          'takeProfit',
          `must be ${long ? 'above' : 'below'} the mark ${mark} for a ${r.side}`,
          patch.takeProfit,
        );
    }
    if (patch.stop !== undefined) {
      r.stop = patch.stop;
      r.source = 'manual';
      r.trailing = null;
    }
    if (patch.takeProfit !== undefined) r.takeProfit = patch.takeProfit;
    r.updatedAt = now;
    return copy(r);
  }

  /**
   * One tick. O(1): a map look-up and a few comparisons. Returns the hit (once) or null; unknown
   * symbols and stops that are not active return null.
   * @throws RangeError naming price or now.
   */
  onPrice(symbol: string, price: number, now: number): StopHit | null {
    const r = this.recs.get(symbol);
    if (r === undefined || r.status !== 'active') return null;
    if (!(price > 0 && price < Infinity))
      fail('StopManager.onPrice', 'price', 'must be a finite number > 0', price);
    checkNow('StopManager.onPrice', now);
    r.lastPrice = price;
    if (r.side === 'long') {
      if (price <= r.stop) return this.fire(r, 'stop', price, now);
      if (r.takeProfit !== null && price >= r.takeProfit) return this.fire(r, 'take_profit', price, now);
    } else {
      if (price >= r.stop) return this.fire(r, 'stop', price, now);
      if (r.takeProfit !== null && price <= r.takeProfit) return this.fire(r, 'take_profit', price, now);
    }
    if (price < r.lowWater) r.lowWater = price;
    if (price > r.highWater) r.highWater = price;
    if (r.trailing !== null) this.trail(r, now);
    return null;
  }

  /**
   * A fill changed the position. Flat → 'cancelled' (reason 'flat'); sign flipped → 'cancelled'
   * ('flipped': the old stop guards the wrong side; set a new one); same side → the quantity
   * follows, the levels stay. Returns the updated record, or null when there is no active stop.
   * @throws RangeError naming qty, avgCost or now.
   */
  onPositionChange(symbol: string, qty: number, avgCost: number, now: number): StopRecord | null {
    const fn = 'StopManager.onPositionChange';
    checkNow(fn, now);
    if (!Number.isFinite(qty)) fail(fn, 'qty', 'must be a finite number', qty);
    const r = this.recs.get(symbol);
    if (r === undefined || r.status !== 'active') return null;
    if (qty === 0) return this.cancel(symbol, now, 'flat');
    if (Math.sign(qty) !== Math.sign(r.qty)) return this.cancel(symbol, now, 'flipped');
    r.avgCost = checkPositive(fn, 'avgCost', avgCost);
    r.qty = qty;
    r.updatedAt = now;
    return copy(r);
  }

  /** Updates the ATR behind an ATR trailing distance (e.g. when a bar closes) and re-trails at
   * once. The stop still only moves in favour: a larger ATR never loosens it; a smaller one may
   * lift it past the last price, and the next tick then fires it. */
  setAtr(symbol: string, atr: number, now: number): void {
    const fn = 'StopManager.setAtr';
    checkNow(fn, now);
    checkPositive(fn, 'atr', atr);
    const r = this.recs.get(symbol);
    if (r === undefined || r.status !== 'active') return;
    r.atr = atr;
    r.updatedAt = now;
    this.trail(r, now);
  }

  /** Cancels an active stop; returns the record, or null when there was none. */
  cancel(symbol: string, now: number, reason = 'cancelled'): StopRecord | null {
    checkNow('StopManager.cancel', now);
    const r = this.recs.get(symbol);
    if (r === undefined || r.status !== 'active') return null;
    r.status = 'cancelled';
    r.closedAt = now;
    r.closeReason = reason;
    r.updatedAt = now;
    return copy(r);
  }

  get(symbol: string): StopRecord | null {
    const r = this.recs.get(symbol);
    return r ? copy(r) : null;
  }

  /** Every record (active, hit and cancelled; one per symbol, the latest). */
  list(): StopRecord[] {
    return [...this.recs.values()].map(copy);
  }

  /**
   * Risk to stop per active stop, account currency: |qty|·multiplier·max(0, d·(mark − stop)),
   * mark = last price seen, else entry. Feed it to buildPretradeContext's `positionRisk` so the
   * limits measure the stops actually set instead of the k·σ estimate.
   */
  positionRisk(): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.recs.values()) {
      if (r.status !== 'active') continue;
      const d = r.side === 'long' ? 1 : -1;
      out.set(
        r.symbol,
        Math.abs(r.qty) * r.multiplier * Math.max(0, d * ((r.lastPrice ?? r.entry) - r.stop)),
      );
    }
    return out;
  }

  toJSON(): StopManagerJSON {
    return { version: 1, records: this.list() };
  }

  /** Restores a manager saved with toJSON(); throws naming the bad field. */
  static fromJSON(json: unknown): StopManager {
    const r = StopManagerJSON.safeParse(json);
    if (!r.success)
      throw new RangeError(
        `StopManager.fromJSON: ${r.error.issues.map((i) => `${i.path.join('.') || 'json'}: ${i.message}`).join('; ')}`,
      );
    const m = new StopManager();
    r.data.records.forEach((rec, i) => {
      if (m.recs.has(rec.symbol))
        fail('StopManager.fromJSON', `records.${i}.symbol`, 'appears twice', rec.symbol);
      if ((rec.side === 'long') !== rec.qty > 0)
        fail('StopManager.fromJSON', `records.${i}.qty`, `must have the sign of side ${rec.side}`, rec.qty);
      m.recs.set(rec.symbol, copy(rec));
    });
    return m;
  }

  /**
   * Activation and ratchet from the current water marks. Run whenever a water mark or the distance
   * changes (set, tick, setAtr), so the stop always reflects everything seen so far: a tick is then
   * checked against levels that already include every earlier high, and its own trail candidate
   * (price ∓ dist) is on the safe side of that price.
   */
  private trail(r: StopRecord, now: number): void {
    const t = r.trailing;
    if (t === null) return;
    const long = r.side === 'long';
    const water = long ? r.highWater : r.lowWater;
    if (!t.active && (long ? water >= t.activationPrice : water <= t.activationPrice)) t.active = true;
    if (!t.active) return;
    const dist = t.distance.kind === 'atr' ? t.distance.multiple * r.atr : t.distance.fraction * water;
    const cand = long ? water - dist : water + dist;
    if (long ? cand > r.stop : cand < r.stop) {
      r.stop = cand;
      r.updatedAt = now;
    }
  }

  private fire(r: StopRecord, kind: HitRecord['kind'], price: number, now: number): StopHit {
    const reason = kind === 'stop' ? 'stop hit' : 'take profit';
    r.status = 'hit';
    r.closedAt = now;
    r.closeReason = reason;
    r.updatedAt = now;
    const level = kind === 'stop' ? r.stop : (r.takeProfit as number);
    return {
      intent: { symbol: r.symbol, side: closingSide(r.qty), qty: Math.abs(r.qty), reason },
      record: {
        symbol: r.symbol,
        kind,
        qty: r.qty,
        price,
        at: now,
        level,
        entry: r.entry,
        source: r.source,
        trailed: r.stop !== r.initialStop && r.source !== 'manual',
        multiplier: r.multiplier,
      },
    };
  }
}
