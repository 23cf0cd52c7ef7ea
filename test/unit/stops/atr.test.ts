// ATR (Wilder) and close-only ATR on hand-computed tables, and the tick → bar builder.
import { describe, expect, it } from 'vitest';
import { BarBuilder, closeOnlyAtr, trueRange, wilderAtr, type Ohlc } from '../../../src/engine/stops/atr';
import { createRng } from '../../../src/engine/risk/rng';

// TR: bar 1 has no previous close → H−L.
//   1  O 9    H 10  L 8   C 9      TR = 2
//   2  O 9.5  H 11  L 9   C 10.5   TR = max(2, |11−9|=2, |9−9|=0)          = 2
//   3  O 12   H 14  L 12  C 13     TR = max(2, |14−10.5|=3.5, |12−10.5|)   = 3.5   (gap up)
//   4  O 12.5 H 13  L 11  C 11.5   TR = max(2, |13−13|=0, |11−13|=2)       = 2
//   5  O 11   H 12  L 9   C 10     TR = max(3, |12−11.5|, |9−11.5|=2.5)    = 3
// period 3: seed ATR₃ = (2+2+3.5)/3 = 2.5; ATR₄ = (2.5·2+2)/3 = 7/3; ATR₅ = (7/3·2+3)/3 = 23/9.
const TABLE: Ohlc[] = [
  { open: 9, high: 10, low: 8, close: 9 },
  { open: 9.5, high: 11, low: 9, close: 10.5 },
  { open: 12, high: 14, low: 12, close: 13 },
  { open: 12.5, high: 13, low: 11, close: 11.5 },
  { open: 11, high: 12, low: 9, close: 10 },
];

describe('wilderAtr', () => {
  it('true ranges include gaps from the previous close', () => {
    expect(TABLE.map((b, i) => trueRange(b, i === 0 ? undefined : TABLE[i - 1].close))).toEqual([
      2, 2, 3.5, 2, 3,
    ]);
  });

  it('seeds with the simple mean and then smooths with α = 1/n', () => {
    expect(wilderAtr(TABLE.slice(0, 3), 3)).toBeCloseTo(2.5, 12);
    expect(wilderAtr(TABLE.slice(0, 4), 3)).toBeCloseTo(7 / 3, 12);
    expect(wilderAtr(TABLE, 3)).toBeCloseTo(23 / 9, 12);
    expect(wilderAtr(TABLE, 1)).toBe(3); // period 1: the last true range
  });

  it('is null with fewer than `period` bars', () => {
    expect(wilderAtr(TABLE.slice(0, 2), 3)).toBeNull();
    expect(wilderAtr([], 14)).toBeNull();
  });

  it('names the bad bar field or period', () => {
    expect(() => wilderAtr([TABLE[0], { open: 10, high: 9, low: 10, close: 10 }], 1)).toThrow(
      /bars\[1\]\.high/,
    );
    expect(() => wilderAtr([{ open: 9, high: 10, low: 8, close: 11 }], 1)).toThrow(/bars\[0\]\.close/);
    expect(() => wilderAtr([{ open: 9, high: NaN, low: 8, close: 9 }], 1)).toThrow(/bars\[0\]\.high/);
    expect(() => wilderAtr(TABLE, 0)).toThrow(/period/);
  });
});

describe('closeOnlyAtr', () => {
  it('is 2 × the Wilder-smoothed mean |Δclose|', () => {
    // |Δ| = 1, 0.5, 1.5, 0; period 2: m = 0.75 → (0.75+1.5)/2 = 1.125 → (1.125+0)/2 = 0.5625; × 2.
    expect(closeOnlyAtr([10, 11, 10.5, 12, 12], 2)).toBeCloseTo(1.125, 12);
    expect(closeOnlyAtr([10, 11, 10.5], 2)).toBeCloseTo(1.5, 12);
    expect(closeOnlyAtr([10, 11], 2)).toBeNull();
    expect(() => closeOnlyAtr([10, -1, 11], 1)).toThrow(/closes\[1\]/);
  });

  it('estimates the expected bar range of a Brownian price, √(8/π)·σ', () => {
    // Closes sampled from a Gaussian walk with σ = 1 per bar: E[range] = √(8/π) ≈ 1.596.
    const rng = createRng(7);
    const closes = [1e4];
    for (let i = 0; i < 40_000; i++) closes.push(closes[i] + rng.normal());
    expect(closeOnlyAtr(closes, 2_000)! / Math.sqrt(8 / Math.PI)).toBeCloseTo(1, 1);
  });
});

