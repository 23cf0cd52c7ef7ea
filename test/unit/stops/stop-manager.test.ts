// StopManager on hand-computed levels: initial stops (ATR, volatility, fixed) and their agreement
// with the pre-trade sizing suggestion, take-profit, trailing activation and ratchet, hits firing once.
import { describe, expect, it } from 'vitest';
import { StopManager, type StopOptions } from '../../../src/engine/stops/stop-manager';
import { initialLevels } from '../../../src/engine/stops/levels';
import { suggestSizing, type SizingInputs } from '../../../src/engine/controls/sizing-suggest';
import { checkOrder } from '../../../src/engine/controls/pretrade';
import { buildPretradeContext } from '../../../src/engine/controls/pretrade-context';
import { DEFAULT_LIMITS } from '../../../src/engine/controls/limits';

const NOW = 1_700_000_000_000;
const pos = (qty: number, avgCost = 100, mark: number | null = avgCost, symbol = 'BTC-USDT') => ({
  symbol,
  qty,
  avgCost,
  mark,
});

function manager(qty: number, opts: StopOptions = { atr: 5 }, avgCost = 100): StopManager {
  const m = new StopManager();
  m.setForPosition(pos(qty, avgCost), opts, NOW);
  return m;
}

describe('initial stops', () => {
  it('long: stop = entry − k·ATR, take-profit = entry + R·k·ATR', () => {
    // entry 100, ATR 5, k 2 → 1R = 10: stop 90, TP 100 + 2·10 = 120.
    const r = manager(2).get('BTC-USDT')!;
    expect(r).toMatchObject({
      side: 'long',
      qty: 2,
      entry: 100,
      stop: 90,
      initialStop: 90,
      takeProfit: 120,
      risk: 10,
      source: 'atr',
      status: 'active',
      highWater: 100,
      lowWater: 100,
    });
  });

  it('short: stop = entry + k·ATR, take-profit = entry − R·k·ATR', () => {
    const r = manager(-3, { atr: 5, k: 3, rewardToRisk: 1.5 }).get('BTC-USDT')!;
    // 1R = 15: stop 115, TP 100 − 1.5·15 = 77.5.
    expect(r).toMatchObject({ side: 'short', stop: 115, takeProfit: 77.5, risk: 15, source: 'atr' });
  });

  it('volatility: stop = entry ∓ k·σ_daily·entry when only vol is known', () => {
    const r = manager(1, { dailyVol: 0.03 }, 200).get('BTC-USDT')!;
    // 2·0.03·200 = 12: stop 188, TP 224.
    expect(r.source).toBe('volatility');
    expect(r.stop).toBeCloseTo(188, 10);
    expect(r.takeProfit).toBeCloseTo(224, 10);
    expect(r.atr).toBeCloseTo(6, 10);
  });

  it('fixed: the default 5 % stop when neither ATR nor vol is known, whatever k', () => {
    const r = manager(-1, { k: 4 }).get('BTC-USDT')!;
    expect(r.source).toBe('fixed');
    expect(r.stop).toBeCloseTo(105, 10);
    expect(r.takeProfit).toBeCloseTo(90, 10);
    expect(manager(1, { stopFraction: 0.1 }).get('BTC-USDT')!.stop).toBeCloseTo(90, 10);
  });

  it("a long's stop stops at 0; an unreachable take-profit is dropped; rewardToRisk null disables it", () => {
    // entry 10, ATR 10, k 2 → dist 20: stop capped at 0 (1R = 10), TP uses the uncapped 20 as sizing does.
    expect(initialLevels(1, 10, { atr: 10 })).toMatchObject({ stop: 0, risk: 10, takeProfit: 50 });
    expect(initialLevels(-1, 10, { atr: 5 })).toMatchObject({ stop: 20, takeProfit: null }); // 10 − 2·10 < 0
    expect(initialLevels(1, 100, { atr: 5, rewardToRisk: null }).takeProfit).toBeNull();
  });

  it('agrees with the pre-trade sizing suggestion for the same inputs', () => {
    const base: SizingInputs = {
      hints: undefined,
      direction: 1,
      addsExposure: true,
      q0: 0,
      equity: 1e6,
      entry: 100,
      multiplier: 1,
      unitExposure: 100,
      atr: 5,
      stopSource: 'atr',
      stopAtrMultiple: 2,
      dailyVol: undefined,
      annualisationDays: 365,
      maxRiskPerPosition: 0.01,
      maxConcentration: 0.2,
      limitMaxQty: 1e9,
      qtyStep: 1e-8,
      sumInvVol: 0,
      ownInvVol: 0,
      diversificationScore: null,
    };
    for (const direction of [1, -1] as const) {
      const s = suggestSizing({ ...base, direction });
      const r = manager(direction * 2).get('BTC-USDT')!;
      expect([r.stop, r.takeProfit]).toEqual([s.stop, s.takeProfit]);
    }
    // Through checkOrder, for the volatility and default sources (no ATR given).
    const snap = buildPretradeContext({
      summary: { equity: 1e6, dayStartEquity: 1e6, dailyPnl: 0, drawdown: 0, ts: NOW },
      positions: [],
    });
    const order = { symbol: 'BTC-USDT', side: 'buy' as const, qty: 1 };
    const cctx = {
      now: NOW,
      snapshot: snap,
      limits: DEFAULT_LIMITS,
      state: 'ACTIVE' as const,
      instrument: { symbol: 'BTC-USDT', kind: 'spot' as const, multiplier: 1 },
      price: { bid: 250, ask: 250, mark: 250, ts: NOW },
    };
    for (const extra of [{ dailyVol: 0.04 }, {}]) {
      const s = checkOrder(order, { ...cctx, ...extra }).sizing!;
      const r = manager(1, extra, 250).get('BTC-USDT')!;
      expect(r.stop).toBeCloseTo(s.stop, 9);
      expect(r.takeProfit).toBeCloseTo(s.takeProfit, 9);
    }
  });

  it('names the bad field', () => {
    const m = new StopManager();
    expect(() => m.setForPosition(pos(0), {}, NOW)).toThrow(/pos\.qty/);
    expect(() => m.setForPosition(pos(1, -5), {}, NOW)).toThrow(/pos\.avgCost/);
    expect(() => m.setForPosition(pos(1, 100, 0), {}, NOW)).toThrow(/pos\.mark/);
    expect(() => m.setForPosition(pos(1), { atr: 0 }, NOW)).toThrow(/: atr must/);
    expect(() => m.setForPosition(pos(1), { dailyVol: NaN }, NOW)).toThrow(/dailyVol/);
    expect(() => m.setForPosition(pos(1), { k: -1 }, NOW)).toThrow(/: k must/);
    expect(() => m.setForPosition(pos(1), { rewardToRisk: 0 }, NOW)).toThrow(/rewardToRisk/);
    expect(() => m.setForPosition(pos(1), { stopFraction: 2 }, NOW)).toThrow(/stopFraction/);
    expect(() => m.setForPosition(pos(1), { multiplier: 0 }, NOW)).toThrow(/multiplier/);
    expect(() =>
      m.setForPosition(
        pos(1),
        { trailing: { activationR: -1, distance: { kind: 'atr', multiple: 1 } } },
        NOW,
      ),
    ).toThrow(/trailing\.activationR/);
    expect(() =>
      m.setForPosition(pos(1), { trailing: { distance: { kind: 'fraction', fraction: 1.5 } } }, NOW),
    ).toThrow(/trailing\.distance/);
    expect(() => m.setForPosition(pos(1), {}, NaN)).toThrow(/now/);
    expect(m.list()).toEqual([]);
  });
});

