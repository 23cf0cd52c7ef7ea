import { describe, expect, it } from 'vitest';
import type { BookPosition } from '../../../src/engine/risk/book';
import { fillNormals } from '../../../src/engine/risk/fast-normal';
import { matrixFromRows } from '../../../src/engine/risk/linalg';
import { addOptionValues, buildOptionKernels } from '../../../src/engine/risk/mc-kernels';
import { monteCarloVar } from '../../../src/engine/risk/mc-var';
import { bsmPriceRaw } from '../../../src/engine/risk/options';
import { createRng } from '../../../src/engine/risk/rng';
import { selectKth } from '../../../src/engine/risk/select';
import { normCdf, normInv } from '../../../src/engine/risk/special';
import { gaussianVarCvar } from '../../../src/engine/risk/var';

describe('ziggurat and selection', () => {
  it('ziggurat deviates have N(0,1) moments, tails and a small KS distance', () => {
    const n = 400_000;
    const z = new Float64Array(n);
    fillNormals(createRng(11), z);
    let m = 0;
    let v = 0;
    let k = 0;
    let tail = 0;
    for (const x of z) {
      m += x / n;
      v += (x * x) / n;
      k += x ** 4 / n;
      if (Math.abs(x) > 3) tail++;
    }
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(v - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(k - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    expect(tail / n).toBeCloseTo(2 * normCdf(-3), 3);
    const s = Float64Array.from(z).sort();
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(normCdf(s[i]) - (i + 0.5) / n));
    expect(d).toBeLessThan(1.95 / Math.sqrt(n)); // KS critical value at 0.1 %
  });

  it('same seed → same stream', () => {
    const a = new Float64Array(1000);
    const b = new Float64Array(1000);
    fillNormals(createRng(5), a);
    fillNormals(createRng(5), b);
    expect(a).toEqual(b);
  });

  it('selectKth agrees with a sort, ties included', () => {
    const rng = createRng(3);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const a = Float64Array.from({ length: n }, () => Math.round(rng.next() * 20));
      const sorted = Float64Array.from(a).sort();
      for (const k of [0, n >> 1, n - 1]) expect(selectKth(Float64Array.from(a), k)).toBe(sorted[k]);
    }
  });
});

describe('option kernel', () => {
  it('table-priced options match the exact BSM formula to 1e-9 of spot', () => {
    const opts = [
      { u: 0, units: 3, isCall: true, spot: 100, strike: 105, T: 0.25, rate: 0.03, carry: 0.01, vol: 0.25 },
      { u: 0, units: -2, isCall: false, spot: 100, strike: 90, T: 0.02, rate: 0.03, carry: 0.03, vol: 0.6 },
      { u: 1, units: 1, isCall: false, spot: 40, strike: 40, T: 2, rate: 0.05, carry: 0, vol: 0.15 },
      { u: 1, units: 5, isCall: true, spot: 40, strike: 30, T: 0, rate: 0.05, carry: 0.05, vol: 0.3 }, // expired
    ];
    const sd = Float64Array.of(0.05, 0.02);
    const k = buildOptionKernels(opts, Float64Array.of(0, 0), sd);
    const W = 64;
    const X = new Float64Array(2 * W);
    const G = new Float64Array(2 * W);
    const rng = createRng(9);
    for (let u = 0; u < 2; u++) {
      for (let q = 0; q < W; q++) {
        // Mostly inside the tabulated range, a few far outside (exact fallback path).
        const x = q < 4 ? (q % 2 ? 1 : -1) * 12 * sd[u] : 3 * sd[u] * (2 * rng.next() - 1);
        X[u * W + q] = x;
        G[u * W + q] = Math.exp(x);
      }
    }
    const xMin = Float64Array.of(Math.min(...X.subarray(0, W)), Math.min(...X.subarray(W)));
    const xMax = Float64Array.of(Math.max(...X.subarray(0, W)), Math.max(...X.subarray(W)));
    const acc = new Float64Array(W);
    addOptionValues(k, X, G, W, W, xMin, xMax, acc);
    for (let q = 0; q < W; q++) {
      let exact = 0;
      for (const o of opts)
        exact +=
          o.units * bsmPriceRaw(o.isCall, o.spot * G[o.u * W + q], o.strike, o.T, o.rate, o.carry, o.vol);
      expect(Math.abs(acc[q] - exact)).toBeLessThan(1e-9 * 100);
    }
  });
});

