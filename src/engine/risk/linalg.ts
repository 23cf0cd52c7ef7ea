/**
 * Small dense linear algebra for the portfolio half of the risk library. Matrices are square,
 * row-major Float64Arrays: element (i, j) lives at data[i·n + j]. Sizes here are portfolio sizes
 * (tens to a few hundred assets), so plain O(n³) algorithms are the right tool.
 */

/** A dense n×n matrix, row-major. */
export interface SquareMatrix {
  readonly n: number;
  readonly data: Float64Array;
}

/** Builds a SquareMatrix from nested rows. @throws RangeError if ragged, empty or non-finite. */
export function matrixFromRows(
  rows: readonly (readonly number[])[],
  fn = 'matrixFromRows',
  name = 'rows',
): SquareMatrix {
  const n = rows.length;
  if (n === 0) throw new RangeError(`${fn}: ${name} must have at least one row`);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row.length !== n)
      throw new RangeError(`${fn}: ${name}[${i}] has ${row.length} entries, expected ${n} (square matrix)`);
    for (let j = 0; j < n; j++) data[i * n + j] = row[j]!;
  }
  const m = { n, data };
  checkFinite(m, fn, name);
  return m;
}

/** Nested rows of a SquareMatrix (for JSON output and tests). */
export function matrixToRows(m: SquareMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.n; i++) out.push(Array.from(m.data.subarray(i * m.n, (i + 1) * m.n)));
  return out;
}

function checkFinite(m: SquareMatrix, fn: string, name: string): void {
  if (!Number.isInteger(m.n) || m.n < 1 || m.data.length !== m.n * m.n) {
    throw new RangeError(
      `${fn}: ${name} must be an n×n matrix with n >= 1 (data length ${m.data.length}, n ${m.n})`,
    );
  }
  for (let k = 0; k < m.data.length; k++) {
    const v = m.data[k];
    if (!Number.isFinite(v))
      throw new RangeError(
        `${fn}: ${name}[${Math.floor(k / m.n)}][${k % m.n}] is ${v}, expected a finite number`,
      );
  }
}

/**
 * Throws unless `m` is square, finite and symmetric to a relative tolerance (asymmetry from
 * round-off in a caller's arithmetic is tolerated; anything larger is a bug upstream).
 */
export function checkSymmetric(m: SquareMatrix, fn: string, name: string, relTol = 1e-10): void {
  checkFinite(m, fn, name);
  const { n, data } = m;
  let scale = 0;
  for (let k = 0; k < data.length; k++) scale = Math.max(scale, Math.abs(data[k]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(data[i * n + j] - data[j * n + i]) > relTol * Math.max(scale, 1e-300)) {
        throw new RangeError(
          `${fn}: ${name} is not symmetric at [${i}][${j}] (${data[i * n + j]} vs ${data[j * n + i]})`,
        );
      }
    }
  }
}

/** y = A·x (no validation: an inner-loop helper; x must have n entries). */
export function matVec(a: SquareMatrix, x: Float64Array): Float64Array {
  const { n, data } = a;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * n;
    for (let j = 0; j < n; j++) s += data[o + j] * x[j];
    y[i] = s;
  }
  return y;
}

/** xᵀ·A·x (no validation, as matVec). */
export function quadForm(a: SquareMatrix, x: Float64Array): number {
  const ax = matVec(a, x);
  let s = 0;
  for (let i = 0; i < a.n; i++) s += x[i] * ax[i];
  return s;
}

export interface EigenResult {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as columns, row-major n×n: vector k is (vectors[i·n + k])ᵢ. */
  vectors: Float64Array;
}

/**
 * Symmetric eigen-decomposition by the cyclic Jacobi method (Golub & Van Loan §8.5). Slower than
 * QR for large n but unconditionally stable and accurate to machine precision in every
 * eigenvalue, which is what a positive-definiteness repair needs. Converges quadratically; we stop
 * when the off-diagonal Frobenius norm is below 1e-15 of the total.
 */
export function jacobiEigen(m: SquareMatrix, maxSweeps = 100): EigenResult {
  checkSymmetric(m, 'jacobiEigen', 'matrix');
  const { n } = m;
  const a = Float64Array.from(m.data);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let k = 0; k < a.length; k++) total += a[k] * a[k];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        // Rotation angle that zeroes a[p][q] (Rutishauser's stable formulas).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x * n + x] - a[y * n + y]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src]!;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
}

/** Q·diag(λ)·Qᵀ, symmetrised exactly. */
export function fromEigen(values: Float64Array, vectors: Float64Array): SquareMatrix {
  const n = values.length;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[i * n + k] * values[k] * vectors[j * n + k];
      data[i * n + j] = s;
      data[j * n + i] = s;
    }
  }
  return { n, data };
}
