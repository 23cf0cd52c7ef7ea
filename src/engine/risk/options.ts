/**
 * Generalised Black-Scholes-Merton with cost of carry b (Haug, "The Complete Guide to Option
 * Pricing Formulas", 2nd ed., §1.1.6):
 *
 *   c = S·e^{(b−r)T}·N(d1) − K·e^{−rT}·N(d2)
 *   p = K·e^{−rT}·N(−d2) − S·e^{(b−r)T}·N(−d1)
 *   d1 = (ln(S/K) + (b + σ²/2)·T) / (σ√T),  d2 = d1 − σ√T
 *
 * b = r: stock without dividends (Black-Scholes 1973); b = r − q: continuous yield q (Merton 1973);
 * b = 0: option on a future (Black 1976); b = r − r_f: currency option (Garman-Kohlhagen 1983).
 *
 * Conventions (all inputs decimal, not percent):
 *   spot, strike, price: currency per unit of underlying; T: years (ACT/365 is the caller's choice);
 *   r, b, σ: continuously compounded, annualised.
 * Greeks (per one unit of underlying, long one option):
 *   delta ∂V/∂S; gamma ∂²V/∂S²;
 *   vega ∂V/∂σ per 1.00 of σ (i.e. per 100 vol points) — `vegaPct` is per 1 vol point (vega/100);
 *   theta ∂V/∂t = −∂V/∂T per YEAR (negative = time decay) — `thetaPerDay` = theta/365 (calendar day);
 *   rho ∂V/∂r per 1.00 of r with q = r − b held fixed, i.e. the carry moves with the rate (Hull's
 *     stock-option rho, T·K·e^{−rT}·N(d2) for a call) — `rhoPct` is per 1% (rho/100);
 *   carryRho ∂V/∂b per 1.00 (Haug's "cost-of-carry sensitivity"). For a futures option, where b
 *     stays 0 when r moves, the rate sensitivity is rho − carryRho = −T·V (see `optionGreeks`);
 *   vanna ∂²V/∂S∂σ (per unit spot per 1.00 of σ); volga ∂²V/∂σ² (per 1.00² of σ).
 * Degenerate inputs: T = 0 or σ = 0 give the deterministic limit (discounted intrinsic value of
 * the forward); delta is then a step (½ exactly at the money) and gamma/vanna/volga are 0.
 */
import { brentRoot } from './root-find';
import { normCdf } from './special';

export type OptionType = 'call' | 'put';

export interface BsmParams {
  type: OptionType;
  /** Underlying price S (> 0). */
  spot: number;
  /** Strike K (> 0). */
  strike: number;
  /** Time to expiry T in years (>= 0). */
  expiry: number;
  /** Risk-free rate r, continuously compounded, annual decimal. */
  rate: number;
  /** Cost of carry b, continuously compounded, annual decimal (see module doc). */
  carry: number;
  /** Volatility σ, annualised decimal (>= 0). */
  vol: number;
}

export interface BsmGreeks {
  price: number;
  delta: number;
  gamma: number;
  /** ∂V/∂σ per 1.00 of σ. */
  vega: number;
  /** ∂V/∂σ per 1 vol point (vega / 100). */
  vegaPct: number;
  /** ∂V/∂t per year. */
  theta: number;
  /** ∂V/∂t per calendar day (theta / 365). */
  thetaPerDay: number;
  /** ∂V/∂r per 1.00, q = r − b held fixed. */
  rho: number;
  /** ∂V/∂r per 1% (rho / 100). */
  rhoPct: number;
  /** ∂V/∂b per 1.00. */
  carryRho: number;
  vanna: number;
  volga: number;
}

/** Calendar days per year used for `thetaPerDay`. */
export const DAYS_PER_YEAR = 365;

const SQRT_2PI_INV = 0.3989422804014327;

function fail(fn: string, name: string, why: string, got: unknown): never {
  throw new RangeError(`${fn}: ${name} ${why}, got ${String(got)}`);
}

/** Validates a BsmParams object (vol may be skipped for the implied-vol solver). */
export function checkBsmParams(p: Omit<BsmParams, 'vol'> & { vol?: number }, fn: string): void {
  if (p.type !== 'call' && p.type !== 'put') fail(fn, 'type', "must be 'call' or 'put'", p.type);
  if (!(Number.isFinite(p.spot) && p.spot > 0)) fail(fn, 'spot', 'must be a finite number > 0', p.spot);
  if (!(Number.isFinite(p.strike) && p.strike > 0))
    fail(fn, 'strike', 'must be a finite number > 0', p.strike);
  if (!(Number.isFinite(p.expiry) && p.expiry >= 0))
    fail(fn, 'expiry', 'must be a finite number of years >= 0', p.expiry);
  if (!Number.isFinite(p.rate)) fail(fn, 'rate', 'must be a finite decimal rate', p.rate);
  if (!Number.isFinite(p.carry)) fail(fn, 'carry', 'must be a finite decimal rate', p.carry);
  if (p.vol !== undefined && !(Number.isFinite(p.vol) && p.vol >= 0))
    fail(fn, 'vol', 'must be a finite decimal >= 0', p.vol);
}

