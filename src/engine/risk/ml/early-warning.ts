/**
 * The early-warning model's runtime API (the spec's "ML-based risk prediction" and "ML sizing").
 * Method, validation and results: docs/early-warning.md.
 *
 *   trainEarlyWarning(closes)     fit on every labelled day of a close series (the bundled S&P file
 *                                 at engine start: ~1 s, nothing downloaded)
 *   model.probability(x)          P(drawdown > X within N days | features x) in [0, 1]
 *   model.probabilityOfSeries(c)  the same for the last day of a close / equity series
 *   featuresFromSeries(c)         the live feature vector (features.ts)
 *   earlyWarningScore(p)          risk-score component, 100·p (0–100)
 *   mlSizingScale(p)              multiplier for a sizing suggestion, clamp(1.25 − p, 0.25, 1)
 *   volMatchedSeries(c, σ)        a series rescaled to the training volatility, for books that do
 *                                 not move like the S&P (see the function)
 *   model.coefficients            plain data (JSON-safe) to ship or inspect;
 *                                 earlyWarningFromCoefficients() rebuilds the model from it
 *
 * Score component: 100·p is the probability in percent, so the component reads the same as the
 * score's level bands (p >= 0.75 → "high"). The label's base rate on the S&P training days is 26 %,
 * so an ordinary day scores about 26 ("moderate"): a month with a 5 % drawdown is not rare.
 *
 * Sizing: no haircut while p <= 0.25 (about the label's base rate: an ordinary day), then the size
 * falls one-for-one with p (0.5 → ×0.75, 0.75 → ×0.5) down to a floor of ×0.25 at p = 1. The floor
 * keeps the model from vetoing trades on its own; limits and breakers do that.
 */
import {
  FEATURE_NAMES,
  computeFeatures,
  featuresFromSeries,
  firstFeatureDay,
  resolveFeatureOptions,
  type FeatureName,
  type FeatureOptions,
  type ResolvedFeatureOptions,
} from './features';
import { drawdownLabels, resolveLabelOptions, type LabelOptions } from './label';
import { bestF1Threshold, rocAuc } from './metrics';
import {
  fitLogistic,
  predictProba,
  predictProbaRows,
  type LogisticModel,
  type LogisticOptions,
} from './model';
import { simpleReturns } from '../returns';
import { stdev } from '../stats';
import { checkInteger, checkSeries, type Series } from '../validate';

export { featuresFromSeries } from './features';

export interface EarlyWarningOptions {
  features?: FeatureOptions;
  label?: LabelOptions;
  model?: LogisticOptions;
}

/** Everything needed to predict, as plain numbers (JSON round-trips exactly). */
export interface EarlyWarningCoefficients {
  version: 1;
  featureNames: FeatureName[];
  featureOptions: ResolvedFeatureOptions;
  /** Label: drawdown > threshold within horizonDays. */
  horizonDays: number;
  threshold: number;
  model: LogisticModel;
  /** Probability maximising in-sample F1 (an alert level, if one is wanted). */
  alertThreshold: number;
  /** Training base rate of the label and in-sample AUC. */
  baseRate: number;
  trainAuc: number | null;
  /** σ (ddof 1) of the training series' daily returns: the target for volMatchedSeries. */
  trainDailyVol: number;
}

export interface EarlyWarningModel {
  readonly coefficients: EarlyWarningCoefficients;
  /** P(label = 1) for a raw feature vector in FEATURE_NAMES order. */
  probability(features: ArrayLike<number>): number;
  /** P(label = 1) for the last day of `closes` (features from the model's own feature options). */
  probabilityOfSeries(closes: Series): number;
}

/** The knee and floor of mlSizingScale. */
export const ML_SIZING_KNEE = 0.25;
export const ML_SIZING_FLOOR = 0.25;

/**
 * Trains on every day of `closes` that has both features (t >= t0) and a label (t <= n − 1 − N).
 * @throws RangeError if the series is too short for a feature row and a label, a close is not
 *   finite and > 0, or the labels are all one class.
 */
