/**
 * Logistic regression for the early-warning model: a thin typed wrapper around mljs'
 * `ml-logistic-regression` (types in logreg-types.d.ts). The library does the fitting; this module
 * prepares its input, documents the hyper-parameters and checks the result.
 *
 * - Standardisation: z = (x − mean) / sd with mean and sd (ddof 1) of the TRAINING rows passed in,
 *   stored with the model and reused on every prediction (never re-estimated on test data). A
 *   constant training column gets sd = 1 (it then carries no information and gets coefficient 0).
 * - Whitening: the library fits by plain full-batch gradient ascent, which crawls along the
 *   direction of correlated inputs (the two vol ratios correlate at 0.69 on the S&P and 0.80 on a
 *   simulated GARCH path, drawdown and 120-day momentum at −0.74 / −0.78; on that simulated path,
 *   400 steps on merely standardised inputs still left max|∇| at 3e-3). So
 *   the library is given u = L⁻¹z, L the Cholesky factor of the training correlation matrix
 *   (cholesky.ts, eigenvalue-clipped if singular): uncorrelated, unit-variance inputs that make the
 *   problem well conditioned. The fit is mapped back exactly — b + vᵀu = b + (L⁻ᵀv)ᵀz — and the
 *   model stores coefficients on the standardised scale z, which is what one reads and ships.
 * - Intercept: the library has none, so a column of ones is prepended; coefficient 0 is the intercept.
 * - Learning rate: the library's step is a SUM over rows (w += lr·Uᵀ(y − p)), so its size grows with
 *   the sample. We set lr = stepSize / n, a step of `stepSize` on the MEAN log-likelihood, which
 *   behaves the same on 1,000 or 5,000 rows. After whitening UᵀU/n ≈ I, so the mean log-likelihood's
 *   Hessian is bounded by ¼·I and gradient ascent is stable for stepSize < 8; default 4.
 * - Iterations: default 200 full-batch steps. Whitened, the S&P fit reaches max|∇| ≈ 3e-14 in 50
 *   steps and the hardest simulated path ≈ 2e-11 in 300, so 200 leaves margin. (The library's own
 *   default, 50,000, would take ~2 min: each step allocates several n-row matrices, ~2.5 ms per step
 *   on 4,800 rows, and it trains one model per class — two mirror images for a 0/1 label.)
 * - Convergence is CHECKED, not assumed: after training we evaluate the gradient of the mean
 *   log-likelihood with respect to the reported (standardised-scale) coefficients; `converged` is
 *   max|∇| < `tolerance` (default 1e-6).
 * - No regularisation (the library has none); with 6 standardised features and >= 700 rows per fit
 *   the coefficients are well determined. Perfectly separable data has no finite solution: the
 *   coefficients keep growing and `converged` stays false.
 *
 * Prediction is σ(b + c·z), the library's own `testScores` formula after the exact mapping above,
 * evaluated here from the stored coefficients, so a shipped model (plain numbers) predicts without
 * the library.
 */
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { cholesky } from '../cholesky';
import { checkInteger } from '../validate';

export interface LogisticOptions {
  /** Step on the mean log-likelihood (library learningRate = stepSize / rows); default 4. */
  stepSize?: number;
  /** Gradient-ascent steps; default 200. */
  iterations?: number;
  /** Convergence tolerance on max|∇ mean log-likelihood|; default 1e-6. */
  tolerance?: number;
}

export const DEFAULT_LOGISTIC_OPTIONS: Readonly<Required<LogisticOptions>> = Object.freeze({
  stepSize: 4,
  iterations: 200,
  tolerance: 1e-6,
});

