import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, effectiveLimits, parseLimits, sectorCap, utilisation, validateLimits } from '../../../src/engine/controls/limits';

describe('LimitsConfig defaults and validation', () => {
  it('has the spec defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxDailyLoss: 0.02,
      maxDrawdown: 0.1,
      maxRiskPerPosition: 0.01,
      maxPortfolioRisk: 0.05,
      maxCorrelation: 0.7,
      maxConcentration: 0.2,
      maxPositions: 20,
      sectorCaps: {},
      defaultSectorCap: 0.4,
      varLimit: 0.05,
      maxNotionalPerOrder: 250_000,
      maxOrdersPerMinute: 30,
      maxPriceAgeMs: 5_000,
    });
  });

  it('names the field in every error', () => {
    const r = validateLimits({ maxPositions: 25, maxDailyLoss: -0.01, sectorCaps: { tech: 0 }, bogus: 1 });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.some((e) => e.startsWith('maxPositions:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('maxDailyLoss:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('sectorCaps.tech:'))).toBe(true);
    expect(errors.some((e) => /bogus/.test(e))).toBe(true);
  });

  it('enforces 3 <= maxPositions <= 20 and integers', () => {
    expect(validateLimits({ maxPositions: 2 }).ok).toBe(false);
    expect(validateLimits({ maxPositions: 3 }).ok).toBe(true);
    expect(validateLimits({ maxPositions: 20 }).ok).toBe(true);
    expect(validateLimits({ maxPositions: 7.5 }).ok).toBe(false);
  });

  it('cross-field rules name the field', () => {
    const r = validateLimits({ maxDailyLoss: 0.2 });
    expect(r.ok ? [] : r.errors).toEqual(['maxDailyLoss: must not exceed maxDrawdown (0.1)']);
    const r2 = validateLimits({ maxRiskPerPosition: 0.06 });
    expect(r2.ok ? [] : r2.errors).toEqual(['maxRiskPerPosition: must not exceed maxPortfolioRisk (0.05)']);
    expect(() => parseLimits({ maxPositions: 99 })).toThrow(/maxPositions/);
  });

  it('sector caps fall back to defaultSectorCap', () => {
    const l = parseLimits({ sectorCaps: { tech: 0.3 } });
    expect(sectorCap(l, 'tech')).toBe(0.3);
    expect(sectorCap(l, 'energy')).toBe(0.4);
  });
});

describe('utilisation', () => {
  const base = { equity: 100_000, dayStartEquity: 100_000 };
  const byName = (rows: ReturnType<typeof utilisation>) => Object.fromEntries(rows.map((r) => [r.name, r]));

  it('loss limits breach AT the limit', () => {
    const u = byName(utilisation(DEFAULT_LIMITS, { ...base, dailyPnl: -1_500, drawdown: 0.1, var99: 0.049 }));
    expect(u.maxDailyLoss.value).toBeCloseTo(0.015, 12);
    expect(u.maxDailyLoss.utilisation).toBeCloseTo(0.75, 12);
    expect(u.maxDailyLoss.breached).toBe(false);
    expect(u.maxDrawdown.utilisation).toBe(1);
    expect(u.maxDrawdown.breached).toBe(true);
    expect(u.varLimit.breached).toBe(false);
    expect(byName(utilisation(DEFAULT_LIMITS, { ...base, dailyPnl: -2_000 })).maxDailyLoss.breached).toBe(true);
    // A gain is zero loss.
    expect(byName(utilisation(DEFAULT_LIMITS, { ...base, dailyPnl: 5_000 })).maxDailyLoss.value).toBe(0);
  });

  it('capacity limits breach only beyond the limit', () => {
    expect(byName(utilisation(DEFAULT_LIMITS, { ...base, positions: 20 })).maxPositions).toEqual({ name: 'maxPositions', value: 20, limit: 20, utilisation: 1, breached: false });
    expect(byName(utilisation(DEFAULT_LIMITS, { ...base, positions: 21 })).maxPositions.breached).toBe(true);
    const u = byName(
      utilisation(parseLimits({ sectorCaps: { tech: 0.3 } }), {
        ...base,
        largestExposure: -25_000,
        largestPositionRisk: 800,
        portfolioRisk: 5_500,
        maxPairCorrelation: 0.6,
        sectorExposure: { tech: 35_000, energy: 20_000 },
        largestOrderNotional: 100_000,
        ordersLastMinute: 31,
      }),
    );
    expect(u.maxConcentration.utilisation).toBeCloseTo(1.25, 12);
    expect(u.maxConcentration.breached).toBe(true);
    expect(u.maxRiskPerPosition.utilisation).toBeCloseTo(0.8, 12);
    expect(u.maxPortfolioRisk.utilisation).toBeCloseTo(1.1, 12);
    expect(u.maxCorrelation.utilisation).toBeCloseTo(0.6 / 0.7, 12);
    expect(u['sectorCaps.tech'].utilisation).toBeCloseTo(0.35 / 0.3, 12);
    expect(u['sectorCaps.tech'].breached).toBe(true);
    expect(u['sectorCaps.energy'].utilisation).toBeCloseTo(0.5, 12);
    expect(u.maxNotionalPerOrder.utilisation).toBeCloseTo(0.4, 12);
    expect(u.maxOrdersPerMinute.breached).toBe(true);
  });

  it('reports only supplied metrics and rejects bad equity', () => {
    expect(utilisation(DEFAULT_LIMITS, { equity: 1 })).toEqual([]);
    expect(() => utilisation(DEFAULT_LIMITS, { equity: 0 })).toThrow(/state.equity/);
    expect(() => utilisation(DEFAULT_LIMITS, { equity: 1, drawdown: NaN })).toThrow(/maxDrawdown/);
  });
});

