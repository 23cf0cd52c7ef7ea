/**
 * Risk reports end to end on an in-process Engine with the demo book, priced by hand at fixed times (an
 * injected clock, no feed), so every figure is known: a 10:00 risk snapshot, then a 15 % fall at 12:00
 * that must show as a VaR exception. The PDF is rendered with poppler (pdftoppm/pdftotext/pdfinfo).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import type { ReportResult, RiskSnapshot } from '../../src/shared/contract/index';

const require = createRequire(import.meta.url);
// pdfkit's own PNG decoder (a dependency of pdfkit): RGBA pixels of a rendered page.
const PNG = require('png-js') as { load(path: string): { width: number; height: number; decode(cb: (px: Buffer) => void): void } };

const D = '2026-11-20';
const T10 = Date.parse(`${D}T10:00:00Z`);
const T12 = Date.parse(`${D}T12:00:00Z`);
const BASE: Record<string, number> = { 'BTC-USDT': 94_500, 'ETH-USDT': 3_280, 'SOL-USDT': 176, 'LINK-USDT': 18.9, 'AVAX-USDT': 33.5, 'SPX-USD': 1_440, 'DOGE-USDT': 0.305 };

const dir = mkdtempSync(join(tmpdir(), 'bulwark-reports-'));
const pushes: { topic: string; data: unknown }[] = [];
let clock = T10;
let engine: Engine;
let open: RiskSnapshot;

function price(e: Engine, factor: number, ts: number): void {
  for (const s of e.portfolio.priceSymbols()) {
    const p = (BASE[s] ?? 100) * factor;
    e.portfolio.onPrice(s, p * 0.9999, p * 1.0001, p, ts);
  }
}

/** Equity snapshots for `n` seconds from `ts` (the engine writes one a second). */
function snapshots(e: Engine, ts: number, n: number): void {
  for (let i = 0; i < n; i++) e.portfolio.snapshotTick(ts + i * 1000);
  e.portfolio.flush(ts + n * 1000);
}

async function exportOk(format: 'pdf' | 'xlsx' | 'csv'): Promise<ReportResult> {
  const r = await engine.handle('reports.export', { format, from: D, to: D });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as ReportResult;
}

beforeAll(() => {
  engine = new Engine({ dataDir: dir, version: 't', now: () => clock, push: (topic, data) => pushes.push({ topic, data }) });
  price(engine, 1, T10);
  snapshots(engine, T10, 40);
  const snap = engine.risk.recompute();
  if (!snap) throw new Error('no risk snapshot');
  open = snap;
  clock = T12;
  price(engine, 0.85, T12);
  snapshots(engine, T12, 40);
  engine.risk.recompute();
  clock = T12 + 60_000;
}, 60_000);

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const fmt2 = (n: number): string => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('PDF report', () => {
  let pdf: ReportResult;
  const png = join(dir, 'png');
  beforeAll(async () => {
    pdf = await exportOk('pdf');
  }, 60_000);

  it('renders every page with poppler, each page non-blank', async () => {
    expect(pdf.name).toBe(`bulwark-risk-${D}-20261120T120100Z.pdf`);
    const info = execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(pdf.pages);
    // Cover, equity+VaR, heatmap, stress, exposures, greeks, positions+metrics, journal tables: 8 at least.
    expect(pdf.pages).toBeGreaterThanOrEqual(8);
    execFileSync('mkdir', ['-p', png]);
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf.path, join(png, 'p')]);
    const files = readdirSync(png).filter((f) => f.endsWith('.png')).sort();
    expect(files).toHaveLength(pdf.pages!);
    for (const f of files) {
      const img = PNG.load(join(png, f));
      const px = await new Promise<Buffer>((resolve) => img.decode(resolve));
      expect(px.length).toBe(img.width * img.height * 4);
      let n = 0;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < px.length; i += 4) {
        const g = (px[i] + px[i + 1] + px[i + 2]) / 3;
        n++;
        s += g;
        s2 += g * g;
      }
      const variance = s2 / n - (s / n) ** 2;
      // A blank page has variance 0; a page of text and charts on white is in the hundreds or more.
      expect(variance, f).toBeGreaterThan(50);
    }
  });

  it('holds the positions, the VaR figure as printed, the exception and the footer', () => {
    const text = execFileSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' });
    for (const p of engine.portfolio.positions()) expect(text).toContain(p.symbol);
    // The cover's VaR is the latest snapshot's 99 % historical VaR, in USD with 2 decimals.
    const latest = engine.risk.latest()!;
    expect(text).toContain(`${fmt2(latest.var.historical['0.99'].var)} USD`);
    expect(text).toContain('EXCEPTION');
    expect(text).toContain(`Page 1 of ${pdf.pages}`);
    expect(text).toContain(`Report period ${D} (UTC)`);
    expect(text).toContain('Generated 2026-11-20 12:01:00 UTC');
    expect(text).toContain('Capital-preservation events');
  });

  it('pushed progress up to 100 and journaled the report', () => {
    const prog = pushes.filter((p) => p.topic === 'reports.progress').map((p) => p.data as { id: string; pct: number; stage: string });
    const mine = prog.filter((p) => p.id === pdf.id);
    expect(mine.length).toBeGreaterThan(5);
    for (let i = 1; i < mine.length; i++) expect(mine[i].pct).toBeGreaterThanOrEqual(mine[i - 1].pct);
    expect(mine[mine.length - 1]).toMatchObject({ pct: 100, stage: 'done' });
    const ev = engine.journal.list({ limit: 20, kind: 'report.generated' }).items.find((e) => e.payload.id === pdf.id);
    expect(ev?.payload).toMatchObject({ name: pdf.name, format: 'pdf', bytes: pdf.bytes, scheduled: false });
  });
});

