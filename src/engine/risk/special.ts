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

// Cody (1969) coefficients. A/B: erf on |x| <= 0.46875; C/D: erfc·exp(x²) on (0.46875, 4];
// P/Q: asymptotic erfc·exp(x²)·x on (4, ∞).
const A0 = 3.1611237438705656, A1 = 113.864154151050156, A2 = 377.485237685302021;
const A3 = 3209.37758913846947, A4 = 0.185777706184603153;
const B0 = 23.6012909523441209, B1 = 244.024637934444173, B2 = 1282.61652607737228;
const B3 = 2844.23683343917062;
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131,
  881.95222124176909, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725,
  2.15311535474403846e-8,
] as const;
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019,
  3290.79923573345963, 4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
] as const;
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
] as const;
const Q = [
  2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191,
  0.00233520497626869185,
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
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    r = (num + C[7]) / (den + D[7]);
  } else {
    const z = 1 / (y * y);
    let num = P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * z;
      den = (den + Q[i]!) * z;
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
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
] as const;
const WB = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
] as const;
const WC = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
] as const;
const WD = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;
const WE = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const WF = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
  7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
] as const;

function horner(c: readonly number[], x: number): number {
  let v = c[c.length - 1]!;
  for (let i = c.length - 2; i >= 0; i--) v = v * x + c[i]!;
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