describe('BarBuilder', () => {
  it('aggregates ticks into 1-minute OHLC bars, closing a bar on the next interval', () => {
    const b = new BarBuilder();
    expect(b.intervalMs).toBe(60_000);
    expect(b.onTick('X', 0, 100)).toBeNull();
    b.onTick('X', 10_000, 102);
    b.onTick('X', 30_000, 99);
    b.onTick('X', 59_999, 101);
    expect(b.forming('X')).toEqual({ ts: 0, open: 100, high: 102, low: 99, close: 101, ticks: 4 });
    expect(b.onTick('X', 60_000, 103)).toEqual({
      ts: 0,
      open: 100,
      high: 102,
      low: 99,
      close: 101,
      ticks: 4,
    });
    expect(b.forming('X')).toEqual({ ts: 60_000, open: 103, high: 103, low: 103, close: 103, ticks: 1 });
    expect(b.bars('X')).toHaveLength(1);
    expect(b.bars('Y')).toEqual([]);
  });

  it('drops out-of-order and late ticks, and leaves gaps unfilled', () => {
    const b = new BarBuilder({ intervalMs: 60_000 });
    b.onTick('X', 61_000, 100);
    expect(b.onTick('X', 60_500, 90)).toBeNull(); // older than the last tick
    expect(b.dropped).toBe(1);
    expect(b.onTick('X', 185_000, 105)).toEqual({
      ts: 60_000,
      open: 100,
      high: 100,
      low: 100,
      close: 100,
      ticks: 1,
    });
    expect(b.bars('X').map((x) => x.ts)).toEqual([60_000]); // no flat bar for 120,000
    expect(b.flush(239_999)).toEqual([]);
    expect(b.flush(240_000)).toEqual([
      { symbol: 'X', bar: { ts: 180_000, open: 105, high: 105, low: 105, close: 105, ticks: 1 } },
    ]);
    expect(b.onTick('X', 200_000, 106)).toBeNull(); // its interval is already closed
    expect(b.dropped).toBe(2);
    expect(b.forming('X')).toBeNull();
  });

  it('keeps only the last maxBars closed bars, oldest first', () => {
    const b = new BarBuilder({ intervalMs: 1_000, maxBars: 3 });
    for (let i = 0; i <= 5; i++) b.onTick('X', i * 1_000, 100 + i);
    expect(b.bars('X').map((x) => x.close)).toEqual([102, 103, 104]);
    b.onTick('X', 6_000, 200);
    expect(b.bars('X').map((x) => x.close)).toEqual([103, 104, 105]);
  });

  it('atr() is the Wilder ATR of the closed bars', () => {
    const b = new BarBuilder({ intervalMs: 1_000 });
    TABLE.forEach((bar, i) => {
      for (const p of [bar.open, bar.high, bar.low, bar.close]) b.onTick('X', i * 1_000 + 1, p);
    });
    b.flush(10_000);
    expect(b.bars('X').map(({ open, high, low, close }) => ({ open, high, low, close }))).toEqual(TABLE);
    expect(b.atr('X', 3)).toBeCloseTo(23 / 9, 12);
    expect(b.atr('X')).toBeNull();
  });

  it('round-trips through JSON and keeps building', () => {
    const b = new BarBuilder({ intervalMs: 1_000, maxBars: 3 });
    for (let i = 0; i <= 4; i++) b.onTick('X', i * 1_000, 100 + i);
    b.onTick('Y', 500, 7);
    const r = BarBuilder.fromJSON(JSON.parse(JSON.stringify(b.toJSON())));
    expect(r.toJSON()).toEqual(b.toJSON());
    for (const x of [b, r]) x.onTick('X', 5_000, 50);
    expect(r.bars('X')).toEqual(b.bars('X'));
    expect(r.onTick('X', 4_000, 1)).toBeNull(); // late ticks still rejected after restore
    expect(() => BarBuilder.fromJSON({ version: 1, intervalMs: 0, maxBars: 3, series: [] })).toThrow(
      /intervalMs/,
    );
  });

  it('names the bad tick field and option', () => {
    const b = new BarBuilder();
    expect(() => b.onTick('', 0, 1)).toThrow(/symbol/);
    expect(() => b.onTick('X', NaN, 1)).toThrow(/ts/);
    expect(() => b.onTick('X', 0, 0)).toThrow(/price/);
    expect(() => new BarBuilder({ intervalMs: 1.5 })).toThrow(/intervalMs/);
    expect(() => new BarBuilder({ maxBars: 0 })).toThrow(/maxBars/);
  });
});
