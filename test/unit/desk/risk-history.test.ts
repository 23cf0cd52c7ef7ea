import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine, RISK_HISTORY_SQL } from '../../../src/engine/engine';

let dir: string;
let engine: Engine;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-riskhist-'));
  engine = new Engine({ dataDir: dir, version: '1', push: () => {}, seedDemo: false, now: () => 10_000 });
  const ins = engine.db.prepare("INSERT INTO risk_snapshots (ts, equity, var95, cvar95, var99, cvar99, risk_score, regime, avg_corr, greeks, stress_worst) VALUES (?, ?, 1, 2, ?, 4, 50, 'normal', 0.5, '{}', -9)");
  for (let i = 1; i <= 10; i++) ins.run(i * 1000, 100_000 + i, i * 10);
});
afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('risk.history', () => {
  it('returns the latest `limit` rows of [from, to], oldest first, with the documented field names', async () => {
    const r = await engine.handle('risk.history', { from: 2000, to: 8000, limit: 3 });
    expect(r.ok).toBe(true);
    const rows = (r as { value: { ts: number; var99: number; equity: number; riskScore: number; stressWorst: number }[] }).value;
    expect(rows.map((x) => x.ts)).toEqual([6000, 7000, 8000]);
    expect(rows[0]).toEqual({ ts: 6000, equity: 100_006, var95: 1, cvar95: 2, var99: 60, cvar99: 4, riskScore: 50, regime: 'normal', avgCorrelation: 0.5, stressWorst: -9 });
    // `to` defaults to now (10 000 ms here), `from` to 0, `limit` to 1000.
    const all = await engine.handle('risk.history', {});
    expect(all.ok && (all.value as unknown[]).length).toBe(10);
  });

  it('refuses a reversed range naming the field', async () => {
    expect(await engine.handle('risk.history', { from: 5, to: 4 })).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'params.from: must not be after to', field: 'params.from' } });
    expect(await engine.handle('risk.history', { limit: 0 })).toMatchObject({ ok: false, error: { field: 'params.limit' } });
  });

  it('is a rowid range search, not a table scan', () => {
    const plan = engine.db.prepare(`EXPLAIN QUERY PLAN ${RISK_HISTORY_SQL}`).all(0, 1, 1) as { detail: string }[];
    const detail = plan.map((p) => p.detail).join(' | ');
    expect(detail).toMatch(/SEARCH risk_snapshots USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    expect(detail).not.toMatch(/SCAN risk_snapshots/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
