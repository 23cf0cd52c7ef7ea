/**
 * `ReturnHistory`: the daily return store behind the heavy-risk recompute.
 *
 * One Float64Array of daily SIMPLE returns per underlying symbol (canonical, e.g. `BTC-USDT`),
 * oldest first, every series the same length (`length`, 1,000 days by default) so row t is the
 * same day for every symbol — the historical P&L of a multi-asset book needs aligned rows.
 *
 * Synthetic series (demo history — see docs/risk-engine.md, "Synthetic history"):
 *   r_i,t = σ_i/√365 · (β_i · z_t + √(1 − β_i²) · ε_i,t)
 * with z_t the store's FACTOR (the standardised S&P 500 return of the same day when the store was
 * seeded from the real file; see demo-history.ts), ε_i,t ~ N(0, 1) from `createRng(seed)` seeded by
 * a hash of the symbol, σ_i and β_i from the simulator universe (DEFAULT_UNIVERSE, matched on the
 * canonical symbol, else on the base asset), else the default σ 0.8, β 0.6. So the synthetic
 * history inherits the real fat tails and crisis days through z, is deterministic per symbol, and
 * has corr(i, j) ≈ β_i·β_j between synthetic symbols and corr(i, benchmark) ≈ β_i.
 * √365: crypto trades every calendar day, so σ_i (annual) is spread over 365 daily returns.
 * The benchmark itself, when it has to be synthesised (no real file), is σ/√252 · z (β = 1).
 *
 * Live updates: `appendDay(closes)` rolls every series by one day (drops the oldest, keeps the
 * length). Returns come from the previous `appendDay` close of the same symbol; the first call only
 * records the closes (a live price is not continuous with the seed file's last close, so a return
 * across that seam would be a fabricated jump).
 */
import { createRng } from '../risk/rng';
import { DEFAULT_UNIVERSE } from '../sim/models/universe';
import { toCanonical } from '../feeds/symbols';

export const DEFAULT_HISTORY_DAYS = 1_000;
/** Symbol whose returns are the synthetic factor and the beta-weighting benchmark. */
export const BENCHMARK_SYMBOL = 'SPX-USD';
/** σ and β for a symbol the universe does not know (documented default, crypto-like). */
export const DEFAULT_SYNTHETIC: Readonly<SyntheticParams> = Object.freeze({ vol: 0.8, beta: 0.6 });
/** Minimum window: the regime detector and the VaR need some depth. */
export const MIN_HISTORY_DAYS = 10;

export interface SyntheticParams {
  /** Annualised volatility (decimal). */
  vol: number;
  /** Loading on the factor, clamped to [−1, 1]. */
  beta: number;
}

export interface ReturnHistoryOptions {
  /** Common series length in days (default 1,000, at least 10). */
  length?: number;
  /**
   * The standardised factor z (mean 0, sd 1), `length` long, that drives synthetic series. Default:
   * seeded N(0, 1) draws (only for stores built without the S&P file, e.g. tests).
   */
  factor?: Float64Array;
  /**
   * Mean and standard deviation used to standardise new benchmark returns into z (appendDay).
   * Default sd 0: rolled days get z = 0 (stores without a real benchmark have nothing to follow).
   */
  factorScale?: { mean: number; sd: number };
}

export interface AppendResult {
  /** False on the first call (closes recorded as the base, nothing rolled). */
  rolled: boolean;
  /** Symbols in the store that had no return that day (recorded as 0: a flat day). */
  missing: string[];
}

/** FNV-1a 32-bit hash of the symbol: a stable per-symbol seed, independent of insertion order. */
export function symbolSeed(symbol: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < symbol.length; i++) {
    h ^= symbol.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const UNIVERSE_PARAMS: ReadonlyMap<string, SyntheticParams> = new Map(
  DEFAULT_UNIVERSE.map((s) => [toCanonical(s.symbol, 'concat'), { vol: s.vol, beta: s.beta }]),
);
const BASE_PARAMS: ReadonlyMap<string, SyntheticParams> = new Map(
  [...UNIVERSE_PARAMS].map(([sym, p]) => [sym.split('-')[0], p]),
);

/**
 * σ and β of a symbol: the universe entry for the canonical symbol, else for its base asset
 * (`BTC-USD` uses BTCUSDT's), else DEFAULT_SYNTHETIC.
 */
export function syntheticParams(symbol: string): SyntheticParams {
  return UNIVERSE_PARAMS.get(symbol) ?? BASE_PARAMS.get(symbol.split('-')[0]) ?? DEFAULT_SYNTHETIC;
}

/** The one-factor synthetic series (module doc); deterministic for (symbol, factor, params). */
export function syntheticReturns(
  symbol: string,
  factor: Float64Array,
  params: SyntheticParams,
): Float64Array {
  if (!(Number.isFinite(params.vol) && params.vol >= 0))
    throw new RangeError(`syntheticReturns: params.vol must be a finite number >= 0, got ${params.vol}`);
  if (!Number.isFinite(params.beta))
    throw new RangeError(`syntheticReturns: params.beta must be finite, got ${params.beta}`);
  const beta = Math.max(-1, Math.min(1, params.beta));
  const idio = Math.sqrt(1 - beta * beta);
  const scale = params.vol / Math.sqrt(365);
  const rng = createRng(symbolSeed(symbol));
  const out = new Float64Array(factor.length);
  for (let t = 0; t < factor.length; t++) {
    // Floor at −99 %: a simple return <= −1 would make the price vanish.
    out[t] = Math.max(-0.99, scale * (beta * factor[t] + idio * rng.normal()));
  }
  return out;
}

/** Mean-0, sd-1 standardisation (sample sd, ddof 1) of a series; constant input gives zeros. */
export function standardise(x: Float64Array): { z: Float64Array; mean: number; sd: number } {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - m) ** 2;
  const sd = x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0;
  const z = new Float64Array(x.length);
  if (sd > 0) for (let i = 0; i < x.length; i++) z[i] = (x[i] - m) / sd;
  return { z, mean: m, sd };
}

