import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SquareMatrix } from '../../../src/engine/risk/linalg';
import { matrixFromRows } from '../../../src/engine/risk/linalg';
import { riskContributions, riskParity } from '../../../src/engine/risk/risk-parity';
import { createRng } from '../../../src/engine/risk/rng';
import {
  fixedFractional,
  kelly,
  kellyContinuous,
  optimalF,
  optimalFBootstrap,
  volatilityTarget,
} from '../../../src/engine/risk/sizing';

describe('Kelly', () => {
  it('discrete: f* = p − (1 − p)/b, quarter Kelly by default', () => {
    expect(kelly(0.6, 1).full).toBeCloseTo(0.2, 15);
    expect(kelly(0.6, 1).recommended).toBeCloseTo(0.05, 15);
    expect(kelly(0.5, 2, 0.5)).toEqual({ full: 0.25, recommended: 0.125, fraction: 0.5 });
    expect(kelly(0.3, 1).recommended).toBe(0); // negative edge: do not bet
    expect(kelly(0.3, 1).full).toBeCloseTo(-0.4, 15);
  });
  it('continuous: μ/σ²', () => {
    expect(kellyContinuous(0.08, 0.2).full).toBeCloseTo(2, 12);
    expect(kellyContinuous(0.08, 0.2).recommended).toBeCloseTo(0.5, 12);
  });
  it('rejects bad input', () => {
    expect(() => kelly(1.2, 1)).toThrow(/winProb/);
    expect(() => kelly(0.5, 0)).toThrow(/payoff/);
    expect(() => kelly(0.5, 1, 0)).toThrow(/fraction/);
    expect(() => kellyContinuous(0.1, 0)).toThrow(/sigma/);
  });
});

describe('optimal f (Vince)', () => {
  const trades = [9, 18, 7, 1, 10, -5, -3, -17, -7];
  it("Vince's example: f ≈ 0.24, TWR ≈ 1.096, G ≈ 1.0102", () => {
    const r = optimalF(trades);
    expect(r.f).toBeCloseTo(0.2367, 4);
    expect(r.twr).toBeCloseTo(1.0957, 4);
    expect(r.geometricMean).toBeCloseTo(1.0102, 4);
    expect(r.equityPerUnit).toBeCloseTo(17 / r.f, 9);
    // It is a maximum: nearby f do worse.
    for (const df of [-0.01, 0.01]) {
      let twr = 1;
      for (const x of trades) twr *= 1 + (r.f + df) * (x / 17);
      expect(twr).toBeLessThan(r.twr);
    }
  });
  it('no edge → f = 0; no loss → error', () => {
    expect(optimalF([1, -2, 1]).f).toBe(0);
    expect(() => optimalF([1, 2])).toThrow(/losing trade/);
    expect(() => optimalF([1, Number.NaN])).toThrow(/trades\[1\]/);
  });
  it('bootstrap distribution is seeded and brackets the point estimate', () => {
    const a = optimalFBootstrap(trades, createRng(1), 500);
    const b = optimalFBootstrap(trades, createRng(1), 500);
    expect(a).toEqual(b);
    expect(a.f).toBeCloseTo(0.2367, 4);
    expect(a.percentiles.p05).toBeLessThanOrEqual(a.percentiles.p50);
    expect(a.percentiles.p50).toBeLessThanOrEqual(a.percentiles.p95);
    expect(a.conservative).toBe(a.percentiles.p05);
    expect(a.conservative).toBeLessThan(a.f);
  });
});

