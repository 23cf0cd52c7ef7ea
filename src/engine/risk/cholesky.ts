/**
 * Cholesky factorisation A = L·Lᵀ with a repair for matrices that are not positive definite.
 *
 * Why a repair: covariance matrices estimated from short or asynchronous histories, pasted from a
 * spreadsheet, or edited by hand in a stress scenario are often slightly indefinite (a negative
 * eigenvalue of −1e-6 is enough to stop a Cholesky). A Monte Carlo engine must still run.
 *
 * Repair method — eigenvalue clipping with diagonal restoration (Rebonato & Jäckel 1999 "spectral"
 * method), chosen over Higham's alternating projections because it is one-shot and deterministic:
 *   1. A = Q·Λ·Qᵀ by cyclic Jacobi;
 *   2. λᵢ ← max(λᵢ, floor), floor = `minEigenRatio` · max|λ| (default 1e-10);
 *   3. B = Q·Λ'·Qᵀ, then rescale B_ij ← B_ij·√(a_ii·a_jj / (b_ii·b_jj)) so every variance a_ii is
 *      kept exactly (a congruence with a positive diagonal, so B stays positive definite);
 *   4. Cholesky of B; if round-off still defeats it, add diagonal jitter 1e-12·mean(diag)·10ᵏ.
 * The result is close to, but not the Frobenius-nearest, PD matrix (Higham 2002 is nearest for
 * correlation matrices); `adjustment` reports ‖B − A‖_F so the caller can decide whether the
 * input was acceptable.
 */
import { checkSymmetric, fromEigen, jacobiEigen, type SquareMatrix } from './linalg';

export interface CholeskyResult {
  n: number;
  /** Lower-triangular factor, row-major n×n (upper triangle is 0). */
  L: Float64Array;
  /** True when the input was not PD and was repaired. */
  repaired: boolean;
  /** Smallest eigenvalue of the input (only computed when a repair was needed, else NaN). */
  minEigenvalue: number;
  /** Frobenius norm ‖B − A‖ of the change made (0 when not repaired). */
  adjustment: number;
  /** The matrix actually factorised (= the input when not repaired). */
  matrix: SquareMatrix;
}

export interface CholeskyOptions {
  /** 'clip' (default) repairs non-PD input; 'none' throws instead. */
  repair?: 'clip' | 'none';
  /** Eigenvalue floor relative to the largest |eigenvalue| (default 1e-10). */
  minEigenRatio?: number;
}

/**
 * Plain Cholesky–Banachiewicz. Returns the lower factor, or null at the first non-positive pivot
 * (the matrix is not numerically positive definite).
 */
export function choleskyStrict(m: SquareMatrix): Float64Array | null {
  const { n, data } = m;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const oi = i * n;
    for (let j = 0; j <= i; j++) {
      const oj = j * n;
      let s = data[oi + j];
      for (let k = 0; k < j; k++) s -= L[oi + k] * L[oj + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[oi + i] = Math.sqrt(s);
      } else {
        L[oi + j] = s / L[oj + j];
      }
    }
  }
  return L;
}

/**
 * Cholesky factor of a symmetric matrix, repairing it first if it is not positive definite
 * (method in the module doc).
 * @throws RangeError if the matrix is not square/finite/symmetric, or not PD with repair 'none'.
 */
export function cholesky(m: SquareMatrix, opts: CholeskyOptions = {}): CholeskyResult {
  const fn = 'cholesky';
  checkSymmetric(m, fn, 'matrix');
  const direct = choleskyStrict(m);
  if (direct)
    return { n: m.n, L: direct, repaired: false, minEigenvalue: Number.NaN, adjustment: 0, matrix: m };
  if (opts.repair === 'none')
    throw new RangeError(`${fn}: matrix is not positive definite (and repair is 'none')`);
  const ratio = opts.minEigenRatio ?? 1e-10;
  if (!(ratio > 0 && ratio < 1)) throw new RangeError(`${fn}: minEigenRatio must be in (0, 1), got ${ratio}`);
  const { repaired, minEigenvalue } = clipEigenvalues(m, ratio);
  const n = m.n;
  let L = choleskyStrict(repaired);
  let fixed = repaired;
  if (!L) {
    let meanDiag = 0;
    for (let i = 0; i < n; i++) meanDiag += Math.abs(repaired.data[i * n + i]) / n;
    const base = Math.max(meanDiag, 1e-300);
    for (let k = 0; k < 12 && !L; k++) {
      const data = Float64Array.from(repaired.data);
      for (let i = 0; i < n; i++) data[i * n + i] += 1e-12 * base * 10 ** k;
      fixed = { n, data };
      L = choleskyStrict(fixed);
    }
    if (!L)
      throw new RangeError(`${fn}: matrix could not be repaired to positive definite (is it all zeros?)`);
  }
  let adj = 0;
  for (let k = 0; k < m.data.length; k++) adj += (fixed.data[k] - m.data[k]) ** 2;
  return { n, L, repaired: true, minEigenvalue, adjustment: Math.sqrt(adj), matrix: fixed };
}

/** Step 1-3 of the module doc: eigenvalue floor then diagonal restoration. */
export function clipEigenvalues(
  m: SquareMatrix,
  minEigenRatio = 1e-10,
): { repaired: SquareMatrix; minEigenvalue: number } {
  const { n, data } = m;
  const { values, vectors } = jacobiEigen(m);
  let maxAbs = 0;
  for (let k = 0; k < n; k++) maxAbs = Math.max(maxAbs, Math.abs(values[k]));
  const floor = Math.max(minEigenRatio * maxAbs, 1e-300);
  const clipped = values.map((v) => Math.max(v, floor));
  const b = fromEigen(clipped, vectors);
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const aii = data[i * n + i];
    const bii = b.data[i * n + i];
    // A zero-variance asset keeps the clipped row: rescaling it to 0 would make B singular again.
    scale[i] = aii > 0 && bii > 0 ? Math.sqrt(aii / bii) : 1;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b.data[i * n + j] *= scale[i] * scale[j];
  return { repaired: b, minEigenvalue: values[0] };
}

/** L·Lᵀ (to check a factor or rebuild the matrix). */
export function lowerTimesTranspose(L: Float64Array, n: number): SquareMatrix {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += L[i * n + k] * L[j * n + k];
      data[i * n + j] = s;
      data[j * n + i] = s;
    }
  }
  return { n, data };
}

/**
 * Solves A·x = b given A's lower Cholesky factor L (forward then back substitution).
 */
export function choleskySolve(L: Float64Array, n: number, b: Float64Array): Float64Array {
  if (L.length !== n * n || b.length !== n) {
    throw new RangeError(
      `choleskySolve: L must be ${n}×${n} and b have ${n} entries, got ${L.length} and ${b.length}`,
    );
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}
