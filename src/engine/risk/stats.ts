/**
 * Descriptive statistics on Float64Array series.
 *
 * Conventions (chosen to match the Python tools risk people check against):
 * - variance/stdev take `ddof` (delta degrees of freedom, divisor n − ddof). Default ddof = 1
 *   (sample estimator, as pandas/quantstats); numpy's default is ddof = 0.
 * - skewness and excess kurtosis are the population (biased) moment ratios, identical to
 *   scipy.stats.skew / scipy.stats.kurtosis with their defaults (bias=True, fisher=True):
 *   g1 = m3 / m2^{3/2}, g2 = m4 / m2² − 3, with m_k = (1/n) Σ (x − x̄)^k.
 *   (pandas .skew()/.kurt() use the bias-corrected G1/G2 instead; they differ by O(1/n).)
 * - quantile: `linear` is numpy's default (Hyndman & Fan type 7): h = (n − 1)p,
 *   Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) on the 0-based sorted sample. `lower` is numpy's
 *   method="lower": the order statistic x₍⌊(n − 1)p⌋₎, never interpolated.
 */
import { checkInteger, checkSeries, isConstant, type Series } from './validate';

export type QuantileMethod = 'linear' | 'lower';

export const QUANTILE_METHODS: readonly QuantileMethod[] = ['linear', 'lower'];

/** Arithmetic mean. @throws RangeError on an empty series or a non-finite value. */
export function mean(x: Series): number {
  checkSeries(x, 'mean', 'x', 1);
  return meanUnchecked(x);
}

/** Mean without validation, for callers that already checked the series. */
export function meanUnchecked(x: Series): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/**
 * Variance with divisor n − ddof (two-pass, so no catastrophic cancellation on price-level data).
 * @param ddof delta degrees of freedom; default 1 (sample variance).
 * @throws RangeError if n <= ddof or a value is not finite.
 */
export function variance(x: Series, ddof = 1): number {
  checkInteger(ddof, 'variance', 'ddof', 0);
  checkSeries(x, 'variance', 'x', ddof + 1);
  const m = meanUnchecked(x);
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    ss += d * d;
  }
  return ss / (x.length - ddof);
}

/** Standard deviation √variance(x, ddof); default ddof = 1. */
export function stdev(x: Series, ddof = 1): number {
  return Math.sqrt(variance(x, ddof));
}

/** The first four moments computed in one sweep over the data. */
export interface Moments {
  n: number;
  mean: number;
  /** Sample standard deviation, ddof = 1. */
  stdev: number;
  /** Population skewness g1 (scipy.stats.skew default). */
  skewness: number;
  /** Population excess kurtosis g2 (scipy.stats.kurtosis default; normal = 0). */
  excessKurtosis: number;
}

/**
 * Mean, sample stdev (ddof = 1), population skewness and excess kurtosis.
 * @throws RangeError if fewer than 3 values, a value is not finite, or the series is constant
 *   (the moment ratios are undefined when m2 = 0).
 */
export function moments(x: Series): Moments {
  checkSeries(x, 'moments', 'x', 3);
  if (isConstant(x)) throw new RangeError('moments: x is constant, skewness and kurtosis are undefined');
  const n = x.length;
  const m = meanUnchecked(x);
  let m2 = 0,
    m3 = 0,
    m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const stdevSample = Math.sqrt(m2 / (n - 1));
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return {
    n,
    mean: m,
    stdev: stdevSample,
    skewness: m3 / Math.pow(m2, 1.5),
    excessKurtosis: m4 / (m2 * m2) - 3,
  };
}

/** Population skewness g1 = m3 / m2^{3/2} (scipy.stats.skew, bias=True). */
export function skewness(x: Series): number {
  return moments(x).skewness;
}

/** Population excess kurtosis g2 = m4 / m2² − 3 (scipy.stats.kurtosis, fisher=True, bias=True). */
export function excessKurtosis(x: Series): number {
  return moments(x).excessKurtosis;
}

/** Ascending sorted copy (the input is never mutated). */
export function sortedCopy(x: Series): Float64Array {
  const s = Float64Array.from(x);
  s.sort(); // typed-array sort is numeric, unlike Array.prototype.sort
  return s;
}

/**
 * Quantile of an already ascending-sorted sample; see the module comment for the methods.
 * No validation: callers pass a sorted, finite, non-empty sample and 0 <= p <= 1.
 */
export function quantileSorted(sorted: Float64Array, p: number, method: QuantileMethod = 'linear'): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  if (method === 'lower' || lo >= sorted.length - 1) return sorted[Math.min(lo, sorted.length - 1)];
  const frac = h - lo;
  const a = sorted[lo];
  return frac === 0 ? a : a + frac * (sorted[lo + 1] - a);
}

/**
 * Sample quantile at probability p in [0, 1].
 * @param method `linear` (default, numpy type 7) or `lower` (order statistic ⌊(n − 1)p⌋).
 * @throws RangeError on an empty series, a non-finite value, p outside [0, 1] or an unknown method.
 */
export function quantile(x: Series, p: number, method: QuantileMethod = 'linear'): number {
  checkSeries(x, 'quantile', 'x', 1);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  checkQuantileMethod(method, 'quantile');
  return quantileSorted(sortedCopy(x), p, method);
}

/** @throws RangeError unless `method` is one of QUANTILE_METHODS. */
export function checkQuantileMethod(method: string, fn: string): asserts method is QuantileMethod {
  if (!(QUANTILE_METHODS as readonly string[]).includes(method)) {
    throw new RangeError(
      `${fn}: quantile method must be one of ${QUANTILE_METHODS.join(', ')}, got '${method}'`,
    );
  }
}

/** Pearson correlation of two equal-length series (ddof cancels). @throws on constant input. */
export function correlation(x: Series, y: Series): number {
  checkSeries(x, 'correlation', 'x', 2);
  checkSeries(y, 'correlation', 'y', 2);
  if (x.length !== y.length)
    throw new RangeError(`correlation: x and y differ in length (${x.length} vs ${y.length})`);
  const mx = meanUnchecked(x),
    my = meanUnchecked(y);
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx,
      dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (isConstant(x) || isConstant(y))
    throw new RangeError('correlation: a series is constant, correlation is undefined');
  return sxy / Math.sqrt(sxx * syy);
}
