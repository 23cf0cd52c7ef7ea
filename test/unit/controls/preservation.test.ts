import { describe, expect, it } from 'vitest';
import { CapitalPreservation } from '../../../src/engine/controls/preservation';
import { isSpeculative, planLevel, preservationOutcome, type PlanBook } from '../../../src/engine/controls/preservation-plan';
import { pos } from './fixtures';

const T0 = 1_700_000_000_000;
const H = 3_600_000;

// Equity 1,000,000, cash 50,000 (5 %). Long spot BTC 100k and AAPL 100k raise cash when sold;
// the short spot ETH and the perp do not.
const book = (over: Partial<PlanBook> = {}): PlanBook => ({
  positions: [pos('BTC-USDT', 2, 50_000), pos('ETH-USDT', -10, 3_000), pos('BTC-PERP', 4, 50_000, null, 'perp'), pos('AAPL', 500, 200, 'tech')],
  equity: 1_000_000,
  cash: 50_000,
  ...over,
});

describe('level plans', () => {
  it('L1: cut 25 % everywhere, cash reaches exactly 10 %', () => {
    const p = planLevel(1, book());
    expect(p.intents).toEqual([
      { symbol: 'BTC-USDT', side: 'sell', qty: 0.5, reason: 'preservation L1: reduce 25%' },
      { symbol: 'ETH-USDT', side: 'buy', qty: 2.5, reason: 'preservation L1: reduce 25%' },
      { symbol: 'BTC-PERP', side: 'sell', qty: 1, reason: 'preservation L1: reduce 25%' },
      { symbol: 'AAPL', side: 'sell', qty: 125, reason: 'preservation L1: reduce 25%' },
    ]);
    expect(p.directives).toEqual([
      { type: 'tighten_limits', factor: 0.75 },
      { type: 'raise_cash', target: 0.1, projected: 0.1 },
    ]);
  });

  it('L2: cut 50 %, then raise cash to 25 % from long spot pro rata; hedges and defensive rotation', () => {
    // After L1 fills: cash 150k. 50 % cut raises 75k → 225k; shortfall 25k of 75k remaining → +1/3.
    const after = book({ cash: 150_000, positions: [pos('BTC-USDT', 1.5, 50_000), pos('ETH-USDT', -7.5, 3_000), pos('BTC-PERP', 3, 50_000, null, 'perp'), pos('AAPL', 375, 200, 'tech')] });
    const p = planLevel(2, after);
    expect(p.intents.map((i) => [i.symbol, i.side, i.qty])).toEqual([
      ['BTC-USDT', 'sell', 1],
      ['ETH-USDT', 'buy', 3.75],
      ['BTC-PERP', 'sell', 1.5],
      ['AAPL', 'sell', 250],
    ]);
    expect(p.intents[0].reason).toBe('preservation L2: reduce 50%; raise cash to 25%');
    expect(p.directives).toEqual([
      { type: 'tighten_limits', factor: 0.5 },
      { type: 'raise_cash', target: 0.25, projected: 0.25 },
      { type: 'request_hedges' },
      { type: 'rotate_defensive' },
    ]);
  });

  it('L3: close speculative positions, sell long spot toward 50 % cash, insure, halt', () => {
    const p = planLevel(3, book());
    expect(p.intents.map((i) => [i.symbol, i.side, i.qty, i.reason])).toEqual([
      ['BTC-USDT', 'sell', 2, 'preservation L3; raise cash to 50%'],
      ['BTC-PERP', 'sell', 4, 'preservation L3: close speculative position'],
      ['AAPL', 'sell', 500, 'preservation L3; raise cash to 50%'],
    ]);
    expect(p.directives).toEqual([
      { type: 'tighten_limits', factor: 0.5 },
      { type: 'raise_cash', target: 0.5, projected: 0.25 },
      { type: 'request_hedges' },
      { type: 'buy_insurance' },
      { type: 'set_trading_mode', mode: 'HALTED' },
    ]);
  });

  it('speculative = perps, futures, short options unless told; protected symbols are never cut', () => {
    const b = book();
    expect(isSpeculative(pos('X-PUT', 5, 10, null, 'option'), b)).toBe(false);
    expect(isSpeculative(pos('X-CALL', -5, 10, null, 'option'), b)).toBe(true);
    expect(isSpeculative(pos('X-FUT', 1, 10, null, 'future'), b)).toBe(true);
    expect(isSpeculative(pos('BTC-USDT', 1, 10), { ...b, speculative: new Set(['BTC-USDT']) })).toBe(true);
    const p = planLevel(1, book({ protectedSymbols: new Set(['ETH-USDT']) }));
    expect(p.intents.map((i) => i.symbol)).toEqual(['BTC-USDT', 'BTC-PERP', 'AAPL']);
  });

  it('rounds cuts down to the lot step and reports cuts that round to 0', () => {
    const p = planLevel(1, book({ positions: [pos('AAPL', 3, 200, 'tech'), pos('BTC-USDT', 0.7, 50_000)], qtyStep: new Map([['AAPL', 1]]), cash: 1e6 }));
    expect(p.intents).toEqual([{ symbol: 'BTC-USDT', side: 'sell', qty: 0.175, reason: 'preservation L1: reduce 25%' }]);
    expect(p.skipped).toEqual(['AAPL']);
  });
});

