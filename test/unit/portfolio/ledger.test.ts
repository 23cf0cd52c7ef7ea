import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src/shared/contract/portfolio';
import { Ledger, exitCostOf, optionValue } from '../../../src/engine/portfolio/ledger';
import { createBinanceSpotAdapter } from '../../../src/engine/feeds/adapters/binance';
import { AccountTracker } from '../../../src/engine/portfolio/account';

const spot: Instrument = { symbol: 'BTC-USDT', kind: 'spot', venue: 'sim', quote: 'USDT', multiplier: 1, assetClass: 'crypto', beta: 1 };
const perp: Instrument = { symbol: 'BTC-USDT-PERP', kind: 'perp', venue: 'sim', quote: 'USDT', multiplier: 1, underlying: 'BTC-USDT', assetClass: 'crypto', beta: 1, leverage: 10, maintenanceMarginRate: 0.005 };
const T0 = Date.UTC(2026, 0, 1);
const call: Instrument = { symbol: 'BTC-USDT-20260702-100-C', kind: 'option', venue: 'sim', quote: 'USDT', multiplier: 1, underlying: 'BTC-USDT', optionType: 'call', strike: 100, expiryMs: T0 + 182.5 * 86_400_000, impliedVol: 0.2, assetClass: 'crypto', beta: 1 };

function book(): Ledger {
  const l = new Ledger(0);
  l.addInstrument(spot);
  l.addInstrument(perp);
  l.setCash('USDT', 100_000);
  return l;
}

