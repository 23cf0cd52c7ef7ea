import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DB_FILE } from '../../../src/engine/db/open';
import { startServer, type RunningServer } from '../../support/headless';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-crash-'));
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Writes notes as fast as acknowledgements come back; records every acknowledged one. */
function writeNotes(s: RunningServer, acked: Map<number, string>): { ws: WebSocket; sent: () => number } {
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}/api?token=${s.token}`);
  let id = 0;
  const inflight = new Map<number, string>();
  const sendOne = (): void => {
    if (ws.readyState !== ws.OPEN) return;
    const text = `crash-note-${++id}`;
    inflight.set(id, text);
    ws.send(JSON.stringify({ id, method: 'events.note', params: { text } }));
  };
  ws.on('open', () => {
    for (let i = 0; i < 8; i++) sendOne(); // keep several writes in flight when the kill lands
  });
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString()) as { id?: number; ok?: boolean; value?: { id: number } };
    if (typeof msg.id !== 'number') return;
    const text = inflight.get(msg.id);
    if (msg.ok && text && msg.value) acked.set(msg.value.id, text);
    inflight.delete(msg.id);
    if (id < 20_000) sendOne();
  });
  ws.on('error', () => {});
  return { ws, sent: () => id };
}

describe('crash safety', () => {
  it('keeps every acknowledged note and an intact database after kill -9', async () => {
    server = await startServer({ dataDir: dir });
    const acked = new Map<number, string>();
    const w = writeNotes(server, acked);
    const deadline = Date.now() + 10_000;
    while (acked.size < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(acked.size).toBeGreaterThanOrEqual(300);
    await server.stop('SIGKILL'); // mid-stream: writes are in flight
    w.ws.terminate();
    expect(w.sent()).toBeGreaterThan(acked.size);

    server = await startServer({ dataDir: dir });
    const check = await new Promise<{ ok: boolean; value: { eventCount: number } }>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server!.port}/api?token=${server!.token}`);
      ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'system.status', params: {} })));
      ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as { id?: number };
        if (m.id === 1) {
          ws.close();
          resolve(m as { ok: boolean; value: { eventCount: number } });
        }
      });
      ws.on('error', reject);
    });
    expect(check.ok).toBe(true);
    await server.stop();

    const db = new BetterSqlite3(join(dir, DB_FILE), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db.prepare("SELECT id, json_extract(payload, '$.text') AS text FROM events WHERE kind = 'note'").all() as { id: number; text: string }[];
    const stored = new Map(rows.map((r) => [r.id, r.text]));
    for (const [id, text] of acked) expect(stored.get(id), `note ${id}`).toBe(text);
    db.close();
  }, 60_000);
});
