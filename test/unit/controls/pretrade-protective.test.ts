import { describe, expect, it } from 'vitest';
import { checkOrder, type OrderCheck, type ReasonCode } from '../../../src/engine/controls/pretrade';
import { isProtective } from '../../../src/engine/hedging/protective';
import { ctx, snapshot } from './fixtures';

const codes = (r: OrderCheck): ReasonCode[] => r.reasons.map((x) => x.code);
// A short in ETH while long BTC: the book's tail hedge in these fixtures (ETH already short 10).
const sellEth = (qty: number) => ({ symbol: 'ETH-USDT', side: 'sell' as const, qty });

describe('protective orders (hedges) in the pre-trade validator', () => {
  it('isProtective: gains in the tail, shrinks the tail loss, never over-hedges into a net tail gain', () => {
    expect(isProtective(-100_000, 40_000)).toBe(true);
    expect(isProtective(-100_000, 100_000)).toBe(true); // exactly flat in the tail
    expect(isProtective(-100_000, 100_001)).toBe(false); // a new short bet, not a hedge
    expect(isProtective(-100_000, -5_000)).toBe(false); // loses in the tail too
    expect(isProtective(20_000, 5_000)).toBe(false); // nothing to protect
    expect(isProtective(Number.NaN, 5_000)).toBe(false);
  });

  it('REDUCING refuses a new exposure unless it is protective; HALTED refuses it always', () => {
    expect(codes(checkOrder(sellEth(5), ctx('ETH-USDT', { state: 'REDUCING' })))).toEqual(['TRADING_STATE_REDUCING']);
    const ok = checkOrder(sellEth(5), ctx('ETH-USDT', { state: 'REDUCING', protective: true }));
    expect(ok.decision).toBe('approve');
    expect(ok.addsExposure).toBe(true);
    const halted = checkOrder(sellEth(5), ctx('ETH-USDT', { state: 'HALTED', protective: true }));
    expect(halted).toMatchObject({ decision: 'deny', reasons: [{ code: 'TRADING_HALTED' }] });
  });

  it('waives the loss-based limits for a protective order but keeps the size limits', () => {
    const stressed = snapshot({ drawdown: 0.2, dailyPnl: -60_000, var99: 0.2 });
    expect(codes(checkOrder(sellEth(5), ctx('ETH-USDT', { snapshot: stressed })))).toEqual(['DAILY_LOSS_LIMIT', 'DRAWDOWN_LIMIT', 'VAR_LIMIT']);
    expect(checkOrder(sellEth(5), ctx('ETH-USDT', { snapshot: stressed, protective: true })).decision).toBe('approve');
    // The fat-finger guard and the concentration cap still bind: 200 ETH = 600k notional.
    const big = checkOrder(sellEth(200), ctx('ETH-USDT', { snapshot: stressed, protective: true }));
    expect(big.decision).toBe('reduce');
    expect(codes(big)).toContain('NOTIONAL_EXCEEDS_MAX_PER_ORDER');
  });
});
