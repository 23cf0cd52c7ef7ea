import { describe, expect, it } from 'vitest';
import { checkOrder, type OrderCheck, type ReasonCode } from '../../../src/engine/controls/pretrade';
import { buildPretradeContext, correlationRow } from '../../../src/engine/controls/pretrade-context';
import { initialTradingState, setTradingState } from '../../../src/engine/controls/trading-state';
import { BOOK, NOW, ctx, pos, snapshot } from './fixtures';

const codes = (r: OrderCheck): ReasonCode[] => r.reasons.map((x) => x.code);
const buy = (symbol: string, qty: number) => ({ symbol, side: 'buy' as const, qty });
const sell = (symbol: string, qty: number) => ({ symbol, side: 'sell' as const, qty });

describe('snapshot context', () => {
  it('precomputes count, sector exposure and open risk once', () => {
    const s = snapshot();
    expect(s.positionCount).toBe(4);
    expect(s.grossExposure).toBe(390_000);
    expect(s.sectorExposure.get('tech')).toBe(260_000);
    expect(s.openRisk).toBeCloseTo(19_500, 9); // 5 % of each exposure
    expect(s.bySymbol.get('ETH-USDT')?.qty).toBe(-10);
  });
  it('uses known risk, then k·σ_daily, then 5 %', () => {
    const s = snapshot({ positionRisk: new Map([['BTC-USDT', 1_000]]), dailyVol: new Map([['AAPL', 0.02]]) });
    // 1,000 + 30,000·0.05 + 100,000·2·0.02 + 160,000·0.05
    expect(s.openRisk).toBeCloseTo(1_000 + 1_500 + 4_000 + 8_000, 9);
    expect(s.sumInvVol).toBeCloseTo(50, 12);
  });
  it('rejects bad input naming the field', () => {
    expect(() => snapshot({ positions: [pos('X', NaN, 1)] })).toThrow(/positions\[0\]\.qty/);
    expect(() => snapshot({ positions: [pos('X', 1, 1), pos('X', 2, 1)] })).toThrow(/appears twice/);
    expect(() => buildPretradeContext({ summary: { equity: NaN, dayStartEquity: 1, dailyPnl: 0, drawdown: 0, ts: 0 }, positions: [] })).toThrow(/summary.equity/);
  });
});

describe('checkOrder: approve and the exposure rule', () => {
  it('approves an order inside every limit', () => {
    // NVDA 100 @ 500: sector (400k − 260k)/500 = 280, concentration 400, risk 10,000/25 = 400.
    const r = checkOrder(buy('NVDA', 100), ctx('NVDA'));
    expect(r.decision).toBe('approve');
    expect(r.addsExposure).toBe(true);
    expect(r.reasons).toEqual([]);
  });
  it('reducing = opposite side and qty <= |position|; a flip adds exposure', () => {
    expect(checkOrder(sell('BTC-USDT', 2), ctx('BTC-USDT')).addsExposure).toBe(false);
    expect(checkOrder(sell('BTC-USDT', 2.5), ctx('BTC-USDT')).addsExposure).toBe(true);
    expect(checkOrder(buy('ETH-USDT', 10), ctx('ETH-USDT')).addsExposure).toBe(false);
    expect(checkOrder(buy('BTC-USDT', 0.1), ctx('BTC-USDT')).addsExposure).toBe(true);
  });
  it('rejects malformed orders naming the field', () => {
    expect(() => checkOrder(buy('NVDA', 0), ctx('NVDA'))).toThrow(/order.qty/);
    expect(() => checkOrder(buy('AAPL', 1), ctx('NVDA'))).toThrow(/instrument.symbol/);
    expect(() => checkOrder({ symbol: 'NVDA', side: 'buy', qty: 1, type: 'limit' }, ctx('NVDA'))).toThrow(/order.limitPrice/);
    expect(() => checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { correlations: new Map([['BTC-USDT', 1.5]]) }))).toThrow(/correlations\[BTC-USDT\]/);
  });
});