describe('capital-preservation ladder', () => {
  it('reads each trigger against its documented thresholds', () => {
    const cp = new CapitalPreservation();
    const levels = (m: Parameters<CapitalPreservation['read']>[0]) => cp.read(m).map((r) => r.level);
    expect(levels({ drawdown: 0.049 })).toEqual([0]);
    expect(levels({ drawdown: 0.05 })).toEqual([1]);
    expect(levels({ drawdown: 0.075 })).toEqual([2]);
    expect(levels({ drawdown: 0.1 })).toEqual([3]);
    expect(levels({ volatility: 1.5, correlation: 0.8, loss_streak: 7, tail_risk: 0.049, liquidity: 0.02 })).toEqual([1, 2, 3, 1, 3]);
  });

  it('escalates immediately, naming the trigger and planning actions', () => {
    const cp = new CapitalPreservation({}, T0);
    expect(cp.evaluate({ drawdown: 0.04 }, book(), T0)).toBeNull();
    const c = cp.evaluate({ drawdown: 0.05, volatility: 1.2 }, book(), T0 + 1)!;
    expect(c).toMatchObject({ from: 0, to: 1, at: T0 + 1, direction: 'escalate', trigger: { trigger: 'drawdown', value: 0.05, level: 1, threshold: 0.05 } });
    expect(c.readings).toHaveLength(2);
    expect(c.metrics).toEqual({ drawdown: 0.05, volatility: 1.2 });
    expect(c.intents).toHaveLength(4);
    expect(cp.requiredState()).toBeNull();
    // Skips levels: 1 → 3 at once, the trigger with the highest level wins.
    const c3 = cp.evaluate({ drawdown: 0.06, volatility: 3.5 }, book(), T0 + 2)!;
    expect(c3).toMatchObject({ from: 1, to: 3, trigger: { trigger: 'volatility', level: 3 } });
    expect(cp.requiredState()).toMatchObject({ mode: 'HALTED', setBy: 'preservation:3' });
  });

  it('recovers ONE level at a time after each hold period (24 h, 12 h, 6 h)', () => {
    const cp = new CapitalPreservation({}, T0);
    cp.evaluate({ drawdown: 0.12 }, book(), T0);
    const calm = { drawdown: 0, volatility: 1 };
    expect(cp.evaluate(calm, book(), T0 + H)).toBeNull(); // recovery clock starts
    expect(cp.current).toMatchObject({ level: 3, recoveringSince: T0 + H, recoveryDueAt: T0 + 25 * H });
    expect(cp.evaluate(calm, book(), T0 + 25 * H - 1)).toBeNull();
    const s1 = cp.evaluate(calm, book(), T0 + 25 * H)!;
    expect(s1).toMatchObject({ from: 3, to: 2, direction: 'recover', trigger: null, intents: [] });
    expect(s1.directives).toEqual([{ type: 'tighten_limits', factor: 0.5 }, { type: 'set_trading_mode', mode: 'ACTIVE' }]);
    expect(cp.requiredState()).toBeNull();
    // The clock restarts at every step.
    expect(cp.evaluate(calm, book(), T0 + 25 * H)).toBeNull();
    expect(cp.evaluate(calm, book(), T0 + 37 * H - 1)).toBeNull();
    expect(cp.evaluate(calm, book(), T0 + 37 * H)).toMatchObject({ from: 2, to: 1 });
    expect(cp.evaluate(calm, book(), T0 + 37 * H)).toBeNull();
    const s3 = cp.evaluate(calm, book(), T0 + 43 * H)!;
    expect(s3).toMatchObject({ from: 1, to: 0 });
    expect(s3.directives).toEqual([{ type: 'tighten_limits', factor: 1 }]);
    expect(cp.evaluate(calm, book(), T0 + 100 * H)).toBeNull();
  });

  it('hysteresis: a metric between 0.9× and 1× of the threshold holds the level and resets the clock', () => {
    const cp = new CapitalPreservation({}, T0);
    cp.evaluate({ drawdown: 0.05 }, book(), T0);
    expect(cp.evaluate({ drawdown: 0.04 }, book(), T0 + H)).toBeNull();
    expect(cp.current.recoveringSince).toBe(T0 + H);
    expect(cp.evaluate({ drawdown: 0.046 }, book(), T0 + 2 * H)).toBeNull(); // >= 0.045
    expect(cp.current.recoveringSince).toBeNull();
    expect(cp.evaluate({ drawdown: 0.044 }, book(), T0 + 3 * H)).toBeNull();
    expect(cp.evaluate({ drawdown: 0.044 }, book(), T0 + 9 * H)).toMatchObject({ from: 1, to: 0 });
  });

  it('no metrics → no change; bad metrics name the trigger', () => {
    const cp = new CapitalPreservation({}, T0);
    cp.evaluate({ liquidity: 0.03 }, book(), T0);
    expect(cp.evaluate({}, book(), T0 + 100 * H)).toBeNull();
    expect(cp.current.level).toBe(3);
    expect(() => cp.evaluate({ drawdown: NaN }, book(), T0)).toThrow(/metrics.drawdown/);
  });

  it('serialises its level and recovery clock', () => {
    const cp = new CapitalPreservation({}, T0);
    cp.evaluate({ tail_risk: 0.06 }, book(), T0);
    cp.evaluate({ tail_risk: 0.01 }, book(), T0 + H);
    const r = CapitalPreservation.fromJSON(JSON.parse(JSON.stringify(cp.toJSON())));
    expect(r.current).toEqual(cp.current);
    expect(r.evaluate({ tail_risk: 0.01 }, book(), T0 + 13 * H)).toMatchObject({ from: 2, to: 1 });
  });

  it('config errors name the field', () => {
    expect(() => new CapitalPreservation({ thresholds: { drawdown: [0.1, 0.05, 0.2] } })).toThrow(/thresholds.drawdown/);
    expect(() => new CapitalPreservation({ recoveryHysteresis: 2 })).toThrow(/recoveryHysteresis/);
  });
});

