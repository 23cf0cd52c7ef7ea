import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cornishFisherVar,
  cornishFisherZ,
  gaussianVarCvar,
  historicalCvar,
  historicalVar,
  historicalVarCvar,
  parametricVar,
  parametricVarCvar,
  scaleToHorizon,
} from '../../../src/engine/risk/var';
import { mean, stdev } from '../../../src/engine/risk/stats';
import { createRng } from '../../../src/engine/risk/rng';

/** expect.closeTo typed as a number so it can sit inside toEqual objects without `any`. */
const near = (v: number, digits: number): number => expect.closeTo(v, digits) as number;

// Ten returns; sorted: -0.05 -0.03 -0.02 -0.01 0 0.01 0.015 0.02 0.03 0.04
const R10 = Float64Array.from([-0.05, 0.02, -0.01, 0.03, -0.02, 0.01, 0.0, -0.03, 0.04, 0.015]);

describe('historical VaR / CVaR (hand-computed)', () => {
  it('95 %: h = 9 × 0.05 = 0.45', () => {
    // linear: -0.05 + 0.45 × (-0.03 + 0.05) = -0.041
    expect(historicalVar(R10, 0.95)).toBeCloseTo(0.041, 14);
    expect(historicalCvar(R10, 0.95)).toBeCloseTo(0.05, 14); // only -0.05 is <= -0.041
    // lower: order statistic x(0)
    expect(historicalVar(R10, 0.95, 'lower')).toBeCloseTo(0.05, 14);
    expect(historicalCvar(R10, 0.95, 'lower')).toBeCloseTo(0.05, 14);
  });

  it('80 %: h = 9 × 0.2 = 1.8', () => {
    // linear: -0.03 + 0.8 × 0.01 = -0.022; tail {-0.05, -0.03}
    expect(historicalVarCvar(R10, 0.8)).toEqual({ var: near(0.022, 14), cvar: near(0.04, 14) });
    // lower: x(1) = -0.03; the tie at the threshold is included: tail {-0.05, -0.03}
    expect(historicalVarCvar(R10, 0.8, 'lower')).toEqual({ var: near(0.03, 14), cvar: near(0.04, 14) });
  });

  it('ties at the threshold are all in the CVaR tail', () => {
    const r = Float64Array.from([-0.02, -0.02, -0.02, 0.01, 0.01]);
    expect(historicalVarCvar(r, 0.7, 'lower')).toEqual({ var: 0.02, cvar: 0.02 });
  });

  it('reports a gain quantile as a negative VaR (no clamping)', () => {
    expect(historicalVar(Float64Array.from([0.01, 0.02, 0.03]), 0.9)).toBeLessThan(0);
  });

  it('rejects bad input with the argument named', () => {
    expect(() => historicalVar(Float64Array.from([0.01]), 0.95)).toThrow(
      /historicalVar: returns needs at least 2 values, got 1/,
    );
    expect(() => historicalVar(R10, 1)).toThrow(/confidence must be strictly between 0 and 1, got 1/);
    expect(() => historicalVar(R10, 0.95, 'midpoint' as 'linear')).toThrow(/quantile method/);
    expect(() => historicalVar(Float64Array.from([0.01, Number.NaN]), 0.95)).toThrow(/returns\[1\] is NaN/);
  });
});

describe('parametric (Gaussian) VaR / CVaR', () => {
  it('VaR95 = −(μ − 1.6448536·σ) with ddof = 1', () => {
    const mu = mean(R10),
      sd = stdev(R10, 1);
    expect(parametricVar(R10, 0.95)).toBeCloseTo(-(mu - 1.6448536269514722 * sd), 14);
    // CVaR = σ φ(z)/α − μ; φ(1.6448536) = 0.10313564037537128
    expect(parametricVarCvar(R10, 0.95).cvar).toBeCloseTo((sd * 0.10313564037537128) / 0.05 - mu, 13);
  });

  it('gaussianVarCvar at 99 %: z = 2.3263478740408408', () => {
    const r = gaussianVarCvar(0.001, 0.02, 0.99);
    expect(r.var).toBeCloseTo(0.02 * 2.3263478740408408 - 0.001, 15);
    // φ(2.3263478740) = 0.026652142203458...
    expect(r.cvar).toBeCloseTo((0.02 * 0.02665214220345808) / 0.01 - 0.001, 13);
    expect(() => gaussianVarCvar(0, -1, 0.99)).toThrow(/sigma must be a finite number >= 0/);
  });
});

