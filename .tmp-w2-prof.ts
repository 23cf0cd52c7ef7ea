import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './playwright.config';
import { startServer } from './test/support/headless';
import { loadBook, showPage, PERF_PAGES } from './test/support/ui-perf';
const dir = mkdtempSync(join(tmpdir(), 'w2-prof-'));
const server = await startServer({ dataDir: dir, token: 'p' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  await loadBook(server.port, server.token, 500);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url + '#/overview');
  const which = process.argv[2] ?? 'positions';
  await showPage(page, PERF_PAGES.find((p) => p.name === which)!);
  await new Promise((r) => setTimeout(r, 2000));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await new Promise((r) => setTimeout(r, 4000));
  const { profile } = await cdp.send('Profiler.stop');
  const dt = new Map<number, number>();
  for (let i = 0; i < profile.samples!.length; i++) dt.set(profile.samples![i], (dt.get(profile.samples![i]) ?? 0) + (profile.timeDeltas![i] ?? 0));
  const self = new Map<string, number>();
  for (const n of profile.nodes) {
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
  }
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(1).padStart(8), k);
} finally { await browser.close(); await server.stop(); rmSync(dir, { recursive: true, force: true }); }