/** A fitted model as plain data: enough to ship, inspect and predict. */
export interface LogisticModel {
  /** Per-feature training mean and sd (standardisation). */
  mean: number[];
  sd: number[];
  /** Intercept and per-feature coefficients, on the standardised scale z. */
  intercept: number;
  coefficients: number[];
  /** Training diagnostics. */
  rows: number;
  positives: number;
  iterations: number;
  stepSize: number;
  learningRate: number;
  /** max|∇ mean log-likelihood| at the solution. */
  gradientNorm: number;
  converged: boolean;
  /** Mean in-sample log-loss. */
  logLoss: number;
}

/** The input transform fitted on training rows: standardise, then whiten with L⁻¹. */
export interface InputTransform {
  mean: number[];
  sd: number[];
  /** Lower Cholesky factor of the training correlation matrix, row-major cols × cols. */
  L: Float64Array;
}

const sigmoid = (s: number): number => 1 / (1 + Math.exp(-s));

function checkShape(x: Float64Array, cols: number, n: number, fn: string): void {
  checkInteger(cols, fn, 'cols', 1);
  if (x.length !== n * cols)
    throw new RangeError(`${fn}: x has ${x.length} values, expected rows·cols = ${n}·${cols}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${fn}: x[${i}] is ${x[i]}, expected a finite number`);
  }
}

/** Mean, sd (ddof 1; 1 for a constant column) and correlation Cholesky factor of n rows. */
export function fitInputTransform(x: Float64Array, n: number, cols: number): InputTransform {
  checkShape(x, cols, n, 'fitInputTransform');
  if (n < 2) throw new RangeError(`fitInputTransform: needs at least 2 rows, got ${n}`);
  const mean = new Array<number>(cols).fill(0);
  const sd = new Array<number>(cols).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) mean[j] += x[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) sd[j] += (x[i * cols + j] - mean[j]) ** 2;
  for (let j = 0; j < cols; j++) {
    const v = Math.sqrt(sd[j] / (n - 1));
    sd[j] = v > 0 ? v : 1;
  }
  const r = new Float64Array(cols * cols);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < cols; a++) {
      const za = (x[i * cols + a] - mean[a]) / sd[a];
      for (let b = 0; b <= a; b++) r[a * cols + b] += (za * (x[i * cols + b] - mean[b])) / sd[b];
    }
  }
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b <= a; b++) {
      r[a * cols + b] /= n - 1;
      r[b * cols + a] = r[a * cols + b];
    }
  }
  // A constant column has a zero row in R; the clip repair gives it a tiny positive pivot, its u
  // stays 0 and its coefficient 0.
  return { mean, sd, L: cholesky({ n: cols, data: r }).L };
}

/** The library's design matrix for row-major x: [1, L⁻¹((x − mean)/sd)] per row. */
export function designMatrix(t: InputTransform, x: Float64Array, cols: number): Matrix {
  const n = x.length / cols;
  const m = new Matrix(n, cols + 1);
  const z = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    m.set(i, 0, 1);
    for (let j = 0; j < cols; j++) z[j] = (x[i * cols + j] - t.mean[j]) / t.sd[j];
    for (let j = 0; j < cols; j++) {
      // Forward substitution: u = L⁻¹z.
      let s = z[j];
      for (let k = 0; k < j; k++) s -= t.L[j * cols + k] * m.get(i, k + 1);
      m.set(i, j + 1, s / t.L[j * cols + j]);
    }
  }
  return m;
}

/**
 * Fits P(y = 1 | x) on row-major `x` (rows × cols) with labels y ∈ {0, 1}.
 * @throws RangeError on shape mismatches, non-finite features, labels other than 0/1, a training
 *   set without both classes, or bad options.
 */
