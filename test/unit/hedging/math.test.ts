import { describe, expect, it } from 'vitest';
import { bsmPriceRaw } from '../../../src/engine/risk/options';
import { buildCandidates, cppiExposure, fridayExpiry, niceStrike, skewedVol, type CandidateContext } from '../../../src/engine/hedging/candidates';
import { buildGrid, closesFromReturns } from '../../../src/engine/hedging/grid';
import { chooseHedges, requiredProtection } from '../../../src/engine/hedging/optimise';
import { buildProposal, slice } from '../../../src/engine/hedging/propose';
import { tailPnl } from '../../../src/engine/hedging/tail-shock';
import { ewmaVol, moments, olsBeta, tailScore } from '../../../src/engine/hedging/tail-score';

const NOW = Date.UTC(2026, 10, 21, 12); // Saturday 21 Nov 2026

describe('tail score', () => {
  it('combines CVaR, stress, shape and regime as documented', () => {
    // c = 0.03, s = 0.2, base = 0.6·0.03 + 0.4·0.2/4 = 0.038; regime (2−1)/2 = 0.5; shape 0 (< 4 points).
    const t = tailScore({ equity: 1_000_000, cvar99: 30_000, pnl: [], volRatio: 2, regime: 'stressed', worstStressPnl: -200_000 });
    expect(t.components).toEqual({ cvar: 0.03, shape: 0, regime: 0.5, stress: 0.2 });
    expect(t.score).toBeCloseTo(0.057, 12);
    // Regime saturates at volRatio 3; a calm regime adds nothing.
    expect(tailScore({ equity: 1e6, cvar99: 30_000, pnl: [], volRatio: 9, regime: 'x', worstStressPnl: -200_000 }).score).toBeCloseTo(0.076, 12);
    expect(tailScore({ equity: 1e6, cvar99: 30_000, pnl: [], volRatio: 0.5, regime: 'x', worstStressPnl: -200_000 }).score).toBeCloseTo(0.038, 12);
  });

  it('moments: skew and excess kurtosis of a hand-computed left tail', () => {
    // [0,0,0,−4]: mean −1, deviations 1,1,1,−3: m2 = 3, m3 = −6, m4 = 21.
    const m = moments([0, 0, 0, -4]);
    expect(m.skew).toBeCloseTo(-6 / 3 ** 1.5, 12);
    expect(m.excessKurtosis).toBeCloseTo(21 / 9 - 3, 12);
    // shape = clamp(1.1547/2 + 0, 0, 1) = 0.57735 → score × 1.288675.
    const t = tailScore({ equity: 1e6, cvar99: 30_000, pnl: [0, 0, 0, -4], volRatio: 1, regime: 'x', worstStressPnl: -200_000 });
    expect(t.components.shape).toBeCloseTo(0.5773502692, 9);
    expect(t.score).toBeCloseTo(0.038 * (1 + 0.5 * 0.5773502692), 9);
  });

  it('refuses a non-positive equity, naming it', () => {
    expect(() => tailScore({ equity: 0, cvar99: 1, pnl: [], volRatio: 1, regime: 'x', worstStressPnl: 0 })).toThrow(/equity/);
  });
});

describe('beta by OLS regression', () => {
  it('recovers the slope of a constructed series', () => {
    // x = [−1, 0, 1, 0], y = [−2, 1, 2, −1]: means 0, Sxy = 4, Sxx = 2 → β = 2, α = 0.
    const r = olsBeta([-2, 1, 2, -1], [-1, 0, 1, 0]);
    expect(r.beta).toBeCloseTo(2, 12);
    expect(r.alpha).toBeCloseTo(0, 12);
    // Syy = 10 → R² = 16/(2·10) = 0.8.
    expect(r.r2).toBeCloseTo(0.8, 12);
    // An exact line y = 3x − 0.5, aligned at the ends of unequal series.
    const x = [9, 9, 0.01, -0.02, 0.03, 0.005];
    const y = [0.01, -0.02, 0.03, 0.005].map((v) => 3 * v - 0.5);
    const e = olsBeta(y, x);
    expect(e.beta).toBeCloseTo(3, 10);
    expect(e.alpha).toBeCloseTo(-0.5, 10);
    expect(e.n).toBe(4);
  });

  it('EWMA vol of a constant-magnitude series is that magnitude', () => {
    expect(ewmaVol(new Array(100).fill(0).map((_, i) => (i % 2 ? 0.02 : -0.02)))).toBeCloseTo(0.02, 12);
  });
});

