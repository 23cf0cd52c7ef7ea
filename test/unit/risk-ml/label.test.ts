import { describe, expect, it } from 'vitest';
import { drawdownLabels, forwardMaxDrawdown } from '../../../src/engine/risk/ml/label';

describe('drawdown labels', () => {
  // t:        0    1    2    3    4    5    6    7
  const c = [100, 104, 97, 99, 101, 95, 96, 100];

  it('forward max drawdown over closes t..t+N, hand-checked (N = 3)', () => {
    const dd = forwardMaxDrawdown(c, 3);
    // t=0: path 100,104,97,99 → peak 104, trough 97: 1 − 97/104
    // t=1: 104,97,99,101 → 1 − 97/104
    // t=2: 97,99,101,95 → peak 101, trough 95: 1 − 95/101
    // t=3: 99,101,95,96 → 1 − 95/101
    // t=4: 101,95,96,100 → 1 − 95/101
    expect(dd).toHaveLength(5); // t = 5, 6, 7: horizon incomplete, dropped
    const want = [1 - 97 / 104, 1 - 97 / 104, 1 - 95 / 101, 1 - 95 / 101, 1 - 95 / 101];
    want.forEach((w, t) => expect(dd[t]).toBeCloseTo(w, 15));
  });

  it('y = 1 iff the forward drawdown exceeds X (strictly)', () => {
    // 1 − 97/104 = 6.73 %, 1 − 95/101 = 5.94 %
    expect(Array.from(drawdownLabels(c, { horizonDays: 3, threshold: 0.06 }))).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(drawdownLabels(c, { horizonDays: 3, threshold: 0.05 }))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(drawdownLabels(c, { horizonDays: 1, threshold: 0.05 }))).toEqual([0, 1, 0, 0, 1, 0, 0]);
    // A fall of exactly X is not "beyond" X (25 %: exact in binary, unlike 1 − 95/100 ≠ 0.05).
    expect(Array.from(drawdownLabels([100, 75], { horizonDays: 1, threshold: 0.25 }))).toEqual([0]);
    expect(Array.from(drawdownLabels([100, 74.99], { horizonDays: 1, threshold: 0.25 }))).toEqual([1]);
  });

  it('a rally inside the window counts from its new high; a rising path never labels', () => {
    expect(forwardMaxDrawdown([100, 120, 110], 2)[0]).toBeCloseTo(1 - 110 / 120, 15);
    expect(Array.from(forwardMaxDrawdown([1, 2, 3, 4, 5], 2))).toEqual([0, 0, 0]);
  });

  it('defaults N = 20, X = 5 %; series no longer than N give no labels; bad input throws', () => {
    const flatThenCrash = [...Array<number>(30).fill(100), 94];
    const y = drawdownLabels(flatThenCrash);
    expect(y).toHaveLength(11);
    expect(Array.from(y)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]); // only t = 10 reaches day 30
    expect(drawdownLabels([1, 2, 3])).toHaveLength(0);
    expect(() => drawdownLabels([1, -1, 2])).toThrow(/closes\[1\]/);
    expect(() => drawdownLabels([1, 2], { threshold: 0 })).toThrow(/threshold/);
    expect(() => drawdownLabels([1, 2], { horizonDays: 0 })).toThrow(/horizonDays/);
  });
});
