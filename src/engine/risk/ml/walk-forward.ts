/**
 * Expanding-window walk-forward evaluation of the early-warning model.
 *
 * For each test year Y = firstTestYear .. last year in the data:
 *   test  = every day t of year Y that has a label (t <= n − 1 − N)
 *   train = every feature day t (t >= t0) with t + purgeDays < s_Y, s_Y = first day of year Y
 * purgeDays defaults to the label horizon N: the label of day t looks at closes t..t+N, so without
 * the purge the last N training labels would be computed from prices inside the test year. The
 * model (standardisation included) is fitted on the train rows only, then predicts the test rows;
 * test rows are never seen by the fit. Expanding: year Y's training set is every earlier usable day.
 *
 * Decision threshold (precision / recall / F1): by default the probability that maximises F1 on the
 * fold's OWN TRAINING predictions (metrics.bestF1Threshold) — chosen without test data, and better
 * suited than 0.5 to a ~25 % base rate, where 0.5 flags almost nothing. A fixed number may be given.
 *
 * Reported: per fold (year) and pooled over all out-of-sample days — precision, recall, F1 (pooled
 * confusion = sum of the folds' confusions, each at its own threshold), ROC AUC, Brier and the Brier
 * of the training base rate as a constant forecast, base rate. Also, as baselines, the pooled
 * out-of-sample AUC of each raw feature alone, signed a priori (FEATURE_RISK_SIGN): a model that
 * does not beat its best single input is not earning its complexity.
 */
import {
  FEATURE_NAMES,
  FEATURE_RISK_SIGN,
  computeFeatures,
  type FeatureMatrix,
  type FeatureName,
  type FeatureOptions,
} from './features';
import { drawdownLabels, resolveLabelOptions, type LabelOptions } from './label';
import {
  bestF1Threshold,
  brierScore,
  classificationMetrics,
  precisionRecallF1,
  rocAuc,
  type ClassificationMetrics,
  type Confusion,
} from './metrics';
import { fitLogistic, predictProbaRows, type LogisticModel, type LogisticOptions } from './model';
import type { Rng } from '../rng';
import { quantile } from '../stats';
import { checkInteger, type Series } from '../validate';

export interface WalkForwardOptions {
  /** First out-of-sample year; default 2004. */
  firstTestYear?: number;
  features?: FeatureOptions;
  label?: LabelOptions;
  model?: LogisticOptions;
  /** Days dropped between the last training label and the test year; default = horizonDays. */
  purgeDays?: number;
  /** 'train-f1' (default) or a fixed probability in (0, 1). */
  decisionThreshold?: 'train-f1' | number;
  /** Precomputed features for `closes` (ablations); default computeFeatures(closes, features). */
  featureMatrix?: FeatureMatrix;
}

export interface WalkForwardFold {
  year: number;
  /** Close indices of the training and test rows (disjoint; max(train) + purge < min(test)). */
  trainIndex: Int32Array;
  testIndex: Int32Array;
  probabilities: Float64Array;
  labels: Uint8Array;
  threshold: number;
  trainAuc: number | null;
  model: LogisticModel;
  metrics: ClassificationMetrics;
}

export interface PooledMetrics extends ClassificationMetrics {
  years: number;
  /** Mean of the per-year AUCs over years where it is defined. */
  meanYearAuc: number | null;
}

export interface WalkForwardResult {
  folds: WalkForwardFold[];
  overall: PooledMetrics;
  /**
   * Pooled out-of-sample AUC of each raw feature alone (signed by FEATURE_RISK_SIGN); null when a
   * custom featureMatrix was passed (its columns need not be FEATURE_NAMES).
   */
  featureAuc: Record<FeatureName, number | null> | null;
  horizonDays: number;
  threshold: number;
  purgeDays: number;
}

function yearsOf(dates: readonly string[], n: number): Int32Array {
  if (dates.length !== n) throw new RangeError(`walkForward: dates has ${dates.length} entries, closes ${n}`);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!/^\d{4}-\d{2}-\d{2}/.test(dates[i]))
      throw new RangeError(`walkForward: dates[${i}] '${dates[i]}' is not ISO YYYY-MM-DD`);
    y[i] = Number(dates[i].slice(0, 4));
    if (i > 0 && dates[i] <= dates[i - 1])
      throw new RangeError(`walkForward: dates[${i}] is not after dates[${i - 1}]`);
  }
  return y;
}

function gather(fm: FeatureMatrix, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * fm.cols);
  for (let k = 0; k < rows.length; k++)
    out.set(fm.data.subarray(rows[k] * fm.cols, (rows[k] + 1) * fm.cols), k * fm.cols);
  return out;
}

/**
 * Runs the walk-forward (module comment) on daily closes with aligned ISO dates.
 * @throws RangeError on mismatched/unsorted dates, bad options, or no usable test year.
 */