export function trainEarlyWarning(closes: Series, opts?: EarlyWarningOptions): EarlyWarningModel {
  const fo = resolveFeatureOptions(opts?.features);
  const lo = resolveLabelOptions(opts?.label);
  const fm = computeFeatures(closes, fo);
  const y = drawdownLabels(closes, lo);
  let rows = 0;
  while (rows < fm.rows && fm.index[rows] < y.length) rows++;
  if (rows === 0)
    throw new RangeError(
      `trainEarlyWarning: need more than ${firstFeatureDay(fo) + lo.horizonDays} closes for one labelled feature row, got ${closes.length}`,
    );
  const x = fm.data.subarray(0, rows * fm.cols);
  const labels = Uint8Array.from(fm.index.subarray(0, rows), (t) => y[t]);
  const model = fitLogistic(x, fm.cols, labels, opts?.model);
  const inSample = predictProbaRows(model, x);
  return earlyWarningFromCoefficients({
    version: 1,
    featureNames: [...FEATURE_NAMES],
    featureOptions: fo,
    horizonDays: lo.horizonDays,
    threshold: lo.threshold,
    model,
    alertThreshold: bestF1Threshold(inSample, labels).threshold,
    baseRate: model.positives / model.rows,
    trainAuc: rocAuc(inSample, labels),
    trainDailyVol: stdev(simpleReturns(closes)),
  });
}

/**
 * A model from shipped coefficients (the output of trainEarlyWarning(...).coefficients).
 * @throws RangeError if the coefficients do not match the current feature list.
 */
export function earlyWarningFromCoefficients(c: EarlyWarningCoefficients): EarlyWarningModel {
  const names = c.featureNames.join(',');
  if (
    c.version !== 1 ||
    names !== FEATURE_NAMES.join(',') ||
    c.model.coefficients.length !== FEATURE_NAMES.length
  )
    throw new RangeError(
      `earlyWarningFromCoefficients: expected version 1 with features ${FEATURE_NAMES.join(',')}, got ${names}`,
    );
  const coefficients = c;
  return {
    coefficients,
    probability: (features) => predictProba(coefficients.model, features),
    probabilityOfSeries: (closes) =>
      predictProba(coefficients.model, featuresFromSeries(closes, coefficients.featureOptions)),
  };
}

export interface VolMatchedSeries {
  closes: Float64Array;
  /** k = targetDailyVol / σ of the input's last `window` returns. */
  scale: number;
}

/**
 * The series with every simple return multiplied by k = targetDailyVol / σ (σ of its last `window`
 * returns, ddof 1; default every return given — the live store's 1,000 days — so k reflects the
 * book's typical volatility, not this month's), recompounded from the first close. Why: the model
 * learned S&P-sized moves; a book at 3× the S&P's volatility has drawdowns and momenta outside that
 * range (the linear logit then extrapolates towards p = 1), and "5 % within 20 days" is nearly
 * always true for it. Rescaled, the scale-free features (vol ratios, clustering) are unchanged,
 * drawdown and momentum shrink by about k, and p reads as P(drawdown > X / k within N days) for the
 * original series: the same event measured in units of the series' own volatility.
 * @throws RangeError on fewer than window + 1 closes, a constant window, a bad target, or a
 *   rescaled return <= −100 % (k > 1 on a series with a huge loss).
 */
export function volMatchedSeries(
  closes: Series,
  targetDailyVol: number,
  window = closes.length - 1,
): VolMatchedSeries {
  checkInteger(window, 'volMatchedSeries', 'window', 2);
  checkSeries(closes, 'volMatchedSeries', 'closes', window + 1);
  if (!(targetDailyVol > 0 && Number.isFinite(targetDailyVol)))
    throw new RangeError(`volMatchedSeries: targetDailyVol must be > 0, got ${targetDailyVol}`);
  const r = simpleReturns(closes);
  const sigma = stdev(r.subarray(r.length - window));
  if (!(sigma > 0)) throw new RangeError('volMatchedSeries: the window is constant (zero volatility)');
  const scale = targetDailyVol / sigma;
  const out = new Float64Array(closes.length);
  out[0] = closes[0];
  for (let i = 0; i < r.length; i++) {
    const g = 1 + scale * r[i];
    if (!(g > 0)) throw new RangeError(`volMatchedSeries: return ${i} rescaled by ${scale} is <= −100 %`);
    out[i + 1] = out[i] * g;
  }
  return { closes: out, scale };
}

function checkP(p: number, fn: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: p must be a probability in [0, 1], got ${p}`);
}

/** Risk-score component in [0, 100]: 100·p (module comment). */
export function earlyWarningScore(p: number): number {
  checkP(p, 'earlyWarningScore');
  return 100 * p;
}

/** Sizing multiplier clamp(1.25 − p, 0.25, 1) (module comment). */
export function mlSizingScale(p: number): number {
  checkP(p, 'mlSizingScale');
  return Math.min(1, Math.max(ML_SIZING_FLOOR, 1 - (p - ML_SIZING_KNEE)));
}