describe('checkOrder: trading state', () => {
  it('HALTED denies exposure-adding orders (including flips), passes reducing ones', () => {
    const c = ctx('BTC-USDT', { state: 'HALTED' });
    expect(checkOrder(buy('BTC-USDT', 0.1), c)).toMatchObject({ decision: 'deny', reasons: [{ code: 'TRADING_HALTED' }], sizing: null });
    expect(checkOrder(sell('BTC-USDT', 3), c).decision).toBe('deny');
    expect(checkOrder(sell('BTC-USDT', 1), c)).toMatchObject({ decision: 'approve', reasons: [] });
  });
  it('REDUCING allows only reducing orders', () => {
    const c = ctx('ETH-USDT', { state: 'REDUCING' });
    expect(codes(checkOrder(buy('ETH-USDT', 11), c))).toEqual(['TRADING_STATE_REDUCING']);
    expect(checkOrder(buy('ETH-USDT', 10), c).decision).toBe('approve');
    expect(codes(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { state: 'REDUCING' })))).toEqual(['TRADING_STATE_REDUCING']);
  });
  it('honours a state object with an auto-resume time', () => {
    const halted = setTradingState(initialTradingState(NOW - 10_000), { mode: 'HALTED', reason: 'test', setBy: 'user:a', until: NOW + 1_000 }, NOW - 5_000).state;
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { state: halted })).decision).toBe('deny');
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { state: halted, now: NOW + 1_000, price: { bid: 100, ask: 100, mark: 100, ts: NOW + 900 } })).decision).toBe('approve');
  });
});

describe('checkOrder: price', () => {
  it('NO_PRICE denies new exposure, notes a reducing order', () => {
    const none = { bid: null, ask: null, mark: null, ts: NOW };
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { price: none }))).toMatchObject({ decision: 'deny', reasons: [{ code: 'NO_PRICE' }], sizing: null });
    expect(checkOrder(sell('BTC-USDT', 1), ctx('BTC-USDT', { price: none }))).toMatchObject({ decision: 'approve', reasons: [{ code: 'NO_PRICE' }] });
  });
  it('STALE_PRICE beyond maxPriceAgeMs (5 s) or without a timestamp', () => {
    const stale = { bid: 100, ask: 100, mark: 100, ts: NOW - 5_001 };
    const r = checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { price: stale }));
    expect(r.decision).toBe('deny');
    expect(r.reasons).toEqual([{ code: 'STALE_PRICE', message: 'quote for SOL-USDT is 5001 ms old (max 5000 ms)', metric: 5_001, threshold: 5_000 }]);
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { price: { ...stale, ts: NOW - 5_000 } })).decision).toBe('approve');
    expect(codes(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { price: { ...stale, ts: null } })))).toEqual(['STALE_PRICE']);
    const closing = checkOrder(sell('BTC-USDT', 1), ctx('BTC-USDT', { price: { bid: 50_000, ask: 50_000, mark: 50_000, ts: NOW - 60_000 } }));
    expect(closing.decision).toBe('approve');
    expect(codes(closing)).toEqual(['STALE_PRICE']);
  });
  it('prices a buy at the ask, a sell at the bid, a limit order at its limit', () => {
    const q = { bid: 99, ask: 101, mark: 100, ts: NOW };
    const c = ctx('SOL-USDT', { price: q, limitsInput: { maxNotionalPerOrder: 10_000 } });
    expect(checkOrder(buy('SOL-USDT', 100), c).decision).toBe('reduce'); // 100 × 101 > 10,000
    expect(checkOrder(sell('SOL-USDT', 100), c).decision).toBe('approve'); // 100 × 99
    expect(checkOrder({ ...buy('SOL-USDT', 100), type: 'limit', limitPrice: 100 }, c).decision).toBe('approve');
  });
});

