import { describe, expect, it } from 'vitest';
import {
  walkForward,
  yearBootstrapAuc,
  type WalkForwardResult,
} from '../../../src/engine/risk/ml/walk-forward';
import { createRng } from '../../../src/engine/risk/rng';
import { garchCloses, tradingDates } from './synthetic';

const n = 252 * 8; // 2000 … 2007
const closes = garchCloses(n, 21);
const dates = tradingDates(n);
const yearOf = (t: number): number => Number(dates[t].slice(0, 4));
const firstDayOf = (y: number): number => dates.findIndex((d) => d.startsWith(String(y)));

describe('walk-forward protocol', () => {
  const wf = walkForward(closes, dates, { firstTestYear: 2003 });

  it('tests each year from the first test year on, out of sample', () => {
    expect(wf.folds.map((f) => f.year)).toEqual([2003, 2004, 2005, 2006, 2007]);
    expect(wf.purgeDays).toBe(20);
    expect(wf.overall.years).toBe(5);
    expect(wf.overall.n).toBe(wf.folds.reduce((s, f) => s + f.testIndex.length, 0));
  });

  it('never trains on test data: disjoint index sets, a purge of N days, expanding training window', () => {
    for (const f of wf.folds) {
      const s = firstDayOf(f.year);
      const train = Array.from(f.trainIndex);
      const test = Array.from(f.testIndex);
      // Test = every labelled day of the year (the last year loses its final N days: no label).
      const lastLabelled = Math.min(
        n - 1 - 20,
        firstDayOf(f.year + 1) < 0 ? n - 1 : firstDayOf(f.year + 1) - 1,
      );
      expect(test).toEqual(Array.from({ length: lastLabelled - s + 1 }, (_, k) => s + k));
      expect(test.every((t) => yearOf(t) === f.year)).toBe(true);
      // Train = every feature day whose label window ends before the test year starts.
      expect(train).toEqual(Array.from({ length: s - 20 - 250 }, (_, k) => 250 + k));
      expect(Math.max(...train) + wf.purgeDays).toBeLessThan(Math.min(...test));
      const testSet = new Set(test);
      expect(train.some((t) => testSet.has(t))).toBe(false);
      // The fitted model saw exactly the training rows.
      expect(f.model.rows).toBe(train.length);
      expect(f.probabilities).toHaveLength(test.length);
    }
  });

  it('a fold does not change when every price from the test year on changes (with the purge)', () => {
    const at = (r: WalkForwardResult, y: number) => r.folds.find((f) => f.year === y)!;
    for (const year of [2004, 2006]) {
      const s = firstDayOf(year);
      const shocked = Float64Array.from(closes, (v, i) => (i >= s ? v * (1 + 0.3 * Math.sin(i)) : v));
      const again = walkForward(shocked, dates, { firstTestYear: year });
      expect(at(again, year).model).toEqual(at(wf, year).model);
      expect(at(again, year).threshold).toBe(at(wf, year).threshold);
      // Without the purge the last N training labels read test-year prices, and the fit moves.
      const leaky = walkForward(closes, dates, { firstTestYear: year, purgeDays: 0 });
      const leakyShocked = walkForward(shocked, dates, { firstTestYear: year, purgeDays: 0 });
      expect(at(leakyShocked, year).model.coefficients).not.toEqual(at(leaky, year).model.coefficients);
    }
  });

  it('metrics are probabilities and rates; a fixed decision threshold is honoured', () => {
    for (const f of wf.folds) {
      for (const p of f.probabilities) expect(p >= 0 && p <= 1).toBe(true);
      expect(f.metrics.brier).toBeGreaterThanOrEqual(0);
      expect(f.metrics.brier).toBeLessThanOrEqual(1);
    }
    const fixed = walkForward(closes, dates, { firstTestYear: 2006, decisionThreshold: 0.5 });
    expect(fixed.folds.every((f) => f.threshold === 0.5)).toBe(true);
  });

  it('year-bootstrap AUC interval: ordered, seeded, and degenerate when every year is the same', () => {
    const ci = yearBootstrapAuc(wf.folds, createRng(1), 300)!;
    expect(ci[0]).toBeLessThanOrEqual(ci[1]);
    expect(ci[0]).toBeGreaterThanOrEqual(0);
    expect(ci[1]).toBeLessThanOrEqual(1);
    expect(yearBootstrapAuc(wf.folds, createRng(1), 300)).toEqual(ci);
    const one = wf.folds.filter((f) => f.metrics.auc !== null).slice(0, 1);
    const [lo, hi] = yearBootstrapAuc(one, createRng(1), 50)!;
    expect(lo).toBeCloseTo(one[0].metrics.auc!, 12);
    expect(hi).toBeCloseTo(one[0].metrics.auc!, 12);
  });

  it('rejects misaligned or unsorted dates and bad options', () => {
    expect(() => walkForward(closes, dates.slice(1))).toThrow(/dates has/);
    const swapped = [...dates];
    [swapped[5], swapped[6]] = [swapped[6], swapped[5]];
    expect(() => walkForward(closes, swapped)).toThrow(/not after/);
    expect(() => walkForward(closes, dates, { decisionThreshold: 1 })).toThrow(/decisionThreshold/);
    expect(() => walkForward(closes, dates, { firstTestYear: 2030 })).toThrow(/no usable test year/);
  });
});
