import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../src/engine/db/journal';
import { FutureDatabaseError, migrate } from '../../../src/engine/db/migrate';
import { latestVersion, migrations } from '../../../src/engine/db/migrations/index';
import { DB_FILE, openDatabase } from '../../../src/engine/db/open';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('creates a fresh database at the latest version with STRICT tables in WAL mode', () => {
    const db = openDatabase({ dataDir: dir });
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as { name: string; strict: number }[];
    expect(tables.map((t) => t.name).sort()).toEqual(['alert_channels', 'cash', 'controls_state', 'equity_snapshots', 'events', 'fills', 'hedge_proposals', 'hedges', 'hedging_config', 'instruments', 'positions', 'preservation_events', 'risk_snapshots', 'secrets', 'settings', 'stress_results']);
    for (const t of tables) expect(t.strict, t.name).toBe(1);
    db.close();
  });

  it('upgrades an older database and keeps its data', () => {
    const file = join(dir, DB_FILE);
    const old = new BetterSqlite3(file);
    migrate(old, migrations.slice(0, 1), file);
    expect(old.pragma('user_version', { simple: true })).toBe(10);
    old.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('theme', '"light"', 1);
    old.close();

    const db = openDatabase({ dataDir: dir });
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('theme')).toBe('"light"');
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database from the future and leaves it byte-for-byte untouched', () => {
    const file = join(dir, DB_FILE);
    const future = new BetterSqlite3(file);
    future.exec('CREATE TABLE x (a INTEGER) STRICT; INSERT INTO x VALUES (1);');
    future.pragma(`user_version = ${latestVersion + 10}`);
    future.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(() => openDatabase({ dataDir: dir })).toThrow(FutureDatabaseError);
    expect(() => openDatabase({ dataDir: dir })).toThrow(/newer than this version of Bulwark understands/);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('runs every pending migration in one transaction: a failing step leaves nothing behind', () => {
    const file = join(dir, DB_FILE);
    const db = new BetterSqlite3(file);
    const broken = [
      ...migrations,
      { version: 9990, name: 'half', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE half_done (a INTEGER) STRICT') },
      { version: 9991, name: 'boom', up: () => { throw new Error('boom'); } },
    ];
    expect(() => migrate(db, broken, file)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('journal', () => {
  const seed = (j: Journal, n: number): void => {
    for (let i = 0; i < n; i++) {
      j.append({ kind: i % 3 === 0 ? 'limit.breached' : 'note', severity: i % 5 === 0 ? 'critical' : 'info', source: 'test', payload: { i }, ts: 1_700_000_000_000 + i });
    }
  };

  it('pages newest first with a cursor until the end', () => {
    const db = openDatabase({ dataDir: dir });
    const j = new Journal(db, () => 0);
    seed(j, 120);
    const p1 = j.list({ limit: 50 });
    expect(p1.items).toHaveLength(50);
    expect(p1.items[0].payload).toEqual({ i: 119 });
    expect(p1.nextCursor).toBe(p1.items[49].id);
    const p2 = j.list({ limit: 50, before: p1.nextCursor! });
    expect(p2.items[0].id).toBe(p1.items[49].id - 1);
    const p3 = j.list({ limit: 50, before: p2.nextCursor! });
    expect(p3.items).toHaveLength(20);
    expect(p3.nextCursor).toBeNull();
    const all = [...p1.items, ...p2.items, ...p3.items].map((e) => e.id);
    expect(new Set(all).size).toBe(120);
    expect(j.size()).toBe(120);
    db.close();
  });

  it('filters by kind and severity', () => {
    const db = openDatabase({ dataDir: dir });
    const j = new Journal(db, () => 0);
    seed(j, 30);
    const breaches = j.list({ limit: 100, kind: 'limit.breached' });
    expect(breaches.items).toHaveLength(10);
    expect(breaches.items.every((e) => e.kind === 'limit.breached')).toBe(true);
    const both = j.list({ limit: 100, kind: 'limit.breached', severity: 'critical' });
    // i divisible by 3 and by 5 in 0..29: 0, 15
    expect(both.items.map((e) => (e.payload as { i: number }).i)).toEqual([15, 0]);
    db.close();
  });

  it('is append-only', () => {
    const db = openDatabase({ dataDir: dir });
    const j = new Journal(db, () => 0);
    seed(j, 2);
    expect(() => db.exec("UPDATE events SET kind = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM events')).toThrow(/append-only/);
    db.close();
  });

  it('serves every page shape from an index, never a sort or full scan', () => {
    const db = openDatabase({ dataDir: dir });
    const shapes = [
      {},
      { before: 10 },
      { kind: 'note' },
      { kind: 'note', before: 10 },
      { severity: 'critical' },
      { severity: 'critical', before: 10 },
      { kind: 'note', severity: 'critical', before: 10 },
    ];
    for (const s of shapes) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${Journal.pageSql(s)}`).all({ ...s, limit: 51 }) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan, JSON.stringify(s)).not.toMatch(/TEMP B-TREE/);
      if (Object.keys(s).length === 0) expect(plan).toMatch(/^SCAN events$/); // rowid order: already newest-first
      else expect(plan, JSON.stringify(s)).toMatch(/SEARCH events USING (INDEX events_(kind|severity)_id|INTEGER PRIMARY KEY)/);
    }
    db.close();
  });
});

describe('journal kinds', () => {
  it('lists distinct kinds from the kind index', () => {
    const db = openDatabase({ dataDir: dir });
    const j = new Journal(db, () => 0);
    j.append({ kind: 'note', severity: 'info', source: 't' });
    j.append({ kind: 'limit.breached', severity: 'critical', source: 't' });
    j.append({ kind: 'note', severity: 'info', source: 't' });
    expect(j.kinds()).toEqual(['limit.breached', 'note']);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT DISTINCT kind FROM events ORDER BY kind').all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/COVERING INDEX events_kind_id/);
    db.close();
  });
});
