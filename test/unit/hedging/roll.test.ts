import { describe, expect, it } from 'vitest';
import { hedgeRoom } from '../../../src/engine/hedging/cover';
import { overHedgeToClose, rollStrike } from '../../../src/engine/hedging/roll';

describe('rolling and trimming hedges', () => {
  it('a put keeps its strike inside the 80-95 % band and is re-struck to the band edge outside it', () => {
    expect(rollStrike('put', false, 90, 100)).toBe(90); // 90 % of spot: kept
    expect(rollStrike('put', false, 90, 130)).toBe(105); // 69 % after a rally → 80 % of 130 = 104 → nice 105
    expect(rollStrike('put', false, 90, 80)).toBe(76); // 112 % after a fall → 95 % of 80 = 76 (in 0.5 steps)
    expect(rollStrike('put', false, 85_000, 100_000)).toBe(85_000);
    expect(rollStrike('put', false, 85_000, 60_000)).toBe(57_000); // 95 % of 60,000 in 500s
    expect(rollStrike('call', true, 100, 123)).toBe(125); // straddle re-centred at the money
    expect(rollStrike('put', false, 90, undefined)).toBe(90);
  });

  it('closes whole hedges, largest first, only while the book still gains in the tail', () => {
    const hedges = [
      { id: 'a', tailPnl: 50 },
      { id: 'b', tailPnl: 30 },
      { id: 'c', tailPnl: 15 },
      { id: 'd', tailPnl: -5 }, // loses in the tail: not a hedge to trim
    ];
    expect(overHedgeToClose(0, hedges)).toEqual([]); // flat in the tail: nothing to trim
    expect(overHedgeToClose(-40, hedges)).toEqual([]);
    expect(overHedgeToClose(47, hedges)).toEqual(['b', 'c']); // 50 > 47 kept; 30 then 15 → excess 2
    expect(overHedgeToClose(100, hedges)).toEqual(['a', 'b', 'c']); // excess 5 left: never under-hedge
  });
});

describe('hedge room: never hedged on more than the book owns', () => {
  const sc = { ref: 'BTC', shock: -0.2, volUp: 0.5, betas: new Map([['ETH', 1.5]]) };
  const put = { type: 'put' as const, strike: 90, expiryYears: 0.1, vol: 0.5, rate: 0 };
  it('long exposure (beta-scaled to the reference) minus puts and shorts already held', () => {
    const book = [
      { id: 'BTC', underlying: 'BTC', qty: 2, spot: 100 }, // 200
      { id: 'ETH', underlying: 'ETH', qty: 10, spot: 10 }, // 100 × 1.5 = 150
      { id: 'P', underlying: 'BTC', qty: 1, multiplier: 1, spot: 100, option: put }, // covers 100
      { id: 'S', underlying: 'ETH', qty: -2, spot: 10 }, // covers 20 × 1.5 = 30
    ];
    expect(hedgeRoom(book, sc)).toBeCloseTo(350 - 130, 9);
    // Fully covered (or more): no room left, never negative.
    expect(hedgeRoom([...book, { id: 'P2', underlying: 'BTC', qty: 5, spot: 100, option: put }], sc)).toBe(0);
  });
});

describe('fit-sized candidates', () => {
  it('a short perp sized to exactly the required protection is offered, capped by the hedge room', async () => {
    const { buildCandidates } = await import('../../../src/engine/hedging/candidates');
    const scenario = { ref: 'BTC', shock: -0.2, volUp: 0.5, betas: new Map<string, number>() };
    const base = {
      now: 0, equity: 1_000_000, highWaterMark: 1_000_000, ref: 'BTC', refSpot: 100, refVol: 0.6, dollarBeta: 500_000, scenario, perpSymbol: 'BTC-PERP',
      venue: 'sim', quote: 'USDT', types: ['futures_short' as const], skewPremium: 0.05, cppiFloor: 0.8, cppiMultiplier: 3, minHedgeSize: 1,
    };
    // A short of q units gains 0.2 × 100 × q at the −20 % shock: 7,000 of protection needs 350 units.
    const fit = buildCandidates({ ...base, fitProtection: 7_000 }).find((c) => c.note.includes('sized to the required'))!;
    expect(fit.qty).toBeCloseTo(350, 9);
    expect(fit.protection).toBeCloseTo(7_000, 6);
    // Room for 20,000 USD of notional only: 200 units.
    const capped = buildCandidates({ ...base, fitProtection: 7_000, fitMaxNotional: 20_000 }).find((c) => c.note.includes('sized to the required'))!;
    expect(capped.qty).toBeCloseTo(200, 9);
    expect(buildCandidates(base).some((c) => c.note.includes('sized to the required'))).toBe(false);
  });
});
