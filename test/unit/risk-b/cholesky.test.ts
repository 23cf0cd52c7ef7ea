import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cholesky,
  choleskySolve,
  choleskyStrict,
  clipEigenvalues,
  lowerTimesTranspose,
} from '../../../src/engine/risk/cholesky';
import { jacobiEigen, matrixFromRows, matVec, type SquareMatrix } from '../../../src/engine/risk/linalg';

const maxAbsDiff = (a: SquareMatrix, b: SquareMatrix): number => {
  let d = 0;
  for (let i = 0; i < a.data.length; i++) d = Math.max(d, Math.abs(a.data[i] - b.data[i]));
  return d;
};

/** Random SPD matrix M·Mᵀ + δI from fast-check doubles. */
const spd = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n * n, maxLength: n * n })
    .map((m): SquareMatrix => {
      const data = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += m[i * n + k] * m[j * n + k];
          data[i * n + j] = s + (i === j ? 1e-3 : 0);
        }
      }
      return { n, data };
    }),
);

describe('cholesky', () => {
  it('textbook 3×3 example', () => {
    const a = matrixFromRows([
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ]);
    const { L, repaired } = cholesky(a);
    expect(repaired).toBe(false);
    expect(Array.from(L)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('property: L·Lᵀ reproduces an SPD matrix', () => {
    fc.assert(
      fc.property(spd, (a) => {
        const r = cholesky(a);
        expect(r.repaired).toBe(false);
        let scale = 1;
        for (const v of a.data) scale = Math.max(scale, Math.abs(v));
        expect(maxAbsDiff(lowerTimesTranspose(r.L, a.n), a)).toBeLessThan(1e-12 * scale);
      }),
      { numRuns: 200 },
    );
  });

  it('property: a non-PD symmetric matrix is repaired to a PD one with the same diagonal', () => {
    const sym = fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc
        .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n })
        .map((m): SquareMatrix => {
          const data = new Float64Array(n * n);
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) data[i * n + j] = i === j ? 1 : (m[i * n + j] + m[j * n + i]) / 2;
          return { n, data };
        }),
    );
    fc.assert(
      fc.property(sym, (a) => {
        const r = cholesky(a);
        // Whatever was factorised, L·Lᵀ reproduces it and it is PD.
        expect(maxAbsDiff(lowerTimesTranspose(r.L, a.n), r.matrix)).toBeLessThan(1e-12);
        expect(jacobiEigen(r.matrix).values[0]).toBeGreaterThan(0);
        if (r.repaired) {
          expect(r.minEigenvalue).toBeLessThanOrEqual(1e-9);
          for (let i = 0; i < a.n; i++) expect(r.matrix.data[i * a.n + i]).toBeCloseTo(1, 9);
        } else {
          expect(r.matrix).toBe(a);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an inconsistent correlation matrix is repaired close to the input', () => {
    const bad = matrixFromRows([
      [1, 0.9, 0.7],
      [0.9, 1, -0.4],
      [0.7, -0.4, 1],
    ]);
    expect(choleskyStrict(bad)).toBeNull();
    const r = cholesky(bad);
    expect(r.repaired).toBe(true);
    expect(r.minEigenvalue).toBeLessThan(0);
    expect(r.adjustment).toBeGreaterThan(0);
    expect(r.adjustment).toBeLessThan(0.5);
    expect(() => cholesky(bad, { repair: 'none' })).toThrow(/not positive definite/);
  });

  it('a singular (perfectly correlated) covariance still factors', () => {
    const r = cholesky(
      matrixFromRows([
        [0.04, 0.04],
        [0.04, 0.04],
      ]),
    );
    // Rank-deficient at round-off level: either the plain factor survives or the repair kicks in;
    // in both cases the factor is finite and reproduces the input to round-off.
    expect(Array.from(r.L).every(Number.isFinite)).toBe(true);
    expect(maxAbsDiff(lowerTimesTranspose(r.L, 2), r.matrix)).toBeLessThan(1e-15);
    expect(maxAbsDiff(r.matrix, { n: 2, data: Float64Array.of(0.04, 0.04, 0.04, 0.04) })).toBeLessThan(1e-10);
  });

  it('clipEigenvalues leaves a PD matrix unchanged', () => {
    const a = matrixFromRows([
      [2, 0.5],
      [0.5, 1],
    ]);
    expect(maxAbsDiff(clipEigenvalues(a).repaired, a)).toBeLessThan(1e-14);
  });

  it('choleskySolve solves A·x = b', () => {
    const a = matrixFromRows([
      [4, 1, 0.5],
      [1, 3, 0.2],
      [0.5, 0.2, 2],
    ]);
    const b = Float64Array.of(1, -2, 0.5);
    const x = choleskySolve(cholesky(a).L, 3, b);
    const back = matVec(a, x);
    for (let i = 0; i < 3; i++) expect(back[i]).toBeCloseTo(b[i], 13);
  });

  it('rejects asymmetric, ragged and non-finite input', () => {
    expect(() =>
      cholesky(
        matrixFromRows([
          [1, 2],
          [0, 1],
        ]),
      ),
    ).toThrow(/not symmetric at \[0\]\[1\]/);
    expect(() => matrixFromRows([[1, 2], [3]])).toThrow(/rows\[1\]/);
    expect(() => cholesky({ n: 2, data: Float64Array.of(1, 0, 0, Number.NaN) })).toThrow(/\[1\]\[1\]/);
  });
});

describe('jacobiEigen', () => {
  it('A·v = λ·v for every pair', () => {
    const a = matrixFromRows([
      [4, 1, -2, 2],
      [1, 2, 0, 1],
      [-2, 0, 3, -2],
      [2, 1, -2, -1],
    ]);
    const { values, vectors } = jacobiEigen(a);
    for (let k = 0; k < 4; k++) {
      const v = Float64Array.from({ length: 4 }, (_, i) => vectors[i * 4 + k]);
      const av = matVec(a, v);
      for (let i = 0; i < 4; i++) expect(av[i]).toBeCloseTo(values[k] * v[i], 12);
    }
    expect(values[0]).toBeLessThanOrEqual(values[3]);
  });
});
