/**
 * Scripted market scenarios, applied as time-boxed overlays on the price model. Durations are in
 * wall-clock ms so a scenario described as "−20 % in 60 s" takes 60 real seconds (tests pass
 * shorter durations).
 *
 *  flash-crash        prices fall by `depth` (20 %) over `durationMs` (60 s), then recover
 *                     `recoverFraction` (50 %) of the drop over `recoveryMs` (60 s); the final
 *                     level is permanent.
 *  vol-spike          volatility × `multiplier` (3) for `durationMs`.
 *  liquidity-crisis   spreads × `multiplier` (10), book sizes ÷ multiplier, random 0.5–3 % price
 *                     gaps, update-id gaps, message rate × 0.3, for `durationMs`.
 *  correlation-spike  every factor loading → √`correlation` (0.95) for `durationMs`.
 *  normal             ends all scenarios (a crash in progress keeps its current level).
 */
export type ScenarioName = 'normal' | 'flash-crash' | 'vol-spike' | 'liquidity-crisis' | 'correlation-spike';

export const SCENARIOS: readonly ScenarioName[] = [
  'normal',
  'flash-crash',
  'vol-spike',
  'liquidity-crisis',
  'correlation-spike',
];

export interface ScenarioOptions {
  durationMs?: number;
  /** flash-crash: fractional fall (0.2 = −20 %). */
  depth?: number;
  /** flash-crash: duration of the recovery leg. */
  recoveryMs?: number;
  /** flash-crash: share of the fall recovered (0.5). */
  recoverFraction?: number;
  /** vol-spike / liquidity-crisis multiplier. */
  multiplier?: number;
  /** correlation-spike target pairwise correlation. */
  correlation?: number;
  /** Restrict to these venue symbols (default: all). */
  symbols?: string[];
}

interface Active {
  name: Exclude<ScenarioName, 'normal'>;
  start: number;
  end: number;
  opts: Required<Omit<ScenarioOptions, 'symbols'>>;
  symbols: Set<string> | undefined;
}

/** A finished (or cancelled) flash crash whose final level must be baked into the base price. */
export interface Settled {
  symbols: Set<string> | undefined;
  factor: number;
}

const DEFAULTS: Required<Omit<ScenarioOptions, 'symbols'>> = {
  durationMs: 60_000,
  depth: 0.2,
  recoveryMs: 60_000,
  recoverFraction: 0.5,
  multiplier: 3,
  correlation: 0.95,
};

export class Scenarios {
  private active: Active[] = [];

  start(name: ScenarioName, now: number, opts: ScenarioOptions = {}): Settled[] {
    if (name === 'normal') return this.clear(now);
    const o = {
      ...DEFAULTS,
      ...(name === 'liquidity-crisis' && opts.multiplier === undefined ? { multiplier: 10 } : {}),
      ...stripUndefined(opts),
    };
    const total = name === 'flash-crash' ? o.durationMs + o.recoveryMs : o.durationMs;
    this.active.push({
      name,
      start: now,
      end: now + total,
      opts: o,
      symbols: opts.symbols ? new Set(opts.symbols) : undefined,
    });
    return [];
  }

  /** Drops expired scenarios; returns crash levels that must now become permanent. */
  expire(now: number): Settled[] {
    const settled: Settled[] = [];
    this.active = this.active.filter((a) => {
      if (now < a.end) return true;
      if (a.name === 'flash-crash') settled.push({ symbols: a.symbols, factor: crashFactor(a, a.end) });
      return false;
    });
    return settled;
  }

  clear(now: number): Settled[] {
    const settled = this.active
      .filter((a) => a.name === 'flash-crash')
      .map((a) => ({ symbols: a.symbols, factor: crashFactor(a, now) }));
    this.active = [];
    return settled;
  }

  names(): string[] {
    return this.active.map((a) => a.name);
  }

  priceFactor(symbol: string, now: number): number {
    let f = 1;
    for (const a of this.active) if (a.name === 'flash-crash' && applies(a, symbol)) f *= crashFactor(a, now);
    return f;
  }

  volMult(symbol: string): number {
    return this.product('vol-spike', symbol, (a) => a.opts.multiplier);
  }

  spreadMult(symbol: string): number {
    return this.product('liquidity-crisis', symbol, (a) => a.opts.multiplier);
  }

  /** Probability per model step of a liquidity gap for this symbol. */
  gapProbability(symbol: string): number {
    return this.active.some((a) => a.name === 'liquidity-crisis' && applies(a, symbol)) ? 0.002 : 0;
  }

  rateMult(): number {
    return this.active.some((a) => a.name === 'liquidity-crisis') ? 0.3 : 1;
  }

  /** Factor loading override under a correlation spike, else the instrument's own. */
  beta(symbol: string, base: number): number {
    for (const a of this.active) {
      if (a.name === 'correlation-spike' && applies(a, symbol))
        return Math.max(base, Math.sqrt(a.opts.correlation));
    }
    return base;
  }

  private product(name: Active['name'], symbol: string, f: (a: Active) => number): number {
    let m = 1;
    for (const a of this.active) if (a.name === name && applies(a, symbol)) m *= f(a);
    return m;
  }
}

function applies(a: Active, symbol: string): boolean {
  return a.symbols === undefined || a.symbols.has(symbol);
}

function crashFactor(a: Active, now: number): number {
  const { durationMs: d, recoveryMs: r, depth, recoverFraction } = a.opts;
  const bottom = 1 - depth;
  const final = 1 - depth * (1 - recoverFraction);
  const t = now - a.start;
  if (t <= 0) return 1;
  // Geometric paths: equal percentage moves per unit time, like a cascading sell-off.
  if (t < d) return Math.pow(bottom, t / d);
  if (r <= 0 || t >= d + r) return final;
  return bottom * Math.pow(final / bottom, (t - d) / r);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
