/**
 * Special functions for the risk library: erf/erfc, the standard normal pdf/cdf/quantile, and
 * the chi-square tail for 1 and 2 degrees of freedom (VaR backtests).
 *
 * Accuracy: erf/erfc use W. J. Cody's rational Chebyshev approximations (Math. Comp. 23, 1969;
 * the Netlib SPECFUN `calerf` coefficient sets), ~1e-15 relative. The normal quantile uses
 * Wichura's AS 241 (PPND16, Appl. Statist. 37, 1988), ~1e-16 relative. Both are far inside the
 * 1e-9 the library promises, and the tests check them against an independent series/continued
 * fraction reference.
 */

const SQRT2 = Math.SQRT2;
const INV_SQRT_2PI = 0.3989422804014327; // 1/sqrt(2π)
const INV_SQRT_PI = 0.5641895835477563; // 1/sqrt(π)

// Coefficients below are the published values written as the double each one rounds to (shortest
// round-trip form): identical numbers to the longer printed literals, without lint's precision loss.

// Cody (1969) coefficients. A/B: erf on |x| <= 0.46875; C/D: erfc·exp(x²) on (0.46875, 4];
// P/Q: asymptotic erfc·exp(x²)·x on (4, ∞).
const A0 = 3.1611237438705655,
  A1 = 113.86415415105016,
  A2 = 377.485237685302;
const A3 = 3209.3775891384694,
  A4 = 0.18577770618460315;
const B0 = 23.601290952344122,
  B1 = 244.02463793444417,
  B2 = 1282.6165260773723;
const B3 = 2844.236833439171;
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
] as const;
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
] as const;
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
] as const;
const Q = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
] as const;

/** erf(x) for |x| <= 0.46875 (Cody region 1). */
function erfSmall(x: number): number {
  const z = x * x;
  let num = A4 * z;
  let den = z;
  num = (num + A0) * z;
  den = (den + B0) * z;
  num = (num + A1) * z;
  den = (den + B1) * z;
  num = (num + A2) * z;
  den = (den + B2) * z;
  return (x * (num + A3)) / (den + B3);
}

/** erfc(y) for y > 0.46875 (Cody regions 2 and 3). */
function erfcLarge(y: number): number {
  if (y >= 26.55) return 0; // erfc underflows to 0 in double precision beyond ~26.54
  let r: number;
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    r = (num + C[7]) / (den + D[7]);
  } else {
    const z = 1 / (y * y);
    let num = P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * z;
      den = (den + Q[i]) * z;
    }
    r = (INV_SQRT_PI - (z * (num + P[4])) / (den + Q[4])) / y;
  }
  // exp(-y²) computed as exp(-t²)·exp(-(y-t)(y+t)) with t = y rounded down to 1/16: avoids the
  // cancellation error of forming y² directly (Cody's trick; keeps the tail relative error ~1e-15).
  const t = Math.trunc(y * 16) / 16;
  return Math.exp(-t * t) * Math.exp(-(y - t) * (y + t)) * r;
}

/** Error function erf(x) = 2/√π ∫₀ˣ e^{-t²} dt. NaN in, NaN out. */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const v = 1 - erfcLarge(y);
  return x < 0 ? -v : v;
}

/** Complementary error function erfc(x) = 1 − erf(x), accurate in the upper tail (no cancellation). */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const v = erfcLarge(y);
  return x < 0 ? 2 - v : v;
}

/** Standard normal density φ(x) = e^{-x²/2}/√(2π). */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Standard normal CDF Φ(x) = ½·erfc(−x/√2). Written through erfc rather than 1+erf so the lower
 * tail keeps full relative precision (Φ(−10) ≈ 7.6e-24, not 0).
 */
export function normCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

// Wichura AS 241 (PPND16) coefficients.
const WA = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
] as const;
const WB = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
] as const;
const WC = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
] as const;
const WD = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
] as const;
const WE = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
] as const;
const WF = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
] as const;

function horner(c: readonly number[], x: number): number {
  let v = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) v = v * x + c[i];
  return v;
}

/**
 * Inverse standard normal CDF Φ⁻¹(p) (Wichura AS 241). Returns −∞ at p = 0 and +∞ at p = 1.
 * @throws RangeError if p is NaN or outside [0, 1].
 */
export function normInv(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normInv: p must be in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(WA, r)) / horner(WB, r);
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let v: number;
  if (r <= 5) {
    r -= 1.6;
    v = horner(WC, r) / horner(WD, r);
  } else {
    r -= 5;
    v = horner(WE, r) / horner(WF, r);
  }
  return q < 0 ? -v : v;
}

/**
 * Upper tail P(X > x) of a chi-square with 1 degree of freedom: erfc(√(x/2)).
 * Used for the Kupiec and Christoffersen likelihood-ratio p-values. x < 0 gives 1.
 */
export function chiSquare1Sf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return erfc(Math.sqrt(x / 2));
}

/** Upper tail P(X > x) of a chi-square with 2 degrees of freedom: e^{−x/2}. */
export function chiSquare2Sf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return Math.exp(-x / 2);
}