describe('preservation outcome', () => {
  it('P&L the removed exposure would have made: loss avoided > 0, cost of protection < 0', () => {
    const o = preservationOutcome(
      [
        { symbol: 'BTC-USDT', qty: 1, price: 50_000 },
        { symbol: 'ETH-USDT', qty: -2.5, price: 3_000 },
        { symbol: 'AAPL', qty: 125, price: 200 },
        { symbol: 'GONE', qty: 1, price: 1 },
      ],
      new Map([
        ['BTC-USDT', 45_000],
        ['ETH-USDT', 3_300],
        ['AAPL', 220],
      ]),
    );
    expect(o.perSymbol).toEqual([
      { symbol: 'BTC-USDT', wouldHaveMade: -5_000, net: 5_000 },
      { symbol: 'ETH-USDT', wouldHaveMade: -750, net: 750 },
      { symbol: 'AAPL', wouldHaveMade: 2_500, net: -2_500 },
    ]);
    expect(o.wouldHaveMade).toBe(-3_250);
    expect(o.net).toBe(3_250);
    expect(o.missing).toEqual(['GONE']);
    expect(preservationOutcome([{ symbol: 'X', qty: 2, price: 10, multiplier: 100 }], new Map([['X', 9]])).net).toBe(200);
    expect(() => preservationOutcome([{ symbol: 'X', qty: 1, price: 0 }], new Map())).toThrow(/removed\[0\]\.price/);
  });
});