describe('checkOrder: hard limits', () => {
  it('RATE_LIMIT_EXCEEDED at 30 exposure-adding orders in 60 s; reducing orders are not throttled', () => {
    const recent = Array.from({ length: 30 }, (_, i) => NOW - 59_000 + i);
    const r = checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { recentOrderTs: recent }));
    expect(r).toMatchObject({ decision: 'deny', reasons: [{ code: 'RATE_LIMIT_EXCEEDED', metric: 30, threshold: 30 }] });
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { recentOrderTs: recent.slice(1) })).decision).toBe('approve');
    const old = [...recent.slice(1), NOW - 60_000];
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { recentOrderTs: old })).decision).toBe('approve');
    expect(checkOrder(sell('BTC-USDT', 1), ctx('BTC-USDT', { recentOrderTs: recent })).decision).toBe('approve');
  });
  it('DAILY_LOSS_LIMIT at a 2 % loss of day-start equity', () => {
    const r = checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { snapshot: snapshot({ dailyPnl: -20_000 }) }));
    expect(r).toMatchObject({ decision: 'deny', reasons: [{ code: 'DAILY_LOSS_LIMIT', metric: 0.02, threshold: 0.02 }] });
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { snapshot: snapshot({ dailyPnl: -19_999 }) })).decision).toBe('approve');
    expect(checkOrder(sell('BTC-USDT', 1), ctx('BTC-USDT', { snapshot: snapshot({ dailyPnl: -50_000 }) })).decision).toBe('approve');
  });
  it('DRAWDOWN_LIMIT, VAR_LIMIT and NO_EQUITY', () => {
    expect(codes(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { snapshot: snapshot({ drawdown: 0.1 }) })))).toEqual(['DRAWDOWN_LIMIT']);
    expect(codes(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { snapshot: snapshot({ var99: 0.05 }) })))).toEqual(['VAR_LIMIT']);
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { snapshot: snapshot({ var99: 0.049 }) })).decision).toBe('approve');
    expect(codes(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { snapshot: snapshot({ equity: 0 }) })))).toEqual(['NO_EQUITY']);
  });
  it('MAX_POSITIONS blocks opening a new symbol at the cap, not adding to a held one', () => {
    const c = { limitsInput: { maxPositions: 4 } };
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', c))).toMatchObject({ decision: 'deny', reasons: [{ code: 'MAX_POSITIONS', metric: 4, threshold: 4 }] });
    expect(checkOrder(buy('AAPL', 1), ctx('AAPL', c)).decision).toBe('approve');
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { limitsInput: { maxPositions: 5 } })).decision).toBe('approve');
  });
  it('CORRELATION_LIMIT: the same bet as a held position, in effective direction', () => {
    const withBtc = new Map([['BTC-USDT', 0.8]]);
    const r = checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { correlations: withBtc }));
    expect(r).toMatchObject({ decision: 'deny', reasons: [{ code: 'CORRELATION_LIMIT', metric: 0.8, threshold: 0.7 }] });
    // Selling SOL against a long BTC is a hedge; buying SOL against a short ETH too.
    expect(checkOrder(sell('SOL-USDT', 1), ctx('SOL-USDT', { correlations: withBtc })).decision).toBe('approve');
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { correlations: new Map([['ETH-USDT', 0.8]]) })).decision).toBe('approve');
    expect(codes(checkOrder(sell('SOL-USDT', 1), ctx('SOL-USDT', { correlations: new Map([['ETH-USDT', 0.8]]) })))).toEqual(['CORRELATION_LIMIT']);
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { correlations: new Map([['BTC-USDT', 0.7]]) })).decision).toBe('approve');
  });
  it('lists every failing hard limit', () => {
    const r = checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { snapshot: snapshot({ dailyPnl: -30_000, drawdown: 0.2 }), limitsInput: { maxPositions: 4 } }));
    expect(codes(r)).toEqual(['DAILY_LOSS_LIMIT', 'DRAWDOWN_LIMIT', 'MAX_POSITIONS']);
  });
});

