/**
 * Inner loops of the Monte Carlo VaR engine (mc-var.ts), kept apart so the orchestration stays
 * readable. Nothing here validates: mc-var.ts has checked every input.
 *
 * Option revaluation kernel — exact BSM formula, tabulated Φ:
 *   V(x) = A·g·Φ(d1) − B·Φ(d2)  (+ B − A·g for a put, by parity),
 *   g = e^x the growth factor, x the simulated log-return, d1 = a + x/vt, d2 = d1 − vt,
 *   A = S·e^{(b−r)T'}, B = K·e^{−rT'}, vt = σ√T', T' = T − horizon.
 * Per option we tabulate Φ(d) and Φ(d − vt) on ONE grid in d (step 1/128, cubic Hermite from
 * exact Φ and φ = Φ' from special.ts; error <= h⁴/384·max|Φ⁽⁴⁾| ≈ 4e-12 absolute),
 * over the d1 range the simulated x can reach (m ± 9.5 sd; beyond, a path is priced with
 * `bsmPriceRaw`). Both lookups then share one index and one cache line, and the put parity term
 * is folded into the table (Φ − 1). This is still full revaluation: every path evaluates the BSM
 * formula at its own spot; only Φ comes from a table.
 */
import { bsmPriceRaw } from './options';
import { normCdf, normPdf } from './special';

/** Table resolution in d: 128 nodes per unit. */
const STEPS = 128;
const H = 1 / STEPS;

export interface OptionKernels {
  count: number;
  /** Underlying index per option. */
  u: Int32Array;
  /** units·A and units·B (units = qty·multiplier). */
  ua: Float64Array;
  ub: Float64Array;
  /** Table coordinate s = s0 + x·sx; the table has `last` + 1 intervals (last is constant). */
  s0: Float64Array;
  sx: Float64Array;
  last: Float64Array;
  /** Offset of each option's table in `table` (8 coefficients per interval). */
  offset: Int32Array;
  /** x range covered by the table; outside it the exact formula is used. */
  xLo: Float64Array;
  xHi: Float64Array;
  table: Float64Array;
  /** Parameters for the exact fallback and for the deterministic (vt = 0) case. */
  exact: {
    isCall: boolean;
    S: number;
    K: number;
    T: number;
    r: number;
    b: number;
    v: number;
    units: number;
  }[];
  /** Options with vt = 0 at the horizon (expired or zero vol): intrinsic value of the forward. */
  deterministic: Uint8Array;
}

export interface KernelOption {
  u: number;
  units: number;
  isCall: boolean;
  spot: number;
  strike: number;
  /** Expiry remaining at the horizon, years (>= 0). */
  T: number;
  rate: number;
  carry: number;
  vol: number;
}

/**
 * Precomputes the option kernels. `xCenter[u]` and `xSd[u]` describe the simulated log-return
 * of underlying u (mean and standard deviation), which bound the table ranges.
 */
