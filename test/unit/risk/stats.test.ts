import { describe, expect, it } from 'vitest';
import {
  correlation,
  excessKurtosis,
  mean,
  moments,
  quantile,
  skewness,
  stdev,
  variance,
} from '../../../src/engine/risk/stats';
import { equityCurve, logReturns, simpleReturns } from '../../../src/engine/risk/returns';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('returns', () => {
  it('simple and log returns of a hand-checked series', () => {
    const p = f([100, 110, 99, 99]);
    const s = simpleReturns(p);
    expect(s.length).toBe(3);
    expect(s[0]).toBeCloseTo(0.1, 15);
    expect(s[1]).toBeCloseTo(-0.1, 15);
    expect(s[2]).toBe(0);
    const l = logReturns(p);
    expect(l[0]).toBeCloseTo(Math.log(1.1), 15);
    expect(l[1]).toBeCloseTo(Math.log(0.9), 15);
  });

  it('equity curve starts at base and compounds', () => {
    const e = equityCurve(f([0.1, -0.1]), 100);
    expect(Array.from(e)).toEqual([100, 110.00000000000001, 99.00000000000001]);
  });

  it('rejects too short, non-finite and non-positive prices, naming the index', () => {
    expect(() => simpleReturns(f([100]))).toThrow(/simpleReturns: prices needs at least 2 values, got 1/);
    expect(() => simpleReturns(f([100, Number.NaN]))).toThrow(/prices\[1\] is NaN/);
    expect(() => logReturns(f([100, 0, 3]))).toThrow(/prices\[1\] is 0, prices must be > 0/);
    expect(() => simpleReturns(f([100, -5]))).toThrow(RangeError);
    expect(() => equityCurve(f([0.1]), 0)).toThrow(/base must be > 0/);
  });
});

describe('moments', () => {
  const x = f([2, 4, 4, 4, 5, 5, 7, 9]); // mean 5, population variance 4

  it('mean, variance and stdev with ddof', () => {
    expect(mean(x)).toBe(5);
    expect(variance(x, 0)).toBe(4);
    expect(variance(x)).toBeCloseTo(32 / 7, 15); // default ddof = 1
    expect(stdev(x, 0)).toBe(2);
    expect(stdev(x, 1)).toBeCloseTo(Math.sqrt(32 / 7), 15);
  });

  it('population skewness and excess kurtosis match scipy.stats defaults', () => {
    // scipy.stats.skew([2,4,4,4,5,5,7,9]) = 0.65625, kurtosis(...) = -0.21875
    expect(skewness(x)).toBeCloseTo(0.65625, 14);
    expect(excessKurtosis(x)).toBeCloseTo(-0.21875, 14);
    const m = moments(x);
    expect(m.stdev).toBeCloseTo(Math.sqrt(32 / 7), 15);
    expect(m.n).toBe(8);
  });

  it('rejects degenerate input', () => {
    expect(() => mean(f([]))).toThrow(/mean: x needs at least 1 values, got 0/);
    expect(() => variance(f([1]), 1)).toThrow(/variance: x needs at least 2 values/);
    expect(() => variance(x, 1.5)).toThrow(/ddof must be an integer/);
    expect(() => skewness(f([3, 3, 3, 3]))).toThrow(/constant/);
    expect(() => mean(f([1, Number.POSITIVE_INFINITY]))).toThrow(/x\[1\] is Infinity/);
  });

  it('correlation', () => {
    expect(correlation(f([1, 2, 3]), f([2, 4, 6]))).toBeCloseTo(1, 15);
    expect(correlation(f([1, 2, 3]), f([3, 2, 1]))).toBeCloseTo(-1, 15);
    expect(() => correlation(f([1, 2]), f([1, 2, 3]))).toThrow(/differ in length/);
    expect(() => correlation(f([1, 1]), f([1, 2]))).toThrow(/constant/);
  });
});

describe('quantile', () => {
  // numpy.quantile([1..10 shuffled], p, method=...)
  const x = f([7, 1, 10, 3, 5, 2, 9, 4, 8, 6]);

  it('linear = numpy default (type 7)', () => {
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 1)).toBe(10);
    expect(quantile(x, 0.5)).toBe(5.5);
    expect(quantile(x, 0.05)).toBeCloseTo(1.45, 14);
    expect(quantile(x, 0.25)).toBeCloseTo(3.25, 14);
  });

  it('lower = order statistic floor((n-1)p)', () => {
    expect(quantile(x, 0.05, 'lower')).toBe(1);
    expect(quantile(x, 0.5, 'lower')).toBe(5);
    expect(quantile(x, 0.25, 'lower')).toBe(3);
    expect(quantile(x, 1, 'lower')).toBe(10);
  });

  it('does not mutate its input and validates arguments', () => {
    const copy = Float64Array.from(x);
    quantile(x, 0.3);
    expect(x).toEqual(copy);
    expect(() => quantile(x, 1.2)).toThrow(/p must be in \[0, 1\]/);
    expect(() => quantile(x, 0.5, 'nearest' as 'linear')).toThrow(
      /quantile method must be one of linear, lower/,
    );
  });
});
