/**
 * The early-warning target: "a drawdown beyond X within the next N days".
 *
 *   fwdMaxDD_t = max drawdown of the path close_t, close_{t+1}, …, close_{t+N}
 *              = max over t <= i <= j <= t+N of (1 − close_j / max(close_t..close_i))
 *   y_t        = 1 if fwdMaxDD_t > X, else 0
 *
 * The window starts AT close_t, so a straight fall from today's close counts, and so does a rally
 * followed by a fall of more than X from the new high inside the window (a drawdown the book would
 * live through, whichever day it peaks). Defaults N = 20 trading days (about a month: the risk
 * engine's drawdown-forecast horizon) and X = 5 % (a one-month S&P loss big enough to matter,
 * frequent enough to learn from: 28 % of the labelled S&P days 2000–2020, 22 % of 2004–2020).
 *
 * Day t needs close_{t+N}, so labels exist for t = 0 .. n − 1 − N only; the last N days (incomplete
 * horizon) get none. Consecutive labels share N − 1 future closes: they overlap, which is why
 * walk-forward.ts purges N days between training and test data.
 */
import { checkInteger, checkSeries, type Series } from '../validate';

export interface LabelOptions {
  /** N, trading days ahead; default 20. */
  horizonDays?: number;
  /** X, drawdown depth as a positive fraction; default 0.05. */
  threshold?: number;
}

export const DEFAULT_LABEL_OPTIONS: Readonly<Required<LabelOptions>> = Object.freeze({
  horizonDays: 20,
  threshold: 0.05,
});

export function resolveLabelOptions(opts?: LabelOptions): Required<LabelOptions> {
  const o = { ...DEFAULT_LABEL_OPTIONS, ...opts };
  checkInteger(o.horizonDays, 'labels', 'horizonDays', 1);
  if (!(o.threshold > 0 && o.threshold < 1))
    throw new RangeError(`labels: threshold must be in (0, 1), got ${o.threshold}`);
  return o;
}

/**
 * fwdMaxDD_t for t = 0 .. n − 1 − N (length max(0, n − N)); positive fractions.
 * @throws RangeError on a non-finite or non-positive close, or a bad horizon.
 */
export function forwardMaxDrawdown(
  closes: Series,
  horizonDays = DEFAULT_LABEL_OPTIONS.horizonDays,
): Float64Array {
  checkInteger(horizonDays, 'forwardMaxDrawdown', 'horizonDays', 1);
  checkSeries(closes, 'forwardMaxDrawdown', 'closes', 1);
  for (let i = 0; i < closes.length; i++) {
    if (!(closes[i] > 0))
      throw new RangeError(`forwardMaxDrawdown: closes[${i}] is ${closes[i]}, must be > 0`);
  }
  const m = Math.max(0, closes.length - horizonDays);
  const out = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    let peak = closes[t];
    let worst = 0;
    for (let j = t + 1; j <= t + horizonDays; j++) {
      const v = closes[j];
      if (v > peak) peak = v;
      else if (1 - v / peak > worst) worst = 1 - v / peak;
    }
    out[t] = worst;
  }
  return out;
}

/**
 * y_t = 1 if fwdMaxDD_t > threshold, for t = 0 .. n − 1 − N (module comment).
 * @throws RangeError as forwardMaxDrawdown, or a threshold outside (0, 1).
 */
export function drawdownLabels(closes: Series, opts?: LabelOptions): Uint8Array {
  const o = resolveLabelOptions(opts);
  const dd = forwardMaxDrawdown(closes, o.horizonDays);
  const y = new Uint8Array(dd.length);
  for (let t = 0; t < dd.length; t++) y[t] = dd[t] > o.threshold ? 1 : 0;
  return y;
}
