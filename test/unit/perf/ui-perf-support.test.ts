import { describe, expect, it } from 'vitest';
import { planImport } from '../../../src/engine/portfolio/csv-import';
import { DEFAULT_UNIVERSE } from '../../../src/engine/sim/models/universe';
import { bookCsv, heapGrowthPct, percentile } from '../../support/ui-perf';

describe('ui-perf figures', () => {
  it('percentile is nearest-rank: p95 of 1..20 is 19, p50 is 10', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(xs, 95)).toBe(19);
    expect(percentile(xs, 50)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it('heap growth compares the medians of the first and last three samples', () => {
    // first three 100, 104, 102 → median 102; last three 110, 108, 112 → median 110; (110−102)/102.
    expect(heapGrowthPct([100, 104, 102, 500, 110, 108, 112])).toBeCloseTo((8 / 102) * 100, 10);
    // Two samples (the quick run): plain growth between them.
    expect(heapGrowthPct([10, 11.5])).toBeCloseTo(15, 10);
    expect(heapGrowthPct([10])).toBeNaN();
  });
});

describe('bookCsv', () => {
  const now = Date.UTC(2026, 10, 21, 12);
  const held = new Set(['BTC-USDT', 'ETH-USDT-PERP']);

  it('adds exactly the missing positions, all importable, none already held, all on simulator underlyings', () => {
    const planned = planImport(bookCsv(held, 500, now));
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors.slice(0, 3)));
    const { positions, instruments } = planned.plan;
    expect(positions).toHaveLength(498);
    expect(positions.some((p) => held.has(p.symbol))).toBe(false);
    const simulated = new Set(DEFAULT_UNIVERSE.map((u) => u.symbol.replace(/USDT$/, '-USDT')));
    for (const i of instruments) expect(simulated.has(i.underlying ?? i.symbol), i.symbol).toBe(true);
    expect(instruments.filter((i) => i.kind === 'option')).toHaveLength(498 - 18);
  });

  it('sizes every row at about 2,000 USDT of underlying, alternately long and short', () => {
    const planned = planImport(bookCsv(new Set(), 40, now));
    if (!planned.ok) throw new Error('not importable');
    const btc = planned.plan.positions.find((p) => p.symbol === 'BTC-USDT');
    // 2,000 / 97,000 = 0.0206 (3 significant digits).
    expect(btc?.qty).toBe(0.0206);
    const longs = planned.plan.positions.filter((p) => p.qty > 0).length;
    expect(longs).toBeGreaterThan(10);
    expect(longs).toBeLessThan(30);
  });

  it('refuses a total it cannot reach', () => {
    expect(() => bookCsv(new Set(), 5_000, now)).toThrow(/can only add 500 of 5000/);
  });
});
