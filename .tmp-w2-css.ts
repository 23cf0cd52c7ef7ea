import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './playwright.config';
import { startServer } from './test/support/headless';
import { loadBook, showPage, PERF_PAGES, PROBE_SCRIPT, percentile } from './test/support/ui-perf';
const dir = mkdtempSync(join(tmpdir(), 'w2-css-'));
const server = await startServer({ dataDir: dir, token: 'p' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const variants: Record<string, string> = {
  none: '',
  separate: '.page-positions table.grid { border-collapse: separate; border-spacing: 0; }',
  contain: '.page-positions .table-wrap { contain: strict; }',
  both: '.page-positions table.grid { border-collapse: separate; border-spacing: 0; } .page-positions .table-wrap { contain: strict; }',
  fixed: '.page-positions table.grid { table-layout: fixed; }',
};
try {
  await loadBook(server.port, server.token, 500);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript({ content: PROBE_SCRIPT });
  await page.goto(server.url + '#/overview');
  await showPage(page, PERF_PAGES[1]);
  for (const round of [0, 1, 2]) for (const [name, css] of Object.entries(variants)) {
    await page.evaluate((c) => { let s = document.getElementById('w2css'); if (!s) { s = document.createElement('style'); s.id = 'w2css'; document.head.append(s); } s.textContent = c; }, css);
    await new Promise((r) => setTimeout(r, 700));
    const cdp = await page.context().newCDPSession(page); await cdp.send('Performance.enable');
    const m0 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await page.evaluate(() => (window as any).__uiPerf.reset());
    await new Promise((r) => setTimeout(r, 3000));
    const t = await page.evaluate(() => (window as any).__uiPerf.take()) as { frames: number[]; longTasks: { duration: number }[] };
    const m1 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const d = (k: string) => ((m1[k] - m0[k]) * 1000 / 3).toFixed(0).padStart(4);
    console.log(round, name.padEnd(9), 'per s: layout', d('LayoutDuration'), 'style', d('RecalcStyleDuration'), 'script', d('ScriptDuration'), 'task', d('TaskDuration'), 'layouts', d('LayoutCount'));
    console.log(round, name.padEnd(9), 'frames', t.frames.length, 'p95', percentile(t.frames, 95).toFixed(1), 'long', t.longTasks.length, 'max', Math.max(0, ...t.longTasks.map((x) => x.duration)).toFixed(0));
  }
} finally { await browser.close(); await server.stop(); rmSync(dir, { recursive: true, force: true }); }