describe('checkOrder: size limits answer reduce or deny', () => {
  it('NOTIONAL_EXCEEDS_MAX_PER_ORDER reduces to 250,000 / price', () => {
    // Equity 10M so only the notional cap binds: 3,000 × 100 = 300,000 → 2,500.
    const r = checkOrder(buy('SOL-USDT', 3_000), ctx('SOL-USDT', { snapshot: snapshot({ equity: 10_000_000 }) }));
    expect(r).toMatchObject({ decision: 'reduce', allowedQty: 2_500, reasons: [{ code: 'NOTIONAL_EXCEEDS_MAX_PER_ORDER', metric: 300_000, threshold: 250_000 }] });
  });
  it('the notional cap also applies to reducing orders (fat-finger guard)', () => {
    const r = checkOrder(sell('BTC-USDT', 2), ctx('BTC-USDT', { limitsInput: { maxNotionalPerOrder: 60_000 } }));
    expect(r).toMatchObject({ decision: 'reduce', allowedQty: 1.2, addsExposure: false });
    expect(codes(r)).toEqual(['NOTIONAL_EXCEEDS_MAX_PER_ORDER']);
  });
  it('CONCENTRATION_LIMIT: 200,000 / 50,000 − 2 held = 2 more BTC', () => {
    // ATR 500 → risk per unit 1,000, so the per-position risk cap (10 units) does not bind.
    const r = checkOrder(buy('BTC-USDT', 3), ctx('BTC-USDT', { atr: 500 }));
    expect(r).toMatchObject({ decision: 'reduce', allowedQty: 2, reasons: [{ code: 'CONCENTRATION_LIMIT', metric: 0.25, threshold: 0.2 }] });
    const full = snapshot({ positions: [pos('BTC-USDT', 3, 50_000)] }); // 3.5 × 50,000 = 175,000
    expect(checkOrder(buy('BTC-USDT', 0.5), ctx('BTC-USDT', { atr: 500, snapshot: full })).decision).toBe('approve');
    const over = snapshot({ positions: [pos('BTC-USDT', 5, 50_000)] });
    expect(checkOrder(buy('BTC-USDT', 0.5), ctx('BTC-USDT', { atr: 500, snapshot: over }))).toMatchObject({ decision: 'deny', reasons: [{ code: 'CONCENTRATION_LIMIT' }] });
  });
  it('a flip is capped on the far side: sell 2 held + 4 short = 6 BTC', () => {
    const r = checkOrder(sell('BTC-USDT', 8), ctx('BTC-USDT', { atr: 500 }));
    expect(r).toMatchObject({ decision: 'reduce', allowedQty: 5 }); // notional 250,000 / 50,000 = 5 binds first
    const r2 = checkOrder(sell('BTC-USDT', 8), ctx('BTC-USDT', { atr: 500, limitsInput: { maxNotionalPerOrder: 1_000_000 } }));
    expect(r2).toMatchObject({ decision: 'reduce', allowedQty: 6, reasons: [{ code: 'CONCENTRATION_LIMIT' }] });
  });
  it('SECTOR_LIMIT: tech 260k of a 400k cap leaves 280 NVDA', () => {
    const r = checkOrder(buy('NVDA', 300), ctx('NVDA'));
    expect(r).toMatchObject({ decision: 'reduce', allowedQty: 280, reasons: [{ code: 'SECTOR_LIMIT', threshold: 0.4 }] });
    expect(r.reasons[0].metric).toBeCloseTo(0.41, 12);
    expect(checkOrder(buy('NVDA', 1), ctx('NVDA', { limitsInput: { sectorCaps: { tech: 0.25 } } }))).toMatchObject({ decision: 'deny', reasons: [{ code: 'SECTOR_LIMIT' }] });
    // Adding to MSFT counts MSFT once: (400k − 100k)/400 − 400 = 350 (concentration lifted to 100 %).
    const c = ctx('MSFT', { atr: 1, limitsInput: { maxConcentration: 1 } });
    expect(checkOrder(buy('MSFT', 350), c).decision).toBe('approve');
    expect(checkOrder(buy('MSFT', 351), c)).toMatchObject({ decision: 'reduce', allowedQty: 350, reasons: [{ code: 'SECTOR_LIMIT' }] });
  });
  it('POSITION_RISK_LIMIT: ATR 10 → 20 per unit → 10,000 / 20 = 500 SOL', () => {
    const r = checkOrder(buy('SOL-USDT', 800), ctx('SOL-USDT', { atr: 10 }));
    expect(r).toMatchObject({ decision: 'reduce', allowedQty: 500, reasons: [{ code: 'POSITION_RISK_LIMIT', metric: 0.016, threshold: 0.01 }] });
  });
  it('PORTFOLIO_RISK_LIMIT: 5,000 of headroom / 5 per unit = 1,000 SOL', () => {
    const risk = new Map([
      ['BTC-USDT', 20_000],
      ['ETH-USDT', 5_000],
      ['AAPL', 10_000],
      ['MSFT', 10_000],
    ]);
    const r = checkOrder(buy('SOL-USDT', 1_200), ctx('SOL-USDT', { atr: 2.5, snapshot: snapshot({ positionRisk: risk }) }));
    expect(r).toMatchObject({ decision: 'reduce', allowedQty: 1_000, reasons: [{ code: 'PORTFOLIO_RISK_LIMIT', threshold: 0.05 }] });
    expect(r.reasons[0].metric).toBeCloseTo(0.051, 12);
  });
  it('reports every binding size limit and reduces to the smallest cap', () => {
    const r = checkOrder(buy('NVDA', 600), ctx('NVDA'));
    expect(codes(r)).toEqual(['NOTIONAL_EXCEEDS_MAX_PER_ORDER', 'CONCENTRATION_LIMIT', 'SECTOR_LIMIT', 'POSITION_RISK_LIMIT']);
    expect(r.allowedQty).toBe(280);
  });
  it('rounds the allowed quantity down to the lot step, and denies when that is 0', () => {
    expect(checkOrder(buy('NVDA', 300), ctx('NVDA', { qtyStep: 50 })).allowedQty).toBe(250);
    expect(checkOrder(buy('NVDA', 300), ctx('NVDA', { qtyStep: 500 })).decision).toBe('deny');
  });
  it('hard limits deny even when a size limit alone would reduce', () => {
    expect(checkOrder(buy('NVDA', 300), ctx('NVDA', { snapshot: snapshot({ dailyPnl: -25_000 }) })).decision).toBe('deny');
  });
});