export function buildOptionKernels(
  options: readonly KernelOption[],
  xCenter: Float64Array,
  xSd: Float64Array,
): OptionKernels {
  const count = options.length;
  const k: OptionKernels = {
    count,
    u: new Int32Array(count),
    ua: new Float64Array(count),
    ub: new Float64Array(count),
    s0: new Float64Array(count),
    sx: new Float64Array(count),
    last: new Float64Array(count),
    offset: new Int32Array(count),
    xLo: new Float64Array(count),
    xHi: new Float64Array(count),
    table: new Float64Array(0),
    exact: [],
    deterministic: new Uint8Array(count),
  };
  const parts: Float64Array[] = [];
  let total = 0;
  options.forEach((o, i) => {
    const vt = o.vol * Math.sqrt(o.T);
    const A = o.spot * Math.exp((o.carry - o.rate) * o.T);
    const B = o.strike * Math.exp(-o.rate * o.T);
    k.u[i] = o.u;
    k.ua[i] = o.units * A;
    k.ub[i] = o.units * B;
    k.exact.push({
      isCall: o.isCall,
      S: o.spot,
      K: o.strike,
      T: o.T,
      r: o.rate,
      b: o.carry,
      v: o.vol,
      units: o.units,
    });
    if (!(vt > 0)) {
      k.deterministic[i] = 1;
      k.offset[i] = total;
      return;
    }
    const a = (Math.log(o.spot / o.strike) + (o.carry + 0.5 * o.vol * o.vol) * o.T) / vt;
    const xLo = xCenter[o.u] - 9.5 * xSd[o.u];
    const xHi = xCenter[o.u] + 9.5 * xSd[o.u];
    // Beyond d1 < −9 both Φ are < 1.2e-19; beyond d1 > 9 + vt both are 1 to double precision,
    // so the grid stops there and coordinates are clamped.
    const dLo = Math.max(a + xLo / vt, -9);
    const dHi = Math.max(Math.min(a + xHi / vt, 9 + vt), dLo);
    const intervals = Math.max(1, Math.ceil((dHi - dLo) * STEPS));
    const put = o.isCall ? 0 : 1;
    const tab = new Float64Array(8 * (intervals + 1));
    let f1 = normCdf(dLo) - put;
    let m1 = normPdf(dLo) * H;
    let g1 = normCdf(dLo - vt) - put;
    let n1 = normPdf(dLo - vt) * H;
    for (let j = 0; j < intervals; j++) {
      const d = dLo + (j + 1) * H;
      const f2 = normCdf(d) - put;
      const m2 = normPdf(d) * H;
      const g2 = normCdf(d - vt) - put;
      const n2 = normPdf(d - vt) * H;
      hermite(tab, 8 * j, f1, f2, m1, m2);
      hermite(tab, 8 * j + 4, g1, g2, n1, n2);
      f1 = f2;
      m1 = m2;
      g1 = g2;
      n1 = n2;
    }
    tab[8 * intervals] = f1; // constant terminal interval for s clamped at the top
    tab[8 * intervals + 4] = g1;
    k.s0[i] = (a - dLo) * STEPS;
    k.sx[i] = STEPS / vt;
    k.last[i] = intervals;
    k.offset[i] = total;
    k.xLo[i] = xLo;
    k.xHi[i] = xHi;
    parts.push(tab);
    total += tab.length;
  });
  k.table = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    k.table.set(p, at);
    at += p.length;
  }
  return k;
}

/** Cubic Hermite coefficients on [0, 1]: f0 + t(c1 + t(c2 + t·c3)). */
function hermite(out: Float64Array, o: number, f0: number, f1: number, m0: number, m1: number): void {
  const df = f1 - f0;
  out[o] = f0;
  out[o + 1] = m0;
  out[o + 2] = 3 * df - 2 * m0 - m1;
  out[o + 3] = m0 + m1 - 2 * df;
}

/**
 * acc[q] += Σ_options value at scenario q, for q < w. X and G are asset-major with row width W;
 * xMin/xMax are the chunk's per-underlying extremes of x (to pick the fast loop).
 */
