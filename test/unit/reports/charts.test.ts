import { describe, expect, it } from 'vitest';
import { divergingColor, niceTicks, pctAxis, squarify, usdAxis } from '../../../src/engine/reports/pdf-charts';
import { periodBounds, thin, tradingDay } from '../../../src/engine/reports/collect';
import { fmtCell, fmtUsd } from '../../../src/engine/reports/format';

describe('chart helpers', () => {
  it('niceTicks covers the range with round steps', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    // (3,039,900 − 3,037,100) / 4 = 700 → the next round step is 1,000.
    expect(niceTicks(3_037_100, 3_039_900, 4)).toEqual([3_037_000, 3_038_000, 3_039_000, 3_040_000]);
    // A flat series still gets a visible range around its value.
    const flat = niceTicks(50, 50, 4);
    expect(flat[0]).toBeLessThan(50);
    expect(flat[flat.length - 1]).toBeGreaterThan(50);
  });

  it('axis labels carry enough decimals to differ', () => {
    const ticks = [3_037_000, 3_037_500, 3_038_000];
    expect(ticks.map((t) => usdAxis(t, 500))).toEqual(['3.0370M', '3.0375M', '3.0380M']);
    expect(usdAxis(150_000, 50_000)).toBe('150k');
    expect(usdAxis(-50_000, 50_000)).toBe('-50k');
    expect(pctAxis(0.015, 0.005)).toBe('1.5%');
    expect(pctAxis(0.02, 0.01)).toBe('2%');
  });

  it('squarify tiles the box with areas proportional to the weights', () => {
    const box = { x: 10, y: 20, w: 600, h: 400 };
    const weights = [6, 6, 4, 3, 2, 2, 1];
    const tiles = squarify(weights, box);
    const total = weights.reduce((a, b) => a + b, 0);
    tiles.forEach((t, i) => {
      expect(t.w * t.h).toBeCloseTo((weights[i] / total) * 600 * 400, 6);
      expect(t.x).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(t.y).toBeGreaterThanOrEqual(20 - 1e-9);
      expect(t.x + t.w).toBeLessThanOrEqual(610 + 1e-9);
      expect(t.y + t.h).toBeLessThanOrEqual(420 + 1e-9);
    });
    // The first (largest) row is laid along the short side: 6 and 6 of 24 → a 300-wide column, 200 high each.
    expect(tiles[0]).toEqual({ x: 10, y: 20, w: 300, h: 200 });
    expect(tiles[1]).toEqual({ x: 10, y: 220, w: 300, h: 200 });
  });

  it('diverging colours: red for losses, green for gains, white at zero, clamped', () => {
    expect(divergingColor(0)).toBe('#ffffff');
    expect(divergingColor(-1)).toBe('#c53030');
    expect(divergingColor(1)).toBe('#2f855a');
    expect(divergingColor(-5)).toBe('#c53030');
    expect(divergingColor(Number.NaN)).toBe('#ffffff');
  });
});

describe('periods and formatting', () => {
  it('trading days follow the configured start hour', () => {
    expect(tradingDay(Date.UTC(2026, 10, 20, 23, 59), 0)).toBe('2026-11-20');
    expect(tradingDay(Date.UTC(2026, 10, 21, 5, 0), 8)).toBe('2026-11-20');
    expect(periodBounds('2026-11-20', '2026-11-21', 8)).toEqual({ startMs: Date.UTC(2026, 10, 20, 8), endMs: Date.UTC(2026, 10, 22, 8) });
  });

  it('thin keeps at most max points and always the last', () => {
    const xs = Array.from({ length: 10_001 }, (_, i) => i);
    const t = thin(xs, 1000);
    expect(t.length).toBeLessThanOrEqual(1001);
    expect(t[0]).toBe(0);
    expect(t[t.length - 1]).toBe(10_000);
    expect(thin([1, 2, 3], 10)).toEqual([1, 2, 3]);
  });

  it('formats money, percentages and times as printed in the PDF', () => {
    expect(fmtUsd(87_972.254)).toBe('87,972.25');
    expect(fmtUsd(-1_150_514.6)).toBe('-1,150,515');
    expect(fmtCell(-0.0345, 'pct')).toBe('-3.45%');
    expect(fmtCell(Date.UTC(2026, 10, 20, 12, 1), 'time')).toBe('2026-11-20 12:01:00');
    expect(fmtCell(null, 'usd')).toBe('');
    expect(fmtCell(Number.NaN, 'usd')).toBe('');
  });
});
