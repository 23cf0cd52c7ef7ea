/**
 * Out-of-sample report of the early-warning model (docs/early-warning.md):
 *   npx tsx src/engine/risk/cli/early-warning-report.ts [path/to/daily.csv] [--ablations]
 * Reads a daily CSV with `date` and `close` columns (default: the bundled S&P 500 file), runs the
 * expanding-window walk-forward, times a full-sample training run and prints everything as JSON.
 * --ablations adds post-hoc variants (feature subsets, an absolute-vol feature); they were looked at
 * AFTER the out-of-sample results, so they are diagnostics, not candidates chosen on this data.
 * It lives in risk/cli/ because that is the one folder of src/engine/risk/ allowed I/O (the rest is
 * pure), and because a .ts file under scripts/ is outside every tsconfig (lint would reject it).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDailyCloses } from '../../risk-engine/demo-history';
import { computeFeatures, FEATURE_NAMES, type FeatureMatrix } from '../ml/features';
import {
  walkForward,
  yearBootstrapAuc,
  type PooledMetrics,
  type WalkForwardResult,
} from '../ml/walk-forward';
import { createRng } from '../rng';
import { trainEarlyWarning } from '../ml/early-warning';
import { simpleReturns } from '../returns';
import { stdev } from '../stats';

const args = process.argv.slice(2);
const ablations = args.includes('--ablations');
const here = dirname(fileURLToPath(import.meta.url));
const csv =
  args.find((a) => !a.startsWith('--')) ?? resolve(here, '../../../../resources/data/sp500-2000.csv');
const { dates, closes } = parseDailyCloses(readFileSync(csv, 'utf8'));

const round = (x: number | null, d = 4): number | null => (x === null ? null : Number(x.toFixed(d)));
const summary = (m: PooledMetrics): Record<string, number | null> => ({
  n: m.n,
  positives: m.positives,
  baseRate: round(m.baseRate),
  precision: round(m.precision),
  recall: round(m.recall),
  f1: round(m.f1),
  auc: round(m.auc),
  meanYearAuc: round(m.meanYearAuc),
  brier: round(m.brier),
  brierBaseline: round(m.brierBaseline),
  years: m.years,
});

function report(wf: WalkForwardResult): object {
  const ci = yearBootstrapAuc(wf.folds, createRng(2_024));
  return {
    overall: summary(wf.overall),
    aucYearBootstrap90: ci && ci.map((v) => round(v)),
    perYear: wf.folds.map((f) => ({
      year: f.year,
      trainRows: f.trainIndex.length,
      trainEnd: dates[f.trainIndex[f.trainIndex.length - 1]],
      testStart: dates[f.testIndex[0]],
      testEnd: dates[f.testIndex[f.testIndex.length - 1]],
      n: f.metrics.n,
      positives: f.metrics.positives,
      baseRate: round(f.metrics.baseRate),
      threshold: round(f.threshold),
      precision: round(f.metrics.precision),
      recall: round(f.metrics.recall),
      f1: round(f.metrics.f1),
      auc: round(f.metrics.auc),
      trainAuc: round(f.trainAuc),
      brier: round(f.metrics.brier),
      brierBaseline: round(f.metrics.brierBaseline),
      meanProbability: round(f.probabilities.reduce((a, b) => a + b, 0) / f.probabilities.length),
      converged: f.model.converged,
      gradientNorm: Number(f.model.gradientNorm.toExponential(2)),
    })),
    singleFeatureAuc:
      wf.featureAuc && Object.fromEntries(Object.entries(wf.featureAuc).map(([k, v]) => [k, round(v)])),
  };
}

/** The chosen columns of `fm` plus extra per-day columns. */
function variant(fm: FeatureMatrix, cols: number[], extra: ((t: number) => number)[] = []): FeatureMatrix {
  const k = cols.length + extra.length;
  const data = new Float64Array(fm.rows * k);
  for (let i = 0; i < fm.rows; i++) {
    cols.forEach((j, c) => (data[i * k + c] = fm.data[i * fm.cols + j]));
    extra.forEach((f, c) => (data[i * k + cols.length + c] = f(fm.index[i])));
  }
  return { data, rows: fm.rows, cols: k, index: fm.index };
}

const t0 = performance.now();
const wf = walkForward(closes, dates);
const walkForwardMs = performance.now() - t0;
const t1 = performance.now();
const model = trainEarlyWarning(closes);
const trainMs = performance.now() - t1;
const c = model.coefficients;

const out: Record<string, unknown> = {
  data: { file: csv, rows: closes.length, first: dates[0], last: dates[dates.length - 1] },
  label: { horizonDays: wf.horizonDays, threshold: wf.threshold, purgeDays: wf.purgeDays },
  walkForward: report(wf),
  fullModel: {
    trainMs: Math.round(trainMs),
    rows: c.model.rows,
    baseRate: round(c.baseRate),
    trainAuc: round(c.trainAuc),
    alertThreshold: round(c.alertThreshold),
    intercept: round(c.model.intercept),
    coefficients: Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, round(c.model.coefficients[j])])),
    mean: Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, round(c.model.mean[j], 6)])),
    sd: Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, round(c.model.sd[j], 6)])),
    iterations: c.model.iterations,
    gradientNorm: Number(c.model.gradientNorm.toExponential(2)),
    converged: c.model.converged,
    probabilityLastDay: round(model.probabilityOfSeries(closes)),
    lastDay: dates[dates.length - 1],
  },
  walkForwardMs: Math.round(walkForwardMs),
};

if (ablations) {
  const fm = computeFeatures(closes);
  const r = simpleReturns(closes);
  const logVol20 = (t: number): number => Math.log(stdev(r.subarray(t - 20, t)));
  const variants: [string, FeatureMatrix][] = [
    ['logGarchRatio+drawdown', variant(fm, [1, 2])],
    ['without volClustering', variant(fm, [0, 1, 2, 3, 4])],
    ['all six + logVol20 (absolute 20d vol)', variant(fm, [0, 1, 2, 3, 4, 5], [logVol20])],
    ['logVol20 alone', variant(fm, [], [logVol20])],
  ];
  out.ablations = Object.fromEntries(
    variants.map(([name, m]) => [name, summary(walkForward(closes, dates, { featureMatrix: m }).overall)]),
  );
}

console.log(JSON.stringify(out, null, 2));
