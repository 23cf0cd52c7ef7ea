/**
 * Live (intraday) volatility and correlation of the book, from one-second returns of the held
 * underlyings, so breakers react to a spike within seconds rather than at the next daily close.
 *
 * - Per symbol: log return of the mark over each one-second sample; a fast EWMA of its square
 *   (half-life 15 s) is the realised variance, a slow one (half-life 30 min) the normal variance.
 *   The slow one starts from the sample variance of the warm-up window (the first 60 s by default):
 *   the baseline is what this feed normally does, whatever its clock (the simulator replays the
 *   S&P one day per second), never a prior from elsewhere.
 * - Book vol ratio: Σ|w_i|·sqrt(fast_i / slow_i) / Σ|w_i| with w the exposures.
 * - Correlation: EWMA covariances of the one-second returns (half-life 30 s); the book's level is
 *   the exposure-weighted mean of pairwise correlations Σ|w_i||w_j|ρ_ij / Σ|w_i||w_j| (i < j).
 * Nothing is reported before the warm-up completes. Pure: the caller passes time and prices.
 */
export interface LiveMonitorOptions {
  fastHalfLifeS?: number;
  slowHalfLifeS?: number;
  corrHalfLifeS?: number;
  warmupS?: number;
}

interface Sym {
  prev: number;
  fast: number;
  slow: number;
  /** Variance on the correlation half-life, so ρ is a ratio of same-horizon moments. */
  cv: number;
  /** Warm-up sums of squared returns. */
  sumSq: number;
  n: number;
  last: number;
}

const lambda = (halfLife: number): number => Math.pow(0.5, 1 / halfLife);

export class LiveMonitor {
  private readonly syms = new Map<string, Sym>();
  private readonly cov = new Map<string, number>();
  private readonly lf: number;
  private readonly ls: number;
  private readonly lc: number;
  private readonly warmup: number;

  constructor(o: LiveMonitorOptions = {}) {
    this.lf = lambda(o.fastHalfLifeS ?? 15);
    this.ls = lambda(o.slowHalfLifeS ?? 1800);
    this.lc = lambda(o.corrHalfLifeS ?? 30);
    this.warmup = o.warmupS ?? 60;
  }

  /** One sample per second: the current marks of the held underlyings. */
  sample(prices: ReadonlyMap<string, number>): void {
    const rets = new Map<string, number>();
    for (const [sym, p] of prices) {
      if (!(p > 0)) continue;
      const s = this.syms.get(sym);
      if (!s) {
        this.syms.set(sym, { prev: p, fast: 0, slow: 0, cv: 0, sumSq: 0, n: 0, last: 0 });
        continue;
      }
      const r = Math.log(p / s.prev);
      s.prev = p;
      s.last = r;
      rets.set(sym, r);
      const r2 = r * r;
      s.fast = this.lf * s.fast + (1 - this.lf) * r2;
      s.cv = this.lc * s.cv + (1 - this.lc) * r2;
      if (s.n < this.warmup) {
        s.sumSq += r2;
        s.n++;
        if (s.n === this.warmup) s.slow = s.sumSq / s.n;
      } else {
        s.slow = this.ls * s.slow + (1 - this.ls) * r2;
      }
    }
    const keys = [...rets.keys()].sort();
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const k = `${keys[i]}|${keys[j]}`;
        this.cov.set(k, this.lc * (this.cov.get(k) ?? 0) + (1 - this.lc) * rets.get(keys[i])! * rets.get(keys[j])!);
      }
    }
  }

  private corVar(sym: string): number {
    return this.syms.get(sym)?.cv ?? 0;
  }

  /** Book-level readings, or null until every weighted symbol has warmed up. */
  read(weights: ReadonlyMap<string, number>): { volRatio: number; avgCorrelation: number } | null {
    let wsum = 0;
    let ratio = 0;
    const held: [string, number][] = [];
    for (const [sym, w] of weights) {
      const a = Math.abs(w);
      if (a === 0) continue;
      const s = this.syms.get(sym);
      if (!s || s.n < this.warmup || !(s.slow > 0)) return null;
      ratio += a * Math.sqrt(s.fast / s.slow);
      wsum += a;
      held.push([sym, a]);
    }
    if (wsum === 0) return null;
    held.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    let num = 0;
    let den = 0;
    for (let i = 0; i < held.length; i++) {
      for (let j = i + 1; j < held.length; j++) {
        const [a, wa] = held[i];
        const [b, wb] = held[j];
        const va = this.corVar(a);
        const vb = this.corVar(b);
        if (!(va > 0 && vb > 0)) continue;
        // EWMA moments can drift marginally outside [−1, 1] numerically; clamp to a valid ρ.
        const rho = Math.max(-1, Math.min(1, (this.cov.get(`${a}|${b}`) ?? 0) / Math.sqrt(va * vb)));
        num += wa * wb * rho;
        den += wa * wb;
      }
    }
    return { volRatio: ratio / wsum, avgCorrelation: den > 0 ? num / den : 0 };
  }
}