export function fitLogistic(
  x: Float64Array,
  cols: number,
  y: ArrayLike<number>,
  opts?: LogisticOptions,
): LogisticModel {
  const o = { ...DEFAULT_LOGISTIC_OPTIONS, ...opts };
  checkInteger(o.iterations, 'fitLogistic', 'iterations', 1);
  if (!(o.stepSize > 0 && Number.isFinite(o.stepSize)))
    throw new RangeError(`fitLogistic: stepSize must be > 0, got ${o.stepSize}`);
  if (!(o.tolerance > 0)) throw new RangeError(`fitLogistic: tolerance must be > 0, got ${o.tolerance}`);
  const n = y.length;
  checkShape(x, cols, n, 'fitLogistic');
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`fitLogistic: y[${i}] is ${y[i]}, expected 0 or 1`);
    positives += y[i];
  }
  if (positives === 0 || positives === n)
    throw new RangeError(
      `fitLogistic: the training set needs both classes, got ${positives} of ${n} positive`,
    );

  const t = fitInputTransform(x, n, cols);
  const u = designMatrix(t, x, cols);
  const learningRate = o.stepSize / n;
  const lr = new LogisticRegression({ numSteps: o.iterations, learningRate });
  lr.train(u, Matrix.columnVector(Array.from(y)));
  // classifiers[0] is trained on y' = (y === 0 ? 0 : 1), i.e. it scores P(y = 1) (logreg-types.d.ts).
  const v = lr.classifiers[0].weights.to1DArray();
  // Back substitution: c = L⁻ᵀv, so that vᵀu = cᵀz.
  const c = new Array<number>(cols).fill(0);
  for (let j = cols - 1; j >= 0; j--) {
    let s = v[j + 1];
    for (let k = j + 1; k < cols; k++) s -= t.L[k * cols + j] * c[k];
    c[j] = s / t.L[j * cols + j];
  }
  const model: LogisticModel = {
    mean: t.mean,
    sd: t.sd,
    intercept: v[0],
    coefficients: c,
    rows: n,
    positives,
    iterations: o.iterations,
    stepSize: o.stepSize,
    learningRate,
    gradientNorm: 0,
    converged: false,
    logLoss: 0,
  };
  // Convergence check on the reported parameters: ∇ = (1/n)·[Σ(y − p), Σ(y − p)·z].
  const g = new Float64Array(cols + 1);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let s = model.intercept;
    for (let j = 0; j < cols; j++) s += c[j] * ((x[i * cols + j] - t.mean[j]) / t.sd[j]);
    const e = y[i] - sigmoid(s);
    g[0] += e;
    for (let j = 0; j < cols; j++) g[j + 1] += e * ((x[i * cols + j] - t.mean[j]) / t.sd[j]);
    // log(1 + e^{−|s|}) form: exact for large |s| where log(p) would underflow.
    loss += Math.max(s, 0) - y[i] * s + Math.log1p(Math.exp(-Math.abs(s)));
  }
  for (let j = 0; j <= cols; j++) model.gradientNorm = Math.max(model.gradientNorm, Math.abs(g[j] / n));
  model.converged = model.gradientNorm < o.tolerance;
  model.logLoss = loss / n;
  return model;
}

/** P(y = 1) for one raw (unstandardised) feature vector, in [0, 1]. */
export function predictProba(model: LogisticModel, features: ArrayLike<number>): number {
  const k = model.coefficients.length;
  if (features.length !== k)
    throw new RangeError(`predictProba: expected ${k} features, got ${features.length}`);
  let s = model.intercept;
  for (let j = 0; j < k; j++) {
    const v = features[j];
    if (!Number.isFinite(v))
      throw new RangeError(`predictProba: feature ${j} is ${v}, expected a finite number`);
    s += model.coefficients[j] * ((v - model.mean[j]) / model.sd[j]);
  }
  return sigmoid(s);
}

/** P(y = 1) for every row of a row-major matrix (rows × coefficients.length). */
export function predictProbaRows(model: LogisticModel, x: Float64Array): Float64Array {
  const k = model.coefficients.length;
  if (x.length % k !== 0)
    throw new RangeError(`predictProbaRows: x length ${x.length} is not a multiple of ${k}`);
  const out = new Float64Array(x.length / k);
  for (let i = 0; i < out.length; i++) out[i] = predictProba(model, x.subarray(i * k, (i + 1) * k));
  return out;
}
