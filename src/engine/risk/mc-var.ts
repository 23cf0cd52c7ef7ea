/**
 * Monte Carlo VaR and CVaR of a multi-asset book with full option revaluation.
 *
 * Model (one horizon step):
 *   z ~ N(0, Σ) with Σ the covariance of the underlyings' LOG-returns over the horizon (the caller
 *   scales: a daily covariance × h for an h-day horizon); z = L·ε, L = cholesky(Σ) (repaired if Σ
 *   is not positive definite, see cholesky.ts), ε from the ziggurat over the passed seeded `rng`.
 *   returnModel 'log' (default): S'ᵤ = Sᵤ·exp(μᵤ − ½Σᵤᵤ + zᵤ), so E[S'ᵤ/Sᵤ] = e^{μᵤ}
 *     (μ = `drift`, horizon expected return, default 0: a martingale);
 *   returnModel 'arithmetic': S'ᵤ = Sᵤ·(1 + μᵤ + zᵤ) — P&L of a linear book is then exactly
 *     Gaussian, which is how the engine is validated against the analytic VaR. Linear books only.
 * Revaluation: linear P&L = qty·mult·(S' − S); options are repriced with BSM at S' with expiry
 *   T − horizonYears (theta over the horizon is in the P&L), vol and rates unchanged. Options
 *   are never delta-approximated. Underlyings are simulated once per path and shared by every
 *   position on them; linear positions are netted per underlying before the loop.
 * Variance reduction: antithetic variates — every ε is used as +ε and −ε (pairs).
 * Estimators, for confidence c and N paths, m = ⌈N(1−c)⌉ tail paths:
 *   VaR  = the m-th largest loss (loss = −P&L, positive = money lost, not clamped at 0);
 *   CVaR = the mean of the m largest losses (so CVaR >= VaR).
 *   This is the order-statistic ("lower") estimator; var.ts's historical VaR interpolates (numpy
 *   'linear'), a difference of at most one order statistic.
 * Standard errors: batch means — the pairs are split into `batches` (default 20) contiguous groups,
 *   VaR/CVaR are estimated in each, SE = sd(batch estimates)/√batches. Antithetic pairs are never
 *   split, so the correlation they induce is accounted for.
 * Units: VaR/CVaR in account currency; `...PctEquity` = that / equity (a fraction, 0.02 = 2 %).
 *
 * Speed (why the code looks like this): paths are generated in chunks of 64 pairs so every buffer
 * stays in L1/L2; L·ε is done 8 paths at a time to reuse each loaded L element; the antithetic
 * growth factor is e^{2m}/g (one exp per pair); normals come from a ziggurat (fast-normal.ts);
 * options read log-returns contiguously and take Φ(d1), Φ(d2) from one per-option table
 * (mc-kernels.ts, 4e-12 absolute) with put parity folded in, so one branch-free loop.
 */
import { underlyingSpots, unitsOf, positionValue, checkBook, type BookPosition } from './book';
import { cholesky } from './cholesky';
import { fillNormals } from './fast-normal';
import { addOptionValues, buildOptionKernels, lowerTimesBlock, type KernelOption } from './mc-kernels';
import type { SquareMatrix } from './linalg';
import type { Rng } from './rng';
import { selectKth } from './select';

export interface McVarInput {
  positions: readonly BookPosition[];
  /** Underlying ids in the order of the covariance rows; every position's underlying must appear. */
  underlyings: readonly string[];
  /** Covariance of log-returns over the horizon (n×n, decimal²). */
  covariance: SquareMatrix;
  /** Account equity (> 0) for the fraction-of-equity figures. */
  equity: number;
  /** Seeded generator (rng.ts); the result is a pure function of its state. */
  rng: Rng;
  /** Number of paths (even, >= 2·batches·10; default 50 000). */
  paths?: number;
  /** VaR confidence levels (default [0.95, 0.99]). */
  confidence?: readonly number[];
  /** Horizon expected return per underlying (default 0). */
  drift?: Float64Array;
  /** Option ageing over the horizon, years (default 0: instantaneous shock). */
  horizonYears?: number;
  /** Batches for the standard errors (default 20). */
  batches?: number;
  returnModel?: 'log' | 'arithmetic';
  /** Return the simulated P&L per path (default false). */
  keepPnl?: boolean;
}

export interface McVarLevel {
  confidence: number;
  var: number;
  cvar: number;
  varStdErr: number;
  cvarStdErr: number;
  varPctEquity: number;
  cvarPctEquity: number;
}

export interface McVarResult {
  paths: number;
  levels: McVarLevel[];
  /** Mean and standard deviation of the simulated P&L (account currency). */
  meanPnl: number;
  stdPnl: number;
  /** Current value of the book (Σ market values). */
  bookValue: number;
  /** True when the covariance had to be repaired to positive definite. */
  covarianceRepaired: boolean;
  /** P&L per path (only with keepPnl); antithetic pairs are adjacent. */
  pnl?: Float64Array;
}

