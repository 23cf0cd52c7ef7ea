/**
 * Input checks shared by the risk library. Every public function validates its arguments up front
 * and throws a RangeError naming the argument and the reason, so a bad series fails loudly at the
 * boundary instead of surfacing later as a NaN in a report.
 */

/** A numeric series: typed arrays are the norm, plain arrays are accepted for convenience. */
export type Series = Float64Array | readonly number[];

/**
 * Throws unless `x` has at least `minLength` elements, all finite.
 * @param fn function name used in the message, e.g. "historicalVar".
 * @param name argument name, e.g. "returns".
 */
export function checkSeries(x: Series, fn: string, name: string, minLength: number): void {
  if (x.length < minLength) {
    throw new RangeError(`${fn}: ${name} needs at least ${minLength} values, got ${x.length}`);
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${name}[${i}] is ${v}, expected a finite number`);
  }
}

/** Throws unless 0 < p < 1 (confidence levels, probabilities). */
export function checkProbability(p: number, fn: string, name: string): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`${fn}: ${name} must be strictly between 0 and 1, got ${p}`);
}

/** Throws unless `v` is a finite number > 0 (or >= 0 with `allowZero`). */
export function checkPositive(v: number, fn: string, name: string, allowZero = false): void {
  const ok = Number.isFinite(v) && (allowZero ? v >= 0 : v > 0);
  if (!ok)
    throw new RangeError(`${fn}: ${name} must be a finite number ${allowZero ? '>= 0' : '> 0'}, got ${v}`);
}

/** Throws unless `v` is an integer >= min. */
export function checkInteger(v: number, fn: string, name: string, min: number): void {
  if (!Number.isInteger(v) || v < min)
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${v}`);
}

/**
 * True if x[from..to) holds a single repeated value. Tested on the values themselves, not on a
 * computed variance: the mean of ten 0.01s is not exactly 0.01, so a "constant" series would get
 * a tiny non-zero variance and slip past a `variance === 0` check.
 */
export function isConstant(x: Series, from = 0, to = x.length): boolean {
  const first = x[from];
  for (let i = from + 1; i < to; i++) if (x[i] !== first) return false;
  return true;
}
