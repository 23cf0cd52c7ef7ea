/**
 * Binary-classifier metrics for the early-warning model.
 *
 * - ROC AUC by the Mann-Whitney statistic: AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋), R₊ the sum of the
 *   positives' ranks among all scores, tied scores getting their average rank — so a tie between a
 *   positive and a negative counts ½ (the same as sklearn's roc_auc_score). null (undefined) when
 *   either class is absent.
 * - Precision = TP/(TP + FP) (null when nothing is flagged), recall = TP/(TP + FN) (null when there
 *   are no positives), F1 = harmonic mean (null if either is null; 0 if both are 0). A day is
 *   flagged when p >= threshold.
 * - Brier score = mean (p − y)²; `brierBaseline` is the Brier of a constant forecast equal to a
 *   reference rate (the training base rate in walk-forward.ts): the model only adds value below it.
 */

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ClassificationMetrics extends Confusion {
  n: number;
  positives: number;
  baseRate: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  auc: number | null;
  brier: number;
  /** Brier of always predicting `referenceRate`. */
  brierBaseline: number;
}

function checkPair(scores: ArrayLike<number>, labels: ArrayLike<number>, fn: string): void {
  if (scores.length !== labels.length)
    throw new RangeError(`${fn}: scores (${scores.length}) and labels (${labels.length}) differ in length`);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1)
      throw new RangeError(`${fn}: labels[${i}] is ${labels[i]}, expected 0 or 1`);
    if (Number.isNaN(scores[i])) throw new RangeError(`${fn}: scores[${i}] is NaN`);
  }
}

/** ROC AUC (Mann-Whitney with average ranks for ties); null if a class is missing. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  checkPair(scores, labels, 'rocAuc');
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1; // 1-based ranks i+1 .. j+1
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        rankSumPos += avgRank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Confusion counts with "flagged" = score >= threshold. */
export function confusion(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): Confusion {
  checkPair(scores, labels, 'confusion');
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const flagged = scores[i] >= threshold;
    if (labels[i] === 1) {
      if (flagged) c.tp++;
      else c.fn++;
    } else if (flagged) c.fp++;
    else c.tn++;
  }
  return c;
}

/** Precision, recall, F1 from confusion counts (nulls as in the module comment). */
export function precisionRecallF1(c: Confusion): {
  precision: number | null;
  recall: number | null;
  f1: number | null;
} {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : null;
  const f1 =
    precision === null || recall === null
      ? null
      : precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Mean squared error of probabilities against 0/1 outcomes. */
export function brierScore(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkPair(probs, labels, 'brierScore');
  if (labels.length === 0) throw new RangeError('brierScore: no observations');
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (probs[i] - labels[i]) ** 2;
  return s / labels.length;
}

/**
 * The threshold maximising F1 when flagging p >= threshold: a sweep over the distinct scores (each
 * candidate flags every score at or above it). Ties in F1 go to the higher threshold (fewer alarms).
 * @throws RangeError if there are no positives (F1 is undefined everywhere).
 */
export function bestF1Threshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { threshold: number; f1: number } {
  checkPair(scores, labels, 'bestF1Threshold');
  const n = scores.length;
  let totalPos = 0;
  for (let i = 0; i < n; i++) totalPos += labels[i];
  if (totalPos === 0) throw new RangeError('bestF1Threshold: no positive labels');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let best = { threshold: Number.POSITIVE_INFINITY, f1: -1 };
  let tp = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && scores[order[j]] === scores[order[i]]) {
      tp += labels[order[j]];
      j++;
    }
    const flagged = j; // every score >= scores[order[i]]
    const f1 = (2 * tp) / (flagged + totalPos);
    if (f1 > best.f1) best = { threshold: scores[order[i]], f1 };
    i = j;
  }
  return best;
}

/** Every metric at once; `referenceRate` feeds brierBaseline (default: this sample's base rate). */
export function classificationMetrics(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
  referenceRate?: number,
): ClassificationMetrics {
  const c = confusion(probs, labels, threshold);
  const n = labels.length;
  const positives = c.tp + c.fn;
  const baseRate = n > 0 ? positives / n : 0;
  const ref = referenceRate ?? baseRate;
  let brierBaseline = 0;
  for (let i = 0; i < n; i++) brierBaseline += (ref - labels[i]) ** 2;
  return {
    ...c,
    n,
    positives,
    baseRate,
    ...precisionRecallF1(c),
    auc: rocAuc(probs, labels),
    brier: n > 0 ? brierScore(probs, labels) : 0,
    brierBaseline: n > 0 ? brierBaseline / n : 0,
  };
}