describe('trailing stops', () => {
  // Long, entry 100, ATR 5, k 2 → stop 90, 1R = 10; trail 1·ATR = 5 once the high reaches 110.
  const trail: StopOptions = {
    atr: 5,
    rewardToRisk: null,
    trailing: { activationR: 1, distance: { kind: 'atr', multiple: 1 } },
  };

  it('activates at exactly 1R and not before', () => {
    const m = manager(2, trail);
    expect(m.get('BTC-USDT')!.trailing!.activationPrice).toBe(110);
    m.onPrice('BTC-USDT', 105, NOW + 1);
    m.onPrice('BTC-USDT', 109.99, NOW + 2);
    expect(m.get('BTC-USDT')).toMatchObject({ stop: 90, highWater: 109.99, trailing: { active: false } });
    m.onPrice('BTC-USDT', 110, NOW + 3);
    expect(m.get('BTC-USDT')).toMatchObject({
      stop: 105,
      highWater: 110,
      trailing: { active: true },
      updatedAt: NOW + 3,
    });
  });

  it('ratchets only in favour, then fires once when crossed', () => {
    const m = manager(2, trail);
    const stops: number[] = [];
    for (const p of [110, 108, 115, 112, 111]) {
      expect(m.onPrice('BTC-USDT', p, NOW)).toBeNull();
      stops.push(m.get('BTC-USDT')!.stop);
    }
    expect(stops).toEqual([105, 105, 110, 110, 110]);
    const hit = m.onPrice('BTC-USDT', 109.5, NOW + 60_000)!;
    expect(hit.intent).toEqual({ symbol: 'BTC-USDT', side: 'sell', qty: 2, reason: 'stop hit' });
    expect(hit.record).toEqual({
      symbol: 'BTC-USDT',
      kind: 'stop',
      qty: 2,
      price: 109.5,
      at: NOW + 60_000,
      level: 110,
      entry: 100,
      source: 'atr',
      trailed: true,
      multiplier: 1,
    });
    expect(m.onPrice('BTC-USDT', 100, NOW + 60_001)).toBeNull();
    expect(m.onPrice('BTC-USDT', 80, NOW + 60_002)).toBeNull();
    expect(m.get('BTC-USDT')).toMatchObject({
      status: 'hit',
      closedAt: NOW + 60_000,
      closeReason: 'stop hit',
      lastPrice: 109.5,
    });
  });

  it('short with a fractional distance mirrors the long', () => {
    // Short, entry 100, ATR 5 → stop 110, 1R = 10, activation at 90; trail 10 % above the low.
    const m = manager(-1, {
      atr: 5,
      trailing: { activationR: 1, distance: { kind: 'fraction', fraction: 0.1 } },
    });
    m.onPrice('BTC-USDT', 90.01, NOW);
    expect(m.get('BTC-USDT')!.stop).toBe(110);
    m.onPrice('BTC-USDT', 90, NOW);
    expect(m.get('BTC-USDT')!.stop).toBeCloseTo(99, 10);
    m.onPrice('BTC-USDT', 95, NOW);
    expect(m.get('BTC-USDT')!.stop).toBeCloseTo(99, 10);
    expect(m.onPrice('BTC-USDT', 99.5, NOW)!.intent).toEqual({
      symbol: 'BTC-USDT',
      side: 'buy',
      qty: 1,
      reason: 'stop hit',
    });
  });

  it('activationR 0 trails from the first tick; setAtr re-sizes the distance without loosening', () => {
    const m = manager(1, { atr: 5, trailing: { activationR: 0, distance: { kind: 'atr', multiple: 1 } } });
    expect(m.get('BTC-USDT')).toMatchObject({ stop: 95, trailing: { active: true } }); // trails from the mark at set time
    m.onPrice('BTC-USDT', 101, NOW);
    expect(m.get('BTC-USDT')!.stop).toBe(96);
    m.setAtr('BTC-USDT', 2, NOW);
    m.onPrice('BTC-USDT', 101, NOW);
    expect(m.get('BTC-USDT')!.stop).toBe(99);
    m.setAtr('BTC-USDT', 20, NOW);
    m.onPrice('BTC-USDT', 102, NOW);
    expect(m.get('BTC-USDT')!.stop).toBe(99);
    expect(() => m.setAtr('BTC-USDT', -1, NOW)).toThrow(/atr/);
  });
});