/**
 * BSM price without validation, for hot loops (Monte Carlo, stress grids). Same conventions as
 * `bsmPrice`; the caller guarantees S, K > 0, T >= 0, σ >= 0.
 */
export function bsmPriceRaw(
  isCall: boolean,
  S: number,
  K: number,
  T: number,
  r: number,
  b: number,
  v: number,
): number {
  const vt = v * Math.sqrt(T);
  const dfq = Math.exp((b - r) * T);
  const dfr = Math.exp(-r * T);
  if (!(vt > 0)) {
    // Deterministic limit: the forward is known, the option is worth its discounted intrinsic value.
    const diff = S * dfq - K * dfr;
    return isCall ? Math.max(diff, 0) : Math.max(-diff, 0);
  }
  const d1 = (Math.log(S / K) + (b + 0.5 * v * v) * T) / vt;
  const d2 = d1 - vt;
  return isCall
    ? S * dfq * normCdf(d1) - K * dfr * normCdf(d2)
    : K * dfr * normCdf(-d2) - S * dfq * normCdf(-d1);
}

/** BSM price (currency per unit of underlying). @throws RangeError naming the bad field. */
export function bsmPrice(p: BsmParams): number {
  checkBsmParams(p, 'bsmPrice');
  return bsmPriceRaw(p.type === 'call', p.spot, p.strike, p.expiry, p.rate, p.carry, p.vol);
}

/** Price and all Greeks in one pass (conventions in the module doc). */
export function bsmGreeks(p: BsmParams): BsmGreeks {
  checkBsmParams(p, 'bsmGreeks');
  const { spot: S, strike: K, expiry: T, rate: r, carry: b, vol: v } = p;
  const call = p.type === 'call';
  const sqrtT = Math.sqrt(T);
  const vt = v * sqrtT;
  const dfq = Math.exp((b - r) * T);
  const dfr = Math.exp(-r * T);
  const degenerate = !(vt > 0);
  let d1: number;
  let d2: number;
  if (degenerate) {
    // σ√T = 0: d1 = d2 = ±∞ by the sign of ln(F/K), 0 exactly at the forward money.
    const m = S * dfq - K * dfr;
    d1 = d2 = m > 0 ? Infinity : m < 0 ? -Infinity : 0;
  } else {
    d1 = (Math.log(S / K) + (b + 0.5 * v * v) * T) / vt;
    d2 = d1 - vt;
  }
  const pdf1 = Number.isFinite(d1) ? SQRT_2PI_INV * Math.exp(-0.5 * d1 * d1) : 0;
  const Nd1 = normCdf(d1);
  const Nd2 = normCdf(d2);
  const Nmd1 = normCdf(-d1);
  const Nmd2 = normCdf(-d2);
  const price = bsmPriceRaw(call, S, K, T, r, b, v);
  const delta = call ? dfq * Nd1 : -dfq * Nmd1;
  const gamma = degenerate ? 0 : (dfq * pdf1) / (S * vt);
  const vega = S * dfq * pdf1 * sqrtT;
  // The σ-decay term vanishes in the degenerate limit (pdf·σ/√T → 0 as σ√T → 0 away from the money).
  const decay = degenerate || T === 0 ? 0 : -(S * dfq * pdf1 * v) / (2 * sqrtT);
  const theta =
    T === 0
      ? 0
      : call
        ? decay - (b - r) * S * dfq * Nd1 - r * K * dfr * Nd2
        : decay + (b - r) * S * dfq * Nmd1 + r * K * dfr * Nmd2;
  const rho = call ? T * K * dfr * Nd2 : -T * K * dfr * Nmd2;
  const carryRho = call ? T * S * dfq * Nd1 : -T * S * dfq * Nmd1;
  const vanna = degenerate ? 0 : (-dfq * pdf1 * d2) / v;
  const volga = degenerate ? 0 : (vega * d1 * d2) / v;
  return {
    price,
    delta,
    gamma,
    vega,
    vegaPct: vega / 100,
    theta,
    thetaPerDay: theta / DAYS_PER_YEAR,
    rho,
    rhoPct: rho / 100,
    carryRho,
    vanna,
    volga,
  };
}

/** No-arbitrage price bounds [lower, upper] of a European option under carry b (Haug §1.1). */
export function noArbitrageBounds(p: Omit<BsmParams, 'vol'>): { lower: number; upper: number } {
  const fwdPv = p.spot * Math.exp((p.carry - p.rate) * p.expiry);
  const strikePv = p.strike * Math.exp(-p.rate * p.expiry);
  return p.type === 'call'
    ? { lower: Math.max(fwdPv - strikePv, 0), upper: fwdPv }
    : { lower: Math.max(strikePv - fwdPv, 0), upper: strikePv };
}

/**
 * An option as a trader books it: spot-style inputs, with the carry derived from a dividend
 * yield (b = r − q) or fixed at 0 for options on futures (Black-76).
 */