describe('XLSX and CSV reports', () => {
  it('XLSX: a sheet per table, frozen headers, typed numbers equal to the engine figures', async () => {
    const x = await exportOk('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x.path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['summary', 'positions', 'risk_metrics', 'var_backtest', 'stress_scenarios', 'exposures', 'greeks', 'limit_breaches', 'alerts', 'overrides', 'preservation', 'hedges']);
    const pos = wb.getWorksheet('positions')!;
    expect(pos.getRow(1).getCell(1).value).toBe('Symbol');
    expect(pos.getRow(1).getCell(10).value).toBe('Exposure USD');
    expect(pos.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const btc = engine.portfolio.positions().find((p) => p.symbol === 'BTC-USDT')!;
    let found = false;
    pos.eachRow((row, i) => {
      if (i > 1 && row.getCell(1).value === 'BTC-USDT') {
        found = true;
        // 3 BTC at 0.85 × 94,500.
        expect(row.getCell(10).value).toBeCloseTo(3 * 94_500 * 0.85, 6);
        expect(row.getCell(10).value).toBe(btc.exposure);
        expect(row.getCell(10).numFmt).toContain('#,##0.00');
      }
    });
    expect(found).toBe(true);
    // VaR backtest: 99 % VaR at the day's first snapshot vs the day's close P&L (a 15 % fall) → exception.
    const vb = wb.getWorksheet('var_backtest')!;
    const r2 = vb.getRow(2);
    expect(r2.getCell(1).value).toBe(D);
    expect(r2.getCell(3).value).toBe(open.var.historical['0.99'].var);
    const pnl = engine.portfolio.summary().dailyPnl;
    expect(pnl).toBeLessThan(-open.var.historical['0.99'].var);
    expect(r2.getCell(4).value).toBeCloseTo(pnl, 6);
    expect(r2.getCell(5).value).toBe('EXCEPTION');
    expect(wb.getWorksheet('hedges')!.getRow(2).getCell(1).value).toMatch(/not enabled|No hedge/);
  });

  it('CSV: one file, a table column, RFC 4180, raw numbers matching the engine', async () => {
    const c = await exportOk('csv');
    const text = readFileSync(c.path, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[lines.length - 1]).toBe('');
    const header = lines[0].split(',');
    expect(header[0]).toBe('table');
    const posLines = lines.filter((l) => l.startsWith('positions,'));
    expect(posLines).toHaveLength(engine.portfolio.positions().length);
    const btc = posLines.find((l) => l.startsWith('positions,BTC-USDT,'))!.split(',');
    expect(Number(btc[header.indexOf('exposure_usd')])).toBe(engine.portfolio.positions().find((p) => p.symbol === 'BTC-USDT')!.exposure);
    const vb = lines.find((l) => l.startsWith('var_backtest,'))!.split(',');
    expect(Number(vb[header.indexOf('var99_usd')])).toBe(open.var.historical['0.99'].var);
    expect(vb[header.indexOf('exception')]).toBe('EXCEPTION');
  });
});

describe('reports.list and reports.read', () => {
  it('lists the reports newest first and reads one back byte for byte', async () => {
    const l = await engine.handle('reports.list', {});
    if (!l.ok) throw new Error(l.error.message);
    const v = l.value as { folder: string; items: { name: string; path: string; bytes: number }[] };
    expect(v.folder).toBe(join(dir, 'reports'));
    expect(v.items.length).toBeGreaterThanOrEqual(3);
    const item = v.items.find((i) => i.name.endsWith('.pdf'))!;
    const r = await engine.handle('reports.read', { path: item.path });
    if (!r.ok) throw new Error(r.error.message);
    const got = r.value as { base64: string; mime: string; bytes: number };
    expect(got.mime).toBe('application/pdf');
    expect(Buffer.from(got.base64, 'base64').equals(readFileSync(item.path))).toBe(true);
  });

  it('refuses paths outside the reports folder with a clear error', async () => {
    const folder = join(dir, 'reports');
    writeFileSync(join(dir, 'bulwark-risk-2026-11-20-20261120T120100Z.pdf'), 'outside');
    symlinkSync(join(dir, 'bulwark.db'), join(folder, 'bulwark-risk-2026-11-19-20261119T120000Z.pdf'));
    for (const path of ['../bulwark.db', join(folder, '..', 'bulwark.db'), '/etc/passwd', join(dir, 'bulwark-risk-2026-11-20-20261120T120100Z.pdf'), join(folder, 'notes.txt'), join(folder, 'bulwark-risk-2026-11-19-20261119T120000Z.pdf')]) {
      const r = await engine.handle('reports.read', { path });
      expect(r.ok, path).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_REQUEST');
        expect(r.error.field).toBe('params.path');
        expect(r.error.message).toMatch(/only report files inside/);
      }
    }
    const missing = await engine.handle('reports.read', { path: 'bulwark-risk-2026-01-01-20260101T000000Z.csv' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });

  it('validates export params, naming the field', async () => {
    const a = await engine.handle('reports.export', { format: 'pdf', from: '2026-11-21', to: '2026-11-20' });
    expect(!a.ok && a.error.field).toBe('params.from');
    const b = await engine.handle('reports.export', { format: 'pdf', from: '2026-02-30' });
    expect(!b.ok && b.error.message).toMatch(/params\.from: is not a calendar date/);
    const c = await engine.handle('reports.export', { format: 'doc' });
    expect(!c.ok && c.error.field).toBe('params.format');
    const d = await engine.handle('reports.export', { format: 'csv', folder: 'relative/dir' });
    expect(!d.ok && d.error.message).toMatch(/params\.folder: must be an absolute path/);
  });
});

describe('daily schedule', () => {
  it('fires once at the configured minute, survives a restart without repeating, and validates the time', async () => {
    const bad = await engine.handle('settings.set', { reports: { schedule: { timeUtc: '24:00' } } });
    expect(!bad.ok && bad.error.field).toBe('params.reports.schedule.timeUtc');
    const set = await engine.handle('settings.set', { reports: { schedule: { enabled: true, timeUtc: '12:30', format: 'csv' } } });
    expect(set.ok).toBe(true);
    clock = Date.parse(`${D}T12:29:59Z`);
    expect(await engine.reports.scheduleTick()).toBeNull();
    clock = Date.parse(`${D}T12:30:00Z`);
    const r = await engine.reports.scheduleTick();
    expect(r?.name).toBe(`bulwark-risk-${D}-20261120T123000Z.csv`);
    clock = Date.parse(`${D}T12:31:00Z`);
    expect(await engine.reports.scheduleTick()).toBeNull();
    const ev = engine.journal.list({ limit: 5, kind: 'report.generated' }).items[0];
    expect(ev.source).toBe('schedule');
    expect(ev.payload).toMatchObject({ scheduled: true, from: D, to: D, format: 'csv' });
    // A restart the same day must not write it again; the next day's minute writes the next one.
    await engine.close();
    clock = Date.parse(`${D}T13:00:00Z`);
    engine = new Engine({ dataDir: dir, version: 't', now: () => clock, push: () => undefined });
    expect(await engine.reports.scheduleTick()).toBeNull();
    clock = Date.parse('2026-11-21T12:30:00Z');
    expect((await engine.reports.scheduleTick())?.from).toBe('2026-11-21');
  });
});