describe('hits', () => {
  it('take-profit fires at entry + R·risk, once', () => {
    const m = manager(2);
    expect(m.onPrice('BTC-USDT', 119.99, NOW)).toBeNull();
    const hit = m.onPrice('BTC-USDT', 120, NOW + 5)!;
    expect(hit.intent).toEqual({ symbol: 'BTC-USDT', side: 'sell', qty: 2, reason: 'take profit' });
    expect(hit.record).toMatchObject({ kind: 'take_profit', qty: 2, price: 120, level: 120, trailed: false });
    expect(m.onPrice('BTC-USDT', 125, NOW + 6)).toBeNull();
  });

  it('a gap through the stop fires at the tick price; a short closes with a buy', () => {
    const long = manager(2);
    expect(long.onPrice('BTC-USDT', 90.01, NOW)).toBeNull();
    expect(long.onPrice('BTC-USDT', 80, NOW)!.record).toMatchObject({ kind: 'stop', price: 80, level: 90 });
    const short = manager(-3, { atr: 5, multiplier: 10 });
    const hit = short.onPrice('BTC-USDT', 110, NOW)!;
    expect(hit.intent).toEqual({ symbol: 'BTC-USDT', side: 'buy', qty: 3, reason: 'stop hit' });
    expect(hit.record).toMatchObject({ kind: 'stop', qty: -3, price: 110, level: 110, multiplier: 10 });
  });

  it('ignores unknown symbols and rejects a bad price', () => {
    const m = manager(1);
    expect(m.onPrice('ETH-USDT', 1, NOW)).toBeNull();
    expect(() => m.onPrice('BTC-USDT', NaN, NOW)).toThrow(/price/);
    expect(() => m.onPrice('BTC-USDT', 100, Infinity)).toThrow(/now/);
  });
});
