import { describe, expect, it } from 'vitest';
import {
  baseRate,
  breaches,
  breachPrevention,
  classifyEvent,
  falsePositives,
  performance,
  timeShare,
} from '../../../src/engine/backtest/metrics';
import type { ControlEvent } from '../../../src/engine/backtest/controls-driver';

const ev = (over: Partial<ControlEvent>): ControlEvent => ({
  kind: 'breaker',
  id: 'daily_loss',
  day: 0,
  date: '2001-01-01',
  phase: 'close',
  price: 100,
  metric: 'm',
  value: 0,
  threshold: 0,
  ...over,
});

describe('false-positive rule: no further fall of X within N days', () => {
  const closes = [100, 99, 98.5, 97.9, 101];
  const rule = { fall: 0.02, horizon: 3 };

  it('classifies by hand', () => {
    expect(classifyEvent(0, 100, closes, rule)).toBe('confirmed'); // 97.9 <= 98 on day 3
    expect(classifyEvent(1, 99, closes, rule)).toBe('false_positive'); // bar 97.02; 98.5, 97.9, 101 stay above
    expect(classifyEvent(3, 97.9, closes, rule)).toBe('unresolved'); // only day 4 left, not fallen
    expect(classifyEvent(2, 100, [100, 100, 100, 98], { fall: 0.02, horizon: 1 })).toBe('confirmed'); // exactly −2 % counts
    expect(classifyEvent(0, 100, [100, 98.5, 97], { fall: 0.02, horizon: 1 })).toBe('false_positive'); // the fall came a day too late
  });

  it('an intraday trip is measured from its own (low) price', () => {
    expect(classifyEvent(0, 100, [100, 97.3], { fall: 0.02, horizon: 1 })).toBe('confirmed'); // from the close
    expect(classifyEvent(0, 99.2, [100, 97.3], { fall: 0.02, horizon: 1 })).toBe('false_positive'); // from a 99.2 low
  });

  it('tabulates per event and overall, scoring trips and escalations only', () => {
    const events = [
      ev({ day: 0, price: 100 }),
      ev({ day: 1, price: 99 }),
      ev({ day: 0, price: 100, id: 'drawdown' }),
      ev({ kind: 'preservation', id: 'L1', metric: 'loss_streak', day: 1, price: 99, direction: 'escalate' }),
      ev({ kind: 'preservation', id: 'L0', metric: 'recovery', day: 1, price: 99, direction: 'recover' }),
      ev({ kind: 'rebase', id: 'hwm', day: 1, price: 99 }),
      ev({ day: 3, price: 97.9 }),
    ];
    const rows = falsePositives(events, closes, rule);
    const row = (k: string) => rows.find((r) => r.key === k);
    expect(row('daily_loss')).toEqual({
      key: 'daily_loss',
      events: 3,
      confirmed: 1,
      falsePositives: 1,
      unresolved: 1,
      rate: 0.5,
    });
    expect(row('drawdown')).toMatchObject({ events: 1, confirmed: 1, rate: 0 });
    expect(row('preservation L1 (loss_streak)')).toMatchObject({ events: 1, falsePositives: 1, rate: 1 });
    expect(row('all breakers')).toMatchObject({ events: 4, confirmed: 2, falsePositives: 1, unresolved: 1 });
    expect(row('all events')).toMatchObject({
      events: 5,
      confirmed: 2,
      falsePositives: 2,
      unresolved: 1,
      rate: 0.5,
    });
    expect(rows.some((r) => r.key.includes('L0') || r.key.includes('hwm'))).toBe(false);
  });

  it('base rate: the share of days a random trigger would be confirmed', () => {
    // Days 0 and 1 can be judged (3 days ahead exist); day 0 is confirmed, day 1 is not.
    expect(baseRate(closes, rule)).toBe(0.5);
  });
});

