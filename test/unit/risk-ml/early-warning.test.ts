import { describe, expect, it } from 'vitest';
import {
  earlyWarningFromCoefficients,
  earlyWarningScore,
  featuresFromSeries,
  mlSizingScale,
  trainEarlyWarning,
  volMatchedSeries,
} from '../../../src/engine/risk/ml/early-warning';
import { FEATURE_NAMES } from '../../../src/engine/risk/ml/features';
import { simpleReturns } from '../../../src/engine/risk/returns';
import { stdev } from '../../../src/engine/risk/stats';
import { garchCloses } from './synthetic';

describe('early-warning runtime API', () => {
  const closes = garchCloses(1_500, 9);
  const model = trainEarlyWarning(closes);

  it('trains on every labelled feature day and predicts probabilities in [0, 1]', () => {
    const c = model.coefficients;
    expect(c.model.rows).toBe(1_500 - 250 - 20);
    expect(c.model.converged).toBe(true);
    expect(c.baseRate).toBeGreaterThan(0);
    expect(c.horizonDays).toBe(20);
    expect(c.threshold).toBe(0.05);
    for (let end = 300; end <= 1_500; end += 100) {
      const p = model.probabilityOfSeries(closes.subarray(0, end));
      expect(p >= 0 && p <= 1).toBe(true);
      expect(p).toBe(model.probability(featuresFromSeries(closes.subarray(0, end))));
    }
  });

  it('ships as plain JSON: a reloaded model predicts identically', () => {
    const shipped = JSON.parse(JSON.stringify(model.coefficients)) as typeof model.coefficients;
    const reloaded = earlyWarningFromCoefficients(shipped);
    expect(reloaded.probabilityOfSeries(closes)).toBe(model.probabilityOfSeries(closes));
    expect(() =>
      earlyWarningFromCoefficients({ ...shipped, featureNames: ['logVolRatio'] as never }),
    ).toThrow(/expected version 1/);
  });

  it('score component = 100·p; sizing = clamp(1.25 − p, 0.25, 1)', () => {
    expect(earlyWarningScore(0)).toBe(0);
    expect(earlyWarningScore(0.42)).toBeCloseTo(42, 12);
    expect(earlyWarningScore(1)).toBe(100);
    expect(mlSizingScale(0)).toBe(1);
    expect(mlSizingScale(0.25)).toBe(1);
    expect(mlSizingScale(0.5)).toBe(0.75);
    expect(mlSizingScale(0.75)).toBe(0.5);
    expect(mlSizingScale(1)).toBe(0.25);
    let prev = 2;
    for (let p = 0; p <= 1; p += 0.01) {
      const s = mlSizingScale(p);
      expect(s).toBeLessThanOrEqual(prev);
      expect(s >= 0.25 && s <= 1).toBe(true);
      prev = s;
    }
    for (const bad of [-0.1, 1.1, Number.NaN]) {
      expect(() => mlSizingScale(bad)).toThrow(/probability/);
      expect(() => earlyWarningScore(bad)).toThrow(/probability/);
    }
  });

  it('volMatchedSeries rescales returns to the target vol and keeps the scale-free features', () => {
    const target = model.coefficients.trainDailyVol;
    expect(target).toBeCloseTo(stdev(simpleReturns(closes)), 15);
    const { closes: m, scale } = volMatchedSeries(closes, target / 3);
    expect(scale).toBeCloseTo(1 / 3, 12); // the whole series is the default window
    const r0 = simpleReturns(closes);
    const r1 = simpleReturns(m);
    expect(stdev(r1)).toBeCloseTo(target / 3, 14);
    r0.forEach((v, i) => expect(r1[i]).toBeCloseTo(v / 3, 15));
    const f0 = featuresFromSeries(closes);
    const f1 = featuresFromSeries(m);
    expect(f1[FEATURE_NAMES.indexOf('logVolRatio')]).toBeCloseTo(
      f0[FEATURE_NAMES.indexOf('logVolRatio')],
      10,
    );
    expect(f1[FEATURE_NAMES.indexOf('volClustering')]).toBeCloseTo(
      f0[FEATURE_NAMES.indexOf('volClustering')],
      10,
    );
    expect(f1[FEATURE_NAMES.indexOf('logGarchRatio')]).toBeCloseTo(
      f0[FEATURE_NAMES.indexOf('logGarchRatio')],
      4,
    );
    // A calmer copy has shallower drawdowns.
    expect(f1[FEATURE_NAMES.indexOf('drawdown')]).toBeLessThan(f0[FEATURE_NAMES.indexOf('drawdown')] + 1e-12);
    expect(volMatchedSeries(closes, target, 250).scale).toBeCloseTo(target / stdev(r0.subarray(-250)), 12);
    expect(() => volMatchedSeries(closes, 0)).toThrow(/targetDailyVol/);
    expect(() => volMatchedSeries([100, 50, 100], 10)).toThrow(/<= −100 %/);
    expect(() => volMatchedSeries([1, 1, 1], 0.01)).toThrow(/constant/);
  });

  it('refuses a series too short to give one labelled row', () => {
    expect(() => trainEarlyWarning(garchCloses(260))).toThrow(/need more than 270 closes/);
  });
});
