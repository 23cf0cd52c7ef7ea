import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/engine/feeds/backoff';
import { RateMeter } from '../../../src/engine/feeds/clock';
import { SendQueue } from '../../../src/engine/feeds/send-queue';
import { SequenceTracker } from '../../../src/engine/feeds/sequence';
import { StalenessMonitor } from '../../../src/engine/feeds/staleness';
import { fakeTime } from './fake-time';

describe('Backoff (exponential, full jitter, bounded)', () => {
  it('draws uniformly below a doubling, capped ceiling and resets', () => {
    const draws = [1, 0.5, 0, 1, 1, 1, 1, 1, 1];
    let i = 0;
    const b = new Backoff({ baseMs: 100, maxMs: 1000, factor: 2 }, () => draws[i++]);
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([
      100, 100, 0, 800, 1000, 1000,
    ]);
    expect(b.attempts).toBe(6);
    b.reset();
    expect(b.ceiling()).toBe(100);
    expect(() => new Backoff({ baseMs: 10, maxMs: 5 })).toThrow(RangeError);
  });
});

describe('SendQueue', () => {
  it('spaces frames evenly (never more than the limit in any window) and keeps order', () => {
    const t = fakeTime();
    const sent: [number, string][] = [];
    const q = new SendQueue({ messages: 5, perMs: 1000 }, t.clock, t.timers, (f) =>
      sent.push([t.clock.now(), f]),
    );
    q.push(...Array.from({ length: 12 }, (_, i) => `m${i}`));
    expect(sent).toHaveLength(1);
    t.advance(199);
    expect(sent).toHaveLength(1);
    t.advance(1);
    expect(sent).toHaveLength(2);
    t.advance(5000);
    expect(sent.map(([, f]) => f)).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`));
    for (let i = 1; i < sent.length; i++) expect(sent[i][0] - sent[i - 1][0]).toBeGreaterThanOrEqual(200);
    for (let i = 5; i < sent.length; i++) expect(sent[i][0] - sent[i - 5][0]).toBeGreaterThanOrEqual(1000);
    // clear() drops what is still waiting (the socket is gone).
    q.push('a', 'b', 'c');
    const before = sent.length;
    q.clear();
    t.advance(5000);
    expect(sent.length).toBe(before);
    expect(sent.at(-1)![1]).toBe('a');
  });
});

describe('SequenceTracker', () => {
  it('classifies per mode and only commits what it is told', () => {
    const s = new SequenceTracker();
    expect(s.verdict('trade', 'X', 10, 'contiguous')).toBe('ok');
    s.commit('trade', 'X', 10, 'ok');
    expect(s.verdict('trade', 'X', 11, 'contiguous')).toBe('ok');
    expect(s.verdict('trade', 'X', 10, 'contiguous')).toBe('duplicate');
    expect(s.verdict('trade', 'X', 9, 'contiguous')).toBe('out_of_order');
    expect(s.verdict('trade', 'X', 14, 'contiguous')).toBe('gap');
    s.commit('trade', 'X', 14, 'gap');
    expect(s.gaps).toBe(1);
    expect(s.missing).toBe(3);
    expect(s.verdict('quote', 'X', 1, 'increasing')).toBe('ok'); // kinds are separate
    s.commit('quote', 'X', 5, 'ok');
    expect(s.verdict('quote', 'X', 9, 'increasing')).toBe('ok');
    expect(s.verdict('quote', 'X', 5, 'increasing')).toBe('duplicate');
    expect(s.verdict('quote', 'X', 5, 'nondecreasing')).toBe('ok');
    expect(s.verdict('quote', 'X', 4, 'nondecreasing')).toBe('out_of_order');
    expect(s.verdict('quote', 'X', 1, 'none')).toBe('ok');
    expect(s.verdict('quote', 'X', NaN, 'increasing')).toBe('ok');
    s.reset();
    expect(s.verdict('trade', 'X', 1, 'contiguous')).toBe('ok');
  });
});

describe('StalenessMonitor', () => {
  it('reports stale and fresh transitions once each', () => {
    const events: [string, boolean][] = [];
    const m = new StalenessMonitor(100, (s, st) => events.push([s, st]));
    m.track('A', 0);
    m.track('B', 0);
    m.sweep(100);
    expect(events).toEqual([]);
    m.touch('A', 90);
    m.sweep(150);
    expect(events).toEqual([['B', true]]);
    m.sweep(300);
    expect(events).toEqual([
      ['B', true],
      ['A', true],
    ]);
    m.touch('B', 310);
    m.touch('B', 320);
    expect(events.at(-1)).toEqual(['B', false]);
    expect(m.stale()).toEqual(['A']);
    expect(m.ageMs('B', 400)).toBe(80);
    m.untrack('A');
    expect(m.stale()).toEqual([]);
  });
});

describe('RateMeter', () => {
  it('reports the last complete one-second window', () => {
    const r = new RateMeter();
    for (let t = 0; t < 1000; t += 10) r.add(t);
    expect(r.rate(999)).toBe(0);
    expect(r.rate(1000)).toBe(100);
    expect(r.rate(5000)).toBe(0);
  });
});