describe('limit breaches and the share prevented', () => {
  it('flags daily loss, drawdown from the true peak and VaR (before or after trades) by hand', () => {
    const b = breaches({
      equity: [100, 97, 98, 89, 89.5, 101],
      var99: [null, 0.03, 0.049, 0.05, 0.02, 0.01],
      var99Pre: [null, 0.03, 0.06, 0.02, 0.02, 0.01],
    });
    expect(b.dailyLoss).toEqual([false, true, false, true, false, false]); // −3 %, −9.2 %
    expect(b.drawdown).toEqual([false, false, false, true, true, false]); // 11 %, 10.5 % below 100
    expect(b.var99).toEqual([false, false, true, true, false, false]); // 6 % before the cut, 5 % after
  });

  it('prevented = OFF breach-days ON does not share, over OFF breach-days; episodes too', () => {
    const off = {
      dailyLoss: [false, true, true, true, false],
      drawdown: [true, false, true, true, false],
      var99: [false, false, false, false, false],
    };
    const on = {
      dailyLoss: [false, false, true, false, true],
      drawdown: [false, false, false, false, false],
      var99: [false, false, false, false, false],
    };
    const rows = breachPrevention(off, on);
    const row = (l: string) => rows.find((r) => r.limit === l);
    expect(row('dailyLoss')).toEqual({
      limit: 'dailyLoss',
      offDays: 3,
      onDays: 2,
      prevented: 2,
      share: 2 / 3,
      onlyOn: 1,
      offEpisodes: 1,
      onEpisodes: 2,
      preventedEpisodes: 0,
    });
    expect(row('drawdown')).toEqual({
      limit: 'drawdown',
      offDays: 3,
      onDays: 0,
      prevented: 3,
      share: 1,
      onlyOn: 0,
      offEpisodes: 2,
      onEpisodes: 0,
      preventedEpisodes: 2,
    });
    expect(row('var99')).toMatchObject({ offDays: 0, share: null });
    // Any limit: OFF breaches on days 0-3, ON on days 2 and 4 → days 0, 1, 3 prevented.
    expect(row('any')).toEqual({
      limit: 'any',
      offDays: 4,
      onDays: 2,
      prevented: 3,
      share: 0.75,
      onlyOn: 1,
      offEpisodes: 1,
      onEpisodes: 2,
      preventedEpisodes: 0,
    });
  });

  it('refuses runs of different length', () => {
    const x = { dailyLoss: [false], drawdown: [false], var99: [false] };
    const y = { dailyLoss: [false, false], drawdown: [false, false], var99: [false, false] };
    expect(() => breachPrevention(x, y)).toThrow(/differ in length/);
  });
});

describe('performance summary', () => {
  it('matches a hand computation (Sharpe ddof 1, ×√252)', () => {
    const p = performance({
      equity: [100, 110, 99, 108.9],
      dates: ['2001-01-01', '2001-01-02', '2001-01-03', '2001-01-04'],
      exposure: [1, 1, 0.5, 0.5],
    });
    const m = 0.1 / 3;
    const sd = Math.sqrt(((0.1 - m) ** 2 * 2 + (-0.1 - m) ** 2) / 2);
    expect(p.sharpe).toBeCloseTo((m / sd) * Math.sqrt(252), 10);
    expect(p.maxDrawdown).toBeCloseTo(0.1, 12);
    expect([p.peakDate, p.troughDate]).toEqual(['2001-01-02', '2001-01-03']);
    expect(Math.log1p(p.cagr)).toBeCloseTo((252 / 3) * Math.log(1.089), 8);
    expect(p.calmar).toBeCloseTo(p.cagr / 0.1, 6);
    expect(p.avgExposure).toBe(0.75);
  });

  it('time shares sum to one', () => {
    const t = timeShare(['ACTIVE', 'ACTIVE', 'HALTED', 'REDUCING']);
    expect(t).toEqual({ ACTIVE: 0.5, HALTED: 0.25, REDUCING: 0.25 });
  });
});
