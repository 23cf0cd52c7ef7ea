import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer } from '../../../src/shared/coalescer';
import { isMethod, parseParams, parseRequestFrame, requests, topics } from '../../../src/shared/contract/index';

describe('contract', () => {
  it('names the offending field and the reason for a bad payload', () => {
    const r = parseParams('events.list', { limit: 'ten' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_REQUEST');
    expect(r.error.field).toBe('params.limit');
    expect(r.error.message).toMatch(/^params\.limit: .*number/);
  });

  it('rejects out-of-range values, unknown fields and empty notes', () => {
    const tooMany = parseParams('events.list', { limit: 501 });
    expect(!tooMany.ok && tooMany.error.field).toBe('params.limit');
    const extra = parseParams('events.list', { limit: 5, colour: 'red' });
    expect(extra.ok).toBe(false);
    const blank = parseParams('events.note', { text: '   ' });
    expect(!blank.ok && blank.error.message).toBe('params.text: must not be empty');
    const badSev = parseParams('events.list', { severity: 'loud' });
    expect(!badSev.ok && badSev.error.field).toBe('params.severity');
    const badKind = parseParams('events.list', { kind: 'DROP TABLE' });
    expect(!badKind.ok && badKind.error.field).toBe('params.kind');
  });

  it('applies defaults and trims', () => {
    const r = parseParams('events.list', {});
    expect(r.ok && r.value.limit).toBe(50);
    const n = parseParams('events.note', { text: '  hedge the tail  ' });
    expect(n.ok && n.value.text).toBe('hedge the tail');
  });

  it('validates request envelopes', () => {
    expect(parseRequestFrame(null).ok).toBe(false);
    expect(parseRequestFrame([1]).ok).toBe(false);
    const noId = parseRequestFrame({ method: 'system.status' });
    expect(!noId.ok && noId.error.field).toBe('id');
    const unknown = parseRequestFrame({ id: 1, method: 'orders.nuke' });
    expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_METHOD');
    expect(parseRequestFrame({ id: 7, method: 'system.status', params: {} })).toEqual({ ok: true, value: { id: 7, method: 'system.status', params: {} } });
  });

  it('names methods as domain.verb and only knows its own', () => {
    for (const m of Object.keys(requests)) expect(m).toMatch(/^[a-z]+\.[a-zA-Z.]+$/);
    for (const t of Object.keys(topics)) expect(t).toMatch(/^[a-z]+\.[a-zA-Z.]+$/);
    expect(isMethod('toString')).toBe(false);
    expect(isMethod('__proto__')).toBe(false);
  });
});

describe('coalescer', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers only the latest value per topic at the configured rate', () => {
    vi.useFakeTimers();
    const got: [string, unknown][] = [];
    const c = createCoalescer(4, (t, d) => got.push([t, d]));
    for (let i = 0; i < 1000; i++) c.push('a', i);
    c.push('b', 'x');
    expect(got).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(got).toEqual([['a', 999], ['b', 'x']]);
    vi.advanceTimersByTime(1000);
    expect(got).toHaveLength(2); // nothing new, nothing re-sent
    c.push('a', 1000);
    vi.advanceTimersByTime(250);
    expect(got[2]).toEqual(['a', 1000]);
    c.stop();
  });

  it('refuses a nonsensical rate', () => {
    expect(() => createCoalescer(0, () => {})).toThrow(/rateHz/);
  });
});
