import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDeskServers, type DeskServers } from '../../../src/server/desk/index';
import { parseCommand, SLOW_CONSUMER_CLOSE } from '../../../src/server/desk/stream';
import { FakeSource, okv, riskSnapshot } from './fake-source';

const TOKEN = 'stream-test-token-123';
let desk: DeskServers | undefined;
const open: WebSocket[] = [];

afterEach(async () => {
  for (const c of open.splice(0)) c.terminate();
  await desk?.close();
  desk = undefined;
});

async function start(src: FakeSource, streamBufferBytes?: number): Promise<string> {
  desk = await startDeskServers({ source: src, token: TOKEN, streamPort: 0, metricsPort: null, ...(streamBufferBytes ? { streamBufferBytes } : {}) });
  return `ws://127.0.0.1:${desk.ports.stream}/`;
}

/** Opens a client and collects every text message it receives. */
function client(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; msgs: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    open.push(ws);
    const msgs: Record<string, unknown>[] = [];
    ws.on('message', (d) => msgs.push(JSON.parse(String(d)) as Record<string, unknown>));
    ws.once('open', () => resolve({ ws, msgs }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('risk stream', () => {
  it('refuses a connection without the right token (401) and accepts bearer or ?token=', async () => {
    const url = await start(new FakeSource());
    await expect(client(url)).rejects.toThrow('HTTP 401');
    await expect(client(`${url}?token=wrong-token-xxxxxxxxx`)).rejects.toThrow('HTTP 401');
    await expect(client(url, { Authorization: `Bearer ${TOKEN}` })).resolves.toBeDefined();
    await expect(client(`${url}?token=${TOKEN}`)).resolves.toBeDefined();
    expect(desk!.stream!.stats.unauthorised).toBe(2);
    // A plain HTTP request is refused too, and told what the port speaks once authorised.
    const plain = await fetch(url.replace('ws:', 'http:'));
    expect(plain.status).toBe(401);
    const authed = await fetch(url.replace('ws:', 'http:'), { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(authed.status).toBe(426);
  });

  it('sends a snapshot on subscribe, then only the subscribed topics, and stops after unsubscribe', async () => {
    const src = new FakeSource({ 'risk.snapshot': okv(riskSnapshot()), 'alerts.list': okv([]) });
    const url = await start(src);
    const { ws, msgs } = await client(`${url}?token=${TOKEN}`);
    ws.send(JSON.stringify({ op: 'subscribe', topics: ['risk'] }));
    await until(() => msgs.length >= 2);
    expect(msgs[0]).toEqual({ type: 'subscribed', topics: ['risk'] });
    // Nothing had been pushed yet, so the snapshot came from a request.
    expect(msgs[1].topic).toBe('risk');
    expect((msgs[1].data as { equity: number }).equity).toBe(100_000);
    expect(src.calls.map((c) => c.method)).toEqual(['risk.snapshot']);
    src.push('positions.snapshot', [{ symbol: 'BTC-USDT' }]); // not subscribed: not sent
    src.push('risk.snapshot', riskSnapshot({ equity: 99_000 }));
    src.push('system.heartbeat', { seq: 1 }); // not a stream topic
    await until(() => msgs.length >= 3);
    expect(msgs[2]).toMatchObject({ topic: 'risk', data: { equity: 99_000 } });
    expect(typeof msgs[2].ts).toBe('number');
    ws.send(JSON.stringify({ op: 'subscribe', topics: ['positions'] }));
    await until(() => msgs.length >= 5);
    // The positions snapshot replays the last push, no request needed.
    expect(msgs[3]).toEqual({ type: 'subscribed', topics: ['risk', 'positions'] });
    expect(msgs[4]).toMatchObject({ topic: 'positions', data: [{ symbol: 'BTC-USDT' }] });
    expect(src.calls).toHaveLength(1);
    ws.send(JSON.stringify({ op: 'unsubscribe', topics: ['risk'] }));
    await until(() => msgs.length >= 6);
    expect(msgs[5]).toEqual({ type: 'unsubscribed', topics: ['positions'] });
    src.push('risk.snapshot', riskSnapshot({ equity: 98_000 }));
    src.push('positions.snapshot', [{ symbol: 'ETH-USDT' }]);
    await until(() => msgs.length >= 7);
    await new Promise((r) => setTimeout(r, 50));
    expect(msgs.slice(6)).toHaveLength(1);
    expect(msgs[6]).toMatchObject({ topic: 'positions', data: [{ symbol: 'ETH-USDT' }] });
  });

  it('answers a bad command with an error naming the field and keeps the connection', async () => {
    const url = await start(new FakeSource());
    const { ws, msgs } = await client(`${url}?token=${TOKEN}`);
    ws.send('not json');
    ws.send(JSON.stringify({ op: 'subscribe', topics: ['risk', 'pnl'] }));
    ws.send(JSON.stringify({ op: 'ping' }));
    await until(() => msgs.length >= 3);
    expect(msgs[0]).toEqual({ type: 'error', error: { code: 'BAD_REQUEST', message: 'frame: not valid JSON' } });
    expect(msgs[1]).toEqual({ type: 'error', error: { code: 'BAD_REQUEST', message: 'topics.1: unknown topic "pnl" (expected risk, alerts, positions, breakers)', field: 'topics.1' } });
    expect(msgs[2].type).toBe('pong');
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('parses commands strictly', () => {
    const b = (s: string) => Buffer.from(s);
    expect(parseCommand(b('{"op":"subscribe","topics":["alerts","breakers"]}'), false)).toEqual({ op: 'subscribe', topics: ['alerts', 'breakers'] });
    expect(parseCommand(b('{"op":"subscribe","topics":[]}'), false)).toMatchObject({ error: { field: 'topics' } });
    expect(parseCommand(b('{"op":"watch","topics":["risk"]}'), false)).toMatchObject({ error: { field: 'op' } });
    expect(parseCommand(b('[1]'), false)).toMatchObject({ error: { message: 'frame: must be a JSON object' } });
    expect(parseCommand(b('{}'), true)).toMatchObject({ error: { message: 'frame: must be text JSON' } });
  });

  it('drops a client that stops reading once its unsent bytes pass the cap; others keep receiving', async () => {
    const src = new FakeSource();
    const cap = 1024 * 1024;
    const url = await start(src, cap);
    const slow = await client(`${url}?token=${TOKEN}`);
    const fast = await client(`${url}?token=${TOKEN}`);
    for (const c of [slow, fast]) c.ws.send(JSON.stringify({ op: 'subscribe', topics: ['positions'] }));
    await until(() => slow.msgs.length >= 1 && fast.msgs.length >= 1);
    slow.ws.pause(); // stops reading its socket: the kernel buffers fill, then ws's own buffer grows
    const closed = new Promise<number>((r) => slow.ws.once('close', (code) => r(code)));
    const big = 'x'.repeat(256 * 1024);
    let pushed = 0;
    let worstPushMs = 0;
    while (desk!.stream!.stats.droppedSlow === 0 && pushed < 400) {
      const t0 = performance.now();
      src.push('positions.snapshot', [{ symbol: 'BTC-USDT', note: big, n: pushed }]);
      worstPushMs = Math.max(worstPushMs, performance.now() - t0);
      pushed++;
      await new Promise((r) => setImmediate(r));
    }
    expect(desk!.stream!.stats.droppedSlow).toBe(1);
    expect(desk!.stream!.stats.clients).toBe(1);
    // Kernel buffers take a few MB before ws buffers anything; the cap then bounds what we hold.
    expect(pushed * big.length).toBeGreaterThan(cap);
    // Publishing never waited on the stalled client: a push costs one serialisation and a few writes.
    expect(worstPushMs).toBeLessThan(100);
    slow.ws.resume();
    expect(await closed).toBe(SLOW_CONSUMER_CLOSE);
    // The reading client got every push, in order.
    src.push('positions.snapshot', [{ symbol: 'END' }]);
    await until(() => fast.msgs.some((m) => m.topic === 'positions' && JSON.stringify(m.data).includes('"END"')), 10_000);
    const ns = fast.msgs.filter((m) => m.topic === 'positions').map((m) => (m.data as { n?: number }[])[0].n).filter((n) => n !== undefined);
    expect(ns).toEqual(Array.from({ length: pushed }, (_, i) => i));
  });

  it('stops listening to the source when closed', async () => {
    const src = new FakeSource();
    await start(src);
    expect(src.listenerCount).toBe(2); // stream + metrics
    await desk!.close();
    desk = undefined;
    expect(src.listenerCount).toBe(0);
  });
});
