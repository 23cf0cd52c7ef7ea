/**
 * Historical 1-day P&L of TODAY's book over each day of the return history (filtered historical
 * simulation, no ageing):
 *   linear:  P&L_t = Σ qty·mult·S · r_u,t          (exposure × simple return of the underlying)
 *   option:  P&L_t = qty·mult·(V(S·(1 + r_u,t)) − V(S))   — FULL BSM repricing at the shocked spot,
 *            same strike, expiry, vol and rate (no delta/gamma approximation, no time decay: the
 *            scenario is an instantaneous move, theta is reported separately).
 * USD, signed (a loss is negative), one value per history row, oldest first.
 *
 * The option kernel is `bsmPriceRaw` (risk/options.ts) with everything that does not depend on the
 * day hoisted out of the loop and ln(1 + r) precomputed per underlying, so a 1,000-day history of
 * 50 options costs two Φ evaluations per option-day. Base value and shocked values use the same
 * arithmetic, so a zero return gives exactly zero P&L.
 */
import { unitsOf, type BookPosition } from '../risk/book';
import { normCdf } from '../risk/special';

export interface PnlInputs {
  positions: readonly BookPosition[];
  /** Simple returns per underlying (every position's underlying present), all the same length. */
  returns: ReadonlyMap<string, Float64Array>;
  /** ln(1 + r) of the same series (only needed for underlyings with options). */
  logReturns: (underlying: string) => Float64Array;
}

/** The book's historical P&L series (module doc). */
export function historicalPnl({ positions, returns, logReturns }: PnlInputs): Float64Array {
  let n = -1;
  for (const s of returns.values()) n = n < 0 ? s.length : Math.min(n, s.length);
  const pnl = new Float64Array(Math.max(n, 0));
  if (n <= 0) return pnl;
  // Linear positions are netted per underlying first: one multiply-add per underlying-day.
  const linear = new Map<string, number>();
  for (const p of positions) {
    if (!p.option) linear.set(p.underlying, (linear.get(p.underlying) ?? 0) + unitsOf(p) * p.spot);
  }
  for (const [u, value] of linear) {
    const r = series(returns, u);
    if (value !== 0) for (let t = 0; t < n; t++) pnl[t] += value * r[t];
  }
  for (const p of positions)
    if (p.option) addOptionPnl(p, series(returns, p.underlying), logReturns(p.underlying), pnl);
  return pnl;
}

function series(returns: ReadonlyMap<string, Float64Array>, u: string): Float64Array {
  const r = returns.get(u);
  if (!r) throw new RangeError(`historicalPnl: no return history for underlying '${u}'`);
  return r;
}

/** Adds qty·mult·(V(S·(1 + r_t)) − V(S)) to pnl[t]; x_t = ln(1 + r_t) feeds d1. */
function addOptionPnl(p: BookPosition, ret: Float64Array, x: Float64Array, pnl: Float64Array): void {
  const o = p.option!;
  const units = unitsOf(p);
  const S = p.spot;
  const K = o.strike;
  const T = o.expiryYears;
  const r = o.rate;
  const b = o.futures ? 0 : r - (o.dividendYield ?? 0);
  const vt = o.vol * Math.sqrt(T);
  const dfq = Math.exp((b - r) * T);
  const dfr = Math.exp(-r * T);
  const call = o.type === 'call';
  const n = pnl.length;
  if (!(vt > 0)) {
    // Deterministic limit (expired or zero vol): discounted intrinsic value of the forward.
    const value = (s: number): number =>
      call ? Math.max(s * dfq - K * dfr, 0) : Math.max(K * dfr - s * dfq, 0);
    const v0 = value(S);
    for (let t = 0; t < n; t++) pnl[t] += units * (value(S * (1 + ret[t])) - v0);
    return;
  }
  // d1 = (ln S' − ln K + (b + σ²/2)T)/σ√T with ln S' = ln S + x_t.
  const a = Math.log(S / K) + (b + 0.5 * o.vol * o.vol) * T;
  const kd = K * dfr;
  const price = (s: number, d1: number): number => {
    const d2 = d1 - vt;
    return call ? s * dfq * normCdf(d1) - kd * normCdf(d2) : kd * normCdf(-d2) - s * dfq * normCdf(-d1);
  };
  const v0 = price(S, a / vt);
  for (let t = 0; t < n; t++) {
    pnl[t] += units * (price(S * (1 + ret[t]), (a + x[t]) / vt) - v0);
  }
}
