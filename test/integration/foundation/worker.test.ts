import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/engine/host';
import { DB_FILE } from '../../../src/engine/db/open';
import { latestVersion } from '../../../src/engine/db/migrations/index';
import type { Heartbeat } from '../../../src/shared/contract/index';

// The worker runs from TypeScript source through tsx's loader, so this test needs no build.
const workerFile = new URL('../../support/ts-worker.mjs', import.meta.url);

let dir: string;
let host: EngineHost | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-worker-'));
});
afterEach(async () => {
  await host?.close();
  host = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('engine worker', () => {
  it('answers requests, journals notes and pushes a coalesced heartbeat', async () => {
    host = new EngineHost({ dataDir: dir, version: '9.9.9', workerFile, heartbeatMs: 50, pushRateHz: 10, seedDemo: false, simulator: false });
    const beats: Heartbeat[] = [];
    host.onPush((t, d) => t === 'system.heartbeat' && beats.push(d as Heartbeat));
    const ready = await host.ready;
    expect(ready.schemaVersion).toBe(latestVersion);

    const status = await host.call('system.status', {});
    expect(status).toMatchObject({ ok: true, value: { version: '9.9.9', schemaVersion: latestVersion, dataDir: dir, eventCount: 1 } });

    const note = await host.call('events.note', { text: 'vol looks heavy into CPI' });
    expect(note.ok && note.value).toMatchObject({ kind: 'note', severity: 'info', source: 'trader', payload: { text: 'vol looks heavy into CPI' } });

    const list = await host.call('events.list', { limit: 10 });
    expect(list.ok && list.value.items.map((e) => e.kind)).toEqual(['note', 'system.started']);

    const bad = await host.request('events.list', { limit: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'params.limit' } });
    const unknown = await host.request('nope.nothing', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

    // Heartbeats every 50 ms, delivered at most 10 Hz: after ~600 ms about 6 deliveries, not 12.
    await new Promise((r) => setTimeout(r, 600));
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(beats.length).toBeLessThanOrEqual(8);
    const seqs = beats.map((b) => b.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(seqs[seqs.length - 1] - seqs[0]).toBeGreaterThan(beats.length - 1); // beats were skipped, not queued
  });

  it('closes cleanly with a checkpoint: the journal records the stop', async () => {
    host = new EngineHost({ dataDir: dir, version: '1', workerFile, seedDemo: false, simulator: false });
    await host.ready;
    await host.close();
    host = undefined;
    const db = new BetterSqlite3(join(dir, DB_FILE), { readonly: true });
    const kinds = db.prepare('SELECT kind FROM events ORDER BY id').pluck().all();
    expect(kinds).toEqual(['system.started', 'system.stopped']);
    db.close();
  });

  it('refuses to start on a database from the future, with the reason', async () => {
    const db = new BetterSqlite3(join(dir, DB_FILE));
    db.pragma('user_version = 999999');
    db.close();
    host = new EngineHost({ dataDir: dir, version: '1', workerFile });
    await expect(host.ready).rejects.toThrow(/schema version 999999, newer than this version/);
    const after = await host.call('system.status', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
