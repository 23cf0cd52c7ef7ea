import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { Journal } from '../../../src/engine/db/journal';
import { openDatabase } from '../../../src/engine/db/open';
import { PortfolioService } from '../../../src/engine/portfolio/service';
import { PortfolioStore } from '../../../src/engine/portfolio/store';
import { demoBook } from '../../../src/engine/portfolio/demo';

const T0 = Date.UTC(2026, 10, 20, 12);
let dir: string;
let db: Database;
let now = T0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-pf-'));
  db = openDatabase({ dataDir: dir });
  now = T0;
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const service = (seedDemo = true) => new PortfolioService(new PortfolioStore(db), new Journal(db, () => now), { now: () => now, seedDemo });

describe('portfolio service', () => {
  it('seeds the demo book once, with every fill journaled, and restores it after a restart', () => {
    const s = service();
    const book = demoBook(T0);
    expect(s.positions()).toHaveLength(book.opens.length);
    expect(db.prepare("SELECT count(*) FROM events WHERE kind = 'portfolio.demo_loaded'").pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM fills').pluck().get()).toBe(book.opens.length);
    const kinds = new Set(s.positions().map((p) => p.kind));
    expect(kinds).toEqual(new Set(['spot', 'perp', 'option']));
    expect(s.positions().some((p) => p.sector === 'hedge')).toBe(true);
    const equity = s.summary().equity;
    // Opened at cost without fees, so equity is the starting cash until prices move.
    expect(equity).toBeCloseTo(3_000_000, 6);

    const again = service(); // restart: no second seeding, same book
    expect(again.summary().equity).toBeCloseTo(equity, 6);
    expect(db.prepare("SELECT count(*) FROM events WHERE kind = 'portfolio.demo_loaded'").pluck().get()).toBe(1);
  });

  it('paper-trades through the ledger, the store and the journal', () => {
    const s = service(false);
    s.importCsv('symbol,qty,avg_cost,kind\nUSDT,100000,,cash\nETH-USDT,1,3000,spot');
    s.onPrice('ETH-USDT', 2999, 3001, 3000, now);
    const r = s.submit({ symbol: 'ETH-USDT', side: 'buy', qty: 2, type: 'market', note: 'add on dip' });
    expect(r.status).toBe('filled');
    expect(r.fill!.id).toBeGreaterThan(0);
    const pos = s.positions().find((p) => p.symbol === 'ETH-USDT')!;
    expect(pos.qty).toBe(3);
    const ev = db.prepare("SELECT payload FROM events WHERE kind = 'order.filled'").pluck().get() as string;
    expect(JSON.parse(ev)).toMatchObject({ symbol: 'ETH-USDT', qty: 2, note: 'add on dip' });
    expect(s.fills(10)[0]).toMatchObject({ symbol: 'ETH-USDT', side: 'buy', qty: 2 });
    const again = service(false);
    expect(again.positions().find((p) => p.symbol === 'ETH-USDT')!.qty).toBe(3);
    expect(again.ledger.cash.get('USDT')).toBeCloseTo(s.ledger.cash.get('USDT')!, 9);
  });

  it('imports nothing when any row is bad, and says which lines', () => {
    const s = service(false);
    expect(() => s.importCsv('symbol,qty,avg_cost\nETH-USDT,1,3000\nSOL-USDT,x,150\nBTC-USDT,1,0')).toThrow(
      /nothing imported; 2 problems: line 3: qty: "x" is not a number; line 4: avg_cost: must be > 0, got 0/,
    );
    expect(s.positions()).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM instruments').pluck().get()).toBe(0);
  });

  it('writes 1 s and 1 min equity snapshots in batches and prunes by retention', () => {
    const s = service();
    for (let i = 0; i < 130; i++) s.snapshotTick(T0 + i * 1000);
    s.flush(T0 + 130_000);
    const store = new PortfolioStore(db);
    expect(store.snapshots('1s', T0, T0 + 200_000)).toHaveLength(130);
    expect(store.snapshots('1m', T0 - 60_000, T0 + 200_000)).toHaveLength(3);
    s.prune(T0 + 86_400_000 + 65_000);
    expect(store.snapshots('1s', 0, T0 + 200_000)).toHaveLength(130 - 65) // 1 s rows older than a day before T0+65 s are gone;
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT ts, equity FROM equity_snapshots WHERE resolution = '1s' AND ts BETWEEN 1 AND 2").all() as { detail: string }[]).map((r) => r.detail).join();
    expect(plan).toMatch(/SEARCH equity_snapshots USING PRIMARY KEY \(resolution=\? AND ts>\? AND ts<\?\)/);
    const fp = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM fills WHERE symbol = 'X' ORDER BY id DESC LIMIT 5").all() as { detail: string }[]).map((r) => r.detail).join();
    expect(fp).toMatch(/USING INDEX fills_symbol_id/);
  });
});
