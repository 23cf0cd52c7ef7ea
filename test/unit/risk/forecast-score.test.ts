import { describe, expect, it } from 'vitest';
import { forecastDrawdown } from '../../../src/engine/risk/forecast';
import { averagePairwiseCorrelation, concentration, riskScore } from '../../../src/engine/risk/score';
import { fitGarch11, simulateGarch } from '../../../src/engine/risk/garch';
import { createRng } from '../../../src/engine/risk/rng';
import { normCdf } from '../../../src/engine/risk/special';

const CONST_VOL = { omega: 1e-4, alpha: 0, beta: 0, mu: 0, nextVariance: 1e-4 }; // σ = 1 % every day

describe('forecastDrawdown', () => {
  it('is reproducible from its seed', () => {
    const a = forecastDrawdown(CONST_VOL, { horizon: 20, limit: 0.05, seed: 1, paths: 2000 });
    const b = forecastDrawdown(CONST_VOL, { horizon: 20, limit: 0.05, seed: 1, paths: 2000 });
    const c = forecastDrawdown(CONST_VOL, { horizon: 20, limit: 0.05, seed: 2, paths: 2000 });
    expect(b).toEqual(a);
    expect(c.probability).not.toBe(a.probability);
  });

  it('one day with no prior drawdown: P(hit) = Φ(−limit/σ) within 3 standard errors', () => {
    const f = forecastDrawdown(CONST_VOL, { horizon: 1, limit: 0.015, seed: 3, paths: 100_000 });
    const exact = normCdf(-1.5);
    expect(Math.abs(f.probability - exact)).toBeLessThan(3 * f.standardError);
  });

  it('hit probability accumulates over the horizon; an existing breach is certain', () => {
    const f = forecastDrawdown(CONST_VOL, { horizon: 60, limit: 0.08, seed: 4, paths: 5000 });
    for (let k = 1; k < 60; k++) expect(f.hitByDay[k]).toBeGreaterThanOrEqual(f.hitByDay[k - 1]);
    expect(f.hitByDay[59]).toBe(f.probability);
    expect(f.probability).toBeGreaterThan(0);
    expect(
      forecastDrawdown(CONST_VOL, { horizon: 5, limit: 0.05, seed: 1, paths: 10, currentDrawdown: 0.06 })
        .probability,
    ).toBe(1);
    // Starting closer to the limit makes a hit more likely.
    const deeper = forecastDrawdown(CONST_VOL, {
      horizon: 60,
      limit: 0.08,
      seed: 4,
      paths: 5000,
      currentDrawdown: 0.04,
    });
    expect(deeper.probability).toBeGreaterThan(f.probability);
  });

  it('cones are ordered by quantile, drawdowns are >= 0 and widen with the horizon', () => {
    const f = forecastDrawdown(CONST_VOL, { horizon: 30, limit: 0.1, seed: 5, paths: 4000 });
    expect(f.quantiles).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
    for (let k = 0; k < 30; k++) {
      for (let q = 1; q < 5; q++) {
        expect(f.drawdownCone[q][k]).toBeGreaterThanOrEqual(f.drawdownCone[q - 1][k]);
        expect(f.returnCone[q][k]).toBeGreaterThanOrEqual(f.returnCone[q - 1][k]);
      }
      expect(f.drawdownCone[0][k]).toBeGreaterThanOrEqual(0);
    }
    expect(f.returnCone[4][29] - f.returnCone[0][29]).toBeGreaterThan(
      f.returnCone[4][0] - f.returnCone[0][0],
    );
    // 30-day 95 % band of a 1 %/day walk ≈ ±1.645·√30 %.
    expect(f.returnCone[4][29]).toBeCloseTo(1.645 * 0.01 * Math.sqrt(30), 2);
  });

  it('runs from a real GARCH fit: high current variance means a higher hit probability', () => {
    const sim = simulateGarch({ omega: 1e-5, alpha: 0.08, beta: 0.9 }, 2000, createRng(8));
    const fit = fitGarch11(sim.returns);
    const calm = forecastDrawdown(
      { ...fit, nextVariance: fit.unconditionalVariance * 0.25 },
      { horizon: 20, limit: 0.1, seed: 9, paths: 4000 },
    );
    const wild = forecastDrawdown(
      { ...fit, nextVariance: fit.unconditionalVariance * 4 },
      { horizon: 20, limit: 0.1, seed: 9, paths: 4000 },
    );
    expect(wild.probability).toBeGreaterThan(calm.probability);
  });

  it('validates its inputs', () => {
    expect(() => forecastDrawdown(CONST_VOL, { horizon: 10, limit: 0, seed: 1 })).toThrow(
      /limit must be in \(0, 1\]/,
    );
    expect(() => forecastDrawdown(CONST_VOL, { horizon: 1000, limit: 0.1, seed: 1, paths: 10_000 })).toThrow(
      /exceeds 5000000/,
    );
    expect(() =>
      forecastDrawdown({ ...CONST_VOL, alpha: 0.5, beta: 0.6 }, { horizon: 10, limit: 0.1, seed: 1 }),
    ).toThrow(/alpha \+ beta < 1/);
    expect(() =>
      forecastDrawdown(CONST_VOL, { horizon: 10, limit: 0.1, seed: 1, currentDrawdown: 1 }),
    ).toThrow(/currentDrawdown must be in \[0, 1\)/);
  });
});

