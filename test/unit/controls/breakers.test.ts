import { describe, expect, it } from 'vitest';
import { CircuitBreakers } from '../../../src/engine/controls/breakers';
import { metricsFromSummary } from '../../../src/engine/controls/breaker-config';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
const H = 60 * MIN;
const req = (over: Partial<{ reason: string; expiresAt: number; user: string; confirm: boolean }> = {}) => ({ reason: 'feed glitch, P&L verified by hand', expiresAt: T0 + 2 * H, user: 'alice', confirm: true, ...over });

describe('built-in breakers trip with metric, threshold and duration', () => {
  it('daily loss >= 2 % halts for 24 h, actions emitted once', () => {
    const b = new CircuitBreakers({}, T0);
    expect(b.evaluate({ dailyLoss: 0.0199 }, T0).transitions).toEqual([]);
    const e = b.evaluate({ dailyLoss: 0.02 }, T0);
    expect(e.transitions).toEqual([
      {
        breaker: 'daily_loss',
        from: 'armed',
        to: 'tripped',
        at: T0,
        reason: 'daily_loss 0.02 reached 0.02',
        trip: { at: T0, metric: 'daily_loss', value: 0.02, threshold: 0.02, suggestedDurationMs: 24 * H, cooldownMs: 0 },
        actions: [{ type: 'halt', durationMs: 24 * H }],
      },
    ]);
    expect(e.actions).toEqual([{ breaker: 'daily_loss', action: { type: 'halt', durationMs: 24 * H } }]);
    expect(e.required).toMatchObject({ mode: 'HALTED', until: T0 + 24 * H, setBy: 'breaker:daily_loss' });
    const again = b.evaluate({ dailyLoss: 0.03 }, T0 + H);
    expect(again.transitions).toEqual([]);
    expect(again.actions).toEqual([]);
  });

  it('drawdown >= 10 % closes all and halts until the drawdown clears, then cools down 1 h', () => {
    const b = new CircuitBreakers({}, T0);
    const e = b.evaluate({ drawdown: 0.1 }, T0);
    expect(e.actions).toEqual([{ breaker: 'drawdown', action: { type: 'close_all' } }]);
    expect(e.required).toMatchObject({ mode: 'HALTED', until: null });
    expect(b.evaluate({ drawdown: 0.12 }, T0 + 48 * H).transitions).toEqual([]); // no time limit
    const cleared = b.evaluate({ drawdown: 0.04 }, T0 + 49 * H);
    expect(cleared.transitions[0]).toMatchObject({ from: 'tripped', to: 'cooling_down' });
    expect(cleared.required).toMatchObject({ mode: 'REDUCING', until: T0 + 50 * H });
    expect(b.evaluate({ drawdown: 0.04 }, T0 + 50 * H).transitions[0]).toMatchObject({ from: 'cooling_down', to: 'armed', reason: 'cool-down over' });
  });

  it('volatility spike: realised >= 3× normal → reduce 50 %, REDUCING; cool-down 30 min; re-trips while cooling', () => {
    const b = new CircuitBreakers({}, T0);
    expect(b.evaluate({ realisedVol: 0.89, normalVol: 0.3 }, T0).transitions).toEqual([]);
    const e = b.evaluate({ realisedVol: 0.9, normalVol: 0.3 }, T0);
    expect(e.actions).toEqual([{ breaker: 'volatility_spike', action: { type: 'reduce_exposure', fraction: 0.5, scope: 'all' } }]);
    expect(e.transitions[0].trip).toMatchObject({ metric: 'realised_vol_ratio', threshold: 3, suggestedDurationMs: null, cooldownMs: 30 * MIN });
    expect(e.required?.mode).toBe('REDUCING');
    expect(b.evaluate({}, T0 + H).transitions).toEqual([]); // no data: stays tripped
    expect(b.evaluate({ realisedVol: 0.6, normalVol: 0.3 }, T0 + H).transitions[0]).toMatchObject({ to: 'cooling_down' });
    const re = b.evaluate({ realisedVol: 1.2, normalVol: 0.3 }, T0 + H + MIN);
    expect(re.transitions[0]).toMatchObject({ from: 'cooling_down', to: 'tripped' });
    expect(re.actions).toHaveLength(1);
  });

  it('correlation spike: avg ρ > 0.9 (strict) → reduce correlated positions', () => {
    const b = new CircuitBreakers({}, T0);
    expect(b.evaluate({ avgPairwiseCorrelation: 0.9 }, T0).actions).toEqual([]);
    expect(b.evaluate({ avgPairwiseCorrelation: 0.91 }, T0).actions).toEqual([{ breaker: 'correlation_spike', action: { type: 'reduce_exposure', fraction: 0.5, scope: 'correlated' } }]);
  });

  it('loss streak of 5 → 12 h cool-down; re-trips only on a longer streak (latch)', () => {
    const b = new CircuitBreakers({}, T0);
    const e = b.evaluate({ lossStreak: 5 }, T0);
    expect(e.actions).toEqual([{ breaker: 'loss_streak', action: { type: 'pause_new_exposure', durationMs: 12 * H } }]);
    expect(e.required).toMatchObject({ mode: 'REDUCING', until: T0 + 12 * H });
    const released = b.evaluate({ lossStreak: 5 }, T0 + 12 * H);
    expect(released.transitions).toEqual([{ breaker: 'loss_streak', from: 'tripped', to: 'armed', at: T0 + 12 * H, reason: 'trip period over' }]);
    expect(released.required).toBeNull();
    expect(b.evaluate({ lossStreak: 5 }, T0 + 13 * H).transitions).toEqual([]);
    expect(b.evaluate({ lossStreak: 6 }, T0 + 14 * H).transitions[0]).toMatchObject({ to: 'tripped', trip: { value: 6 } });
  });

  it('anomaly: data errors, P&L mismatch or a stale feed → safe mode', () => {
    for (const m of [{ dataErrors: 1 }, { pnlMismatch: 0.006 }, { staleFeedMs: 60_001 }]) {
      const b = new CircuitBreakers({}, T0);
      expect(b.evaluate(m, T0).actions).toEqual([{ breaker: 'anomaly', action: { type: 'safe_mode' } }]);
    }
    const b = new CircuitBreakers({}, T0);
    expect(b.evaluate({ dataErrors: 0, pnlMismatch: 0.005, staleFeedMs: 60_000 }, T0).actions).toEqual([]);
  });

  it('the strictest requirement wins', () => {
    const b = new CircuitBreakers({}, T0);
    const e = b.evaluate({ realisedVol: 1, normalVol: 0.1, drawdown: 0.11 }, T0);
    expect(e.required).toMatchObject({ mode: 'HALTED', setBy: 'breaker:drawdown' });
    expect(b.status(T0).filter((s) => s.status === 'tripped').map((s) => s.id)).toEqual(['volatility_spike', 'drawdown']);
  });

  it('metricsFromSummary derives the daily loss fraction', () => {
    expect(metricsFromSummary({ drawdown: 0.03, dailyPnl: -2_500, dayStartEquity: 100_000 }, { lossStreak: 2 })).toEqual({ drawdown: 0.03, dailyLoss: 0.025, lossStreak: 2 });
  });
});