export function walkForward(
  closes: Series,
  dates: readonly string[],
  opts?: WalkForwardOptions,
): WalkForwardResult {
  const lo = resolveLabelOptions(opts?.label);
  const N = lo.horizonDays;
  const purgeDays = opts?.purgeDays ?? N;
  checkInteger(purgeDays, 'walkForward', 'purgeDays', 0);
  const firstTestYear = opts?.firstTestYear ?? 2004;
  checkInteger(firstTestYear, 'walkForward', 'firstTestYear', 0);
  const dt = opts?.decisionThreshold ?? 'train-f1';
  if (dt !== 'train-f1' && !(dt > 0 && dt < 1))
    throw new RangeError(`walkForward: decisionThreshold must be 'train-f1' or in (0, 1), got ${dt}`);
  const years = yearsOf(dates, closes.length);
  const fm = opts?.featureMatrix ?? computeFeatures(closes, opts?.features);
  const last = fm.index.length - 1;
  if (last >= 0 && (fm.index[last] !== closes.length - 1 || fm.index[last] - fm.index[0] !== last))
    throw new RangeError('walkForward: featureMatrix rows must be consecutive days ending on the last close');
  const y = drawdownLabels(closes, lo);
  const t0 = fm.index.length > 0 ? fm.index[0] : closes.length;
  // Feature row of day t is t − t0 (computeFeatures emits consecutive days).
  const rowOf = (t: number): number => t - t0;

  const folds: WalkForwardFold[] = [];
  const lastYear = years[years.length - 1];
  for (let Y = firstTestYear; Y <= lastYear; Y++) {
    const test: number[] = [];
    let s = -1;
    for (let t = 0; t < closes.length; t++) {
      if (years[t] !== Y) continue;
      if (s < 0) s = t;
      if (t >= t0 && t < y.length) test.push(t);
    }
    if (s < 0 || test.length === 0) continue;
    const train: number[] = [];
    for (let t = t0; t + purgeDays < s && t < y.length; t++) train.push(t);
    const trainIndex = Int32Array.from(train);
    const testIndex = Int32Array.from(test);
    const trainY = Uint8Array.from(train, (t) => y[t]);
    const testY = Uint8Array.from(test, (t) => y[t]);
    let pos = 0;
    for (const v of trainY) pos += v;
    if (pos === 0 || pos === trainY.length) continue; // nothing to learn from yet
    const trainX = gather(fm, trainIndex.map(rowOf));
    const model = fitLogistic(trainX, fm.cols, trainY, opts?.model);
    const inSample = predictProbaRows(model, trainX);
    const threshold = dt === 'train-f1' ? bestF1Threshold(inSample, trainY).threshold : dt;
    const probabilities = predictProbaRows(model, gather(fm, testIndex.map(rowOf)));
    folds.push({
      year: Y,
      trainIndex,
      testIndex,
      probabilities,
      labels: testY,
      threshold,
      trainAuc: rocAuc(inSample, trainY),
      model,
      metrics: classificationMetrics(probabilities, testY, threshold, pos / trainY.length),
    });
  }
  if (folds.length === 0) throw new RangeError(`walkForward: no usable test year from ${firstTestYear}`);
  return {
    folds,
    overall: pooled(folds),
    featureAuc: opts?.featureMatrix ? null : featureBaselines(fm, folds, rowOf),
    horizonDays: N,
    threshold: lo.threshold,
    purgeDays,
  };
}

function pooled(folds: readonly WalkForwardFold[]): PooledMetrics {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  let n = 0;
  let baselineSse = 0;
  for (const f of folds) {
    const m = f.metrics;
    c.tp += m.tp;
    c.fp += m.fp;
    c.tn += m.tn;
    c.fn += m.fn;
    n += m.n;
    baselineSse += m.brierBaseline * m.n;
  }
  const probs = new Float64Array(n);
  const labels = new Uint8Array(n);
  let k = 0;
  for (const f of folds) {
    probs.set(f.probabilities, k);
    labels.set(f.labels, k);
    k += f.labels.length;
  }
  const aucs = folds.map((f) => f.metrics.auc).filter((a): a is number => a !== null);
  const positives = c.tp + c.fn;
  return {
    ...c,
    n,
    positives,
    baseRate: positives / n,
    ...precisionRecallF1(c),
    auc: rocAuc(probs, labels),
    brier: brierScore(probs, labels),
    brierBaseline: baselineSse / n,
    years: folds.length,
    meanYearAuc: aucs.length > 0 ? aucs.reduce((a, b) => a + b, 0) / aucs.length : null,
  };
}

function featureBaselines(
  fm: FeatureMatrix,
  folds: readonly WalkForwardFold[],
  rowOf: (t: number) => number,
): Record<FeatureName, number | null> {
  const out = {} as Record<FeatureName, number | null>;
  const labels = folds.flatMap((f) => Array.from(f.labels));
  FEATURE_NAMES.forEach((name, j) => {
    const scores = folds.flatMap((f) =>
      Array.from(f.testIndex, (t) => FEATURE_RISK_SIGN[name] * fm.data[rowOf(t) * fm.cols + j]),
    );
    out[name] = rocAuc(scores, labels);
  });
  return out;
}

/**
 * A percentile interval for the pooled out-of-sample AUC by resampling whole test YEARS with
 * replacement (`draws` times, default 2,000). Whole years, because days are not independent:
 * consecutive labels share 19 of 20 future days and regimes last months, so a day-level bootstrap
 * would pretend to have ~20× more evidence than there is. Draws where a class is absent are skipped.
 * @returns [lower, upper] at `level` (default 0.9), or null if no draw had both classes.
 */
export function yearBootstrapAuc(
  folds: readonly WalkForwardFold[],
  rng: Rng,
  draws = 2_000,
  level = 0.9,
): [number, number] | null {
  checkInteger(draws, 'yearBootstrapAuc', 'draws', 1);
  if (!(level > 0 && level < 1))
    throw new RangeError(`yearBootstrapAuc: level must be in (0, 1), got ${level}`);
  const aucs: number[] = [];
  for (let d = 0; d < draws; d++) {
    const probs: number[] = [];
    const labels: number[] = [];
    for (let k = 0; k < folds.length; k++) {
      const f = folds[Math.floor(rng.next() * folds.length)];
      for (let i = 0; i < f.labels.length; i++) {
        probs.push(f.probabilities[i]);
        labels.push(f.labels[i]);
      }
    }
    const a = rocAuc(probs, labels);
    if (a !== null) aucs.push(a);
  }
  if (aucs.length === 0) return null;
  return [quantile(aucs, (1 - level) / 2), quantile(aucs, (1 + level) / 2)];
}