describe('volatility targeting and fixed fractional', () => {
  it('vol target: target/forecast capped', () => {
    expect(volatilityTarget(0.1, 0.2)).toEqual({ leverage: 0.5, raw: 0.5, capped: false });
    expect(volatilityTarget(0.2, 0.05, 2)).toEqual({ leverage: 2, raw: 4, capped: true });
    expect(() => volatilityTarget(0.1, 0)).toThrow(/forecastVol/);
  });
  it('fixed fractional: risk / stop, capped by max position', () => {
    const r = fixedFractional(100_000, 0.01, 0.05, 0.25, 50);
    expect(r.positionValue).toBeCloseTo(20_000, 9);
    expect(r.riskAmount).toBeCloseTo(1000, 9);
    expect(r.units).toBe(400);
    expect(r.capped).toBe(false);
    const c = fixedFractional(100_000, 0.02, 0.02);
    expect(c.positionValue).toBeCloseTo(25_000, 9);
    expect(c.riskAmount).toBeCloseTo(500, 9);
    expect(c.capped).toBe(true);
    expect(c.units).toBeNull();
    expect(() => fixedFractional(100_000, 0.01, 0)).toThrow(/stopDistance/);
  });
});

const spd = fc.integer({ min: 2, max: 15 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
      fc.array(fc.double({ min: 0.05, max: 0.8, noNaN: true }), { minLength: n, maxLength: n }),
    )
    .map(([m, vols]): SquareMatrix => {
      // Correlation from normalised random factors, then scale by vols: always PD.
      const data = new Float64Array(n * n);
      const rows = Array.from({ length: n }, (_, i) => {
        const r = m.slice(i * n, (i + 1) * n).map((x, j) => x + (i === j ? 1.5 : 0));
        const norm = Math.hypot(...r);
        return r.map((x) => x / norm);
      });
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let c = 0;
          for (let k = 0; k < n; k++) c += rows[i][k] * rows[j][k];
          data[i * n + j] = c * vols[i] * vols[j];
        }
      }
      return { n, data };
    }),
);

describe('risk parity', () => {
  it('two assets: weights ∝ 1/σ whatever the correlation', () => {
    const r = riskParity(
      matrixFromRows([
        [0.04, 0.018],
        [0.018, 0.09],
      ]),
    );
    expect(r.weights[0]).toBeCloseTo(0.3 / 0.5, 12);
    expect(r.weights[1]).toBeCloseTo(0.2 / 0.5, 12);
  });

  it('property: risk contributions are equal to 1e-8, weights positive and sum to 1', () => {
    fc.assert(
      fc.property(spd, (cov) => {
        const r = riskParity(cov);
        const n = cov.n;
        let sum = 0;
        for (const w of r.weights) {
          expect(w).toBeGreaterThan(0);
          sum += w;
        }
        expect(sum).toBeCloseTo(1, 12);
        for (const f of r.fractions) expect(Math.abs(f - 1 / n)).toBeLessThan(1e-8);
        const check = riskContributions(r.weights, cov);
        for (let i = 0; i < n; i++)
          expect(Math.abs(check.contributions[i] - r.portfolioVol / n)).toBeLessThan(1e-8 * r.portfolioVol);
      }),
      { numRuns: 200 },
    );
  });

  it('risk budgets are met', () => {
    const cov = matrixFromRows([
      [0.04, 0.01, 0.0],
      [0.01, 0.09, 0.02],
      [0.0, 0.02, 0.16],
    ]);
    const r = riskParity(cov, Float64Array.of(0.5, 0.3, 0.2));
    expect(r.fractions[0]).toBeCloseTo(0.5, 10);
    expect(r.fractions[1]).toBeCloseTo(0.3, 10);
    expect(r.fractions[2]).toBeCloseTo(0.2, 10);
    expect(r.iterations).toBeLessThan(30);
  });

  it('rejects non-PD covariance and bad budgets', () => {
    const bad = matrixFromRows([
      [1, 2],
      [2, 1],
    ]);
    expect(() => riskParity(bad)).toThrow(/positive definite/);
    expect(() =>
      riskParity(
        matrixFromRows([
          [1, 0],
          [0, 1],
        ]),
        Float64Array.of(1, -1),
      ),
    ).toThrow(/budgets\[1\]/);
  });
});
