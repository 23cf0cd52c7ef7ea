/**
 * Risk parity (equal risk contribution, ERC) and risk budgeting weights from a covariance matrix.
 *
 * Risk contribution of asset i (Euler decomposition of volatility): RCᵢ = wᵢ·(Σw)ᵢ/σ_p with
 * σ_p = √(wᵀΣw); Σ RCᵢ = σ_p. Fractions RCᵢ/σ_p sum to 1; ERC makes them all 1/n, risk budgeting
 * makes them equal to budgets bᵢ (Σb = 1).
 *
 * Method: Spinu (2013), "An algorithm for computing risk parity weights": the unique positive
 * minimiser y* of the strictly convex f(y) = ½·yᵀΣy − Σ bᵢ·ln yᵢ satisfies yᵢ(Σy)ᵢ = bᵢ, so
 * w = y* / Σy* has risk fractions exactly b. Damped Newton (Nesterov's step 1/(1 + λ), λ the
 * Newton decrement, while λ > 0.25; full steps after) is globally convergent for this
 * self-concordant function once the problem is scaled so that min bᵢ = 1 (−b·ln y is
 * self-concordant for b >= 1; scaling b scales y* by √c and leaves w unchanged). Converges in
 * ~5-10 iterations to machine precision; long-only (w > 0) by construction, weights sum to 1.
 * Riskfolio-Lib's `rp_optimization` solves the same problem (a log-barrier convex program) with a
 * cvxpy solver; results agree to solver tolerance.
 */
import { choleskySolve, choleskyStrict } from './cholesky';
import { checkSymmetric, matVec, type SquareMatrix } from './linalg';

export interface RiskParityResult {
  /** Weights, > 0, summing to 1. */
  weights: Float64Array;
  /** Risk contributions RCᵢ (same units as σ_p; sum to σ_p). */
  contributions: Float64Array;
  /** RCᵢ/σ_p (sum to 1; equal to the budgets at the solution). */
  fractions: Float64Array;
  /** Portfolio volatility σ_p (per period of the covariance). */
  portfolioVol: number;
  iterations: number;
  /** max |fractionᵢ − bᵢ| at exit. */
  maxError: number;
}

/** Risk contributions of given weights (conventions in the module doc). */
export function riskContributions(
  weights: Float64Array,
  cov: SquareMatrix,
): { contributions: Float64Array; fractions: Float64Array; portfolioVol: number } {
  const sw = matVec(cov, weights);
  let variance = 0;
  for (let i = 0; i < cov.n; i++) variance += weights[i] * sw[i];
  if (!(variance > 0)) throw new RangeError('riskContributions: portfolio variance is not positive');
  const vol = Math.sqrt(variance);
  const contributions = weights.map((w, i) => (w * sw[i]) / vol);
  const fractions = weights.map((w, i) => (w * sw[i]) / variance);
  return { contributions, fractions, portfolioVol: vol };
}

/**
 * Risk-parity / risk-budgeting weights (Spinu's Newton method; see module doc).
 * @param budgets risk budgets bᵢ > 0 (normalised to sum 1); default equal (ERC).
 * @throws RangeError if cov is not symmetric positive definite or budgets are invalid, or if
 *   the iteration fails to converge (it should not for a PD matrix).
 */
export function riskParity(
  cov: SquareMatrix,
  budgets?: Float64Array,
  tol = 1e-12,
  maxIter = 100,
): RiskParityResult {
  const fn = 'riskParity';
  checkSymmetric(cov, fn, 'cov');
  const { n, data } = cov;
  if (!choleskyStrict(cov))
    throw new RangeError(`${fn}: cov must be positive definite (repair it with cholesky() first)`);
  const b = new Float64Array(n);
  if (budgets) {
    if (budgets.length !== n)
      throw new RangeError(`${fn}: budgets has ${budgets.length} entries, cov is ${n}×${n}`);
    let s = 0;
    budgets.forEach((x, i) => {
      if (!(Number.isFinite(x) && x > 0))
        throw new RangeError(`${fn}: budgets[${i}] must be a finite number > 0, got ${x}`);
      s += x;
    });
    budgets.forEach((x, i) => (b[i] = x / s));
  } else b.fill(1 / n);
  // Scale so min b = 1 (self-concordance); y* scales by √c, w does not change.
  let bMin = Infinity;
  for (const x of b) bMin = Math.min(bMin, x);
  const bs = b.map((x) => x / bMin);
  // Start at inverse-volatility, scaled into the right ballpark: y ∝ 1/σᵢ with yᵀΣy = Σbs.
  let y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = 1 / Math.sqrt(data[i * n + i]);
  let bsum = 0;
  for (const x of bs) bsum += x;
  const sy0 = matVec(cov, y);
  let q0 = 0;
  for (let i = 0; i < n; i++) q0 += y[i] * sy0[i];
  y = y.map((v) => v * Math.sqrt(bsum / q0));

  let iterations = 0;
  const hess = new Float64Array(n * n);
  for (; iterations < maxIter; iterations++) {
    const sy = matVec(cov, y);
    const grad = new Float64Array(n);
    for (let i = 0; i < n; i++) grad[i] = sy[i] - bs[i] / y[i];
    hess.set(data);
    for (let i = 0; i < n; i++) hess[i * n + i] += bs[i] / (y[i] * y[i]);
    const L = choleskyStrict({ n, data: hess });
    if (!L) throw new RangeError(`${fn}: Newton system lost positive definiteness (ill-conditioned cov)`);
    const step = choleskySolve(L, n, grad);
    let lambda2 = 0;
    for (let i = 0; i < n; i++) lambda2 += grad[i] * step[i];
    const lambda = Math.sqrt(Math.max(lambda2, 0));
    let t = lambda > 0.25 ? 1 / (1 + lambda) : 1;
    // Guard positivity (theory keeps y > 0 with the damped step; round-off gets a safety net).
    for (let i = 0; i < n; i++) while (y[i] - t * step[i] <= 0) t /= 2;
    for (let i = 0; i < n; i++) y[i] -= t * step[i];
    if (lambda < tol) {
      iterations++;
      break;
    }
  }
  let sum = 0;
  for (const v of y) sum += v;
  const weights = y.map((v) => v / sum);
  const rc = riskContributions(weights, cov);
  let maxError = 0;
  for (let i = 0; i < n; i++) maxError = Math.max(maxError, Math.abs(rc.fractions[i] - b[i]));
  if (maxError > 1e-6)
    throw new RangeError(
      `${fn}: did not converge (max budget error ${maxError} after ${iterations} iterations)`,
    );
  return { weights, ...rc, iterations, maxError };
}