describe('sizing suggestion', () => {
  it('fixed_fractional by default: 2·ATR stop, 2:1 target, 1 % risk', () => {
    // No ATR/vol: ATR = 100 × 5 % / 2 = 2.5 → stop 95, TP 110, risk 5/unit → 10,000/5 = 2,000.
    const s = checkOrder(buy('SOL-USDT', 10), ctx('SOL-USDT')).sizing!;
    expect(s).toMatchObject({ model: 'fixed_fractional', requestedModel: 'fixed_fractional', entry: 100, stop: 95, takeProfit: 110, rewardToRisk: 2, riskPerUnit: 5, stopSource: 'default', targetQty: 2_000, size: 2_000 });
    const short = checkOrder(sell('SOL-USDT', 10), ctx('SOL-USDT', { atr: 4 })).sizing!;
    expect(short).toMatchObject({ stop: 108, takeProfit: 84, riskPerUnit: 8, stopSource: 'atr' });
  });
  it('size subtracts what is held and respects the limits', () => {
    // BTC: target 200,000/50,000 = 4 units, 2 held → 2.
    expect(checkOrder(buy('BTC-USDT', 0.1), ctx('BTC-USDT')).sizing!.size).toBe(2);
    expect(checkOrder(sell('BTC-USDT', 1), ctx('BTC-USDT')).sizing!.size).toBe(0); // reducing
  });
  it('trend_following → vol_target', () => {
    const s = checkOrder(buy('SOL-USDT', 10), ctx('SOL-USDT', { dailyVol: 0.05, sizing: { strategy: 'trend_following' } })).sizing!;
    expect(s.model).toBe('vol_target');
    expect(s.stopSource).toBe('volatility');
    expect(s.stop).toBeCloseTo(90, 12);
    expect(s.targetQty).toBeCloseTo((1_000_000 * (0.1 / (0.05 * Math.sqrt(365)))) / 100, 9);
  });
  it('momentum → kelly_quarter (payoff defaults to the reward:risk), falls back without a win rate', () => {
    // f* = 0.35 − 0.65/2 = 0.025; ¼ → 0.00625 → 6,250 at risk / 5 per unit = 1,250.
    const s = checkOrder(buy('SOL-USDT', 10), ctx('SOL-USDT', { atr: 2.5, sizing: { strategy: 'momentum', winProb: 0.35 } })).sizing!;
    expect(s.model).toBe('kelly_quarter');
    expect(s.targetQty).toBeCloseTo(1_250, 9);
    const f = checkOrder(buy('SOL-USDT', 10), ctx('SOL-USDT', { sizing: { strategy: 'momentum' } })).sizing!;
    expect(f).toMatchObject({ model: 'fixed_fractional', requestedModel: 'kelly_quarter', note: 'kelly_quarter needs winProb; used fixed_fractional' });
  });
  it('mean_reversion → fixed_fractional; optimal_f and risk_parity on request', () => {
    expect(checkOrder(buy('SOL-USDT', 10), ctx('SOL-USDT', { sizing: { strategy: 'mean_reversion' } })).sizing!.model).toBe('fixed_fractional');
    const of = checkOrder(buy('SOL-USDT', 10), ctx('SOL-USDT', { sizing: { model: 'optimal_f', optimalF: { f: 0.2, largestLoss: -50 } } })).sizing!;
    expect(of.targetQty).toBeCloseTo(4_000, 9);
    expect(of.size).toBe(2_000); // capped by concentration / position risk
    // Inverse vol: held 1/0.04 + 1/0.05 = 45, SOL 1/0.05 = 20 → 20/65 of 1,000,000.
    const s = snapshot({ dailyVol: new Map([['BTC-USDT', 0.04], ['ETH-USDT', 0.05]]) });
    const rp = checkOrder(buy('SOL-USDT', 10), ctx('SOL-USDT', { snapshot: s, dailyVol: 0.05, sizing: { model: 'risk_parity' } })).sizing!;
    expect(rp.targetQty).toBeCloseTo((1_000_000 * 20) / 65 / 100, 9);
  });
  it('diversification score = 1 − exposure-weighted positive same-direction ρ', () => {
    const s = checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { correlations: new Map([['BTC-USDT', 0.5], ['AAPL', 0], ['ETH-USDT', 0.3]]) })).sizing!;
    // weights 100k, 100k, 30k; effective ρ 0.5, 0, −0.3 → 1 − 50,000/230,000
    expect(s.diversificationScore).toBeCloseTo(1 - 50_000 / 230_000, 12);
    expect(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT')).sizing!.diversificationScore).toBeNull();
  });
});

