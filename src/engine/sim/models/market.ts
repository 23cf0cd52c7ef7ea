/**
 * Price model for the simulator universe:
 *
 *  - correlated GBM via a one-factor model: z_i = b_i·m + √(1−b_i²)·ε_i, so corr(i, j) = b_i·b_j;
 *  - GARCH(1,1)-style volatility clustering: a variance multiplier v (long-run mean 1) updated
 *    once per `garch.stepSec` of simulated time from the aggregated standardised return Z over
 *    that interval: v ← (1−α−β) + α·v·Z² + β·v (clamped to [0.05, 25]);
 *  - Merton jumps: Poisson arrivals (`jumps.perDay`) with normal log sizes, clipped;
 *  - scenario overlays (crash factor, vol/spread multipliers, correlation spike, liquidity gaps);
 *  - the 'sp500' instrument replays real S&P 500 closes instead of simulating.
 *
 * Time: `step(dtMs)` advances by dtMs of wall time; the GBM runs at `timeScale` simulated seconds
 * per wall second (1 = real time), the replay at one trading day per `replayDayMs`.
 */
import type { Rng } from '../../risk/rng';
import { DailyReplay, type DailySeries } from './sp500';
import type { Scenarios } from './scenarios';
import type { InstrumentSpec } from './universe';

const YEAR_SEC = 365 * 24 * 3600;
const DAY_SEC = 24 * 3600;

export interface MarketModelOptions {
  timeScale: number;
  garch: { alpha: number; beta: number; stepSec: number };
  jumps: { perDay: number; sizeSd: number; maxAbs: number };
  replayDayMs: number;
  sp500: DailySeries | undefined;
}

export const DEFAULT_MODEL: Omit<MarketModelOptions, 'sp500'> = {
  timeScale: 1,
  garch: { alpha: 0.1, beta: 0.85, stepSec: 60 },
  jumps: { perDay: 0.5, sizeSd: 0.015, maxAbs: 0.08 },
  replayDayMs: 1000,
};

interface State {
  spec: InstrumentSpec;
  logPrice: number;
  v: number;
  sumZ: number;
  elapsed: number;
  replay: DailyReplay | undefined;
  /** Permanent level multiplier from settled scenarios (flash-crash end level). */
  level: number;
  mid: number;
}

export class MarketModel {
  private readonly states: State[];
  private wallMs = 0;

  constructor(
    universe: readonly InstrumentSpec[],
    private readonly rng: Rng,
    private readonly scenarios: Scenarios,
    private readonly opts: MarketModelOptions,
  ) {
    this.states = universe.map((spec) => {
      const replay =
        spec.model === 'sp500' && opts.sp500 ? new DailyReplay(opts.sp500, opts.replayDayMs) : undefined;
      const start = replay ? replay.first : spec.start;
      return { spec, logPrice: Math.log(start), v: 1, sumZ: 0, elapsed: 0, replay, level: 1, mid: start };
    });
  }

  get size(): number {
    return this.states.length;
  }

  spec(i: number): InstrumentSpec {
    return this.states[i].spec;
  }

  /** Current mid price including scenario overlays. */
  mid(i: number): number {
    return this.states[i].mid;
  }

  /** Current GARCH variance multiplier (1 = long-run average). */
  varianceMultiplier(i: number): number {
    return this.states[i].v;
  }

  /** Multiplies the base level of matching symbols (used when a crash settles). */
  settle(symbols: Set<string> | undefined, factor: number): void {
    for (const s of this.states) if (!symbols || symbols.has(s.spec.symbol)) s.level *= factor;
  }

  step(dtMs: number, nowMs: number): void {
    if (!(dtMs > 0)) return;
    this.wallMs += dtMs;
    const dt = (dtMs / 1000) * this.opts.timeScale;
    const { garch, jumps } = this.opts;
    const m = this.rng.normal();
    const sqrtDtYear = Math.sqrt(dt / YEAR_SEC);
    const jumpProb = jumps.perDay * (dt / DAY_SEC);
    for (const s of this.states) {
      const sym = s.spec.symbol;
      const b = this.scenarios.beta(sym, s.spec.beta);
      const z = b * m + Math.sqrt(1 - b * b) * this.rng.normal();
      if (s.replay) {
        // Real history, plus a touch of fresh (non-accumulating) microstructure noise.
        s.logPrice = Math.log(s.replay.priceAt(this.wallMs)) + 0.00005 * z;
      } else {
        const sigma = s.spec.vol * this.scenarios.volMult(sym) * Math.sqrt(s.v) * sqrtDtYear;
        s.logPrice += -0.5 * sigma * sigma + sigma * z;
        if (jumpProb > 0 && this.rng.next() < jumpProb)
          s.logPrice += clamp(this.rng.normal() * jumps.sizeSd, jumps.maxAbs);
        s.sumZ += z * Math.sqrt(dt);
        s.elapsed += dt;
        if (s.elapsed >= garch.stepSec) {
          const Z = s.sumZ / Math.sqrt(s.elapsed);
          s.v = Math.min(
            25,
            Math.max(0.05, 1 - garch.alpha - garch.beta + garch.alpha * s.v * Z * Z + garch.beta * s.v),
          );
          s.sumZ = 0;
          s.elapsed = 0;
        }
      }
      const gp = this.scenarios.gapProbability(sym);
      if (gp > 0 && this.rng.next() < gp) {
        // Liquidity gap: the book empties and trades print 0.5–3 % away.
        const size = 0.005 + 0.025 * this.rng.next();
        const gap = this.rng.next() < 0.5 ? -size : size;
        if (s.replay) s.level *= Math.exp(gap);
        else s.logPrice += gap;
      }
      s.mid = Math.exp(s.logPrice) * s.level * this.scenarios.priceFactor(sym, nowMs);
    }
  }
}

function clamp(x: number, maxAbs: number): number {
  return x > maxAbs ? maxAbs : x < -maxAbs ? -maxAbs : x;
}
