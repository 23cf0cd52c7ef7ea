import { describe, expect, it } from 'vitest';
import { allowsOrder, effectiveTradingState, initialTradingState, setTradingState, strictest, tickTradingState } from '../../../src/engine/controls/trading-state';

const T0 = 1_700_000_000_000;
const H = 3_600_000;

describe('trading state', () => {
  it('starts ACTIVE and gates orders', () => {
    const s = initialTradingState(T0);
    expect(s).toMatchObject({ mode: 'ACTIVE', since: T0, until: null, setBy: 'system:start' });
    expect(allowsOrder('ACTIVE', true)).toBe(true);
    expect(allowsOrder('REDUCING', true)).toBe(false);
    expect(allowsOrder('HALTED', true)).toBe(false);
    expect(allowsOrder('HALTED', false)).toBe(true);
  });

  it('records transitions with reason, since, until and who', () => {
    const { state, change } = setTradingState(initialTradingState(T0), { mode: 'HALTED', reason: ' daily loss ', setBy: 'breaker:daily_loss', until: T0 + 24 * H }, T0 + 1);
    expect(state).toEqual({ mode: 'HALTED', reason: 'daily loss', since: T0 + 1, until: T0 + 24 * H, resumeTo: 'ACTIVE', setBy: 'breaker:daily_loss' });
    expect(change).toEqual({ from: 'ACTIVE', to: 'HALTED', reason: 'daily loss', at: T0 + 1, until: T0 + 24 * H, setBy: 'breaker:daily_loss' });
  });

  it('auto-resumes at until', () => {
    const { state } = setTradingState(initialTradingState(T0), { mode: 'HALTED', reason: 'x', setBy: 'user:a', until: T0 + H, resumeTo: 'REDUCING' }, T0);
    expect(effectiveTradingState(state, T0 + H - 1)).toBe(state);
    expect(tickTradingState(state, T0 + H - 1).change).toBeNull();
    const t = tickTradingState(state, T0 + 2 * H);
    expect(t.state).toMatchObject({ mode: 'REDUCING', since: T0 + H, until: null, setBy: 'system:auto-resume' });
    expect(t.change).toMatchObject({ from: 'HALTED', to: 'REDUCING', at: T0 + H });
  });

  it('only a user may loosen; anyone may tighten', () => {
    const halted = setTradingState(initialTradingState(T0), { mode: 'HALTED', reason: 'x', setBy: 'breaker:drawdown' }, T0).state;
    expect(() => setTradingState(halted, { mode: 'ACTIVE', reason: 'ok', setBy: 'breaker:drawdown' }, T0 + 1)).toThrow(/only a user/);
    expect(setTradingState(halted, { mode: 'ACTIVE', reason: 'reviewed', setBy: 'user:alice' }, T0 + 1).state.mode).toBe('ACTIVE');
    const reducing = setTradingState(initialTradingState(T0), { mode: 'REDUCING', reason: 'x', setBy: 'preservation:2' }, T0).state;
    expect(setTradingState(reducing, { mode: 'HALTED', reason: 'y', setBy: 'system:anomaly' }, T0 + 1).state.mode).toBe('HALTED');
  });

  it('rejects bad requests naming the field', () => {
    const s = initialTradingState(T0);
    expect(() => setTradingState(s, { mode: 'HALTED', reason: ' ', setBy: 'user:a' }, T0)).toThrow(/reason is required/);
    expect(() => setTradingState(s, { mode: 'HALTED', reason: 'r', setBy: '' }, T0)).toThrow(/setBy is required/);
    expect(() => setTradingState(s, { mode: 'HALTED', reason: 'r', setBy: 'user:a', until: T0 }, T0)).toThrow(/until must be/);
    expect(() => setTradingState(s, { mode: 'PAUSED' as 'HALTED', reason: 'r', setBy: 'user:a' }, T0)).toThrow(/mode must be/);
    expect(() => setTradingState(s, { mode: 'REDUCING', reason: 'r', setBy: 'user:a', resumeTo: 'HALTED' }, T0)).toThrow(/resumeTo/);
  });

  it('strictest wins; ties go to the longer-lasting', () => {
    const a = setTradingState(initialTradingState(T0), { mode: 'REDUCING', reason: 'a', setBy: 'user:a', until: T0 + H }, T0).state;
    const b = setTradingState(initialTradingState(T0), { mode: 'REDUCING', reason: 'b', setBy: 'user:b', until: T0 + 2 * H }, T0).state;
    const c = setTradingState(initialTradingState(T0), { mode: 'HALTED', reason: 'c', setBy: 'user:c', until: T0 + H / 2 }, T0).state;
    expect(strictest([a, b, c], T0)?.reason).toBe('c');
    expect(strictest([a, b, c], T0 + H)?.reason).toBe('b'); // c resumed, a resumed at T0+H
    expect(strictest([a, b], T0)?.reason).toBe('b');
    expect(strictest([], T0)).toBeNull();
  });
});
