import { afterEach, describe, expect, it } from 'vitest';
import { ChannelDispatcher, redactionTargets, type DispatcherDeps } from '../../../src/engine/channels/dispatcher';
import type { AlertMessage, ChannelRecord } from '../../../src/engine/channels/types';
import { TokenBucket } from '../../../src/engine/channels/token-bucket';
import { httpSink, type HttpSink, type Reply } from './sinks';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function sink(reply?: (n: number) => Reply): Promise<HttpSink> {
  const s = await httpSink(reply);
  open.push(s);
  return s;
}

const channel = (over: Partial<ChannelRecord> = {}): ChannelRecord => ({ id: 'ch-1', kind: 'webhook', name: 'hook', enabled: true, minLevel: 'warning', ratePerMinute: 60, maxAttempts: 4, config: {}, updatedAt: 0, ...over });
const alert = (i: number, level: AlertMessage['level'] = 'critical'): AlertMessage => ({ id: `a#${i}`, level, message: `alert ${i}`, ts: 1_700_000_000_000 + i });

function dispatcher(chs: ChannelRecord[], urls: Record<string, string>, over: Partial<DispatcherDeps> = {}): ChannelDispatcher {
  const d = new ChannelDispatcher({ channels: () => chs, secret: (id, f) => (f === 'url' ? urls[id] : undefined), now: Date.now, baseDelayMs: 40, timeoutMs: 1000, random: () => 0.5, ...over });
  open.push(d);
  return d;
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('token bucket', () => {
  it('bursts to capacity then refills perMinute/60 per second', () => {
    const b = new TokenBucket(6, 6, 0);
    expect(Array.from({ length: 8 }, () => b.take(0)).filter(Boolean)).toHaveLength(6);
    expect(b.take(9_999)).toBe(false); // one token takes 10 s at 6/min
    expect(b.take(10_000)).toBe(true);
    expect(b.take(10_000)).toBe(false);
    expect(Array.from({ length: 10 }, () => b.take(1_000_000)).filter(Boolean)).toHaveLength(6); // capped
  });
});

describe('redaction', () => {
  it('scrubs the whole secret and the long parts of a secret URL', () => {
    expect(redactionTargets('https://discord.com/api/webhooks/123456789/tok_abcdefgh?thread=1')).toEqual([
      'https://discord.com/api/webhooks/123456789/tok_abcdefgh?thread=1',
      'tok_abcdefgh',
      '123456789',
      'webhooks',
    ]);
    expect(redactionTargets('123:ab')).toEqual(['123:ab']);
    expect(redactionTargets('abc')).toEqual([]);
  });
});

describe('dispatcher', () => {
  it('backoff: d/2 + U·d/2 with d = base·2^(k−1), capped, Retry-After honoured', () => {
    const d = dispatcher([], {}, { baseDelayMs: 1000, maxDelayMs: 5000, random: () => 0.5 });
    expect([1, 2, 3, 4, 5].map((k) => d.backoffMs(k))).toEqual([750, 1500, 3000, 3750, 3750]);
    expect(d.backoffMs(1, 4000)).toBe(4000);
    expect(d.backoffMs(1, 60_000)).toBe(5000);
    const lo = dispatcher([], {}, { baseDelayMs: 1000, random: () => 0 });
    expect(lo.backoffMs(3)).toBe(2000);
  });

  it('retries: a sink failing twice then succeeding gets the alert on attempt 3, with growing delays', async () => {
    const s = await sink((n) => (n < 2 ? { status: 500, body: 'boom' } : { status: 200 }));
    const ch = channel();
    const d = dispatcher([ch], { 'ch-1': `${s.url}/h` });
    d.dispatch(alert(1));
    await until(() => d.status('ch-1').sent === 1, 3000, 'delivery');
    expect(s.requests).toHaveLength(3);
    const gaps = [s.requests[1].at - s.requests[0].at, s.requests[2].at - s.requests[1].at];
    // base 40 ms, U = 0.5: 30 ms then 60 ms (timers fire late, never early)
    expect(gaps[0]).toBeGreaterThanOrEqual(29);
    expect(gaps[1]).toBeGreaterThanOrEqual(59);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(d.status('ch-1')).toMatchObject({ sent: 1, failed: 0, dropped: 0, queued: 0, lastAttempts: 3, lastError: null });
  });

  it('gives up after maxAttempts and records the error; a 401 is not retried; onFailure sees a redacted error', async () => {
    const s = await sink((n) => (n < 10 ? { status: 502, body: 'bad gateway for token SECRET-URL-TOKEN' } : { status: 200 }));
    const auth = await sink(() => ({ status: 401, body: 'no' }));
    const failures: { id: string; error: string; attempts: number }[] = [];
    const chs = [channel({ maxAttempts: 3 }), channel({ id: 'ch-2', maxAttempts: 5 })];
    const d = dispatcher(chs, { 'ch-1': `${s.url}/SECRET-URL-TOKEN`, 'ch-2': `${auth.url}/x` }, { onFailure: (ch, error, attempts) => failures.push({ id: ch.id, error, attempts }) });
    d.dispatch(alert(1));
    await until(() => failures.length === 2, 3000, 'two failures');
    expect(s.requests).toHaveLength(3);
    expect(auth.requests).toHaveLength(1);
    expect(failures.find((f) => f.id === 'ch-1')).toEqual({ id: 'ch-1', error: 'HTTP 502: bad gateway for token ••••', attempts: 3 });
    expect(failures.find((f) => f.id === 'ch-2')).toEqual({ id: 'ch-2', error: 'HTTP 401: no', attempts: 1 });
    expect(d.status('ch-1')).toMatchObject({ sent: 0, failed: 1, lastAttempts: 3, lastError: 'HTTP 502: bad gateway for token ••••' });
  });

  it('rate limit: a burst of 20 with 5/min delivers 5, drops 15, then one "15 alerts suppressed" summary', async () => {
    const s = await sink();
    let now = 1_000_000;
    const d = dispatcher([channel({ ratePerMinute: 5, minLevel: 'info' })], { 'ch-1': `${s.url}/h` }, { now: () => now });
    for (let i = 0; i < 20; i++) d.dispatch(alert(i, i === 7 ? 'emergency' : 'warning'));
    await until(() => d.status('ch-1').sent === 5, 3000, '5 deliveries');
    expect(d.status('ch-1')).toMatchObject({ sent: 5, dropped: 15, failed: 0 });
    expect(s.requests.map((r) => (JSON.parse(r.body) as { id: string }).id)).toEqual(['a#0', 'a#1', 'a#2', 'a#3', 'a#4']);
    d.flushSummaries(); // no token yet: nothing sent
    now += 11_999; // 5/min → one token per 12 s
    d.flushSummaries();
    now += 1;
    d.flushSummaries();
    await until(() => d.status('ch-1').sent === 6, 3000, 'summary');
    const summary = JSON.parse(s.requests[5].body) as { level: string; message: string };
    expect(summary.level).toBe('emergency'); // the worst level among the suppressed
    expect(summary.message).toBe("15 alerts suppressed by this channel's rate limit (5/min); see the Alerts page");
    d.flushSummaries();
    await new Promise((r) => setTimeout(r, 50));
    expect(s.requests).toHaveLength(6); // only one summary
  });

  it('level filter: a warning-level channel skips info; disabled channels get nothing', async () => {
    const s = await sink();
    const d = dispatcher([channel({ minLevel: 'critical' }), channel({ id: 'ch-2', enabled: false, minLevel: 'info' })], { 'ch-1': `${s.url}/1`, 'ch-2': `${s.url}/2` });
    d.dispatch(alert(1, 'info'));
    d.dispatch(alert(2, 'warning'));
    d.dispatch(alert(3, 'critical'));
    d.dispatch(alert(4, 'emergency'));
    await until(() => d.status('ch-1').sent === 2, 3000, 'two deliveries');
    expect(s.requests.map((r) => `${r.path} ${(JSON.parse(r.body) as { id: string }).id}`)).toEqual(['/1 a#3', '/1 a#4']);
    expect(d.status('ch-2').sent).toBe(0);
  });

  it('a hung sink never delays dispatch; attempts time out; the queue stays bounded; other channels flow', async () => {
    const hung = await sink(() => 'hang');
    const fine = await sink();
    const d = dispatcher([channel({ maxAttempts: 1, ratePerMinute: 600 }), channel({ id: 'ch-2', ratePerMinute: 600 })], { 'ch-1': `${hung.url}/h`, 'ch-2': `${fine.url}/f` }, { timeoutMs: 150, queueLimit: 3 });
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) d.dispatch(alert(i));
    const dispatchMs = performance.now() - t0;
    expect(dispatchMs).toBeLessThan(50); // measured ~1–3 ms for 20 enqueues; a delivery would take ≥ 150 ms here
    // Draining starts on a later turn, so all 10 met a full queue of 3: the 7 oldest were pushed out.
    expect(d.status('ch-1')).toMatchObject({ dropped: 7, queued: 3, sent: 0 });
    await until(() => d.status('ch-2').sent === 3, 3000, 'healthy channel');
    expect(d.status('ch-2')).toMatchObject({ sent: 3, dropped: 7, failed: 0 });
    expect(fine.requests.map((r) => (JSON.parse(r.body) as { id: string }).id)).toEqual(['a#7', 'a#8', 'a#9']);
    expect(d.status('ch-1').sent).toBe(0); // still hung while the healthy channel is done
    await until(() => d.status('ch-1').failed === 3, 3000, 'timeouts');
    expect(d.status('ch-1')).toMatchObject({ failed: 3, queued: 0, lastError: 'request failed: no answer within 150 ms' });
  });

  it('a secret that cannot be decrypted fails at once (no retries) with the store error', async () => {
    const d = dispatcher([channel()], {}, {
      secret: () => {
        const e = new Error('secret "channel:ch-1:url": cannot be decrypted (wrong master key, or the stored value was altered); set it again');
        e.name = 'SecretError';
        throw e;
      },
    });
    const r = await d.test(channel(), alert(1));
    expect(r).toMatchObject({ ok: false, attempts: 1, response: null, error: 'secret "channel:ch-1:url": cannot be decrypted (wrong master key, or the stored value was altered); set it again' });
    expect(d.status('ch-1')).toMatchObject({ failed: 1, sent: 0 });
  });
});
