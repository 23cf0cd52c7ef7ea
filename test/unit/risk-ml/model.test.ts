import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  designMatrix,
  fitInputTransform,
  fitLogistic,
  predictProba,
  predictProbaRows,
} from '../../../src/engine/risk/ml/model';
import { createRng } from '../../../src/engine/risk/rng';

/**
 * y = 1 iff 2·x0 + noise·ε > 1; x1 is pure noise. x0 dominates. Row-major, 2 columns. noise = 0 is
 * perfectly separable.
 */
function dataset(n: number, noise: number, seed = 11): { x: Float64Array; y: Uint8Array } {
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = rng.normal();
    x[2 * i + 1] = 50 + 10 * rng.normal(); // off-centre, wide: standardisation must handle it
    y[i] = 2 * x[2 * i] + noise * rng.normal() > 1 ? 1 : 0;
  }
  return { x, y };
}

describe('logistic model (ml-logistic-regression wrapper)', () => {
  const { x, y } = dataset(600, 1.5);
  const m = fitLogistic(x, 2, y);

  it('converges, learns the dominant feature and ignores the noise one', () => {
    expect(m.converged).toBe(true);
    expect(m.gradientNorm).toBeLessThan(1e-6);
    expect(m.coefficients[0]).toBeGreaterThan(1.5);
    expect(Math.abs(m.coefficients[1])).toBeLessThan(0.5);
    expect(m.rows).toBe(600);
    expect(m.learningRate).toBeCloseTo(4 / 600, 15);
  });

  it('on a separable set: probabilities in [0, 1], rising monotonically with the dominant feature', () => {
    const sep = dataset(600, 0);
    const ms = fitLogistic(sep.x, 2, sep.y);
    // Separable data has no finite maximum-likelihood solution: gradient ascent keeps growing the
    // coefficients, and the convergence check says so instead of pretending.
    expect(ms.converged).toBe(false);
    for (const model of [ms, m]) {
      let prev = -1;
      for (let v = -6; v <= 6; v += 0.25) {
        const p = predictProba(model, [v, 50]);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        // Non-decreasing everywhere; strictly rising until σ saturates at exactly 0 or 1 in doubles.
        if (p > 0 && p < 1 && prev > 0) expect(p).toBeGreaterThan(prev);
        else expect(p).toBeGreaterThanOrEqual(prev);
        prev = p;
      }
      expect(predictProba(model, [-4, 50])).toBeLessThan(0.01);
      expect(predictProba(model, [4, 50])).toBeGreaterThan(0.99);
    }
    const ps = predictProbaRows(ms, sep.x);
    for (const p of ps) expect(p >= 0 && p <= 1).toBe(true);
    sep.y.forEach((label, i) => expect(ps[i] > 0.5 ? 1 : 0).toBe(label)); // it separates them
    // Extreme inputs saturate at the bounds instead of leaving [0, 1] or going NaN.
    expect(predictProba(ms, [1e6, 50])).toBe(1);
    expect(predictProba(ms, [-1e6, 50])).toBe(0);
  });

  it('predicts exactly what the library itself scores (same design matrix, steps and learning rate)', () => {
    // The design matrix the wrapper hands the library: [1, L⁻¹·standardised x].
    const u = designMatrix(fitInputTransform(x, y.length, 2), x, 2);
    const lib = new LogisticRegression({ numSteps: m.iterations, learningRate: m.learningRate });
    lib.train(u, Matrix.columnVector(Array.from(y)));
    const libP = lib.classifiers[0].testScores(u);
    const ours = predictProbaRows(m, x);
    for (let i = 0; i < y.length; i++) expect(ours[i]).toBeCloseTo(libP[i], 12);
    // The library's class prediction is the same decision at 0.5.
    const cls = lib.predict(u);
    for (let i = 0; i < y.length; i++)
      if (Math.abs(ours[i] - 0.5) > 1e-9) expect(cls[i]).toBe(ours[i] > 0.5 ? 1 : 0);
  });

  it('whitening makes the design columns uncorrelated with unit variance', () => {
    const u = designMatrix(fitInputTransform(x, y.length, 2), x, 2);
    const n = y.length;
    for (let a = 1; a <= 2; a++) {
      for (let b = 1; b <= 2; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += u.get(i, a) * u.get(i, b);
        expect(s / (n - 1)).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
  });

  it('a constant training column gets coefficient 0 and does not break the fit', () => {
    const k = y.length;
    const x3 = new Float64Array(3 * k);
    for (let i = 0; i < k; i++) x3.set([x[2 * i], x[2 * i + 1], 7], 3 * i);
    const m3 = fitLogistic(x3, 3, y);
    expect(m3.converged).toBe(true);
    expect(m3.coefficients[2]).toBe(0);
    expect(m3.coefficients[0]).toBeCloseTo(m.coefficients[0], 6);
  });

  it('standardises with the training rows only: the stored mean/sd are the training sample stats', () => {
    const n = y.length;
    let s = 0;
    for (let i = 0; i < n; i++) s += x[2 * i + 1];
    expect(m.mean[1]).toBeCloseTo(s / n, 10);
    // Predicting other data does not touch the model.
    const before = JSON.stringify(m);
    predictProbaRows(m, new Float64Array([100, 1000, -100, -1000]));
    expect(JSON.stringify(m)).toBe(before);
  });

  it('rejects a single-class set, bad labels, shapes and non-finite features', () => {
    expect(() => fitLogistic(new Float64Array([1, 2]), 1, [0, 0])).toThrow(/both classes/);
    expect(() => fitLogistic(new Float64Array([1, 2]), 1, [0, 2])).toThrow(/y\[1\]/);
    expect(() => fitLogistic(new Float64Array([1, 2, 3]), 1, [0, 1])).toThrow(/rows·cols/);
    expect(() => fitLogistic(new Float64Array([1, Number.NaN]), 1, [0, 1])).toThrow(/x\[1\]/);
    expect(() => predictProba(m, [1])).toThrow(/expected 2 features/);
  });

  it('reports non-convergence honestly when given too few steps', () => {
    const short = fitLogistic(x, 2, y, { iterations: 3 });
    expect(short.converged).toBe(false);
    expect(short.gradientNorm).toBeGreaterThan(1e-6);
  });
});
