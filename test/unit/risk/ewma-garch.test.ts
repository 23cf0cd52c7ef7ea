import { describe, expect, it } from 'vitest';
import { ewmaVariances, ewmaVolatility } from '../../../src/engine/risk/ewma';
import {
  fitGarch11,
  garchForecast,
  garchLogLik,
  garchVariances,
  simulateGarch,
} from '../../../src/engine/risk/garch';
import { createRng } from '../../../src/engine/risk/rng';

describe('EWMA', () => {
  it('recursion and seed by hand (λ = 0.9, seed window 2)', () => {
    const r = Float64Array.from([0.01, -0.02, 0.03]);
    const v = ewmaVariances(r, { lambda: 0.9, seedWindow: 2 });
    expect(v.length).toBe(4);
    expect(v[0]).toBeCloseTo(2.5e-4, 18); // mean of the first two squared returns
    expect(v[1]).toBeCloseTo(2.35e-4, 18);
    expect(v[2]).toBeCloseTo(2.515e-4, 18);
    expect(v[3]).toBeCloseTo(3.1635e-4, 18);
    expect(ewmaVolatility(r, { lambda: 0.9, seedWindow: 2 })).toBeCloseTo(Math.sqrt(3.1635e-4), 15);
  });

  it('default λ = 0.94 and the seed stops mattering on long series', () => {
    const rng = createRng(3);
    const r = new Float64Array(600).map(() => 0.01 * rng.normal());
    const a = ewmaVolatility(r),
      b = ewmaVolatility(r, { seedWindow: 1 });
    expect(Math.abs(a / b - 1)).toBeLessThan(1e-10);
    expect(a).toBeGreaterThan(0.005);
    expect(a).toBeLessThan(0.02);
  });

  it('rejects bad λ and short series', () => {
    expect(() => ewmaVolatility(Float64Array.from([0.01, 0.02]), { lambda: 1 })).toThrow(
      /lambda must be strictly between 0 and 1/,
    );
    expect(() => ewmaVolatility(Float64Array.from([0.01]))).toThrow(/returns needs at least 2 values/);
  });
});

describe('GARCH(1,1)', () => {
  const TRUE = { omega: 1e-5, alpha: 0.08, beta: 0.9 };

  it('recovers the parameters of a simulated series (ω=1e-5, α=0.08, β=0.9, n=5000)', () => {
    const sim = simulateGarch(TRUE, 5000, createRng(1));
    const fit = fitGarch11(sim.returns);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.alpha - 0.08)).toBeLessThan(0.02);
    expect(Math.abs(fit.beta - 0.9)).toBeLessThan(0.03);
    expect(Math.abs(fit.persistence - 0.98)).toBeLessThan(0.01);
    expect(fit.omega / 1e-5).toBeGreaterThan(0.5);
    expect(fit.omega / 1e-5).toBeLessThan(2);
    // Constraints hold by construction.
    expect(fit.omega).toBeGreaterThan(0);
    expect(fit.alpha).toBeGreaterThanOrEqual(0);
    expect(fit.beta).toBeGreaterThanOrEqual(0);
    expect(fit.alpha + fit.beta).toBeLessThan(1);
  });

  it('is unbiased on average over seeds', () => {
    let a = 0,
      b = 0;
    for (let seed = 10; seed < 16; seed++) {
      const f = fitGarch11(simulateGarch(TRUE, 5000, createRng(seed)).returns);
      a += f.alpha / 6;
      b += f.beta / 6;
    }
    expect(Math.abs(a - 0.08)).toBeLessThan(0.01);
    expect(Math.abs(b - 0.9)).toBeLessThan(0.015);
  });

  it('reports a true maximum: logLik matches garchLogLik and every nudge lowers it', () => {
    const sim = simulateGarch(TRUE, 3000, createRng(5));
    const fit = fitGarch11(sim.returns);
    const eps = Float64Array.from(sim.returns, (r) => r - fit.mu);
    expect(garchLogLik(eps, fit, fit.initialVariance)).toBeCloseTo(fit.logLik, 8);
    for (const [k, h] of [
      ['omega', 1e-7],
      ['alpha', 1e-3],
      ['beta', 1e-3],
    ] as const) {
      for (const s of [-1, 1]) {
        const p = { ...fit, [k]: fit[k] + s * h };
        expect(garchLogLik(eps, p, fit.initialVariance)).toBeLessThan(fit.logLik);
      }
    }
    // The variance path ends in nextVariance.
    const v = garchVariances(eps, fit, fit.initialVariance);
    expect(v[v.length - 1]).toBeCloseTo(fit.nextVariance, 18);
    expect(v[v.length - 2]).toBeCloseTo(fit.lastVariance, 18);
  });

  it('includes the −½ ln 2π constant in the log-likelihood', () => {
    const eps = Float64Array.from([0.01, -0.01]);
    const p = { omega: 1e-4, alpha: 0, beta: 0 };
    // σ² = 1e-4 throughout: ℓ = −½ Σ [ln 2π + ln 1e-4 + 1]
    expect(garchLogLik(eps, p, 1e-4)).toBeCloseTo(-(Math.log(2 * Math.PI) + Math.log(1e-4) + 1), 12);
  });

  it('forecast decays geometrically to the unconditional variance', () => {
    const fit = { ...TRUE, nextVariance: 1e-3 };
    const f = garchForecast(fit, 500);
    const vl = 1e-5 / 0.02;
    expect(f[0]).toBe(1e-3);
    expect(f[1]).toBeCloseTo(vl + 0.98 * (1e-3 - vl), 18);
    expect(f[499]).toBeCloseTo(vl, 6);
    expect(() => garchForecast(fit, 0)).toThrow(/horizon must be an integer >= 1/);
  });

  it('rejects too-short and constant series, and invalid simulation parameters', () => {
    const short = new Float64Array(99).map((_, i) => Math.sin(i) * 0.01);
    expect(() => fitGarch11(short)).toThrow(/fitGarch11: returns needs at least 100 values, got 99/);
    expect(() => fitGarch11(new Float64Array(500).fill(0.001))).toThrow(/returns are constant/);
    expect(() => simulateGarch({ omega: 1e-5, alpha: 0.5, beta: 0.5 }, 10, createRng(1))).toThrow(
      /alpha \+ beta < 1/,
    );
  });

  it('fits 5,000 returns in well under 25 ms', () => {
    const r = simulateGarch(TRUE, 5000, createRng(2)).returns;
    fitGarch11(r);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) fitGarch11(r);
    expect((performance.now() - t0) / 5).toBeLessThan(25);
  });
});
