import { describe, expect, it } from 'vitest';
import { adaptiveLookback, detectRegime, regimeFromRatio } from '../../../src/engine/risk/regime';
import { createRng } from '../../../src/engine/risk/rng';

function series(parts: [n: number, vol: number][], seed = 1): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from(parts.flatMap(([n, vol]) => Array.from({ length: n }, () => vol * rng.normal())));
}

describe('regime', () => {
  it('thresholds: > 1.5 → 60 days (stressed), < 0.75 → 250 (calm), else 120', () => {
    expect(adaptiveLookback(1.51)).toBe(60);
    expect(adaptiveLookback(1.5)).toBe(120);
    expect(adaptiveLookback(0.75)).toBe(120);
    expect(adaptiveLookback(0.74)).toBe(250);
    expect(regimeFromRatio(2)).toBe('stressed');
    expect(regimeFromRatio(0.5)).toBe('calm');
    expect(regimeFromRatio(1)).toBe('normal');
    expect(() => regimeFromRatio(Number.NaN)).toThrow(/ratio is NaN/);
  });

  it('a volatility spike in the last month is stressed and shortens the lookback', () => {
    const r = detectRegime(
      series([
        [230, 0.01],
        [20, 0.04],
      ]),
    );
    expect(r.regime).toBe('stressed');
    expect(r.lookback).toBe(60);
    expect(r.ratio).toBeGreaterThan(1.5);
    expect(r.percentile).toBeGreaterThan(0.95); // among the most volatile months of the year
  });

  it('a quiet last month after a volatile year is calm (long lookback)', () => {
    const r = detectRegime(
      series([
        [230, 0.02],
        [20, 0.004],
      ]),
    );
    expect(r.regime).toBe('calm');
    expect(r.lookback).toBe(250);
  });

  it('steady volatility is normal', () => {
    const r = detectRegime(Float64Array.from({ length: 400 }, (_, i) => (i % 2 ? 0.01 : -0.01)));
    expect(r.regime).toBe('normal');
    expect(r.lookback).toBe(120);
    expect(r.ratio).toBeCloseTo(Math.sqrt(((249 / 250) * 20) / 19), 12); // same ±1 % both windows; only ddof differs
  });

  it('rejects short, constant or mis-specified input', () => {
    expect(() => detectRegime(series([[100, 0.01]]))).toThrow(/returns needs at least 250 values, got 100/);
    expect(() => detectRegime(new Float64Array(300).fill(0.001))).toThrow(/long window is constant/);
    expect(() => detectRegime(series([[300, 0.01]]), { recentWindow: 30, longWindow: 20 })).toThrow(
      /longWindow must be an integer >= 31/,
    );
  });
});
