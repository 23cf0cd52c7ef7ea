import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  drawdownSeries,
  drawdownSpells,
  drawdownStats,
  maxDrawdown,
} from '../../../src/engine/risk/drawdown';
import { equityCurve } from '../../../src/engine/risk/returns';
import { dayNumber, daysBetween } from '../../../src/engine/risk/dates';

const V = Float64Array.from([100, 120, 90, 60, 80, 120, 130, 117, 125]);
const D = [
  '2020-01-01',
  '2020-01-02',
  '2020-01-03',
  '2020-01-06',
  '2020-01-07',
  '2020-01-08',
  '2020-01-09',
  '2020-02-10',
  '2020-03-02',
];

describe('drawdown', () => {
  it('series: V / running max − 1', () => {
    const dd = drawdownSeries(V);
    expect(dd[0]).toBe(0);
    expect(dd[3]).toBeCloseTo(-0.5, 15);
    expect(dd[5]).toBe(0);
    expect(dd[7]).toBeCloseTo(-0.1, 15);
  });

  it('max drawdown with peak, trough, recovery (indices and dates) and time to recover', () => {
    const s = drawdownStats(V, D);
    expect(s.maxDrawdown).toBeCloseTo(0.5, 15);
    expect([s.peakIndex, s.troughIndex, s.recoveryIndex]).toEqual([1, 3, 5]);
    expect([s.peakDate, s.troughDate, s.recoveryDate]).toEqual(['2020-01-02', '2020-01-06', '2020-01-08']);
    expect(s.timeToRecoverPeriods).toBe(2);
    expect(s.timeToRecoverDays).toBe(2);
    expect(s.spells).toBe(2);
    // Longest in periods: spell 1 (1 → 5, 4 periods) vs the open spell 2 (6 → 8, 2 periods).
    expect(s.longestPeriods).toBe(4);
    // Longest in days: the open spell 2020-01-09 → 2020-03-02 is 53 days (2020 is a leap year).
    expect(s.longestDays).toBe(53);
    expect(maxDrawdown(V)).toBeCloseTo(0.5, 15);
  });

  it('an unrecovered spell has a null recovery', () => {
    const s = drawdownStats(Float64Array.from([10, 12, 6, 7]));
    expect(s.maxDrawdown).toBeCloseTo(0.5, 15);
    expect(s.recoveryIndex).toBeNull();
    expect(s.recoveryDate).toBeNull();
    expect(s.timeToRecoverPeriods).toBeNull();
    expect(s.longestPeriods).toBe(2);
    expect(s.longestDays).toBeNull();
    expect(drawdownSpells(Float64Array.from([10, 12, 6, 7]))[0]).toMatchObject({
      peakIndex: 1,
      troughIndex: 2,
      recoveryIndex: null,
      periods: 2,
    });
  });

  it('a rising series has no drawdown', () => {
    const s = drawdownStats(Float64Array.from([1, 2, 3]));
    expect(s).toMatchObject({
      maxDrawdown: 0,
      peakIndex: 0,
      troughIndex: 0,
      recoveryIndex: 0,
      longestPeriods: 0,
      spells: 0,
    });
  });

  it('equity curve from returns counts a first-day loss', () => {
    expect(maxDrawdown(equityCurve(Float64Array.from([-0.1, 0.05])))).toBeCloseTo(0.1, 15);
  });

  it('rejects bad values and mismatched dates', () => {
    expect(() => drawdownSeries(Float64Array.from([1, 0]))).toThrow(/values\[1\] is 0, values must be > 0/);
    expect(() => drawdownStats(V, D.slice(1))).toThrow(/dates has 8 entries but values has 9/);
    expect(() => drawdownStats(Float64Array.from([2, 1, 2]), ['a', 'b', 'c'])).toThrow(
      /drawdownStats: dates\[0\] is 'a', expected a valid ISO date/,
    );
  });

  it('properties: series <= 0, max DD in [0, 1], equals −min(series)', () => {
    const arb = fc.array(fc.double({ min: -0.99, max: 2, noNaN: true }), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(arb, (rs) => {
        const eq = equityCurve(Float64Array.from(rs));
        fc.pre(eq.every((v) => v > 0 && Number.isFinite(v)));
        const dd = drawdownSeries(eq);
        let min = 0;
        for (const d of dd) {
          expect(d).toBeLessThanOrEqual(0);
          min = Math.min(min, d);
        }
        const s = drawdownStats(eq);
        expect(s.maxDrawdown).toBeGreaterThanOrEqual(0);
        expect(s.maxDrawdown).toBeLessThanOrEqual(1);
        expect(s.maxDrawdown).toBeCloseTo(-min, 12);
        expect(maxDrawdown(eq)).toBeCloseTo(s.maxDrawdown, 12);
        expect(s.peakIndex).toBeLessThanOrEqual(s.troughIndex);
      }),
    );
  });
});

describe('dates', () => {
  it('day numbers and differences without Date', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01')).toBe(11017);
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2); // 2000 is a leap year
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1); // 1900 is not
    expect(daysBetween('2007-10-09', '2013-03-28')).toBe(1997);
    expect(dayNumber('2020-04-17T16:00:00Z')).toBe(dayNumber('2020-04-17'));
    expect(() => dayNumber('2021-02-29')).toThrow(/not a valid calendar date/);
    expect(() => dayNumber('17/04/2020')).toThrow(/not an ISO date/);
  });
});
