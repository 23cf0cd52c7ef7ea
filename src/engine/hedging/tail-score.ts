/**
 * The tail-risk score that drives hedging (docs/hedging.md, "Tail-risk score"). Pure: numbers in,
 * numbers out.
 *
 *   c  = CVaR99 / equity                       (1-day historical CVaR at 99 %, a loss fraction)
 *   s  = worst stress-grid loss / equity       (instantaneous, multi-factor; a loss fraction)
 *   base = 0.6·c + 0.4·s/4                     (the stress loss is a multi-day crash, so a quarter
 *                                               of it is weighted as comparable to a 1-day CVaR)
 *   shape  = clamp(max(0, −skew)/2 + max(0, excess kurtosis)/10, 0, 1)   (fat left tail of the P&L)
 *   regime = clamp((volRatio − 1)/2, 0, 1)     (recent/long vol: 1 → 0, 3 → 1)
 *   score  = base · (1 + 0.5·shape) · (1 + regime)
 *
 * The score is therefore in units of "tail loss as a fraction of equity", inflated up to 1.5× for a
 * fat left tail and up to 2× in a high-volatility regime, so the spec's threshold 0.05 reads as
 * "an adjusted tail loss of 5 % of equity". Hedges are assumed to reduce c and s in the same
 * proportion as they reduce the loss at the tail shock (so score after = score × lossAfter/lossBefore).
 */

export interface TailInputs {
  equity: number;
  /** 1-day 99 % CVaR, USD, positive loss. */
  cvar99: number;
  /** The book's P&L history (USD), for skew and kurtosis. */
  pnl: ArrayLike<number>;
  volRatio: number;
  regime: string;
  /** Worst stress-grid P&L, USD (negative = loss). */
  worstStressPnl: number;
}

export interface TailScore {
  score: number;
  components: { cvar: number; shape: number; regime: number; stress: number };
  inputs: { equity: number; cvar99: number; cvarPct: number; skew: number; excessKurtosis: number; volRatio: number; regime: string; worstStressLoss: number; worstStressPct: number };
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Sample skewness and excess kurtosis (moment estimators, population form); 0 for < 4 points or zero variance. */
export function moments(x: ArrayLike<number>): { mean: number; sd: number; skew: number; excessKurtosis: number } {
  const n = x.length;
  if (n < 4) return { mean: 0, sd: 0, skew: 0, excessKurtosis: 0 };
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
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
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0)) return { mean: m, sd: 0, skew: 0, excessKurtosis: 0 };
  return { mean: m, sd: Math.sqrt(m2), skew: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

/** The score (module doc). @throws RangeError naming the field for a non-finite or non-positive equity. */
export function tailScore(t: TailInputs): TailScore {
  if (!(Number.isFinite(t.equity) && t.equity > 0)) throw new RangeError(`tailScore: equity must be a finite number > 0, got ${t.equity}`);
  if (!Number.isFinite(t.cvar99)) throw new RangeError(`tailScore: cvar99 must be finite, got ${t.cvar99}`);
  if (!Number.isFinite(t.worstStressPnl)) throw new RangeError(`tailScore: worstStressPnl must be finite, got ${t.worstStressPnl}`);
  const mo = moments(t.pnl);
  const c = Math.max(0, t.cvar99) / t.equity;
  const stressLoss = Math.max(0, -t.worstStressPnl);
  const s = stressLoss / t.equity;
  const shape = clamp(Math.max(0, -mo.skew) / 2 + Math.max(0, mo.excessKurtosis) / 10, 0, 1);
  const vr = Number.isFinite(t.volRatio) ? t.volRatio : 1;
  const regime = clamp((vr - 1) / 2, 0, 1);
  const base = 0.6 * c + (0.4 * s) / 4;
  const score = base * (1 + 0.5 * shape) * (1 + regime);
  return {
    score,
    components: { cvar: c, shape, regime, stress: s },
    inputs: { equity: t.equity, cvar99: t.cvar99, cvarPct: c, skew: mo.skew, excessKurtosis: mo.excessKurtosis, volRatio: vr, regime: t.regime, worstStressLoss: stressLoss, worstStressPct: s },
  };
}

/** OLS regression y = α + β·x over the common tail of both series (aligned at their ends). */
export function olsBeta(y: ArrayLike<number>, x: ArrayLike<number>): { alpha: number; beta: number; r2: number; n: number } {
  const n = Math.min(y.length, x.length);
  if (n < 3) return { alpha: 0, beta: 0, r2: 0, n };
  const oy = y.length - n,
    ox = x.length - n;
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[ox + i];
    my += y[oy + i];
  }
  mx /= n;
  my /= n;
  let sxx = 0,
    sxy = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[ox + i] - mx,
      dy = y[oy + i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return { alpha: my, beta: 0, r2: 0, n };
  const beta = sxy / sxx;
  return { alpha: my - beta * mx, beta, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 0, n };
}

/** EWMA (RiskMetrics, λ = 0.94) daily volatility of a return series, zero mean, seeded with the first 20 days' variance. */
export function ewmaVol(r: ArrayLike<number>, lambda = 0.94): number {
  const n = r.length;
  if (n === 0) return 0;
  const seed = Math.min(20, n);
  let v = 0;
  for (let i = 0; i < seed; i++) v += r[i] * r[i];
  v /= seed;
  for (let i = seed; i < n; i++) v = lambda * v + (1 - lambda) * r[i] * r[i];
  return Math.sqrt(v);
}
