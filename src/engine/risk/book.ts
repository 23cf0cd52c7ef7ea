/**
 * The position shape shared by the portfolio risk functions (Greeks aggregation, Monte Carlo VaR,
 * stress tests, historical replay): a signed quantity of a linear instrument or of a European
 * option on an underlying.
 *
 * Conventions:
 *   - `qty` is signed (negative = short), in contracts; `multiplier` units of underlying per
 *     contract (default 1: shares, coins; 100 for US equity options).
 *   - Market value of a linear position = qty · multiplier · spot (account currency; the caller
 *     converts foreign-currency spots beforehand).
 *   - Market value of an option position = qty · multiplier · BSM price.
 *   - `beta` (default 1) is the position's underlying's beta to the benchmark, used by
 *     beta-weighted delta and historical replay.
 */
import { bsmPriceRaw, type OptionSpec, type OptionType } from './options';

export interface BookOption {
  type: OptionType;
  strike: number;
  /** Years to expiry (>= 0). */
  expiryYears: number;
  /** Annualised decimal volatility (>= 0). */
  vol: number;
  /** Continuously compounded annual decimal rate. */
  rate: number;
  /** Continuous yield q (decimal, default 0). */
  dividendYield?: number;
  /** Option on a future (b = 0). */
  futures?: boolean;
}

export interface BookPosition {
  id: string;
  underlying: string;
  /** Signed contracts. */
  qty: number;
  /** Units of underlying per contract (default 1). */
  multiplier?: number;
  /** Underlying price now (> 0). */
  spot: number;
  /** Beta of the underlying to the benchmark (default 1). */
  beta?: number;
  assetClass?: string;
  sector?: string;
  /** Present for options; absent for linear positions (stock, future, coin). */
  option?: BookOption;
}

function bad(fn: string, where: string, why: string, got: unknown): never {
  throw new RangeError(`${fn}: ${where} ${why}, got ${String(got)}`);
}

/**
 * Validates a book; messages name the index and field, e.g. "positions[3].option.strike: must be
 * a finite number > 0, got -5".
 */
export function checkBook(positions: readonly BookPosition[], fn: string, name = 'positions'): void {
  positions.forEach((p, i) => {
    const at = `${name}[${i}]`;
    if (typeof p.id !== 'string' || p.id === '') bad(fn, `${at}.id`, 'must be a non-empty string', p.id);
    if (typeof p.underlying !== 'string' || p.underlying === '')
      bad(fn, `${at}.underlying`, 'must be a non-empty string', p.underlying);
    if (!Number.isFinite(p.qty)) bad(fn, `${at}.qty`, 'must be a finite number', p.qty);
    if (p.multiplier !== undefined && !(Number.isFinite(p.multiplier) && p.multiplier > 0)) {
      bad(fn, `${at}.multiplier`, 'must be a finite number > 0', p.multiplier);
    }
    if (!(Number.isFinite(p.spot) && p.spot > 0))
      bad(fn, `${at}.spot`, 'must be a finite number > 0', p.spot);
    if (p.beta !== undefined && !Number.isFinite(p.beta))
      bad(fn, `${at}.beta`, 'must be a finite number', p.beta);
    const o = p.option;
    if (o === undefined) return;
    if (o.type !== 'call' && o.type !== 'put')
      bad(fn, `${at}.option.type`, "must be 'call' or 'put'", o.type);
    if (!(Number.isFinite(o.strike) && o.strike > 0))
      bad(fn, `${at}.option.strike`, 'must be a finite number > 0', o.strike);
    if (!(Number.isFinite(o.expiryYears) && o.expiryYears >= 0))
      bad(fn, `${at}.option.expiryYears`, 'must be a finite number >= 0', o.expiryYears);
    if (!(Number.isFinite(o.vol) && o.vol >= 0))
      bad(fn, `${at}.option.vol`, 'must be a finite decimal >= 0', o.vol);
    if (!Number.isFinite(o.rate)) bad(fn, `${at}.option.rate`, 'must be a finite decimal', o.rate);
    if (o.dividendYield !== undefined && !Number.isFinite(o.dividendYield)) {
      bad(fn, `${at}.option.dividendYield`, 'must be a finite decimal', o.dividendYield);
    }
  });
}

/** The OptionSpec of an option position (spot from the position). */
export function optionSpecOf(p: BookPosition & { option: BookOption }): OptionSpec {
  return { ...p.option, spot: p.spot };
}

/** Units of underlying per unit of qty · spot exposure: qty · multiplier. */
export function unitsOf(p: BookPosition): number {
  return p.qty * (p.multiplier ?? 1);
}

/**
 * Market value in account currency (see module doc). Optional overrides reprice the position at
 * a shocked spot / vol / rate, keeping q fixed (so the carry follows the rate) except for futures
 * options, whose carry stays 0.
 */
export function positionValue(
  p: BookPosition,
  spot = p.spot,
  volMult = 1,
  rateShift = 0,
  expiryShift = 0,
): number {
  const units = unitsOf(p);
  const o = p.option;
  if (!o) return units * spot;
  const r = o.rate + rateShift;
  const b = o.futures ? 0 : r - (o.dividendYield ?? 0);
  const T = Math.max(o.expiryYears - expiryShift, 0);
  return units * bsmPriceRaw(o.type === 'call', spot, o.strike, T, r, b, o.vol * volMult);
}

/**
 * Spot per underlying, in first-seen order. Positions on the same underlying must agree on the
 * spot (to 1e-9 relative) — two different prices for one asset is a data error, not a choice.
 */
export function underlyingSpots(positions: readonly BookPosition[], fn: string): Map<string, number> {
  const spots = new Map<string, number>();
  positions.forEach((p, i) => {
    const s = spots.get(p.underlying);
    if (s === undefined) spots.set(p.underlying, p.spot);
    else if (Math.abs(s - p.spot) > 1e-9 * s) {
      throw new RangeError(
        `${fn}: positions[${i}].spot ${p.spot} disagrees with ${s} seen earlier for underlying '${p.underlying}'`,
      );
    }
  });
  return spots;
}