describe('ledger: average cost and realised P&L', () => {
  it('averages entries, realises on reduction, flips through zero', () => {
    const l = book();
    l.applyFill({ symbol: 'BTC-USDT', side: 'buy', qty: 1, price: 100, fee: 0 });
    l.applyFill({ symbol: 'BTC-USDT', side: 'buy', qty: 3, price: 120, fee: 0 });
    expect(l.position('BTC-USDT')).toEqual({ qty: 4, avgCost: 115, realized: 0 }); // (100 + 360) / 4
    expect(l.applyFill({ symbol: 'BTC-USDT', side: 'sell', qty: 1, price: 130, fee: 0 })).toBeCloseTo(15, 12);
    expect(l.position('BTC-USDT')).toEqual({ qty: 3, avgCost: 115, realized: 15 });
    // Sell 5 with 3 held: closes 3 at +5 each, opens a 2-lot short at 120.
    expect(l.applyFill({ symbol: 'BTC-USDT', side: 'sell', qty: 5, price: 120, fee: 0 })).toBeCloseTo(15, 12);
    expect(l.position('BTC-USDT')).toEqual({ qty: -2, avgCost: 120, realized: 30 });
    // Cash: 100000 −100 −360 +130 +600 = 100270; short 2 marked at 120 = −240 → equity 100030 = start + realised.
    expect(l.cash.get('USDT')).toBeCloseTo(100_270, 9);
    expect(l.equity()).toBeCloseTo(100_030, 9);
  });

  it('margined perps move cash only by realised P&L and fees', () => {
    const l = book();
    l.mark('BTC-USDT', 99.9, 100.1, 100, T0);
    l.applyFill({ symbol: 'BTC-USDT-PERP', side: 'buy', qty: 10, price: 100, fee: 1 });
    expect(l.cash.get('USDT')).toBe(99_999);
    l.mark('BTC-USDT', 109.9, 110.1, 110, T0 + 1);
    expect(l.equity()).toBeCloseTo(99_999 + 100, 9); // unrealised 10 × (110 − 100)
    const [v] = l.views();
    expect(v).toMatchObject({ symbol: 'BTC-USDT-PERP', mark: 110, unrealizedPnl: 100, marketValue: 1100, exposure: 1100 });
    expect(v.marginUsed).toBeCloseTo(110, 9); // 1100 / 10
    // Liquidation distance: (margin 110 + upnl 100 − maintenance 5.5) / notional 1100
    expect(v.liquidationDistance).toBeCloseTo(204.5 / 1100, 12);
    expect(v.exitCost).toBeCloseTo(10 * 0.1, 12); // half-spread 0.1
    expect(v.pnlPct).toBeCloseTo(0.1, 12);
  });

  it('marks options from the underlying with Black-Scholes (Hull 15.6: S=K·e^(−0)… textbook value)', () => {
    // Hull example: S=42, K=40, r=0.1, σ=0.2, T=0.5 → call 4.76.
    const hull = optionValue({ ...call, strike: 40, expiryMs: T0 + 0.5 * 365 * 86_400_000 }, 42, T0, 0.1);
    expect(hull.price).toBeCloseTo(4.759, 3);
    const l = book();
    l.addInstrument(call);
    l.mark('BTC-USDT', 100, 100, 100, T0);
    l.applyFill({ symbol: call.symbol, side: 'buy', qty: 10, price: 5, fee: 0 });
    const atm = optionValue(call, 100, T0, 0).price; // ATM, r=0, σ=0.2, T=0.5: 100·(2N(0.0707)−1) = 5.6372
    expect(atm).toBeCloseTo(5.6372, 3);
    expect(l.equity()).toBeCloseTo(100_000 - 50 + 10 * atm, 9);
    expect(optionValue(call, 120, call.expiryMs!, 0)).toEqual({ price: 20, delta: 1 }); // intrinsic at expiry
  });

  it('refuses bad fills and unsupported currencies, naming the field', () => {
    const l = book();
    expect(() => l.applyFill({ symbol: 'BTC-USDT', side: 'buy', qty: 0, price: 1, fee: 0 })).toThrow(/fill\.qty/);
    expect(() => l.applyFill({ symbol: 'BTC-USDT', side: 'buy', qty: 1, price: NaN, fee: 0 })).toThrow(/fill\.price/);
    expect(() => l.applyFill({ symbol: 'NOPE', side: 'buy', qty: 1, price: 1, fee: 0 })).toThrow(/unknown instrument/);
    expect(() => l.addInstrument({ ...spot, symbol: 'X-EUR', quote: 'EUR' })).toThrow(/quote/);
    expect(l.equity()).toBe(100_000);
  });

  it('keeps incremental equity equal to a full recomputation over random fills and marks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ buy: fc.boolean(), qty: fc.integer({ min: 1, max: 50 }), px: fc.integer({ min: 50, max: 150 }), perp: fc.boolean() }), { minLength: 1, maxLength: 60 }),
        (steps) => {
          const l = book();
          let t = T0;
          for (const s of steps) {
            const sym = s.perp ? 'BTC-USDT-PERP' : 'BTC-USDT';
            l.mark('BTC-USDT', s.px - 0.5, s.px + 0.5, s.px, t++);
            l.applyFill({ symbol: sym, side: s.buy ? 'buy' : 'sell', qty: s.qty, price: s.px, fee: 0 });
          }
          const full = (l.cash.get('USDT') ?? 0) + l.views().reduce((a, v) => a + (v.kind === 'spot' ? v.marketValue : v.unrealizedPnl), 0);
          expect(l.equity()).toBeCloseTo(full, 6);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('account tracker', () => {
  it('tracks the high-water mark, drawdown and daily P&L across the UTC day boundary', () => {
    const a = new AccountTracker(undefined, 0);
    const day = 86_400_000;
    a.update(1000, T0 + 1000);
    a.update(1100, T0 + 2000);
    a.update(990, T0 + 3000);
    expect(a.snapshot(990)).toMatchObject({ highWaterMark: 1100, dayStartEquity: 1000, dailyPnl: -10 });
    expect(a.snapshot(990).drawdown).toBeCloseTo(0.1, 12);
    expect(a.update(1010, T0 + day + 5)).toBe(true); // new day: starts from the last equity before the boundary
    expect(a.snapshot(1010)).toMatchObject({ dayStartEquity: 990, dailyPnl: 20 });
    expect(a.snapshot(1010).dailyPnlPct).toBeCloseTo(20 / 990, 12);
  });

  it('honours a configured day start hour', () => {
    const a = new AccountTracker(undefined, 8);
    a.update(100, T0 + 7 * 3_600_000);
    expect(a.update(101, T0 + 8 * 3_600_000 + 1)).toBe(true);
    expect(() => new AccountTracker(undefined, 24)).toThrow(/dayStartHourUtc/);
  });
});


describe('exit cost with top-of-book depth', () => {
  const q = { bid: 99.9, ask: 100.1, bidSize: 5, askSize: 2 };
  it('is half the spread while the position fits in the touch', () => {
    expect(exitCostOf(4, true, q)).toBeCloseTo(4 * 0.1, 12);
  });
  it('adds a full spread on the units beyond the touch (long sells into the bid, short buys the ask)', () => {
    expect(exitCostOf(8, true, q)).toBeCloseTo(8 * 0.1 + 3 * 0.2, 12); // 5 at the bid
    expect(exitCostOf(8, false, q)).toBeCloseTo(8 * 0.1 + 6 * 0.2, 12); // 2 at the ask
  });
  it('falls back to the half-spread when the venue gives no depth, and is 0 on a crossed or flat book', () => {
    expect(exitCostOf(8, true, { ...q, bidSize: NaN })).toBeCloseTo(0.8, 12);
    expect(exitCostOf(8, true, { ...q, ask: 99.9 })).toBe(0);
  });
  it('carries Binance bookTicker depth (B, A) from the adapter to the ledger view', () => {
    const r = createBinanceSpotAdapter().parse('{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}', 1);
    expect(r.kind === 'ticks' && [r.ticks[0].bidSize, r.ticks[0].askSize]).toEqual([31.21, 40.66]);
    const l = book();
    l.applyFill({ symbol: 'BTC-USDT', side: 'buy', qty: 10, price: 100, fee: 0 });
    l.mark('BTC-USDT', 99.9, 100.1, 100, T0, 4, 50);
    expect(l.views()[0].exitCost).toBeCloseTo(10 * 0.1 + 6 * 0.2, 12);
  });
});

describe('ledger views cache', () => {
  it('is shared until the next mutation and refreshed by every kind of change', () => {
    const l = book();
    l.applyFill({ symbol: 'BTC-USDT', side: 'buy', qty: 1, price: 100, fee: 0 });
    const a = l.views();
    expect(l.views()).toBe(a); // no change: same pass
    l.mark('BTC-USDT', 109, 111, 110, T0);
    const b = l.views();
    expect(b).not.toBe(a);
    expect(b[0].mark).toBe(110);
    l.setStale('BTC-USDT', true);
    expect(l.views()[0].stale).toBe(true);
    l.applyFill({ symbol: 'BTC-USDT', side: 'sell', qty: 1, price: 110, fee: 0 });
    expect(l.views()).toEqual([]);
  });
});