const CHUNK = 64; // antithetic pairs per chunk; multiple of 8 for the blocked product
const FN = 'monteCarloVar';

function fail(field: string, why: string, got: unknown): never {
  throw new RangeError(`${FN}: ${field} ${why}, got ${String(got)}`);
}

/** Monte Carlo VaR/CVaR (conventions in the module doc). @throws RangeError naming the bad input. */
export function monteCarloVar(input: McVarInput): McVarResult {
  const { positions, underlyings, covariance, equity, rng } = input;
  const paths = input.paths ?? 50_000;
  const batches = input.batches ?? 20;
  const confidence = input.confidence ?? [0.95, 0.99];
  const horizon = input.horizonYears ?? 0;
  const model = input.returnModel ?? 'log';
  checkBook(positions, FN);
  const n = underlyings.length;
  if (n === 0) fail('underlyings', 'must list at least one underlying', '[]');
  if (covariance.n !== n)
    fail('covariance', `must be ${n}×${n} to match underlyings`, `${covariance.n}×${covariance.n}`);
  if (!(Number.isFinite(equity) && equity > 0)) fail('equity', 'must be a finite number > 0', equity);
  if (!Number.isInteger(batches) || batches < 2) fail('batches', 'must be an integer >= 2', batches);
  if (!Number.isInteger(paths) || paths % 2 !== 0 || paths < 20 * batches) {
    fail('paths', `must be an even integer >= ${20 * batches} (antithetic pairs, ${batches} batches)`, paths);
  }
  confidence.forEach((c, i) => {
    if (!(c > 0 && c < 1)) fail(`confidence[${i}]`, 'must be strictly between 0 and 1', c);
  });
  if (!(Number.isFinite(horizon) && horizon >= 0))
    fail('horizonYears', 'must be a finite number >= 0', horizon);
  if (model !== 'log' && model !== 'arithmetic') fail('returnModel', "must be 'log' or 'arithmetic'", model);
  const drift = input.drift ?? new Float64Array(n);
  if (drift.length !== n) fail('drift', `must have ${n} entries`, drift.length);
  for (let i = 0; i < n; i++) if (!Number.isFinite(drift[i])) fail(`drift[${i}]`, 'must be finite', drift[i]);

  const index = new Map<string, number>();
  underlyings.forEach((u, i) => {
    if (index.has(u)) fail(`underlyings[${i}]`, 'is a duplicate', u);
    index.set(u, i);
  });
  // Throws if two positions disagree on an underlying's spot: one asset, one simulated price.
  underlyingSpots(positions, FN);
  const linVal = new Float64Array(n); // Σ qty·mult·S over linear positions, per underlying
  let bookValue = 0;
  const opts: BookPosition[] = [];
  positions.forEach((p, i) => {
    const u = index.get(p.underlying);
    if (u === undefined) fail(`positions[${i}].underlying`, 'is not in underlyings', p.underlying);
    bookValue += positionValue(p);
    if (p.option) opts.push(p);
    else linVal[u] += unitsOf(p) * p.spot;
  });
  if (model === 'arithmetic' && opts.length > 0)
    fail('returnModel', "'arithmetic' supports linear books only (options need S' > 0)", model);

  const chol = cholesky(covariance);
  const L = chol.L;
  const mLog = new Float64Array(n); // log-drift μ − ½σ²
  const e2m = new Float64Array(n); // e^{2m}: antithetic growth factor = e^{2m}/g
  for (let u = 0; u < n; u++) {
    mLog[u] = drift[u] - 0.5 * covariance.data[u * n + u];
    e2m[u] = Math.exp(2 * mLog[u]);
  }

  let optBase = 0; // Σ option values now: subtracted once per path
  const kernelOpts: KernelOption[] = opts.map((p) => {
    const o = p.option!;
    optBase += positionValue(p);
    return {
      u: index.get(p.underlying)!,
      units: unitsOf(p),
      isCall: o.type === 'call',
      spot: p.spot,
      strike: o.strike,
      T: Math.max(o.expiryYears - horizon, 0),
      rate: o.rate,
      carry: o.futures ? 0 : o.rate - (o.dividendYield ?? 0),
      vol: o.vol,
    };
  });
  const xSd = new Float64Array(n);
  for (let u = 0; u < n; u++) xSd[u] = Math.sqrt(chol.matrix.data[u * n + u]);
  const kernels = buildOptionKernels(kernelOpts, mLog, xSd);
  const no = kernels.count;

  const pnl = new Float64Array(paths);
  const pairs = paths / 2;
  const eps = new Float64Array(CHUNK * n);
  const z = new Float64Array(CHUNK * n);
  const W = 2 * CHUNK; // paths per chunk; X and G are asset-major: [u·W + path]
  const X = new Float64Array(n * W);
  const G = new Float64Array(n * W);
  const acc = new Float64Array(W);
  const xMin = new Float64Array(n);
  const xMax = new Float64Array(n);
  for (let p0 = 0; p0 < pairs; p0 += CHUNK) {
    const cp = Math.min(CHUNK, pairs - p0);
    const cpad = (cp + 7) & ~7;
    fillNormals(rng, eps, 0, cpad * n);
    lowerTimesBlock(L, n, eps, z, cpad);
    // Scenario growth factors g and log-returns x, both antithetic sides, asset-major; the
    // netted linear P&L is accumulated in the same pass.
    const w = 2 * cp;
    acc.fill(0, 0, w);
    for (let u = 0; u < n; u++) {
      const off = u * W;
      const lv = linVal[u];
      if (model === 'log') {
        const m = mLog[u];
        const em = e2m[u];
        let zAbs = 0;
        for (let q = 0; q < cp; q++) {
          const zz = z[q * n + u];
          zAbs = Math.max(zAbs, Math.abs(zz));
          const g = Math.exp(m + zz);
          const gm = em / g;
          X[off + 2 * q] = m + zz;
          X[off + 2 * q + 1] = m - zz;
          G[off + 2 * q] = g;
          G[off + 2 * q + 1] = gm;
          acc[2 * q] += lv * (g - 1);
          acc[2 * q + 1] += lv * (gm - 1);
        }
        xMin[u] = m - zAbs;
        xMax[u] = m + zAbs;
      } else {
        const mu = drift[u];
        for (let q = 0; q < cp; q++) {
          const zz = z[q * n + u];
          acc[2 * q] += lv * (mu + zz);
          acc[2 * q + 1] += lv * (mu - zz);
        }
      }
    }
    if (no > 0) addOptionValues(kernels, X, G, W, w, xMin, xMax, acc);
    const dst = 2 * p0;
    for (let q = 0; q < w; q++) pnl[dst + q] = acc[q] - optBase;
  }

  return summarise(pnl, confidence, batches, equity, bookValue, chol.repaired, input.keepPnl === true);
}