export class ReturnHistory {
  readonly length: number;
  private readonly series = new Map<string, Float64Array>();
  private readonly synthetic = new Set<string>();
  private readonly lastClose = new Map<string, number>();
  private readonly factor: Float64Array;
  private readonly factorScale: { mean: number; sd: number };
  private versionNo = 0;

  constructor(opts: ReturnHistoryOptions = {}) {
    const length = opts.length ?? DEFAULT_HISTORY_DAYS;
    if (!Number.isInteger(length) || length < MIN_HISTORY_DAYS)
      throw new RangeError(
        `ReturnHistory: opts.length must be an integer >= ${MIN_HISTORY_DAYS}, got ${length}`,
      );
    this.length = length;
    if (opts.factor !== undefined) {
      checkSeries(opts.factor, length, 'ReturnHistory: opts.factor');
      this.factor = Float64Array.from(opts.factor);
    } else {
      const rng = createRng(symbolSeed('factor'));
      this.factor = new Float64Array(length);
      for (let t = 0; t < length; t++) this.factor[t] = rng.normal();
    }
    this.factorScale = opts.factorScale ?? { mean: 0, sd: 0 };
  }

  /** Bumped whenever existing data changes (a day rolls, a series is replaced): cache key. */
  get version(): number {
    return this.versionNo;
  }

  has(symbol: string): boolean {
    return this.series.has(symbol);
  }

  /** The series (oldest first), or undefined. Do not mutate: it is the store's own array. */
  get(symbol: string): Float64Array | undefined {
    return this.series.get(symbol);
  }

  /** The series, synthesising it (module doc) if the symbol has none yet. */
  ensure(symbol: string): Float64Array {
    const have = this.series.get(symbol);
    if (have) return have;
    const p =
      symbol === BENCHMARK_SYMBOL
        ? { vol: syntheticParams(symbol).vol * Math.sqrt(365 / 252), beta: 1 }
        : syntheticParams(symbol);
    const s = syntheticReturns(symbol, this.factor, p);
    this.series.set(symbol, s);
    this.synthetic.add(symbol);
    return s;
  }

  /** True when the symbol's series was synthesised rather than supplied. */
  isSynthetic(symbol: string): boolean {
    return this.synthetic.has(symbol);
  }

  /** Stores a series (copied). @throws RangeError if its length differs or a value is not finite. */
  set(symbol: string, returns: ArrayLike<number>, synthetic = false): void {
    if (typeof symbol !== 'string' || symbol === '')
      throw new RangeError('ReturnHistory.set: symbol must be a non-empty string');
    checkSeries(returns, this.length, `ReturnHistory.set('${symbol}'): returns`, true);
    if (this.series.has(symbol)) this.versionNo++;
    this.series.set(symbol, Float64Array.from(returns));
    if (synthetic) this.synthetic.add(symbol);
    else this.synthetic.delete(symbol);
  }

  symbols(): string[] {
    return [...this.series.keys()];
  }

  /** The factor z (read-only view) that drives synthetic series. */
  factorSeries(): Float64Array {
    return this.factor;
  }

  /**
   * Adds one day of live closes (see module doc). Every stored series rolls by one day; a stored
   * symbol without a close today, or without a previous close, gets a 0 return (a flat day) and is
   * listed in `missing`. Closes of symbols not yet stored are remembered for the next day.
   * @throws RangeError naming the symbol if a close is not a finite number > 0.
   */
  appendDay(closes: ReadonlyMap<string, number>): AppendResult {
    for (const [sym, px] of closes) {
      if (!(Number.isFinite(px) && px > 0))
        throw new RangeError(
          `ReturnHistory.appendDay: closes.get('${sym}') must be a finite price > 0, got ${px}`,
        );
    }
    let any = false;
    for (const sym of this.series.keys()) {
      if (closes.has(sym) && this.lastClose.has(sym)) {
        any = true;
        break;
      }
    }
    if (!any) {
      for (const [sym, px] of closes) this.lastClose.set(sym, px);
      return { rolled: false, missing: [] };
    }
    const missing: string[] = [];
    const n = this.length;
    for (const [sym, s] of this.series) {
      const prev = this.lastClose.get(sym);
      const cur = closes.get(sym);
      let r = 0;
      if (prev !== undefined && cur !== undefined) r = cur / prev - 1;
      else missing.push(sym);
      s.copyWithin(0, 1);
      s[n - 1] = r;
    }
    const bench = this.series.get(BENCHMARK_SYMBOL);
    const { mean, sd } = this.factorScale;
    this.factor.copyWithin(0, 1);
    // The factor follows the benchmark so symbols synthesised later still see today's market.
    this.factor[n - 1] =
      bench && sd > 0 && !missing.includes(BENCHMARK_SYMBOL) ? (bench[n - 1] - mean) / sd : 0;
    for (const [sym, px] of closes) this.lastClose.set(sym, px);
    this.versionNo++;
    return { rolled: true, missing };
  }
}

function checkSeries(x: ArrayLike<number>, length: number, what: string, simpleReturns = false): void {
  if (x.length !== length) throw new RangeError(`${what} must have ${length} values, got ${x.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${what}[${i}] is ${x[i]}, expected a finite number`);
    // A simple return <= −1 means a price of zero or less: impossible, and ln(1 + r) is undefined.
    if (simpleReturns && !(x[i] > -1))
      throw new RangeError(`${what}[${i}] is ${x[i]}, a simple return must be > -1`);
  }
}