describe('manual override lifecycle', () => {
  it('trip → override with reason → expires → re-armed and re-evaluated', () => {
    const b = new CircuitBreakers({}, T0);
    b.evaluate({ dailyLoss: 0.025 }, T0);
    const rec = b.override('daily_loss', req(), T0 + MIN);
    expect(rec).toEqual({
      breaker: 'daily_loss',
      user: 'alice',
      reason: 'feed glitch, P&L verified by hand',
      at: T0 + MIN,
      expiresAt: T0 + 2 * H,
      previousStatus: 'tripped',
      trip: { at: T0, metric: 'daily_loss', value: 0.025, threshold: 0.02, suggestedDurationMs: 24 * H, cooldownMs: 0 },
    });
    expect(b.requiredState()).toBeNull();
    expect(b.evaluate({ dailyLoss: 0.03 }, T0 + H).transitions).toEqual([]); // suspended
    const exp = b.evaluate({ dailyLoss: 0.025 }, T0 + 2 * H);
    expect(exp.transitions.map((t) => [t.from, t.to, t.reason])).toEqual([
      ['overridden', 'armed', 'override expired'],
      ['armed', 'tripped', 'daily_loss 0.025 reached 0.02'],
    ]);
    expect(exp.required).toMatchObject({ mode: 'HALTED', until: T0 + 26 * H });
  });

  it('expiry with the condition gone just re-arms', () => {
    const b = new CircuitBreakers({}, T0);
    b.evaluate({ dailyLoss: 0.025 }, T0);
    b.override('daily_loss', req(), T0);
    const e = b.evaluate({ dailyLoss: 0.001 }, T0 + 3 * H);
    expect(e.transitions.map((t) => t.to)).toEqual(['armed']);
    expect(b.get('daily_loss').status).toBe('armed');
  });

  it('pre-emptively suspends an armed breaker', () => {
    const b = new CircuitBreakers({}, T0);
    expect(b.override('volatility_spike', req({ reason: 'CPI release' }), T0).previousStatus).toBe('armed');
    expect(b.evaluate({ realisedVol: 1, normalVol: 0.1 }, T0 + H).actions).toEqual([]);
  });

  it('revoke ends the override; the next evaluation re-trips', () => {
    const b = new CircuitBreakers({}, T0);
    b.evaluate({ lossStreak: 7 }, T0);
    b.override('loss_streak', req(), T0);
    const r = b.revoke('loss_streak', { user: 'bob', reason: 'changed my mind' }, T0 + MIN);
    expect(r).toMatchObject({ breaker: 'loss_streak', user: 'bob', reason: 'changed my mind', at: T0 + MIN, override: { user: 'alice' } });
    expect(b.get('loss_streak').status).toBe('armed');
    expect(b.evaluate({ lossStreak: 7 }, T0 + 2 * MIN).transitions[0]).toMatchObject({ from: 'armed', to: 'tripped' });
    expect(() => b.revoke('loss_streak', { user: 'bob' }, T0)).toThrow(/not overridden/);
  });

  it('refuses bad overrides with clear errors', () => {
    const b = new CircuitBreakers({}, T0);
    b.evaluate({ dailyLoss: 0.05, drawdown: 0.2 }, T0);
    expect(() => b.override('daily_loss', req({ reason: '' }), T0)).toThrow(/reason is required/);
    expect(() => b.override('daily_loss', req({ reason: '   ' }), T0)).toThrow(/reason is required/);
    expect(() => b.override('daily_loss', { ...req(), expiresAt: undefined as unknown as number }, T0)).toThrow(/expiresAt is required/);
    expect(() => b.override('daily_loss', req({ expiresAt: T0 }), T0)).toThrow(/not after now/);
    expect(() => b.override('daily_loss', req({ expiresAt: T0 - 1 }), T0)).toThrow(/not after now/);
    expect(() => b.override('daily_loss', req({ expiresAt: T0 + 4 * H + 1 }), T0)).toThrow(/beyond the maximum of 14400000 ms/);
    expect(() => b.override('daily_loss', req({ confirm: false }), T0)).toThrow(/confirm must be true/);
    expect(() => b.override('daily_loss', req({ user: '' }), T0)).toThrow(/user is required/);
    expect(() => b.override('drawdown', req(), T0)).toThrow(/drawdown breaker cannot be overridden/);
    expect(() => b.override('nope' as 'drawdown', req(), T0)).toThrow(/unknown breaker id/);
    b.override('daily_loss', req({ expiresAt: T0 + 4 * H }), T0); // exactly the maximum is fine
    expect(() => b.override('daily_loss', req(), T0)).toThrow(/already overridden/);
  });

  it('allowDrawdownOverride permits the drawdown override; a custom maximum applies', () => {
    const b = new CircuitBreakers({ allowDrawdownOverride: true, maxOverrideMs: H }, T0);
    b.evaluate({ drawdown: 0.2 }, T0);
    expect(() => b.override('drawdown', req({ expiresAt: T0 + 2 * H }), T0)).toThrow(/beyond the maximum/);
    expect(b.override('drawdown', req({ expiresAt: T0 + H }), T0).previousStatus).toBe('tripped');
  });

  it('disable/enable, with drawdown protected', () => {
    const b = new CircuitBreakers({}, T0);
    expect(() => b.disable('drawdown', { user: 'a', reason: 'r' }, T0)).toThrow(/cannot be disabled/);
    expect(() => b.disable('anomaly', { user: 'a', reason: '' }, T0)).toThrow(/reason is required/);
    expect(b.disable('anomaly', { user: 'a', reason: 'feed maintenance' }, T0)).toMatchObject({ from: 'armed', to: 'disabled' });
    expect(b.evaluate({ dataErrors: 3 }, T0).actions).toEqual([]);
    expect(() => b.override('anomaly', req(), T0)).toThrow(/disabled/);
    expect(b.enable('anomaly', { user: 'a' }, T0 + 1).to).toBe('armed');
    expect(b.evaluate({ dataErrors: 3 }, T0 + 2).actions).toHaveLength(1);
  });

  it('survives a restart with the remaining time', () => {
    const b = new CircuitBreakers({}, T0);
    b.evaluate({ dailyLoss: 0.03, lossStreak: 5 }, T0);
    b.override('daily_loss', req(), T0);
    const saved = JSON.parse(JSON.stringify(b.toJSON())) as unknown;
    const r = CircuitBreakers.fromJSON(saved);
    const view = r.status(T0 + H);
    expect(view.find((v) => v.id === 'daily_loss')).toMatchObject({ status: 'overridden', remainingMs: H, mode: null });
    expect(view.find((v) => v.id === 'loss_streak')).toMatchObject({ status: 'tripped', remainingMs: 11 * H, mode: 'REDUCING' });
    expect(r.evaluate({ dailyLoss: 0.03 }, T0 + 2 * H).transitions.map((t) => t.to)).toEqual(['armed', 'tripped']);
    expect(() => CircuitBreakers.fromJSON({ version: 1, config: {}, breakers: [{ id: 'drawdown', status: 'melted' }] })).toThrow(/breakers\.0\.status/);
  });

  it('config errors name the field', () => {
    expect(() => new CircuitBreakers({ volSpikeMultiple: 0.5 })).toThrow(/volSpikeMultiple/);
    expect(() => new CircuitBreakers({ maxOverrideMs: -1 })).toThrow(/maxOverrideMs/);
  });
});
