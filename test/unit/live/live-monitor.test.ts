import { describe, expect, it } from 'vitest';
import { LiveMonitor } from '../../../src/engine/live/live-monitor';
import { createRng } from '../../../src/engine/risk/rng';

/** Two assets driven by a common factor: ρ = b² for unit-variance returns with loading b. */
function run(m: LiveMonitor, seconds: number, opts: { vol: number; rho: number }, state: { a: number; b: number }, rng = createRng(1)): void {
  const load = Math.sqrt(opts.rho);
  const idio = Math.sqrt(1 - opts.rho);
  for (let t = 0; t < seconds; t++) {
    const f = rng.normal();
    state.a *= Math.exp(opts.vol * (load * f + idio * rng.normal()));
    state.b *= Math.exp(opts.vol * (load * f + idio * rng.normal()));
    m.sample(new Map([['A', state.a], ['B', state.b]]));
  }
}

describe('live monitor', () => {
  const w = new Map([['A', 1], ['B', 1]]);

  it('reports nothing until warmed up, then a vol ratio near 1 in steady conditions', () => {
    const m = new LiveMonitor({ warmupS: 60 });
    const st = { a: 100, b: 50 };
    const rng = createRng(7);
    run(m, 30, { vol: 1e-4, rho: 0.5 }, st, rng);
    expect(m.read(w)).toBeNull();
    run(m, 300, { vol: 1e-4, rho: 0.5 }, st, rng);
    const r = m.read(w)!;
    expect(r.volRatio).toBeGreaterThan(0.6);
    expect(r.volRatio).toBeLessThan(1.5);
    expect(r.avgCorrelation).toBeGreaterThan(0.2);
    expect(r.avgCorrelation).toBeLessThan(0.8);
  });

  it('sees a volatility spike within a minute and a correlation spike within a minute', () => {
    const m = new LiveMonitor({ warmupS: 60 });
    const st = { a: 100, b: 50 };
    const rng = createRng(9);
    run(m, 300, { vol: 1e-4, rho: 0.3 }, st, rng);
    run(m, 60, { vol: 5e-4, rho: 0.3 }, st, rng); // 5× volatility
    expect(m.read(w)!.volRatio).toBeGreaterThan(3);
    run(m, 300, { vol: 1e-4, rho: 0.3 }, st, rng); // calm again: fast decays back
    expect(m.read(w)!.volRatio).toBeLessThan(2);
    run(m, 90, { vol: 1e-4, rho: 0.99 }, st, rng); // everything moves together
    expect(m.read(w)!.avgCorrelation).toBeGreaterThan(0.9);
  });

  it('weights by exposure: a small position cannot dominate the book reading', () => {
    const m = new LiveMonitor({ warmupS: 20 });
    const st = { a: 100, b: 50 };
    run(m, 200, { vol: 1e-4, rho: 0 }, st);
    const tiny = m.read(new Map([['A', 1000], ['B', 1]]))!;
    const even = m.read(w)!;
    expect(Math.abs(tiny.volRatio - even.volRatio)).toBeLessThan(1);
    expect(m.read(new Map([['A', 1], ['Z', 1]]))).toBeNull(); // an unknown symbol has not warmed up
  });
});
