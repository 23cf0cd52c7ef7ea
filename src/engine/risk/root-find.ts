/**
 * Scalar root finding for the portfolio half of the risk library (implied volatility, optimal f).
 *
 * Brent's method (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4; the
 * classic `zeroin`): inverse quadratic interpolation / secant steps, falling back to bisection
 * whenever interpolation would not shrink the bracket fast enough. It never leaves the bracket, so
 * it is the safe fallback behind every Newton iteration in this folder.
 */

export interface RootResult {
  /** The abscissa found. */
  x: number;
  /** f(x) at the returned point. */
  fx: number;
  /** Iterations used. */
  iterations: number;
  /** True when |b − a| shrank below the tolerance or f hit exactly 0. */
  converged: boolean;
}

/**
 * Finds a root of `f` in [a, b]. f(a) and f(b) must have opposite signs (or one be 0).
 * @param xTol absolute tolerance on x (a relative 4·ε·|x| term is always added, as in zeroin).
 * @throws RangeError if the bracket is not finite or does not straddle a sign change.
 */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  xTol = 1e-14,
  maxIter = 200,
): RootResult {
  if (!Number.isFinite(a) || !Number.isFinite(b))
    throw new RangeError(`brentRoot: bracket [${a}, ${b}] must be finite`);
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return { x: a, fx: 0, iterations: 0, converged: true };
  if (fb === 0) return { x: b, fx: 0, iterations: 0, converged: true };
  if (!(fa * fb < 0)) {
    throw new RangeError(`brentRoot: f(a) = ${fa} and f(b) = ${fb} must have opposite signs on [${a}, ${b}]`);
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 1; iter <= maxIter; iter++) {
    if (fb * fc > 0) {
      // Keep the root between b and c.
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xTol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return { x: b, fx: fb, iterations: iter, converged: true };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // Interpolation: secant when only two distinct points, inverse quadratic otherwise.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return { x: b, fx: fb, iterations: maxIter, converged: false };
}