/** VaR/CVaR of a loss sample by the order-statistic estimator; `work` is overwritten. */
function tailEstimates(work: Float64Array, confidence: number): { var: number; cvar: number } {
  const N = work.length;
  // ⌈N(1−c)⌉, with a guard so 50 000 × 0.01 = 500.0000000001 does not round up to 501.
  const m = Math.max(1, Math.ceil(N * (1 - confidence) - 1e-9));
  const k = N - m;
  const v = selectKth(work, k);
  let s = 0;
  for (let i = k; i < N; i++) s += work[i];
  return { var: v, cvar: s / m };
}

function summarise(
  pnl: Float64Array,
  confidence: readonly number[],
  batches: number,
  equity: number,
  bookValue: number,
  repaired: boolean,
  keep: boolean,
): McVarResult {
  const N = pnl.length;
  let mean = 0;
  for (let i = 0; i < N; i++) mean += pnl[i];
  mean /= N;
  let ss = 0;
  for (let i = 0; i < N; i++) ss += (pnl[i] - mean) ** 2;
  const loss = new Float64Array(N);
  for (let i = 0; i < N; i++) loss[i] = -pnl[i];
  const pairs = N / 2;
  const work = new Float64Array(N); // reused for every selection: no per-batch allocation
  const levels = confidence.map((c): McVarLevel => {
    work.set(loss);
    const full = tailEstimates(work, c);
    const bv = new Float64Array(batches);
    const bc = new Float64Array(batches);
    for (let b = 0; b < batches; b++) {
      const from = 2 * Math.floor((b * pairs) / batches);
      const to = 2 * Math.floor(((b + 1) * pairs) / batches);
      const part = work.subarray(0, to - from);
      part.set(loss.subarray(from, to));
      const est = tailEstimates(part, c);
      bv[b] = est.var;
      bc[b] = est.cvar;
    }
    const se = (x: Float64Array): number => {
      let m = 0;
      for (const v of x) m += v / x.length;
      let s = 0;
      for (const v of x) s += (v - m) ** 2;
      return Math.sqrt(s / (x.length - 1) / x.length);
    };
    return {
      confidence: c,
      var: full.var,
      cvar: full.cvar,
      varStdErr: se(bv),
      cvarStdErr: se(bc),
      varPctEquity: full.var / equity,
      cvarPctEquity: full.cvar / equity,
    };
  });
  const result: McVarResult = {
    paths: N,
    levels,
    meanPnl: mean,
    stdPnl: Math.sqrt(ss / (N - 1)),
    bookValue,
    covarianceRepaired: repaired,
  };
  if (keep) result.pnl = pnl;
  return result;
}
