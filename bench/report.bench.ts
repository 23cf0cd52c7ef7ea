// Risk report bench (src/engine/reports). Setup: a store holding one full trading day — 86,400 1 s and
// 1,440 1 min equity snapshots, 8,640 risk snapshots (one per 10 s), 300 journal events (breaches,
// alerts, overrides) and 20 preservation events — the 200-position bench book of
// bench/recompute.bench.ts and its heavy-risk snapshot.
// report_pdf.ms: median wall time of collect + render + write of the PDF (every chart and table; the
//   200 positions span several pages), yielding between sections as the engine does.
// report_pdf.max_sync_ms: the longest stretch the thread was held without yielding (median over runs).
// report_xlsx.ms: the same day as XLSX.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure, BenchSuite } from './types';
import { figure, median } from './types';
import { recomputeBook, viewsAt } from './recompute.bench';
import { openDatabase } from '../src/engine/db/open';
import { computeRiskSnapshot, loadDemoHistory } from '../src/engine/risk-engine/index';
import { ReportService } from '../src/engine/reports/service';
import { Settings, type PortfolioSummary } from '../src/shared/contract/index';

const DAY0 = Date.UTC(2025, 0, 15);
const NOW = DAY0 + 86_400_000 - 60_000;

const suite: BenchSuite = async (opts): Promise<BenchFigure[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-report-bench-'));
  const db = openDatabase({ dataDir: dir });
  try {
    const book = recomputeBook();
    const positions = viewsAt(book);
    const equity = 5_000_000;
    const risk = computeRiskSnapshot({ positions, instruments: book.instruments, prices: book.prices, equity, history: loadDemoHistory(), now: NOW });
    const insEq = db.prepare('INSERT INTO equity_snapshots (resolution, ts, equity, daily_pnl, drawdown, hwm) VALUES (?, ?, ?, ?, ?, ?)');
    const insRisk = db.prepare("INSERT INTO risk_snapshots (ts, equity, var95, cvar95, var99, cvar99, risk_score, regime, avg_corr, greeks, stress_worst) VALUES (?, ?, ?, ?, ?, ?, ?, 'normal', 0.5, '{}', ?)");
    const insEv = db.prepare('INSERT INTO events (ts, kind, severity, source, payload) VALUES (?, ?, ?, ?, ?)');
    const insPres = db.prepare("INSERT INTO preservation_events (ts, from_level, to_level, direction, trigger, metrics, orders, removed, outcome, outcome_at) VALUES (?, 0, 1, 'escalate', 'drawdown', '{}', ?, '[]', ?, ?)");
    db.transaction(() => {
      for (let s = 0; s < 86_400; s++) {
        const ts = DAY0 + s * 1000;
        const pnl = 40_000 * Math.sin(s / 5000) - s * 0.5;
        const row = [ts, equity + pnl, pnl, Math.max(0, -pnl / equity), equity + 50_000] as const;
        insEq.run('1s', ...row);
        if (s % 60 === 0) insEq.run('1m', ...row);
        if (s % 10 === 0) insRisk.run(ts, equity + pnl, 60_000 + (s % 7000), 80_000, 95_000 + (s % 9000), 120_000, 40, -250_000);
      }
      const kinds = ['limit.breached', 'alert.raised', 'breaker.overridden'];
      for (let i = 0; i < 300; i++) insEv.run(DAY0 + i * 280_000, kinds[i % 3], 'critical', 'controls', JSON.stringify({ name: 'varLimit', value: 1.1, limit: 1, message: `alert ${i}`, breaker: 'drawdown', reason: 'bench' }));
      for (let i = 0; i < 20; i++) insPres.run(DAY0 + i * 4_000_000, JSON.stringify([{ symbol: 'BTC-USDT', side: 'sell', qty: 1, status: 'filled', price: 1 }]), i % 2 ? 1200 : -300, DAY0 + i * 4_000_000 + 3_600_000);
    })();
    const summary = { equity, dailyPnl: 1000, dailyPnlPct: 0.0002, drawdown: 0.01, highWaterMark: equity * 1.01, grossExposure: risk.exposures.gross, netExposure: risk.exposures.net } as PortfolioSummary;
    const settings = Settings.parse({});
    const svc = new ReportService({
      dataDir: dir,
      settings: () => settings,
      append: () => undefined,
      push: () => undefined,
      now: () => NOW,
      sources: () => ({ db, positions: () => positions, summary: () => summary, latestRisk: () => risk, hedges: () => Promise.resolve(null), dayStartHourUtc: 0, now: () => NOW }),
    });
    const day = new Date(DAY0).toISOString().slice(0, 10);
    const run = async (format: 'pdf' | 'xlsx') => svc.export({ format, from: day, to: day });
    await run('pdf'); // JIT and font-metric warm-up
    const ms: number[] = [];
    const sync: number[] = [];
    let pages = 0;
    for (let i = 0; i < (opts.quick ? 3 : 7); i++) {
      const r = await run('pdf');
      ms.push(r.ms);
      sync.push(r.maxSyncMs);
      pages = r.pages ?? 0;
    }
    const xl: number[] = [];
    for (let i = 0; i < (opts.quick ? 2 : 4); i++) xl.push((await run('xlsx')).ms);
    return [
      figure('report_pdf.ms', median(ms), 'ms', '<=', 3000),
      figure('report_pdf.max_sync_ms', median(sync), 'ms', '<=', 250),
      figure('report_pdf.pages', pages, 'pages', '>=', 10),
      figure('report_xlsx.ms', median(xl), 'ms', '<=', 3000),
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