describe('pricing and candidates', () => {
  it('BSM put matches Hull (S 42, K 40, r 10 %, σ 20 %, T 0.5 → 0.81)', () => {
    expect(bsmPriceRaw(false, 42, 40, 0.5, 0.1, 0.1, 0.2)).toBeCloseTo(0.8086, 4);
  });

  it('strike rounding, skew and the Friday expiry', () => {
    expect(niceStrike(85_432)).toBe(85_500);
    expect(niceStrike(3_281)).toBe(3_300);
    expect(niceStrike(176.4)).toBe(175);
    expect(skewedVol(0.5, 0.05, 0.9)).toBeCloseTo(0.55, 12);
    expect(skewedVol(0.5, 0.05, 1.05)).toBe(0.5);
    // 21 Nov + 30 d = Mon 21 Dec → Fri 25 Dec 2026, 08:00 UTC.
    expect(fridayExpiry(NOW, 30)).toEqual({ ms: Date.UTC(2026, 11, 25, 8), code: '20261225' });
  });

  it('a put candidate is priced by BSM with the skewed vol and measured at the tail shock', () => {
    const ctx: CandidateContext = {
      now: NOW, equity: 1_000_000, highWaterMark: 1_000_000, ref: 'REF-USDT', refSpot: 100, refVol: 0.5, dollarBeta: 1_000,
      scenario: { ref: 'REF-USDT', shock: -0.2, volUp: 0.5, betas: new Map() }, perpSymbol: null, venue: 'sim', quote: 'USDT',
      types: ['put_options'], skewPremium: 0.05, cppiFloor: 0.8, cppiMultiplier: 3, minHedgeSize: 0,
    };
    const c = buildCandidates(ctx);
    expect(c).toHaveLength(4 * 3 * 4);
    const p = c.find((x) => x.strike === 90 && x.ratio === 1 && x.expiryMs === Date.UTC(2026, 11, 25, 8))!;
    const T = (Date.UTC(2026, 11, 25, 8) - NOW) / (365 * 86_400_000);
    expect(p.impliedVol).toBeCloseTo(0.55, 12);
    expect(p.qty).toBe(10);
    const px = bsmPriceRaw(false, 100, 90, T, 0, 0, 0.55);
    expect(p.premium).toBeCloseTo(10 * px * 1.005, 9);
    expect(p.protection).toBeCloseTo(10 * (bsmPriceRaw(false, 80, 90, T, 0, 0, 0.55 * 1.5) - px), 9);
    expect(p.symbol).toBe('REF-USDT-20261225-90-P');
  });

  it('CPPI exposure = m × (V − F), zero below the floor', () => {
    expect(cppiExposure(1_000_000, 800_000, 3)).toBe(600_000);
    expect(cppiExposure(700_000, 800_000, 3)).toBe(0);
  });
});

describe('tail scenario', () => {
  it('moves each underlying by shock × clamped beta to the reference', () => {
    const book = [
      { id: 'A', underlying: 'A', qty: 2, spot: 100 },
      { id: 'B', underlying: 'B', qty: 10, spot: 10 },
      { id: 'C', underlying: 'C', qty: 1, spot: 50 },
    ];
    // A: 200 × −0.2 = −40; B: β 0.5 → 100 × −0.1 = −10; C: β 5 clamps to 3 → 50 × −0.6 = −30.
    expect(tailPnl(book, { ref: 'A', shock: -0.2, volUp: 0.5, betas: new Map([['B', 0.5], ['C', 5]]) })).toBeCloseTo(-80, 12);
  });
});

describe('optimiser', () => {
  const cands = [
    { group: 'A', cost: 10, protection: 50 },
    { group: 'A', cost: 20, protection: 100 },
    { group: 'B', cost: 15, protection: 60 },
    { group: 'B', cost: 40, protection: 200 },
    { group: 'C', cost: 6, protection: 30 },
  ];

  it('picks the cheapest adequate set, one per group', () => {
    // Adequate sets for 90: A2 (20), B1+C (21), A1+B1 (25), A1+C+B1 (31) … → A2.
    const r = chooseHedges(cands, 90, 100);
    expect(r.adequate).toBe(true);
    expect(r.legs).toEqual([cands[1]]);
    expect(r.cost).toBe(20);
    // 150 needs A2+B1 (35, 160) vs B2 (40, 200) vs A1+B1+C… (31, 140 short) → A2+B1.
    const r2 = chooseHedges(cands, 150, 100);
    expect(r2.cost).toBe(35);
    expect(r2.protection).toBe(160);
  });

  it('never over-hedges: a set whose protection exceeds the cap (the remaining tail loss) is not chosen', () => {
    // Required 90, cap 95: A2 (100) and B1+C (90 ✓, 21) … A2 is over the cap → B1+C at 21.
    const r = chooseHedges(cands, 90, 100, 95);
    expect(r.adequate).toBe(true);
    expect(r.legs).toEqual([cands[2], cands[4]]);
    expect(r.cost).toBe(21);
    // Cap 40: nothing adequate; the most protection under the cap is C (30) — A1 (50) is over it.
    const r2 = chooseHedges(cands, 90, 100, 40);
    expect(r2.adequate).toBe(false);
    expect(r2.protection).toBe(30);
  });

  it('with a budget too small, returns the most protection it buys', () => {
    // Budget 12: A1 (10, 50) or C (6, 30); A1 + C = 16 is over budget.
    const r = chooseHedges(cands, 90, 12);
    expect(r.adequate).toBe(false);
    expect(r.protection).toBe(50);
  });

  it('required protection scales the tail loss to the threshold', () => {
    expect(requiredProtection(200, 0.1, 0.05)).toBeCloseTo(100, 12);
    expect(requiredProtection(200, 0.04, 0.05)).toBe(0);
    expect(requiredProtection(200, 0.04, 0.05, 0.25)).toBe(50);
  });
});

