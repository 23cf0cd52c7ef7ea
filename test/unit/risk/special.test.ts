import { describe, expect, it } from 'vitest';
import {
  chiSquare1Sf,
  chiSquare2Sf,
  erf,
  erfc,
  normCdf,
  normInv,
  normPdf,
} from '../../../src/engine/risk/special';

// Independent reference: Maclaurin series for erf (|x| <= 2.5) and the Lentz continued fraction for
// erfc (x > 2.5). Slow but simple enough to trust; agreement to 1e-13 validates the Cody tables.
function erfSeries(x: number): number {
  let term = x,
    sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-18 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
function erfcContinuedFraction(x: number): number {
  // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x,
    c = x,
    d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

describe('erf / erfc', () => {
  it('matches published values (scipy.special)', () => {
    expect(erf(1)).toBeCloseTo(0.8427007929497148, 15);
    expect(erf(0.3)).toBeCloseTo(0.3286267594591274, 15);
    expect(erf(0)).toBe(0);
    expect(erf(-1)).toBeCloseTo(-0.8427007929497148, 15);
    expect(erfc(3) / 2.2090496998585445e-5).toBeCloseTo(1, 13);
    expect(erfc(10) / 2.0884875837625446e-45).toBeCloseTo(1, 12);
    expect(erfc(5.5) / 7.357847917974398e-15).toBeCloseTo(1, 13);
    expect(erfc(-2.5)).toBeCloseTo(1.999593047982555, 15);
    expect(erfc(30)).toBe(0);
    expect(erf(30)).toBe(1);
  });

  it('agrees with an independent series / continued-fraction reference to 1e-13 relative', () => {
    for (let x = -2.5; x <= 2.5; x += 0.0173) {
      expect(Math.abs(erf(x) - erfSeries(x))).toBeLessThan(1e-14);
    }
    for (let x = 2.5; x <= 26; x += 0.137) {
      const ref = erfcContinuedFraction(x);
      expect(Math.abs(erfc(x) / ref - 1)).toBeLessThan(1e-13);
    }
  });

  it('passes NaN through', () => {
    expect(erf(Number.NaN)).toBeNaN();
    expect(normCdf(Number.NaN)).toBeNaN();
  });
});

describe('normal distribution', () => {
  it('normCdf / normPdf published values', () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 12); // lower tail keeps relative precision
    expect(normCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normPdf(0)).toBeCloseTo(0.3989422804014327, 16);
    expect(normPdf(1)).toBeCloseTo(0.24197072451914337, 16);
  });

  it('normInv published values', () => {
    expect(normInv(0.975)).toBeCloseTo(1.959963985, 9);
    expect(normInv(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normInv(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normInv(0.05)).toBeCloseTo(-1.6448536269514722, 14);
    expect(normInv(0.5)).toBe(0);
    expect(normInv(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normInv(1e-300)).toBeCloseTo(-37.0470962993612, 10);
    expect(normInv(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normInv(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('normInv inverts normCdf to ~1e-12 across the range', () => {
    for (let x = -8; x <= 8; x += 0.01) {
      expect(Math.abs(normInv(normCdf(x)) - x)).toBeLessThan(
        x < 0 ? 1e-12 : 1e-9 * Math.max(1, Math.exp((x * x) / 4)),
      );
    }
    for (const p of [1e-15, 1e-8, 0.001, 0.02, 0.3, 0.5, 0.7, 0.98, 0.999]) {
      expect(Math.abs(normCdf(normInv(p)) / p - 1)).toBeLessThan(1e-13);
    }
  });

  it('normInv rejects probabilities outside [0, 1] with a RangeError', () => {
    expect(() => normInv(1.5)).toThrow(RangeError);
    expect(() => normInv(-0.1)).toThrow(/normInv: p must be in \[0, 1\]/);
    expect(() => normInv(Number.NaN)).toThrow(RangeError);
  });
});

describe('chi-square tails', () => {
  it('1 dof: the 5 % critical value 3.8415 gives p = 0.05', () => {
    expect(chiSquare1Sf(3.841458820694124)).toBeCloseTo(0.05, 14);
    expect(chiSquare1Sf(0)).toBe(1);
    expect(chiSquare1Sf(-1)).toBe(1);
    expect(chiSquare1Sf(6.6348966010212145)).toBeCloseTo(0.01, 14);
  });
  it('2 dof: 5.9915 gives p = 0.05', () => {
    expect(chiSquare2Sf(5.991464547107979)).toBeCloseTo(0.05, 14);
    expect(chiSquare2Sf(0)).toBe(1);
  });
});