export function addOptionValues(
  k: OptionKernels,
  X: Float64Array,
  G: Float64Array,
  W: number,
  w: number,
  xMin: Float64Array,
  xMax: Float64Array,
  acc: Float64Array,
): void {
  const T = k.table;
  for (let i = 0; i < k.count; i++) {
    const u = k.u[i];
    const off = u * W;
    const ua = k.ua[i];
    const ub = k.ub[i];
    if (k.deterministic[i] === 1) {
      const e = k.exact[i];
      for (let q = 0; q < w; q++) {
        const fwd = ua * G[off + q] - ub; // units·(forward PV − strike PV)
        acc[q] += e.isCall
          ? e.units >= 0
            ? Math.max(fwd, 0)
            : Math.min(fwd, 0)
          : e.units >= 0
            ? Math.max(-fwd, 0)
            : Math.min(-fwd, 0);
      }
      continue;
    }
    const s0 = k.s0[i];
    const sx = k.sx[i];
    const top = k.last[i];
    const base = k.offset[i];
    const sMin = s0 + xMin[u] * sx;
    const sMax = s0 + xMax[u] * sx;
    if (sMin >= 0 && sMax < top && xMin[u] >= k.xLo[i] && xMax[u] <= k.xHi[i]) {
      // Whole chunk inside the table interior: no clamping needed (the common case).
      for (let q = 0; q < w; q++) {
        const s = s0 + X[off + q] * sx;
        const j = s | 0;
        const t = s - j;
        const o = base + (j << 3);
        const p1 = T[o] + t * (T[o + 1] + t * (T[o + 2] + t * T[o + 3]));
        const p2 = T[o + 4] + t * (T[o + 5] + t * (T[o + 6] + t * T[o + 7]));
        acc[q] += ua * G[off + q] * p1 - ub * p2;
      }
    } else if (xMin[u] >= k.xLo[i] && xMax[u] <= k.xHi[i]) {
      for (let q = 0; q < w; q++) {
        const s = Math.min(Math.max(s0 + X[off + q] * sx, 0), top);
        const j = s | 0;
        const t = s - j;
        const o = base + (j << 3);
        const p1 = T[o] + t * (T[o + 1] + t * (T[o + 2] + t * T[o + 3]));
        const p2 = T[o + 4] + t * (T[o + 5] + t * (T[o + 6] + t * T[o + 7]));
        acc[q] += ua * G[off + q] * p1 - ub * p2;
      }
    } else {
      // Rare (a > 9.5 sd move in this chunk): price those paths with the exact formula.
      const e = k.exact[i];
      for (let q = 0; q < w; q++) {
        const x = X[off + q];
        if (x >= k.xLo[i] && x <= k.xHi[i]) {
          const s = Math.min(Math.max(s0 + x * sx, 0), top);
          const j = s | 0;
          const t = s - j;
          const o = base + (j << 3);
          const p1 = T[o] + t * (T[o + 1] + t * (T[o + 2] + t * T[o + 3]));
          const p2 = T[o + 4] + t * (T[o + 5] + t * (T[o + 6] + t * T[o + 7]));
          acc[q] += ua * G[off + q] * p1 - ub * p2;
        } else {
          acc[q] += e.units * bsmPriceRaw(e.isCall, e.S * G[off + q], e.K, e.T, e.r, e.b, e.v);
        }
      }
    }
  }
}

/** z[q] = L·eps[q] for q < rows (rows a multiple of 8): 8 paths per pass so each L element is loaded once per 8 products. */
export function lowerTimesBlock(
  L: Float64Array,
  n: number,
  eps: Float64Array,
  z: Float64Array,
  rows: number,
): void {
  for (let q = 0; q < rows; q += 8) {
    const e0 = q * n;
    const e1 = e0 + n;
    const e2 = e1 + n;
    const e3 = e2 + n;
    const e4 = e3 + n;
    const e5 = e4 + n;
    const e6 = e5 + n;
    const e7 = e6 + n;
    for (let i = 0; i < n; i++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      const lo = i * n;
      for (let k = 0; k <= i; k++) {
        const l = L[lo + k];
        s0 += l * eps[e0 + k];
        s1 += l * eps[e1 + k];
        s2 += l * eps[e2 + k];
        s3 += l * eps[e3 + k];
        s4 += l * eps[e4 + k];
        s5 += l * eps[e5 + k];
        s6 += l * eps[e6 + k];
        s7 += l * eps[e7 + k];
      }
      z[e0 + i] = s0;
      z[e1 + i] = s1;
      z[e2 + i] = s2;
      z[e3 + i] = s3;
      z[e4 + i] = s4;
      z[e5 + i] = s5;
      z[e6 + i] = s6;
      z[e7 + i] = s7;
    }
  }
}
