import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { EngineHost } from '../../../src/engine/host';

// A minimal Coinbase Exchange stand-in on loopback: acknowledges the subscribe, then streams tickers.
function coinbaseStub(): Promise<{ url: string; subscribes: unknown[]; close: () => void }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const subscribes: unknown[] = [];
  let seq = 1;
  wss.on('connection', (ws) => {
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type?: string };
      subscribes.push(msg);
      if (msg.type !== 'subscribe') return;
      ws.send(JSON.stringify({ type: 'subscriptions', channels: [{ name: 'ticker', product_ids: ['BTC-USD'] }] }));
      const t = setInterval(() => {
        if (ws.readyState !== ws.OPEN) return clearInterval(t);
        const px = 50_000 + (seq % 10);
        ws.send(JSON.stringify({ type: 'ticker', sequence: seq++, product_id: 'BTC-USD', price: String(px), best_bid: String(px - 1), best_ask: String(px + 1), time: new Date().toISOString(), last_size: '0.01', side: 'buy', trade_id: seq }));
      }, 50);
    });
  });
  return new Promise((resolve) => wss.on('listening', () => {
    const a = wss.address() as { port: number };
    resolve({ url: `ws://127.0.0.1:${a.port}`, subscribes, close: () => wss.close() });
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'bulwark-venues-'));
let host: EngineHost | undefined;
let stub: Awaited<ReturnType<typeof coinbaseStub>> | undefined;
afterAll(async () => {
  await host?.close();
  stub?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('venue routing', () => {
  it('prices an instrument on its own venue at the configured endpoint, next to the simulator', async () => {
    stub = await coinbaseStub();
    host = new EngineHost({ dataDir: dir, version: 't', workerFile: new URL('../../support/ts-worker.mjs', import.meta.url), seedDemo: false, feeds: { coinbase: stub.url } });
    await host.ready;
    const ok = await host.call('positions.import', { csv: 'symbol,kind,qty,avg_cost,venue,quote\nUSD,cash,100000,,,\nBTC-USD,spot,2,40000,coinbase,USD\n' });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    const end = Date.now() + 10_000;
    let mark: number | null = null;
    while (Date.now() < end) {
      const r = await host.call('positions.list', {});
      const p = r.ok ? r.value.find((x) => x.symbol === 'BTC-USD') : undefined;
      if (p?.lastUpdateTs) {
        mark = p.mark;
        break;
      }
      await new Promise((r2) => setTimeout(r2, 100));
    }
    expect(mark).toBeGreaterThanOrEqual(49_999);
    expect(mark).toBeLessThanOrEqual(50_010);
    expect(stub.subscribes[0]).toMatchObject({ type: 'subscribe' });
    expect(JSON.stringify(stub.subscribes[0])).toContain('"BTC-USD"');
    const health = await host.call('feeds.health', {});
    const cb = health.ok ? health.value.find((h) => h.venue === 'coinbase') : undefined;
    expect(cb).toMatchObject({ url: stub.url, state: 'open' });
  }, 30_000);
});
