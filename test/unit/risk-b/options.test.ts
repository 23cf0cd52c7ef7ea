import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bsmGreeks,
  bsmPrice,
  impliedVol,
  noArbitrageBounds,
  optionGreeks,
  type BsmParams,
  type OptionType,
} from '../../../src/engine/risk/options';

const P = (
  type: OptionType,
  spot: number,
  strike: number,
  expiry: number,
  rate: number,
  carry: number,
  vol: number,
): BsmParams => ({
  type,
  spot,
  strike,
  expiry,
  rate,
  carry,
  vol,
});

describe('bsmPrice — textbook values', () => {
  it('Hull worked example: S=42, K=40, r=10%, σ=20%, T=0.5 → call 4.76, put 0.81', () => {
    expect(bsmPrice(P('call', 42, 40, 0.5, 0.1, 0.1, 0.2))).toBeCloseTo(4.7594, 4);
    expect(bsmPrice(P('put', 42, 40, 0.5, 0.1, 0.1, 0.2))).toBeCloseTo(0.8086, 4);
  });

  it('Haug §1.1.6 examples (b = r, r − q, 0, r − r_f)', () => {
    expect(bsmPrice(P('call', 60, 65, 0.25, 0.08, 0.08, 0.3))).toBeCloseTo(2.1334, 4); // Black-Scholes
    expect(bsmPrice(P('put', 100, 95, 0.5, 0.1, 0.05, 0.2))).toBeCloseTo(2.4648, 4); // Merton, q = 5%
    expect(bsmPrice(P('call', 19, 19, 0.75, 0.1, 0, 0.28))).toBeCloseTo(1.7011, 4); // Black-76
    expect(bsmPrice(P('put', 19, 19, 0.75, 0.1, 0, 0.28))).toBeCloseTo(1.7011, 4);
    expect(bsmPrice(P('call', 1.56, 1.6, 0.5, 0.06, -0.02, 0.12))).toBeCloseTo(0.0291, 4); // Garman-Kohlhagen
  });

  it('degenerate limits: T = 0 is intrinsic, σ = 0 is the discounted forward intrinsic', () => {
    expect(bsmPrice(P('call', 110, 100, 0, 0.05, 0.05, 0.2))).toBe(10);
    expect(bsmPrice(P('put', 110, 100, 0, 0.05, 0.05, 0.2))).toBe(0);
    const v = bsmPrice(P('call', 100, 100, 1, 0.05, 0.05, 0));
    expect(v).toBeCloseTo(100 - 100 * Math.exp(-0.05), 12);
    const g = bsmGreeks(P('call', 100, 100, 0, 0.05, 0.05, 0.2));
    expect(g.delta).toBe(0.5);
    expect(g.gamma).toBe(0);
  });

  it('rejects bad input naming the field', () => {
    expect(() => bsmPrice(P('call', -1, 40, 0.5, 0.1, 0.1, 0.2))).toThrow(/spot/);
    expect(() => bsmPrice(P('call', 42, 0, 0.5, 0.1, 0.1, 0.2))).toThrow(/strike/);
    expect(() => bsmPrice(P('call', 42, 40, -0.5, 0.1, 0.1, 0.2))).toThrow(/expiry/);
    expect(() => bsmPrice(P('call', 42, 40, 0.5, 0.1, 0.1, Number.NaN))).toThrow(/vol/);
    expect(() =>
      bsmPrice({ ...P('call', 42, 40, 0.5, 0.1, 0.1, 0.2), type: 'straddle' as OptionType }),
    ).toThrow(/type/);
  });
});

describe('bsmGreeks — textbook values', () => {
  it('Hull example (S=49, K=50, r=5%, σ=20%, T=20 weeks)', () => {
    const g = bsmGreeks(P('call', 49, 50, 0.3846, 0.05, 0.05, 0.2));
    expect(g.price).toBeCloseTo(2.4, 2);
    expect(g.delta).toBeCloseTo(0.522, 3);
    expect(g.gamma).toBeCloseTo(0.066, 3);
    expect(g.vega).toBeCloseTo(12.1, 1);
    expect(g.vegaPct).toBeCloseTo(0.121, 3);
    expect(g.theta).toBeCloseTo(-4.31, 2); // per year
    expect(g.thetaPerDay).toBeCloseTo(-4.31 / 365, 4);
    expect(g.rho).toBeCloseTo(8.91, 2);
  });

  it('Haug Greeks examples', () => {
    expect(bsmGreeks(P('call', 105, 100, 0.5, 0.1, 0, 0.36)).delta).toBeCloseTo(0.5946, 4);
    expect(bsmGreeks(P('put', 105, 100, 0.5, 0.1, 0, 0.36)).delta).toBeCloseTo(-0.3566, 4);
    expect(bsmGreeks(P('call', 55, 60, 0.75, 0.1, 0.1, 0.3)).gamma).toBeCloseTo(0.0278, 4);
    expect(bsmGreeks(P('put', 430, 405, 0.0833, 0.07, 0.02, 0.2)).theta).toBeCloseTo(-31.1924, 4);
    expect(bsmGreeks(P('call', 72, 75, 1, 0.09, 0.09, 0.19)).rho).toBeCloseTo(38.7325, 4);
  });

  it('futures-option rho (b fixed at 0) is −T·V', () => {
    const spec = {
      type: 'call' as const,
      spot: 19,
      strike: 19,
      expiryYears: 0.75,
      vol: 0.28,
      rate: 0.1,
      futures: true,
    };
    const g = optionGreeks(spec);
    expect(g.rho).toBeCloseTo(-0.75 * g.price, 12);
  });
});

