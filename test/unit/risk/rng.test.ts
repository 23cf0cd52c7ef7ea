import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/risk/rng';

describe('createRng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(42),
      b = createRng(42),
      c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    // Large and negative integer seeds are valid and distinct.
    expect(createRng(2 ** 40).next()).not.toBe(createRng(0).next());
    expect(createRng(-1).next()).not.toBe(createRng(1).next());
  });

  it('next() is uniform on [0, 1): range, mean, variance, bucket counts', () => {
    const r = createRng(7);
    const n = 200_000;
    const buckets = new Array<number>(10).fill(0);
    let s = 0,
      ss = 0,
      lo = 1,
      hi = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      s += u;
      ss += u * u;
      buckets[Math.floor(u * 10)]++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(s / n).toBeCloseTo(0.5, 2);
    expect(ss / n - (s / n) ** 2).toBeCloseTo(1 / 12, 3);
    // Chi-square with 9 dof: 99.9 % critical value is 27.88.
    const chi = buckets.reduce((acc, b) => acc + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi).toBeLessThan(27.88);
  });

  it('normal() has mean 0, variance 1, skew 0, kurtosis 3 and normal tail frequencies', () => {
    const r = createRng(2024);
    const n = 200_000;
    let s = 0,
      s2 = 0,
      s3 = 0,
      s4 = 0,
      tail = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      s3 += z ** 3;
      s4 += z ** 4;
      if (z < -1.959963984540054) tail++;
    }
    expect(s / n).toBeCloseTo(0, 2);
    expect(s2 / n).toBeCloseTo(1, 1);
    expect(Math.abs(s3 / n)).toBeLessThan(0.05);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.1);
    expect(Math.abs(tail / n - 0.025)).toBeLessThan(0.002);
  });

  it('methods work detached (no `this`)', () => {
    const { normal, next } = createRng(1);
    expect(Number.isFinite(normal())).toBe(true);
    expect(next()).toBeLessThan(1);
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(/seed must be a finite number/);
  });
});
