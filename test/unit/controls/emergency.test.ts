import { describe, expect, it } from 'vitest';
import { planCancelAll, planFlattenAll, planReduceAll, planSafeMode } from '../../../src/engine/controls/emergency';
import { roundDownToStep } from '../../../src/engine/controls/intents';
import { pos } from './fixtures';

const lev = (p: ReturnType<typeof pos>, d: number) => ({ ...p, liquidationDistance: d });
const BOOK = [pos('AAPL', 500, 200, 'tech'), pos('ETH-USDT', -10, 3_000), lev(pos('BTC-PERP', 4, 50_000, null, 'perp'), 0.2), lev(pos('SOL-PERP', -100, 100, null, 'perp'), 0.05), pos('FLAT', 0, 1)];

describe('emergency planners', () => {
  it('flatten all: exact sizes, nearest-liquidation first, then largest exposure', () => {
    expect(planFlattenAll(BOOK)).toEqual({
      intents: [
        { symbol: 'SOL-PERP', side: 'buy', qty: 100, reason: 'emergency: flatten all' },
        { symbol: 'BTC-PERP', side: 'sell', qty: 4, reason: 'emergency: flatten all' },
        { symbol: 'AAPL', side: 'sell', qty: 500, reason: 'emergency: flatten all' },
        { symbol: 'ETH-USDT', side: 'buy', qty: 10, reason: 'emergency: flatten all' },
      ],
      skipped: [],
    });
  });

  it('slices closes larger than the per-order notional cap', () => {
    // BTC-PERP 4 × 50,000 = 200,000 with a 75,000 cap → 1.5 + 1.5 + 1.
    const p = planFlattenAll([lev(pos('BTC-PERP', 4, 50_000, null, 'perp'), 0.2)], { maxNotionalPerOrder: 75_000 });
    expect(p.intents.map((i) => i.qty)).toEqual([1.5, 1.5, 1]);
    expect(p.intents[2].reason).toBe('emergency: flatten all (slice 3)');
    const odd = planFlattenAll([pos('X', 1.00000001234, 100)], { maxNotionalPerOrder: 50 });
    expect(odd.intents.map((i) => i.qty)).toEqual([0.5, 0.5, 0.00000001234]);
  });

  it('reduce all by X %: rounds down to the lot step, skips what rounds to 0', () => {
    const p = planReduceAll(BOOK, 0.3, { qtyStep: new Map([['AAPL', 1], ['BTC-PERP', 0.001], ['ETH-USDT', 1]]) });
    expect(p.intents).toEqual([
      { symbol: 'SOL-PERP', side: 'buy', qty: 30, reason: 'emergency: reduce 30%' },
      { symbol: 'BTC-PERP', side: 'sell', qty: 1.2, reason: 'emergency: reduce 30%' },
      { symbol: 'AAPL', side: 'sell', qty: 150, reason: 'emergency: reduce 30%' },
      { symbol: 'ETH-USDT', side: 'buy', qty: 3, reason: 'emergency: reduce 30%' },
    ]);
    const tiny = planReduceAll([pos('AAPL', 3, 200)], 0.25, { qtyStep: 1 });
    expect(tiny).toEqual({ intents: [], skipped: ['AAPL'] });
    expect(planReduceAll(BOOK, 1).intents).toHaveLength(4);
    expect(() => planReduceAll(BOOK, 0)).toThrow(/fraction/);
    expect(() => planReduceAll(BOOK, 1.5)).toThrow(/fraction/);
  });

  it('rounding helper drops float noise', () => {
    expect(roundDownToStep(0.3, 0.1)).toBe(0.3);
    expect(roundDownToStep(0.29999, 0.1)).toBe(0.2);
    expect(roundDownToStep(7, 5)).toBe(5);
    expect(roundDownToStep(1.23456789123, 1e-8)).toBe(1.23456789);
    expect(roundDownToStep(-1, 1)).toBe(0);
  });

  it('cancel all and safe mode', () => {
    const orders = [
      { orderId: 'o1', symbol: 'AAPL' },
      { orderId: 'o2', symbol: 'BTC-PERP' },
    ];
    expect(planCancelAll(orders)).toEqual([
      { orderId: 'o1', symbol: 'AAPL', reason: 'emergency: cancel all' },
      { orderId: 'o2', symbol: 'BTC-PERP', reason: 'emergency: cancel all' },
    ]);
    expect(() => planCancelAll([{ orderId: '', symbol: 'X' }])).toThrow(/openOrders\[0\]\.orderId/);
    const safe = planSafeMode(orders, 'P&L does not match prices');
    expect(safe).toEqual({
      mode: 'REDUCING',
      cancels: orders.map((o) => ({ ...o, reason: 'P&L does not match prices' })),
      suspendAutomation: true,
      intents: [],
      reason: 'P&L does not match prices',
    });
  });
});
