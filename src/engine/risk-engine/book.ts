/**
 * The engine's live book (PositionView[] + instruments) → the risk library's BookPosition[].
 *
 *   spot / perp / future → linear position on `underlying ?? symbol`;
 *   option               → European option on `underlying` with the instrument's strike,
 *                          expiryYears = max(expiryMs − now, 0)/year (365-day year, as the ledger),
 *                          vol = instrument.impliedVol, rate 0 (crypto books carry no rate here).
 *
 * One spot per underlying, so every position on it is valued at the same price (the library
 * rejects two prices for one asset): the mark of a held linear position whose symbol IS the
 * underlying (BTC-USDT spot), else `prices.get(underlying)`, else the mark of a perp/future on it
 * (the ledger marks perps and futures at the underlying's price). Quotes are taken as USD
 * (USDT/USDC ≈ USD; no FX conversion).
 *
 * A position that cannot be valued — no price for its underlying yet (a feed still connecting),
 * or zero quantity — is SKIPPED and listed with the reason, not thrown: one missing quote must not
 * blank the whole risk screen. Broken static data (an option instrument without strike/expiry/vol)
 * throws, naming the field.
 */
import type { Instrument, PositionView } from '../../shared/contract/portfolio';
import type { BookPosition } from '../risk/book';

export const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface SkippedPosition {
  symbol: string;
  reason: string;
}

export interface ConvertedBook {
  /** One per usable view, same order; `id` is the view's symbol. */
  positions: BookPosition[];
  /** The view behind each position (same index). */
  views: PositionView[];
  /** Underlying → spot used. */
  spots: Map<string, number>;
  skipped: SkippedPosition[];
}

const positive = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The underlying a position's risk is driven by. */
export function underlyingOf(v: PositionView, inst: Instrument | undefined): string {
  return inst?.underlying ?? v.underlying ?? v.symbol;
}

/**
 * Converts the live book (module doc).
 * @throws RangeError naming the field for a non-finite `now`, a missing option instrument or an
 *   option instrument without optionType / strike / expiryMs / impliedVol.
 */
export function toBookPositions(
  views: readonly PositionView[],
  instruments: ReadonlyMap<string, Instrument>,
  prices: ReadonlyMap<string, number>,
  now: number,
): ConvertedBook {
  if (!Number.isFinite(now))
    throw new RangeError(`toBookPositions: now must be a finite time in ms, got ${now}`);
  const spots = resolveSpots(views, instruments, prices);
  const positions: BookPosition[] = [];
  const used: PositionView[] = [];
  const skipped: SkippedPosition[] = [];
  views.forEach((v, i) => {
    const at = `positions[${i}] (${v.symbol})`;
    if (!Number.isFinite(v.qty))
      throw new RangeError(`toBookPositions: ${at}.qty must be finite, got ${v.qty}`);
    if (v.qty === 0) {
      skipped.push({ symbol: v.symbol, reason: 'zero quantity' });
      return;
    }
    const inst = instruments.get(v.symbol);
    const underlying = underlyingOf(v, inst);
    const spot = spots.get(underlying);
    if (spot === undefined) {
      skipped.push({ symbol: v.symbol, reason: `no price for underlying ${underlying}` });
      return;
    }
    const base: BookPosition = {
      id: v.symbol,
      underlying,
      qty: v.qty,
      multiplier: inst?.multiplier ?? 1,
      spot,
      beta: inst?.beta ?? 1,
      assetClass: v.assetClass,
      sector: v.sector ?? undefined,
    };
    if (v.kind === 'option') {
      if (!inst) throw new RangeError(`toBookPositions: ${at}: no instrument for option '${v.symbol}'`);
      const where = `instruments.get('${v.symbol}')`;
      if (inst.optionType !== 'call' && inst.optionType !== 'put')
        throw new RangeError(
          `toBookPositions: ${where}.optionType must be 'call' or 'put', got ${String(inst.optionType)}`,
        );
      if (!positive(inst.strike))
        throw new RangeError(`toBookPositions: ${where}.strike must be > 0, got ${String(inst.strike)}`);
      if (inst.expiryMs === undefined || !Number.isFinite(inst.expiryMs))
        throw new RangeError(
          `toBookPositions: ${where}.expiryMs must be a finite time, got ${String(inst.expiryMs)}`,
        );
      if (!(typeof inst.impliedVol === 'number' && inst.impliedVol >= 0 && Number.isFinite(inst.impliedVol)))
        throw new RangeError(
          `toBookPositions: ${where}.impliedVol must be a finite number >= 0, got ${String(inst.impliedVol)}`,
        );
      base.option = {
        type: inst.optionType,
        strike: inst.strike,
        expiryYears: Math.max(inst.expiryMs - now, 0) / YEAR_MS,
        vol: inst.impliedVol,
        rate: 0,
      };
    }
    positions.push(base);
    used.push(v);
  });
  return { positions, views: used, spots, skipped };
}

/** Spot per underlying by the precedence in the module doc; underlyings without one are absent. */
function resolveSpots(
  views: readonly PositionView[],
  instruments: ReadonlyMap<string, Instrument>,
  prices: ReadonlyMap<string, number>,
): Map<string, number> {
  const own = new Map<string, number>();
  const derivative = new Map<string, number>();
  const wanted = new Set<string>();
  for (const v of views) {
    const inst = instruments.get(v.symbol);
    const u = underlyingOf(v, inst);
    wanted.add(u);
    if (v.kind === 'option' || !positive(v.mark)) continue;
    if (v.symbol === u) own.set(u, v.mark);
    else if (!derivative.has(u)) derivative.set(u, v.mark);
  }
  const spots = new Map<string, number>();
  for (const u of wanted) {
    const p = prices.get(u);
    const s = own.get(u) ?? (positive(p) ? p : undefined) ?? derivative.get(u);
    if (s !== undefined) spots.set(u, s);
  }
  return spots;
}