const arbParams = fc.record({
  call: fc.boolean(),
  spot: fc.double({ min: 20, max: 200, noNaN: true }),
  moneyness: fc.double({ min: 0.6, max: 1.6, noNaN: true }),
  expiry: fc.double({ min: 0.05, max: 3, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
  q: fc.double({ min: -0.03, max: 0.08, noNaN: true }),
  vol: fc.double({ min: 0.05, max: 1.2, noNaN: true }),
});
type Arb = typeof arbParams extends fc.Arbitrary<infer T> ? T : never;
const toParams = (a: Arb): BsmParams => ({
  type: a.call ? 'call' : 'put',
  spot: a.spot,
  strike: a.spot * a.moneyness,
  expiry: a.expiry,
  rate: a.rate,
  carry: a.rate - a.q,
  vol: a.vol,
});

describe('properties', () => {
  it('put-call parity: c − p = S·e^{(b−r)T} − K·e^{−rT}', () => {
    fc.assert(
      fc.property(arbParams, (a) => {
        const p = toParams(a);
        const c = bsmPrice({ ...p, type: 'call' });
        const put = bsmPrice({ ...p, type: 'put' });
        const rhs =
          p.spot * Math.exp((p.carry - p.rate) * p.expiry) - p.strike * Math.exp(-p.rate * p.expiry);
        expect(c - put).toBeCloseTo(rhs, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('Greeks match central finite differences', () => {
    fc.assert(
      fc.property(arbParams, (a) => {
        const p = toParams(a);
        const g = bsmGreeks(p);
        const V = (q: Partial<BsmParams>): number => bsmPrice({ ...p, ...q });
        // Steps balance truncation (∝ h²) against rounding (∝ ε·V/h); second derivatives need larger h.
        const hS1 = p.spot * 1e-6;
        const hS = p.spot * 1e-4;
        const hv = 1e-6;
        const hv2 = 1e-4;
        const hr = 1e-6;
        const hT = 1e-6 * p.expiry;
        const close = (analytic: number, fd: number, tol: number): void => {
          expect(Math.abs(analytic - fd)).toBeLessThan(tol * Math.max(1, Math.abs(analytic)));
        };
        close(g.delta, (V({ spot: p.spot + hS1 }) - V({ spot: p.spot - hS1 })) / (2 * hS1), 1e-6);
        close(g.gamma, (V({ spot: p.spot + hS }) - 2 * g.price + V({ spot: p.spot - hS })) / (hS * hS), 1e-4);
        close(g.vega, (V({ vol: p.vol + hv }) - V({ vol: p.vol - hv })) / (2 * hv), 1e-6);
        close(g.volga, (V({ vol: p.vol + hv2 }) - 2 * g.price + V({ vol: p.vol - hv2 })) / (hv2 * hv2), 1e-3);
        // rho: r and b move together (q fixed); carryRho: b alone.
        close(
          g.rho,
          (V({ rate: p.rate + hr, carry: p.carry + hr }) - V({ rate: p.rate - hr, carry: p.carry - hr })) /
            (2 * hr),
          1e-6,
        );
        close(g.carryRho, (V({ carry: p.carry + hr }) - V({ carry: p.carry - hr })) / (2 * hr), 1e-6);
        // theta = −∂V/∂T.
        close(g.theta, -(V({ expiry: p.expiry + hT }) - V({ expiry: p.expiry - hT })) / (2 * hT), 1e-6);
        const dVega = (q: Partial<BsmParams>): number => bsmGreeks({ ...p, ...q }).vega;
        close(g.vanna, (dVega({ spot: p.spot + hS1 }) - dVega({ spot: p.spot - hS1 })) / (2 * hS1), 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('implied vol round-trips price → σ → price', () => {
    fc.assert(
      fc.property(arbParams, (a) => {
        const p = toParams(a);
        const price = bsmPrice(p);
        const { lower } = noArbitrageBounds(p);
        // Skip prices indistinguishable from intrinsic: σ is not identifiable there.
        fc.pre(price - lower > 1e-6 * p.spot);
        const { vol: _v, ...rest } = p;
        const iv = impliedVol(price, rest);
        expect(bsmPrice({ ...p, vol: iv })).toBeCloseTo(price, 9);
        expect(Math.abs(iv - p.vol)).toBeLessThan(1e-6);
      }),
      { numRuns: 500 },
    );
  });
});

describe('impliedVol', () => {
  const base = { type: 'call' as const, spot: 42, strike: 40, expiry: 0.5, rate: 0.1, carry: 0.1 };
  it('recovers Hull σ = 20%', () => {
    expect(impliedVol(4.759422392871535, base)).toBeCloseTo(0.2, 10);
  });
  it('deep OTM / ITM still converges (Brent fallback territory)', () => {
    for (const [K, vol] of [
      [10, 0.05],
      [200, 0.3],
      [42, 3],
    ] as const) {
      const p = { ...base, strike: K, vol };
      const price = bsmPrice(p);
      if (price - noArbitrageBounds(p).lower < 1e-10) continue;
      expect(impliedVol(price, { ...base, strike: K })).toBeCloseTo(vol, 5);
    }
  });
  it('price at the lower bound → 0; outside bounds → clear error', () => {
    const { lower, upper } = noArbitrageBounds(base);
    expect(impliedVol(lower, base)).toBe(0);
    expect(() => impliedVol(lower - 0.01, base)).toThrow(/price .* outside the no-arbitrage bounds/);
    expect(() => impliedVol(upper + 0.01, base)).toThrow(/outside the no-arbitrage bounds/);
    expect(() => impliedVol(1, { ...base, expiry: 0 })).toThrow(/expiry/);
  });
});
