import { describe, expect, it } from 'vitest';
import { componentVar } from '../../../src/engine/risk-engine/contributions';
import { computeRiskSnapshot } from '../../../src/engine/risk-engine/compute';
import { ReturnHistory } from '../../../src/engine/risk-engine/history';
import { NOW, instMap, spotInst, viewOf } from './fixtures';

// Two assets, four days. A: 10 units at 100 (1,000 USD), B: 5 units at 100 (500 USD).
const RA = [0.01, -0.02, 0.03, -0.01];
const RB = [0.02, 0.01, -0.01, -0.02];
// By hand: x_A = [10, −20, 30, −10], x_B = [10, 5, −5, −10], P = [20, −15, 25, −20].
// μ_A = 2.5, μ_B = 0, μ_P = 2.5; var(P) = 1625/3; cov(A, P) = 1425/3 = 475; cov(B, P) = 200/3.
// z99 = Φ⁻¹(0.99) = 2.3263478740408408; σ_P = √(1625/3) = 23.27373340628157.
//   C_A = z·475/σ_P − 2.5 = 44.97907097153378
//   C_B = z·(200/3)/σ_P − 0 = 6.663729259162637
//   VaR = z·σ_P − 2.5 = 51.64280023069642
const CA = 44.97907097153378;
const CB = 6.663729259162637;
const TOTAL = 51.64280023069642;

describe('componentVar (Euler, parametric 99 %)', () => {
  it('matches the hand-computed components of a two-asset book and sums to the total', () => {
    const r = componentVar(
      ['A', 'B'],
      [Float64Array.from([10, -20, 30, -10]), Float64Array.from([10, 5, -5, -10])],
      0.99,
    );
    expect(r.total).toBeCloseTo(TOTAL, 9);
    expect(r.contributions[0].componentVar).toBeCloseTo(CA, 9);
    expect(r.contributions[1].componentVar).toBeCloseTo(CB, 9);
    expect(r.contributions[0].pct).toBeCloseTo(CA / TOTAL, 12); // 0.87096…
    expect(r.contributions[0].pct + r.contributions[1].pct).toBeCloseTo(1, 12);
  });

  it('gives a hedge a negative component', () => {
    // B short the same asset as half of A: x_B = −0.5·x_A → C_B = −0.5/(1−0.5)·… = −C_A (of the net).
    const a = Float64Array.from([10, -20, 30, -10]);
    const b = a.map((v) => -0.5 * v);
    const r = componentVar(['A', 'B'], [a, b], 0.99);
    // Net P = 0.5·x_A: VaR = 0.5·(z·σ_A − μ_A); C_A = 2·VaR, C_B = −VaR.
    expect(r.contributions[1].componentVar).toBeCloseTo(-r.total, 9);
    expect(r.contributions[0].componentVar).toBeCloseTo(2 * r.total, 9);
    expect(r.contributions[1].pct).toBeCloseTo(-1, 12);
  });

  it('allocates nothing when the book never moves, and names bad input', () => {
    const flat = componentVar(['A'], [Float64Array.from([0, 0, 0])], 0.99);
    expect(flat).toEqual({ total: 0, contributions: [{ symbol: 'A', componentVar: 0, pct: 0 }] });
    expect(() => componentVar(['A', 'B'], [new Float64Array(3), new Float64Array(4)], 0.99)).toThrow(
      /series\[1\] \(B\) has 4 days, expected 3/,
    );
    expect(() => componentVar(['A'], [Float64Array.from([1, NaN])], 0.99)).toThrow(
      /series\[0\] \(A\) day 1 is not finite/,
    );
    expect(() => componentVar(['A'], [new Float64Array(3)], 1)).toThrow(/confidence must be in \(0, 1\)/);
    expect(() => componentVar(['A'], [], 0.99)).toThrow(/ids has 1 entries but series has 0/);
  });
});

describe('computeRiskSnapshot: contributions', () => {
  it('are the hand-computed components of the two-asset book and sum to the parametric VaR 99', () => {
    // The history needs >= 10 days: the four days twice, then two flat days.
    // x_A = [10, −20, 30, −10]×2 + [0, 0], x_B = [10, 5, −5, −10]×2 + [0, 0]; μ_A = 2, μ_B = 0, μ_P = 2.
    // ΣxA·P = 2,900 → cov(A, P) = (2,900 − 10·2·2)/9 = 2,860/9; ΣxB·P = 400 → cov(B, P) = 400/9;
    // ΣP² = 3,300 → var(P) = 3,260/9.  C_A = z·(2,860/9)/√(3,260/9) − 2; C_B = z·(400/9)/√(3,260/9).
    const a = spotInst('AAA-USD', { assetClass: 'equity', quote: 'USD' });
    const b = spotInst('BBB-USD', { assetClass: 'equity', quote: 'USD' });
    const h = new ReturnHistory({ length: 10 });
    h.set('AAA-USD', [...RA, ...RA, 0, 0]);
    h.set('BBB-USD', [...RB, ...RB, 0, 0]);
    const snap = computeRiskSnapshot({
      positions: [viewOf(a, 10, 100), viewOf(b, 5, 100)],
      instruments: instMap(a, b),
      prices: new Map(),
      equity: 10_000,
      history: h,
      now: NOW,
    });
    expect(snap.lookbackDays).toBe(10);
    const by = new Map(snap.contributions.map((c) => [c.symbol, c]));
    expect(by.get('AAA-USD')?.componentVar).toBeCloseTo(36.842809646341905, 6);
    expect(by.get('BBB-USD')?.componentVar).toBeCloseTo(5.432560789698169, 6);
    expect(snap.var.parametric['0.99'].var).toBeCloseTo(42.275370436040085, 6);
    const sum = snap.contributions.reduce((s, c) => s + c.componentVar, 0);
    expect(sum).toBeCloseTo(snap.var.parametric['0.99'].var, 6);
    expect(snap.contributions.reduce((s, c) => s + c.pct, 0)).toBeCloseTo(1, 12);
    expect(by.get('AAA-USD')?.pct).toBeCloseTo(36.842809646341905 / 42.275370436040085, 9);
  });
});
