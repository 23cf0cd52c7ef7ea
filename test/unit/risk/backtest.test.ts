import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  backtestVar,
  baselZone,
  binomialCdf,
  christoffersenIndependence,
  kupiecPof,
  rollingVar,
} from '../../../src/engine/risk/backtest';
import { historicalVar, parametricVar } from '../../../src/engine/risk/var';
import { createRng } from '../../../src/engine/risk/rng';

describe('Kupiec POF', () => {
  it('known case: 10 exceptions in 250 days at 1 % (scipy: LR 12.9555, p 3.19e-4)', () => {
    const k = kupiecPof(10, 250, 0.01);
    expect(k.lr).toBeCloseTo(12.955491062356018, 10);
    expect(k.p).toBeCloseTo(0.0003189845082133835, 12);
  });

  it('no rejection exactly at the expected count; 0 exceptions in 250 days at 1 % gives LR = −500 ln 0.99', () => {
    expect(kupiecPof(10, 1000, 0.01).lr).toBeCloseTo(0, 12);
    expect(kupiecPof(0, 250, 0.01).lr).toBeCloseTo(-500 * Math.log(0.99), 12);
    expect(kupiecPof(250, 250, 0.01).lr).toBeCloseTo(-500 * Math.log(0.01), 10);
  });

  it("Jorion's non-rejection region at 95 % for T = 1000, p = 1 %: 4 < x < 17", () => {
    expect(kupiecPof(4, 1000, 0.01).p).toBeLessThan(0.05);
    expect(kupiecPof(5, 1000, 0.01).p).toBeGreaterThan(0.05);
    expect(kupiecPof(16, 1000, 0.01).p).toBeGreaterThan(0.05);
    expect(kupiecPof(17, 1000, 0.01).p).toBeLessThan(0.05);
  });

  it('validates its arguments', () => {
    expect(() => kupiecPof(11, 10, 0.01)).toThrow(/exceptions \(11\) cannot exceed n \(10\)/);
    expect(() => kupiecPof(1, 10, 0)).toThrow(/p must be strictly between 0 and 1/);
  });
});

describe('Christoffersen independence', () => {
  it('clustered exceptions: n00=143 n01=2 n10=2 n11=2 → LR 10.1810 (p 0.00142)', () => {
    const zeros = (n: number): number[] => new Array<number>(n).fill(0);
    const hits = [...zeros(50), 1, 1, 1, ...zeros(50), 1, ...zeros(46)];
    const c = christoffersenIndependence(hits);
    expect(c.lr).toBeCloseTo(10.181049210948224, 10);
    expect(c.p).toBeCloseTo(0.0014189141778820488, 12);
  });

  it('no exceptions, or perfectly spread ones, do not reject', () => {
    expect(christoffersenIndependence(new Array(100).fill(0))).toEqual({ lr: 0, p: 1 });
    const spread = Array.from({ length: 1000 }, (_, i) => (i % 100 === 50 ? 1 : 0));
    expect(christoffersenIndependence(spread).p).toBeGreaterThan(0.5);
    expect(() => christoffersenIndependence([0, 2])).toThrow(/hits\[1\] is 2, expected 0 or 1/);
  });
});

describe('Basel traffic light', () => {
  it('n = 250 at 99 %: green 0–4, yellow 5–9, red ≥ 10 (BCBS 1996 table)', () => {
    const zones = Array.from({ length: 13 }, (_, x) => baselZone(x, 250, 0.01).zone);
    expect(zones).toEqual([
      'green',
      'green',
      'green',
      'green',
      'green',
      'yellow',
      'yellow',
      'yellow',
      'yellow',
      'yellow',
      'red',
      'red',
      'red',
    ]);
    expect(baselZone(4, 250, 0.01).cumulativeProbability).toBeCloseTo(0.89218763, 7);
    expect(baselZone(5, 250, 0.01).cumulativeProbability).toBeCloseTo(0.95881682, 7);
  });

  it('scales by the same binomial probabilities for other n and p (checked against scipy.stats.binom)', () => {
    expect(baselZone(0, 500, 0.01)).toMatchObject({ greenMax: 8, yellowMax: 14 });
    expect(baselZone(0, 1000, 0.01)).toMatchObject({ greenMax: 14, yellowMax: 23 });
    expect(baselZone(0, 250, 0.05)).toMatchObject({ greenMax: 17, yellowMax: 26 });
  });

  it('binomial CDF (log-space) matches scipy', () => {
    expect(binomialCdf(7, 5000, 0.001)).toBeCloseTo(0.8667328439522539, 12);
    expect(binomialCdf(60, 5000, 0.01)).toBeCloseTo(0.928847941487328, 12);
    expect(binomialCdf(-1, 10, 0.5)).toBe(0);
    expect(binomialCdf(10, 10, 0.5)).toBe(1);
  });
});

describe('rolling VaR backtest', () => {
  it('incremental sorted window equals a brute-force historical VaR per window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 12, maxLength: 80 }),
        fc.integer({ min: 2, max: 10 }),
        fc.constantFrom('linear' as const, 'lower' as const),
        fc.constantFrom(0.9, 0.95, 0.99),
        (xs, w, m, c) => {
          const r = Float64Array.from(xs);
          const f = rollingVar(r, { window: w, confidence: c, quantileMethod: m });
          expect(f.length).toBe(r.length - w);
          for (let i = 0; i < f.length; i++) expect(f[i]).toBe(historicalVar(r.subarray(i, i + w), c, m));
        },
      ),
    );
  });

  it('parametric model uses the window mean and ddof = 1 stdev', () => {
    const rng = createRng(9);
    const r = new Float64Array(60).map(() => 0.01 * rng.normal());
    const f = rollingVar(r, { window: 30, confidence: 0.99, model: 'parametric' });
    expect(f[5]).toBeCloseTo(parametricVar(r.subarray(5, 35), 0.99), 14);
  });

  it('counts an exception only when the return is strictly below −VaR', () => {
    // Window 3 of [-1,0,1] → linear 1 % quantile = -0.98; next returns -0.98 (no hit) then -2 (hit).
    const r = Float64Array.from([-0.01, 0, 0.01, -0.0098, -0.02]);
    const b = backtestVar(r, { window: 3, confidence: 0.99 });
    expect(Array.from(b.hits)).toEqual([0, 1]);
    expect(b.exceptions).toBe(1);
    expect(b.n).toBe(2);
    expect(b.expected).toBeCloseTo(0.02, 15);
  });

  it('a well-specified model on i.i.d. normal data has ~1 % exceptions and is never red', () => {
    let total = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const rng = createRng(seed);
      const r = new Float64Array(1250).map(() => 0.01 * rng.normal());
      const b = backtestVar(r, { window: 250, confidence: 0.99, model: 'parametric' });
      expect(b.n).toBe(1000);
      expect(b.expected).toBe(10);
      expect(b.kupiec.p).toBeGreaterThan(0.01);
      expect(b.zone).not.toBe('red');
      total += b.exceptions;
    }
    expect(total / 5000).toBeGreaterThan(0.007);
    expect(total / 5000).toBeLessThan(0.014);
  });

  it('rejects a window that leaves nothing to test', () => {
    expect(() => rollingVar(Float64Array.from([0.01, 0.02, 0.03]), { window: 3, confidence: 0.99 })).toThrow(
      /window \(3\) must be smaller than the number of returns \(3\)/,
    );
    expect(() => rollingVar(Float64Array.from([0.01, 0.02, 0.03]), { window: 1, confidence: 0.99 })).toThrow(
      /window must be an integer >= 2/,
    );
  });
});