export interface OptionSpec {
  type: OptionType;
  spot: number;
  strike: number;
  /** Years to expiry. */
  expiryYears: number;
  /** Annualised decimal volatility. */
  vol: number;
  /** Continuously compounded annual decimal rate. */
  rate: number;
  /** Continuous dividend / foreign-rate yield q (decimal, default 0); ignored for futures. */
  dividendYield?: number;
  /** True for an option on a future (b = 0 whatever r is). */
  futures?: boolean;
}

/** Cost of carry implied by an OptionSpec: 0 for futures options, otherwise r − q. */
export function carryOf(spec: OptionSpec): number {
  return spec.futures ? 0 : spec.rate - (spec.dividendYield ?? 0);
}

/** BsmParams of an OptionSpec (expiryYears → expiry, carry from carryOf). */
export function specToParams(spec: OptionSpec): BsmParams {
  return {
    type: spec.type,
    spot: spec.spot,
    strike: spec.strike,
    expiry: spec.expiryYears,
    rate: spec.rate,
    carry: carryOf(spec),
    vol: spec.vol,
  };
}

/**
 * Greeks of an OptionSpec, with `rho` being the sensitivity to the rate as the instrument really
 * moves: q fixed for spot underlyings (carry follows r), b fixed at 0 for futures options
 * (rho = rho − carryRho = −T·V). Everything else as `bsmGreeks`.
 */
export function optionGreeks(spec: OptionSpec): BsmGreeks {
  const g = bsmGreeks(specToParams(spec));
  if (!spec.futures) return g;
  const rho = g.rho - g.carryRho;
  return { ...g, rho, rhoPct: rho / 100 };
}

export interface ImpliedVolOptions {
  /** Absolute tolerance on the price (default 1e-12 × max(1, price)). */
  priceTol?: number;
  /** Newton iterations before the Brent fallback (default 50). */
  maxNewton?: number;
}

/** Highest volatility the solver searches (10 000 %): beyond it the price is flat to double precision. */
const MAX_IV = 100;

/**
 * Implied volatility (annualised decimal) of a European option price under BSM with carry.
 *
 * Newton from the Manaster-Koehler (1982) start σ₀ = √(2|ln(F/K)|/T), the inflection point of
 * price(σ), from which Newton converges monotonically in exact arithmetic; each step is kept
 * inside a shrinking bracket. If Newton stalls (vega underflows deep in/out of the money, or a
 * step leaves the bracket) the bracket is handed to Brent's method.
 *
 * Returns 0 when the price equals the lower no-arbitrage bound (to the tolerance).
 * @throws RangeError naming `price` when it is outside [lower, upper) of `noArbitrageBounds`,
 *   or naming the field of `p` that is invalid; expiry must be > 0.
 */
export function impliedVol(price: number, p: Omit<BsmParams, 'vol'>, opts: ImpliedVolOptions = {}): number {
  const fn = 'impliedVol';
  checkBsmParams(p, fn);
  if (!(p.expiry > 0)) fail(fn, 'expiry', 'must be > 0 to imply a volatility', p.expiry);
  if (!Number.isFinite(price)) fail(fn, 'price', 'must be a finite number', price);
  const { lower, upper } = noArbitrageBounds(p);
  const tol = opts.priceTol ?? 1e-12 * Math.max(1, price);
  if (price < lower - tol || price >= upper) {
    throw new RangeError(
      `${fn}: price ${price} is outside the no-arbitrage bounds [${lower}, ${upper}) for this ${p.type}; no volatility reproduces it`,
    );
  }
  if (price <= lower + tol) return 0;
  const call = p.type === 'call';
  const { spot: S, strike: K, expiry: T, rate: r, carry: b } = p;
  const f = (v: number): number => bsmPriceRaw(call, S, K, T, r, b, v) - price;
  if (f(MAX_IV) < 0) {
    throw new RangeError(
      `${fn}: price ${price} needs a volatility above ${MAX_IV} (10 000 %); check the inputs`,
    );
  }
  const sqrtT = Math.sqrt(T);
  const dfq = Math.exp((b - r) * T);
  let lo = 0;
  let hi = MAX_IV;
  let v = Math.max(Math.sqrt((2 * Math.abs(Math.log(S / K) + b * T)) / T), 1e-3);
  const maxNewton = opts.maxNewton ?? 50;
  for (let i = 0; i < maxNewton; i++) {
    const diff = f(v);
    if (Math.abs(diff) <= tol) return v;
    // Price is increasing in σ, so the sign of the error tells which side of the root v is on.
    if (diff > 0) hi = Math.min(hi, v);
    else lo = Math.max(lo, v);
    const d1 = (Math.log(S / K) + (b + 0.5 * v * v) * T) / (v * sqrtT);
    const vega = S * dfq * SQRT_2PI_INV * Math.exp(-0.5 * d1 * d1) * sqrtT;
    const next = v - diff / vega;
    if (!(vega > 0) || !Number.isFinite(next) || next <= lo || next >= hi) break;
    if (Math.abs(next - v) <= 1e-15 * v) return next;
    v = next;
  }
  const root = brentRoot(f, lo, hi, 1e-15, 300);
  return root.x;
}