describe('proposal', () => {
  it('sizes a short perp from the regression beta and halves the tail loss to reach the threshold', () => {
    const ret = Array.from({ length: 250 }, (_, i) => 0.03 * Math.sin(i * 1.7));
    const pnl = ret.map((r) => 1_000 * r); // the book is exactly 10 units × 100 of REF: dollar beta 1,000
    const n = buildProposal({
      now: NOW, equity: 100_000, highWaterMark: 100_000, positions: [{ id: 'REF', underlying: 'REF', qty: 10, spot: 100 }], pnlHistory: pnl, returns: () => ret,
      score: tailScore({ equity: 100_000, cvar99: 0, pnl: [], volRatio: 1, regime: 'x', worstStressPnl: -40_000 }), // score 0.04
      threshold: 0.02, trigger: 'score', perps: new Map([['REF', 'REF-PERP']]), venue: 'sim', quote: 'USDT',
      config: { maxHedgeCost: 0.02, hedgeTypes: ['futures_short'], minHedgeSize: 0, skewPremium: 0.05, tailShock: -0.2, cppiFloor: 0.8, cppiMultiplier: 3 }, maxNotionalPerOrder: 250_000,
    });
    expect(n.dollarBeta).toBeCloseTo(1_000, 9);
    expect(n.tailLossBefore).toBeCloseTo(200, 9);
    expect(n.required).toBeCloseTo(100, 9);
    expect(n.legs).toHaveLength(1);
    expect(n.legs[0].qty).toBe(5);
    expect(n.orders).toEqual([{ symbol: 'REF-PERP', side: 'sell', qty: 5, type: 'market', note: 'hedge futures_short' }]);
    expect(n.scoreAfter).toBeCloseTo(0.02, 12);
    // cost = 500 × (2 × 0.0005 + 0.05 × 30/365)
    expect(n.totalCost).toBeCloseTo(500 * (0.001 + (0.05 * 30) / 365), 9);
    expect(n.rationale).toMatch(/0\.040, above the 0\.020 threshold/);
    expect(n.rationale).toMatch(/score 0\.020/);
  });

  it('slices orders under the per-order notional cap', () => {
    // per order ≤ 0.99 × 300 / 100 = 2.97 units → 4 orders of 2.5.
    expect(slice('X', -10, 100, 300, 'n').map((o) => [o.side, o.qty])).toEqual([['sell', 2.5], ['sell', 2.5], ['sell', 2.5], ['sell', 2.5]]);
  });
});

describe('grid hedge levels', () => {
  it('spaces levels by k·σ·price and keeps them inside the recent range', () => {
    // spacing = 1.5 × 0.02 × 100 = 3; high 108, low 95: sells 103, 106 (109 out); buys 97 (94 out).
    const g = buildGrid({ price: 100, dailyVol: 0.02, closes: [95, 108, 100], positionUnits: 10, levels: 3, coverage: 0.5, spacingVol: 1.5 });
    expect(g.spacing).toBeCloseTo(3, 12);
    expect(g.levels.map((l) => [l.side, l.price])).toEqual([['sell', 103], ['buy', 97], ['sell', 106]]);
    for (const l of g.levels) expect(l.qty).toBeCloseTo(5 / 3, 12);
  });

  it('rebuilds closes backwards from returns', () => {
    // 100 → +10 % → 110 → −10 % → 99: from 99 back: 110, 100.
    const c = closesFromReturns(99, [0.1, -0.1], 2);
    expect(c[0]).toBeCloseTo(100, 12);
    expect(c[1]).toBeCloseTo(110, 12);
    expect(c[2]).toBe(99);
  });
});