describe('correlation rows (fast path)', () => {
  it('aligns with the snapshot, NaN where unknown, and answers like the Map', () => {
    const s = snapshot();
    expect(s.symbols).toEqual(['BTC-USDT', 'ETH-USDT', 'AAPL', 'MSFT']);
    const m = new Map([['BTC-USDT', 0.8], ['AAPL', 0.2], ['NOT-HELD', 0.99]]);
    const row = correlationRow(s, m);
    expect(Array.from(row)).toEqual([0.8, NaN, 0.2, NaN]);
    for (const side of ['buy', 'sell'] as const) {
      const viaMap = checkOrder({ symbol: 'SOL-USDT', side, qty: 1 }, ctx('SOL-USDT', { snapshot: s, correlations: m }));
      const viaRow = checkOrder({ symbol: 'SOL-USDT', side, qty: 1 }, ctx('SOL-USDT', { snapshot: s, correlations: row }));
      expect(viaRow).toEqual(viaMap);
    }
    expect(codes(checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { snapshot: s, correlations: row })))).toEqual(['CORRELATION_LIMIT']);
  });
  it("skips the order's own symbol and checks the row", () => {
    const s = snapshot();
    const row = correlationRow(s, new Map([['BTC-USDT', 1]]));
    expect(checkOrder(buy('BTC-USDT', 0.1), ctx('BTC-USDT', { snapshot: s, correlations: row })).decision).toBe('approve');
    expect(() => checkOrder(buy('SOL-USDT', 1), ctx('SOL-USDT', { snapshot: s, correlations: new Float64Array(3) }))).toThrow(/one entry per held symbol/);
    expect(() => correlationRow(s, new Map([['AAPL', 2]]))).toThrow(/correlations\[AAPL\]/);
  });
});

describe('fixture sanity', () => {
  it('uses a four-position book', () => expect(BOOK).toHaveLength(4));
});
