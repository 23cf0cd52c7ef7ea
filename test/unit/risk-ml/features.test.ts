import { describe, expect, it } from 'vitest';
import {
  computeFeatures,
  DEFAULT_FEATURE_OPTIONS,
  FEATURE_COUNT,
  FEATURE_NAMES,
  featureRow,
  featuresFromSeries,
  firstFeatureDay,
} from '../../../src/engine/risk/ml/features';
import { detectRegime } from '../../../src/engine/risk/regime';
import { simpleReturns } from '../../../src/engine/risk/returns';
import { correlation } from '../../../src/engine/risk/stats';
import { garchCloses } from './synthetic';

const t0 = firstFeatureDay(DEFAULT_FEATURE_OPTIONS);

describe('early-warning features', () => {
  it('start on day 250 with every window full, one row per later day', () => {
    const c = garchCloses(700);
    const f = computeFeatures(c);
    expect(t0).toBe(250);
    expect(f.cols).toBe(FEATURE_COUNT);
    expect(f.rows).toBe(700 - 250);
    expect(Array.from(f.index)).toEqual(Array.from({ length: 450 }, (_, k) => 250 + k));
    for (const v of f.data) expect(Number.isFinite(v)).toBe(true);
  });

  it('match their definitions on a hand-checkable day', () => {
    const c = garchCloses(700);
    const r = simpleReturns(c);
    const f = computeFeatures(c);
    const t = 600;
    const x = featureRow(f, t - t0);
    const col = (name: (typeof FEATURE_NAMES)[number]): number => x[FEATURE_NAMES.indexOf(name)];
    // Same ratio as the regime detector fed the returns known on day t.
    expect(col('logVolRatio')).toBeCloseTo(Math.log(detectRegime(r.subarray(0, t)).ratio), 12);
    let peak = 0;
    for (let i = t - 249; i <= t; i++) peak = Math.max(peak, c[i]);
    expect(col('drawdown')).toBeCloseTo(1 - c[t] / peak, 14);
    expect(col('mom20')).toBeCloseTo(c[t] / c[t - 20] - 1, 14);
    expect(col('mom120')).toBeCloseTo(c[t] / c[t - 120] - 1, 14);
    const abs = r.map(Math.abs);
    expect(col('volClustering')).toBeCloseTo(
      correlation(abs.subarray(t - 60, t), abs.subarray(t - 61, t - 1)),
      12,
    );
  });

  it('have no look-ahead: changing every price after day k leaves rows <= k unchanged', () => {
    const c = garchCloses(900, 3);
    const base = computeFeatures(c);
    for (const k of [250, 311, 600, 898]) {
      const shocked = Float64Array.from(c, (v, i) => (i > k ? v * (i % 2 === 0 ? 0.5 : 1.7) : v));
      const f = computeFeatures(shocked);
      const n = (k - t0 + 1) * FEATURE_COUNT;
      expect(Array.from(f.data.subarray(0, n))).toEqual(Array.from(base.data.subarray(0, n)));
      // …and the shock is visible afterwards (the test would pass vacuously otherwise).
      if (k < 899) expect(f.data[n + 3]).not.toBe(base.data[n + 3]);
    }
  });

  it('the live vector equals the batch row on a GARCH refit day and uses only the given closes', () => {
    const c = garchCloses(800, 5);
    const f = computeFeatures(c);
    const t = t0 + 5 * DEFAULT_FEATURE_OPTIONS.garchRefitEvery; // a refit day
    expect(Array.from(featuresFromSeries(c.subarray(0, t + 1)))).toEqual(Array.from(featureRow(f, t - t0)));
    // Between refits only the GARCH column may differ (fresh fit vs rolled-forward parameters).
    const live = featuresFromSeries(c.subarray(0, t + 31));
    const batch = featureRow(f, t + 30 - t0);
    FEATURE_NAMES.forEach((name, j) => {
      if (name === 'logGarchRatio') expect(live[j]).toBeCloseTo(batch[j], 1);
      else expect(live[j]).toBe(batch[j]);
    });
  });

  it('throw on a series too short, a non-positive close or a flat stretch', () => {
    expect(() => computeFeatures(garchCloses(250))).toThrow(/at least 251/);
    const bad = garchCloses(400);
    bad[10] = 0;
    expect(() => featuresFromSeries(bad)).toThrow(/closes\[10\]/);
    expect(() => featuresFromSeries(new Float64Array(400).fill(100))).toThrow(RangeError);
  });
});