describe('riskScore', () => {
  const base = {
    var: 0.02,
    varLimit: 0.04,
    drawdown: 0.05,
    drawdownLimit: 0.1,
    volRatio: 1.25,
    weights: [1, 1, 1, 1],
    avgCorrelation: 0.5,
  };

  it('hand-computed: 0.3·50 + 0.3·50 + 0.15·50 + 0.15·0 + 0.1·50 = 42.5 (moderate)', () => {
    const s = riskScore(base);
    expect(s.components).toEqual({ var: 50, drawdown: 50, volRegime: 50, concentration: 0, correlation: 50 });
    expect(s.score).toBeCloseTo(42.5, 12);
    expect(s.level).toBe('moderate');
    expect(s.trend).toBeNull();
  });

  it('sub-scores clamp to [0, 100] and the level follows the score', () => {
    const s = riskScore({ ...base, var: 0.1, drawdown: 0.3, volRatio: 3, weights: [1], avgCorrelation: 0.9 });
    expect(s.components).toEqual({
      var: 100,
      drawdown: 100,
      volRegime: 100,
      concentration: 100,
      correlation: 90,
    });
    expect(s.level).toBe('high');
    const calm = riskScore({ ...base, var: -0.01, drawdown: 0, volRatio: 0.3, avgCorrelation: -0.4 });
    expect(calm.score).toBe(0);
    expect(calm.level).toBe('low');
  });

  it('trend against the mean of the last five scores with a ±2 deadband', () => {
    expect(riskScore({ ...base, history: [10, 40, 41, 39, 40, 40] }).trend).toEqual({
      delta: 2.5,
      direction: 'rising',
    });
    expect(riskScore({ ...base, history: [43] }).trend!.direction).toBe('flat');
    expect(riskScore({ ...base, history: [60] }).trend!.direction).toBe('falling');
  });

  it('component weights can be overridden and are normalised', () => {
    expect(
      riskScore({
        ...base,
        componentWeights: { var: 1, drawdown: 0, volRegime: 0, concentration: 0, correlation: 0 },
      }).score,
    ).toBe(50);
    expect(() =>
      riskScore({
        ...base,
        componentWeights: { var: 0, drawdown: 0, volRegime: 0, concentration: 0, correlation: 0 },
      }),
    ).toThrow(/sum to 0/);
  });

  it('concentration and average correlation helpers', () => {
    expect(concentration([5])).toBe(1);
    expect(concentration([1, 1, 1])).toBeCloseTo(0, 15);
    expect(concentration([1, 0])).toBe(1);
    expect(concentration([2, -2])).toBeCloseTo(0, 15); // a short counts by size
    expect(() => concentration([0, 0])).toThrow(/all zero/);
    const a = [1, 2, 3, 4],
      b = [2, 4, 6, 8.5],
      c = [4, 3, 2, 1];
    expect(averagePairwiseCorrelation([a])).toBe(0);
    expect(averagePairwiseCorrelation([a, c])).toBeCloseTo(-1, 12);
    expect(averagePairwiseCorrelation([a, b, c])).toBeLessThan(0);
  });

  it('rejects bad input with the field named', () => {
    expect(() => riskScore({ ...base, varLimit: 0 })).toThrow(/varLimit must be > 0/);
    expect(() => riskScore({ ...base, avgCorrelation: 1.5 })).toThrow(/avgCorrelation must be in \[-1, 1\]/);
    expect(() => riskScore({ ...base, drawdown: -0.1 })).toThrow(/drawdown is a positive fraction/);
    expect(() => riskScore({ ...base, var: Number.NaN })).toThrow(/var must be a finite number/);
    expect(() => riskScore({ ...base, history: [120] })).toThrow(/history\[0\] must be in \[0, 100\]/);
  });
});