describe('effectiveLimits', () => {
  it('returns the base limits with no trigger, and never loosens in calm markets', () => {
    for (const regime of ['calm', 'normal'] as const) {
      const e = effectiveLimits(DEFAULT_LIMITS, { lossStreak: 2, regime, recovered: false });
      expect(e.factor).toBe(1);
      expect(e.limits).toBe(DEFAULT_LIMITS);
      expect(e.triggers).toEqual([]);
    }
  });

  it('×0.75 after 3 losing days', () => {
    const e = effectiveLimits(parseLimits({ sectorCaps: { tech: 0.3 } }), { lossStreak: 3, regime: 'normal', recovered: false });
    expect(e.factor).toBe(0.75);
    expect(e.triggers).toEqual(['loss_streak']);
    expect(e.reason).toBe('limits ×0.75: 3 consecutive losing days');
    expect(e.limits.maxDailyLoss).toBeCloseTo(0.015, 15);
    expect(e.limits.maxRiskPerPosition).toBeCloseTo(0.0075, 15);
    expect(e.limits.maxPortfolioRisk).toBeCloseTo(0.0375, 15);
    expect(e.limits.maxConcentration).toBeCloseTo(0.15, 15);
    expect(e.limits.sectorCaps.tech).toBeCloseTo(0.225, 15);
    expect(e.limits.defaultSectorCap).toBeCloseTo(0.3, 15);
    expect(e.limits.varLimit).toBeCloseTo(0.0375, 15);
    expect(e.limits.maxNotionalPerOrder).toBe(187_500);
    expect(e.limits.maxPositions).toBe(15);
    // Not scaled:
    expect(e.limits.maxDrawdown).toBe(0.1);
    expect(e.limits.maxCorrelation).toBe(0.7);
    expect(e.limits.maxOrdersPerMinute).toBe(30);
  });

  it('×0.75 in a stressed regime, ×0.5 with both, floor of 3 positions', () => {
    expect(effectiveLimits(DEFAULT_LIMITS, { lossStreak: 0, regime: 'stressed', recovered: false }).factor).toBe(0.75);
    const both = effectiveLimits(DEFAULT_LIMITS, { lossStreak: 4, regime: 'stressed', recovered: false });
    expect(both.factor).toBe(0.5);
    expect(both.triggers).toEqual(['loss_streak', 'stressed_regime']);
    expect(both.limits.maxPositions).toBe(10);
    expect(both.limits.maxDailyLoss).toBe(0.01);
    const small = effectiveLimits(parseLimits({ maxPositions: 5 }), { lossStreak: 4, regime: 'stressed', recovered: false });
    expect(small.limits.maxPositions).toBe(3);
  });

  it('recovery lifts the loss-streak tightening', () => {
    const e = effectiveLimits(DEFAULT_LIMITS, { lossStreak: 5, regime: 'normal', recovered: true });
    expect(e.factor).toBe(1);
    expect(e.reason).toMatch(/recovered/);
    expect(effectiveLimits(DEFAULT_LIMITS, { lossStreak: 5, regime: 'stressed', recovered: true }).factor).toBe(0.75);
  });

  it('a stricter capital-preservation factor replaces the dynamic one (no compounding)', () => {
    const e = effectiveLimits(DEFAULT_LIMITS, { lossStreak: 3, regime: 'normal', recovered: false, preservationFactor: 0.5 });
    expect(e).toMatchObject({ factor: 0.5, triggers: ['loss_streak', 'preservation'], reason: 'limits ×0.5: 3 consecutive losing days and capital-preservation level' });
    expect(effectiveLimits(DEFAULT_LIMITS, { lossStreak: 0, regime: 'stressed', recovered: false, preservationFactor: 0.75 }).factor).toBe(0.75);
    expect(() => effectiveLimits(DEFAULT_LIMITS, { lossStreak: 0, regime: 'normal', recovered: false, preservationFactor: 0 })).toThrow(/preservationFactor/);
  });

  it('rejects bad inputs naming the field', () => {
    expect(() => effectiveLimits(DEFAULT_LIMITS, { lossStreak: -1, regime: 'normal', recovered: false })).toThrow(/lossStreak/);
    expect(() => effectiveLimits(DEFAULT_LIMITS, { lossStreak: 0, regime: 'wild' as 'calm', recovered: false })).toThrow(/regime/);
  });
});