describe('Cornish-Fisher VaR', () => {
  it('reduces to z when skew = kurtosis = 0', () => {
    expect(cornishFisherZ(0.05, 0, 0)).toBeCloseTo(-1.6448536269514722, 14);
  });

  it('matches the expansion by hand', () => {
    const z = -2.3263478740408408,
      S = -0.5,
      K = 3;
    const expected =
      z + ((z * z - 1) * S) / 6 + ((z ** 3 - 3 * z) * K) / 24 - ((2 * z ** 3 - 5 * z) * S * S) / 36;
    expect(cornishFisherZ(0.01, S, K)).toBeCloseTo(expected, 14);
  });

  it('fat tails (positive excess kurtosis) raise the 99 % VaR above the Gaussian one', () => {
    // Scale mixture: 90 % N(0, 1 %), 10 % N(0, 3 %) — symmetric, excess kurtosis ≈ 5.
    const rng = createRng(11);
    const r = new Float64Array(20_000).map(() => rng.normal() * (rng.next() < 0.1 ? 0.03 : 0.01));
    expect(cornishFisherVar(r, 0.99)).toBeGreaterThan(parametricVar(r, 0.99));
    // …while at 95 % the kurtosis term pulls the VaR slightly *below* the Gaussian one (z ≈ −1.64).
    expect(cornishFisherVar(r, 0.95)).toBeLessThan(parametricVar(r, 0.95));
    expect(() => cornishFisherVar(new Float64Array(10).fill(0.01), 0.99)).toThrow(/constant/);
  });
});

describe('horizon scaling', () => {
  it('scales by √h', () => {
    expect(scaleToHorizon(0.02, 10)).toBeCloseTo(0.02 * Math.sqrt(10), 15);
    expect(() => scaleToHorizon(0.02, 0)).toThrow(/h must be a finite number > 0/);
  });
});

describe('properties', () => {
  const returnsArb = fc
    .array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 2, maxLength: 300 })
    .map((a) => Float64Array.from(a));
  const confArb = fc.double({ min: 0.5, max: 0.999, noNaN: true });

  it('CVaR >= VaR (historical, both methods; parametric)', () => {
    fc.assert(
      fc.property(returnsArb, confArb, fc.constantFrom('linear' as const, 'lower' as const), (r, c, m) => {
        const h = historicalVarCvar(r, c, m);
        expect(h.cvar).toBeGreaterThanOrEqual(h.var - 1e-15);
        const p = parametricVarCvar(r, c);
        expect(p.cvar).toBeGreaterThanOrEqual(p.var - 1e-15);
      }),
    );
  });

  it('VaR and CVaR are non-decreasing in confidence', () => {
    fc.assert(
      fc.property(returnsArb, confArb, confArb, (r, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        for (const m of ['linear', 'lower'] as const) {
          const x = historicalVarCvar(r, lo, m),
            y = historicalVarCvar(r, hi, m);
          expect(y.var).toBeGreaterThanOrEqual(x.var - 1e-15);
          expect(y.cvar).toBeGreaterThanOrEqual(x.cvar - 1e-15);
        }
        expect(parametricVar(r, hi)).toBeGreaterThanOrEqual(parametricVar(r, lo) - 1e-15);
      }),
    );
  });

  it('linear VaR lies between the neighbouring lower-method order statistics', () => {
    fc.assert(
      fc.property(returnsArb, confArb, (r, c) => {
        const lin = historicalVar(r, c),
          low = historicalVar(r, c, 'lower');
        expect(lin).toBeLessThanOrEqual(low + 1e-15); // interpolating toward a higher return can only shrink the loss
      }),
    );
  });
});