const linearBook = (): { positions: BookPosition[]; cov: number[][] } => ({
  positions: [
    { id: 'a', underlying: 'A', qty: 1000, spot: 50 },
    { id: 'b', underlying: 'B', qty: -400, spot: 120 },
    { id: 'c', underlying: 'C', qty: 300, multiplier: 2, spot: 80 },
    { id: 'a2', underlying: 'A', qty: 200, spot: 50 },
  ],
  cov: [
    [0.0004, 0.00012, 0.0001],
    [0.00012, 0.0009, -0.0002],
    [0.0001, -0.0002, 0.000625],
  ],
});

describe('monteCarloVar', () => {
  it('linear book, arithmetic returns: VaR and CVaR converge to the analytic Gaussian values', () => {
    const { positions, cov } = linearBook();
    const res = monteCarloVar({
      positions,
      underlyings: ['A', 'B', 'C'],
      covariance: matrixFromRows(cov),
      equity: 200_000,
      rng: createRng(42),
      paths: 200_000,
      returnModel: 'arithmetic',
    });
    const v = Float64Array.of(60_000, -48_000, 48_000); // dollar exposure per underlying
    let variance = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) variance += v[i] * cov[i][j] * v[j];
    for (const level of res.levels) {
      const exact = gaussianVarCvar(0, Math.sqrt(variance), level.confidence);
      expect(Math.abs(level.var - exact.var)).toBeLessThan(4 * level.varStdErr);
      expect(Math.abs(level.cvar - exact.cvar)).toBeLessThan(4 * level.cvarStdErr);
      expect(level.varStdErr).toBeGreaterThan(0);
      expect(level.varStdErr / exact.var).toBeLessThan(0.02);
      expect(level.varPctEquity).toBeCloseTo(level.var / 200_000, 12);
      expect(level.cvar).toBeGreaterThanOrEqual(level.var);
    }
    expect(res.bookValue).toBeCloseTo(60_000 - 48_000 + 48_000, 6);
  });

  it('single long stock, log returns: VaR converges to the exact lognormal quantile', () => {
    const sigma = 0.03;
    const res = monteCarloVar({
      positions: [{ id: 'x', underlying: 'X', qty: 100, spot: 100 }],
      underlyings: ['X'],
      covariance: matrixFromRows([[sigma * sigma]]),
      equity: 10_000,
      rng: createRng(1),
      paths: 100_000,
      confidence: [0.99],
    });
    const q = normInv(0.01);
    const exact = 10_000 * (1 - Math.exp(-0.5 * sigma * sigma + sigma * q));
    const [lvl] = res.levels;
    expect(Math.abs(lvl.var - exact)).toBeLessThan(4 * lvl.varStdErr);
    // Martingale drift + antithetic pairs: the mean P&L is ~0 to far better than its MC error.
    expect(Math.abs(res.meanPnl)).toBeLessThan(0.5);
  });

  it('is reproducible from the seed and sensitive to it', () => {
    const { positions, cov } = linearBook();
    const run = (seed: number): number =>
      monteCarloVar({
        positions,
        underlyings: ['A', 'B', 'C'],
        covariance: matrixFromRows(cov),
        equity: 1,
        rng: createRng(seed),
        paths: 2000,
      }).levels[1].var;
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
  });

  it('options are fully revalued: a long call loses at most its premium however large the move', () => {
    const option = { type: 'call' as const, strike: 100, expiryYears: 0.1, vol: 0.3, rate: 0.02 };
    const premium = 100 * bsmPriceRaw(true, 100, 100, 0.1, 0.02, 0.02, 0.3);
    const longCall = monteCarloVar({
      positions: [{ id: 'c', underlying: 'X', qty: 1, multiplier: 100, spot: 100, option }],
      underlyings: ['X'],
      covariance: matrixFromRows([[0.04]]), // a 20 % move: far beyond where delta is a fair proxy
      equity: 1e6,
      rng: createRng(2),
      paths: 20_000,
      confidence: [0.999],
      keepPnl: true,
    });
    expect(longCall.levels[0].var).toBeLessThanOrEqual(premium + 1e-9);
    expect(Math.min(...longCall.pnl!)).toBeGreaterThanOrEqual(-premium - 1e-9);
    expect(longCall.levels[0].var).toBeGreaterThan(0.9 * premium);
  });

  it('horizonYears ages the options: with no market risk the P&L is the time decay', () => {
    const option = { type: 'put' as const, strike: 100, expiryYears: 0.5, vol: 0.25, rate: 0.03 };
    const res = monteCarloVar({
      positions: [{ id: 'p', underlying: 'X', qty: 1, multiplier: 100, spot: 100, option }],
      underlyings: ['X'],
      covariance: matrixFromRows([[1e-20]]),
      equity: 1e5,
      rng: createRng(4),
      paths: 2000,
      horizonYears: 10 / 365,
    });
    const decay =
      100 *
      (bsmPriceRaw(false, 100, 100, 0.5 - 10 / 365, 0.03, 0.03, 0.25) -
        bsmPriceRaw(false, 100, 100, 0.5, 0.03, 0.03, 0.25));
    expect(decay).toBeLessThan(0);
    expect(res.meanPnl).toBeCloseTo(decay, 4);
    expect(res.levels[0].var).toBeCloseTo(-decay, 3);
  });

  it('repairs a non-positive-definite covariance and says so', () => {
    const res = monteCarloVar({
      positions: [
        { id: 'a', underlying: 'A', qty: 1, spot: 10 },
        { id: 'b', underlying: 'B', qty: 1, spot: 10 },
        { id: 'c', underlying: 'C', qty: 1, spot: 10 },
      ],
      underlyings: ['A', 'B', 'C'],
      covariance: matrixFromRows([
        [1e-4, 0.99e-4, -0.99e-4],
        [0.99e-4, 1e-4, 0.99e-4],
        [-0.99e-4, 0.99e-4, 1e-4],
      ]),
      equity: 100,
      rng: createRng(1),
      paths: 2000,
    });
    expect(res.covarianceRepaired).toBe(true);
    expect(Number.isFinite(res.levels[0].var)).toBe(true);
  });

  it('names the bad input', () => {
    const { positions, cov } = linearBook();
    const base = {
      positions,
      underlyings: ['A', 'B', 'C'],
      covariance: matrixFromRows(cov),
      equity: 1,
      rng: createRng(1),
      paths: 2000,
    };
    expect(() => monteCarloVar({ ...base, paths: 2001 })).toThrow(/paths/);
    expect(() => monteCarloVar({ ...base, equity: 0 })).toThrow(/equity/);
    expect(() => monteCarloVar({ ...base, underlyings: ['A', 'B'] })).toThrow(/covariance/);
    expect(() => monteCarloVar({ ...base, underlyings: ['A', 'B', 'D'] })).toThrow(
      /positions\[2\]\.underlying/,
    );
    expect(() => monteCarloVar({ ...base, confidence: [1.2] })).toThrow(/confidence\[0\]/);
    expect(() => monteCarloVar({ ...base, positions: [{ ...positions[0], spot: -1 }] })).toThrow(
      /positions\[0\]\.spot/,
    );
  });
});
