import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bestF1Threshold,
  brierScore,
  classificationMetrics,
  confusion,
  precisionRecallF1,
  rocAuc,
} from '../../../src/engine/risk/ml/metrics';

describe('ROC AUC (Mann-Whitney)', () => {
  it('perfect ranking = 1, inverted = 0, all tied = 0.5', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.3, 0.3, 0.3, 0.3], [0, 1, 0, 1])).toBe(0.5);
  });

  it('hand-computed examples with and without ties', () => {
    // Pairs (pos, neg): pos {0.8, 0.4}, neg {0.6, 0.2, 0.1}: 0.8 beats all 3; 0.4 beats 2 → 5/6.
    expect(rocAuc([0.8, 0.6, 0.4, 0.2, 0.1], [1, 0, 1, 0, 0])).toBeCloseTo(5 / 6, 15);
    // pos {0.5, 0.7}, neg {0.5, 0.3}: 0.5 vs 0.5 tie = ½, 0.5 > 0.3, 0.7 > both → 3.5/4.
    expect(rocAuc([0.5, 0.7, 0.5, 0.3], [1, 1, 0, 0])).toBeCloseTo(3.5 / 4, 15);
  });

  it('equals the pair-counting definition (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 40 }),
        (rows) => {
          const s = rows.map(([v]) => v / 5);
          const y = rows.map(([, b]) => (b ? 1 : 0));
          let wins = 0,
            pairs = 0;
          for (let i = 0; i < s.length; i++)
            for (let j = 0; j < s.length; j++)
              if (y[i] === 1 && y[j] === 0) {
                pairs++;
                wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
              }
          const auc = rocAuc(s, y);
          if (pairs === 0) expect(auc).toBeNull();
          else expect(auc).toBeCloseTo(wins / pairs, 12);
        },
      ),
    );
  });

  it('is undefined with one class, and rejects bad input', () => {
    expect(rocAuc([0.1, 0.2], [0, 0])).toBeNull();
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNull();
    expect(() => rocAuc([0.1], [0, 1])).toThrow(/differ in length/);
    expect(() => rocAuc([0.1, 0.2], [0, 2])).toThrow(/labels\[1\]/);
    expect(() => rocAuc([Number.NaN, 0.2], [0, 1])).toThrow(/NaN/);
  });
});

describe('threshold metrics', () => {
  const p = [0.9, 0.7, 0.6, 0.4, 0.2, 0.1];
  const y = [1, 0, 1, 1, 0, 0];

  it('confusion, precision, recall, F1 at p >= threshold', () => {
    const c = confusion(p, y, 0.6);
    expect(c).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(precisionRecallF1(c)).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    // Nothing flagged: precision undefined; no positives: recall undefined.
    expect(precisionRecallF1(confusion(p, y, 0.95))).toEqual({ precision: null, recall: 0, f1: null });
    expect(precisionRecallF1(confusion([0.5], [0], 0.1))).toEqual({ precision: 0, recall: null, f1: null });
  });

  it('Brier score and its constant-rate baseline', () => {
    expect(brierScore([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 15);
    const m = classificationMetrics(p, y, 0.5, 0.25);
    expect(m.baseRate).toBe(0.5);
    expect(m.brierBaseline).toBeCloseTo((3 * 0.75 ** 2 + 3 * 0.25 ** 2) / 6, 15);
    expect(m.auc).toBeCloseTo(7 / 9, 15);
  });

  it('bestF1Threshold sweeps the distinct scores and prefers fewer alarms on ties', () => {
    // Candidates: 0.9 → F1 2/4; 0.7 → 2/5; 0.6 → 4/6; 0.4 → 6/7; 0.2 → 6/8; 0.1 → 6/9.
    expect(bestF1Threshold(p, y)).toEqual({ threshold: 0.4, f1: 6 / 7 });
    expect(bestF1Threshold([0.5, 0.5, 0.1], [1, 0, 0])).toEqual({ threshold: 0.5, f1: 2 / 3 });
    expect(() => bestF1Threshold([0.1], [0])).toThrow(/no positive/);
  });
});
