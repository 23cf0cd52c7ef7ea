import { describe, expect, it } from 'vitest';
import { AlertBook, priorityScore, type AlertInput } from '../../../src/engine/controls/alerts';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
const input = (over: Partial<AlertInput> = {}): AlertInput => ({
  key: 'limit.daily_loss',
  type: 'limit',
  level: 'warning',
  message: 'daily loss at 80% of limit',
  metric: 'daily_loss',
  threshold: 0.016,
  value: 0.017,
  mitigation: 'reduce exposure',
  ...over,
});

describe('alerts', () => {
  it('creates an alert with every field', () => {
    const book = new AlertBook();
    const r = book.raise(input(), T0);
    expect(r).toMatchObject({ notify: true, isNew: true });
    expect(r.alert).toMatchObject({
      id: 'limit.daily_loss#1',
      key: 'limit.daily_loss',
      type: 'limit',
      level: 'warning',
      metric: 'daily_loss',
      threshold: 0.016,
      value: 0.017,
      mitigation: 'reduce exposure',
      firstTs: T0,
      lastTs: T0,
      count: 1,
      acknowledged: false,
    });
  });

  it('de-duplicates per key and honours the 5 min cool-down', () => {
    const book = new AlertBook();
    book.raise(input(), T0);
    const r2 = book.raise(input({ value: 0.018 }), T0 + MIN);
    expect(r2).toMatchObject({ notify: false, isNew: false, alert: { id: 'limit.daily_loss#1', count: 2, value: 0.018, firstTs: T0, lastTs: T0 + MIN } });
    expect(book.raise(input(), T0 + 5 * MIN - 1).notify).toBe(false);
    expect(book.raise(input(), T0 + 5 * MIN).notify).toBe(true);
    expect(book.raise(input(), T0 + 6 * MIN).notify).toBe(false); // the clock restarts at each notification
    expect(book.list()).toHaveLength(1);
    // A per-key cool-down overrides the default.
    const b2 = new AlertBook();
    b2.raise(input({ cooldownMs: 0 }), T0);
    expect(b2.raise(input({ cooldownMs: 0 }), T0).notify).toBe(true);
  });

  it('a higher level notifies at once and clears the acknowledgement; levels never drop on repeat', () => {
    const book = new AlertBook();
    const { alert } = book.raise(input(), T0);
    book.acknowledge(alert.id, 'alice', T0 + 1);
    const up = book.raise(input({ level: 'critical' }), T0 + 2);
    expect(up).toMatchObject({ notify: true, alert: { level: 'critical', acknowledged: false, levelSince: T0 + 2 } });
    expect(book.raise(input({ level: 'info' }), T0 + 3).alert.level).toBe('critical');
  });

  it('resolve closes an alert; the next raise opens a new one', () => {
    const book = new AlertBook();
    book.raise(input(), T0);
    expect(book.resolve('limit.daily_loss')?.id).toBe('limit.daily_loss#1');
    expect(book.resolve('limit.daily_loss')).toBeNull();
    expect(book.raise(input(), T0 + 1)).toMatchObject({ isNew: true, alert: { id: 'limit.daily_loss#2' } });
  });

  it('acknowledgement records who and when; unknown ids are refused', () => {
    const book = new AlertBook();
    const { alert } = book.raise(input(), T0);
    expect(book.acknowledge(alert.id, 'bob', T0 + 5)).toMatchObject({ acknowledged: true, acknowledgedBy: 'bob', acknowledgedAt: T0 + 5 });
    expect(() => book.acknowledge('nope#9', 'bob', T0)).toThrow(/no active alert/);
    expect(() => book.acknowledge(alert.id, '', T0)).toThrow(/user is required/);
  });

  it('escalates critical alerts unacknowledged for 15 min to emergency', () => {
    const book = new AlertBook();
    book.raise(input({ key: 'a', level: 'critical' }), T0);
    const { alert: b } = book.raise(input({ key: 'b', level: 'critical' }), T0);
    book.raise(input({ key: 'c', level: 'warning' }), T0);
    book.acknowledge(b.id, 'alice', T0 + MIN);
    expect(book.tick(T0 + 15 * MIN - 1)).toEqual([]);
    const esc = book.tick(T0 + 15 * MIN);
    expect(esc.map((a) => [a.key, a.level])).toEqual([['a', 'emergency']]);
    expect(book.tick(T0 + 60 * MIN)).toEqual([]);
  });

  it('priority = severity + overshoot (capped 100) + recurrence (capped 50)', () => {
    // warning 100 + 100·(0.017 − 0.016)/0.016 = 6.25 + 10·log2(1) = 0
    expect(priorityScore({ level: 'warning', value: 0.017, threshold: 0.016, direction: 'above', count: 1 })).toBeCloseTo(106.25, 9);
    expect(priorityScore({ level: 'critical', value: 3, threshold: 1, direction: 'above', count: 4 })).toBeCloseTo(200 + 100 + 20, 9);
    expect(priorityScore({ level: 'info', value: 0.5, threshold: 1, direction: 'below', count: 1e6 })).toBeCloseTo(0 + 50 + 50, 9);
    expect(priorityScore({ level: 'emergency', value: 0.5, threshold: 1, direction: 'above', count: 1 })).toBe(300); // not past
    expect(priorityScore({ level: 'warning', value: 1, threshold: 0, direction: 'above', count: 1 })).toBe(200);
  });

  it('orders unacknowledged first, then by score, then most recent', () => {
    const book = new AlertBook();
    book.raise(input({ key: 'warn-far', level: 'warning', value: 1, threshold: 0.5 }), T0); // 200
    book.raise(input({ key: 'crit', level: 'critical', value: 0.5, threshold: 0.5 }), T0); // 200
    const { alert: acked } = book.raise(input({ key: 'emerg-acked', level: 'emergency' }), T0);
    book.raise(input({ key: 'info', level: 'info' }), T0);
    book.acknowledge(acked.id, 'a', T0);
    book.raise(input({ key: 'crit', level: 'critical', value: 0.5, threshold: 0.5 }), T0 + 1); // same score, newer; count 2 → +10
    expect(book.list().map((a) => a.key)).toEqual(['crit', 'warn-far', 'info', 'emerg-acked']);
  });

  it('rejects incomplete alerts naming the field, and round-trips JSON', () => {
    const book = new AlertBook();
    expect(() => book.raise(input({ key: '' }), T0)).toThrow(/key is required/);
    expect(() => book.raise(input({ value: NaN }), T0)).toThrow(/value must be finite/);
    expect(() => book.raise(input({ level: 'loud' as 'info' }), T0)).toThrow(/level must be/);
    book.raise(input(), T0);
    const r = AlertBook.fromJSON(JSON.parse(JSON.stringify(book.toJSON())));
    expect(r.list()).toEqual(book.list());
    expect(r.raise(input({ key: 'new' }), T0).alert.id).toBe('new#2');
    expect(() => new AlertBook({ escalateAfterMs: 5 })).toThrow(/escalateAfterMs/);
  });
});
