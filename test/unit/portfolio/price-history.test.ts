import { describe, expect, it } from 'vitest';
import { PriceHistory } from '../../../src/engine/portfolio/price-history';

const T0 = 1_750_000_000_000; // a whole second

describe('PriceHistory', () => {
  it('keeps one point per second: the last price seen in that second', () => {
    const h = new PriceHistory();
    h.record('BTC-USDT', T0 + 10, 100);
    h.record('BTC-USDT', T0 + 500, 101);
    h.record('BTC-USDT', T0 + 999, 102); // same second: overwrites
    h.record('BTC-USDT', T0 + 1000, 103); // next second
    h.record('BTC-USDT', T0 + 3500, 104); // a gap of a second is not filled in
    expect(h.path('BTC-USDT')).toEqual({ ts: [T0, T0 + 1000, T0 + 3000], price: [102, 103, 104] });
  });

  it('is bounded: past capacity the oldest points go, order stays oldest first', () => {
    const h = new PriceHistory({ capacity: 100 });
    // 250 seconds with 3 ticks each; the buffer grows 64 → 100 and then wraps.
    for (let s = 0; s < 250; s++)
      for (let k = 0; k < 3; k++) h.record('ETH-USDT', T0 + s * 1000 + k * 300, 1000 + s + k / 10);
    expect(h.size('ETH-USDT')).toBe(100);
    const p = h.path('ETH-USDT');
    expect(p.ts[0]).toBe(T0 + 150_000);
    expect(p.ts[99]).toBe(T0 + 249_000);
    expect(p.price[0]).toBeCloseTo(1150.2, 10);
    expect(p.price[99]).toBeCloseTo(1249.2, 10);
    for (let i = 1; i < p.ts.length; i++) expect(p.ts[i] - p.ts[i - 1]).toBe(1000);
    expect(h.path('ETH-USDT', T0 + 240_000).ts).toHaveLength(10);
  });

  it('drops late ticks and bad prices, and evicts the stalest symbol beyond maxSymbols', () => {
    const h = new PriceHistory({ maxSymbols: 2 });
    h.record('A', T0 + 5000, 10);
    h.record('A', T0 + 2000, 9); // older than the newest second: dropped
    h.record('A', T0 + 6000, NaN);
    h.record('A', T0 + 6000, -1);
    expect(h.path('A')).toEqual({ ts: [T0 + 5000], price: [10] });
    h.record('B', T0 + 1000, 20);
    h.record('C', T0 + 7000, 30); // evicts B (last updated at T0 + 1 s)
    expect(h.symbolCount()).toBe(2);
    expect(h.size('B')).toBe(0);
    expect(h.size('A')).toBe(1);
    expect(h.size('C')).toBe(1);
  });

  it('refuses bad options by name', () => {
    expect(() => new PriceHistory({ capacity: 1 })).toThrow(/capacity must be an integer >= 2, got 1/);
    expect(() => new PriceHistory({ resolutionMs: 0 })).toThrow(/resolutionMs must be a finite number > 0/);
    expect(() => new PriceHistory({ maxSymbols: 0 })).toThrow(/maxSymbols must be an integer >= 1/);
  });
});
