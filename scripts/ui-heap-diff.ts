// Diagnostic for the UI soak's heap figure: where does the renderer's heap go? Runs the perf cycle
// (500 positions at 4 Hz, every live page in turn) for a warm-up, takes a heap snapshot, keeps
// cycling for N minutes, takes another, and prints the change by category (compiled code, objects,
// strings, …; Blink's C++ objects apart) and the constructors that grew most. `npm run build` first.
//   npx tsx scripts/ui-heap-diff.ts [minutes=10] [warmupMinutes=2]
// The first snapshot itself grows the heap a little (V8 attaches source positions to every
// compiled function), which is why the bench's soak takes none; compare categories, not totals.
// Set HEAP_SAVE=/some/prefix to keep both .heapsnapshot files for Chrome DevTools.
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../playwright.config';
import { heapGrowth, summariseSnapshot, takeHeapSnapshot, type HeapSnapshotJson } from '../test/support/heap-snapshot';
import { startServer } from '../test/support/headless';
import { heapUsedBytes, loadBook, PERF_PAGES, PROBE_SCRIPT, showPage } from '../test/support/ui-perf';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const mb = (b: number): string => (b / 2 ** 20).toFixed(2);

async function main(): Promise<void> {
  const minutes = Number(process.argv[2] ?? 10);
  const warmup = Number(process.argv[3] ?? 2);
  if (!(minutes > 0 && warmup >= 0)) throw new RangeError('usage: ui-heap-diff.ts [minutes > 0] [warmupMinutes >= 0]');
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-heap-'));
  const server = await startServer({ dataDir: dir, token: `heap-diff-${process.pid}` });
  const browser = await chromium.launch({ executablePath: process.env.BULWARK_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await loadBook(server.port, server.token, 500);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript({ content: PROBE_SCRIPT });
    await page.goto(server.url + '#/overview');
    await page.locator('main[aria-label="overview page"]').waitFor();
    const cdp = await page.context().newCDPSession(page);
    const cycleUntil = async (until: number, dwellMs: number): Promise<void> => {
      while (Date.now() < until) {
        for (const p of PERF_PAGES) {
          await showPage(page, p);
          await sleep(dwellMs);
        }
      }
    };
    const snap = async (): Promise<HeapSnapshotJson> => {
      process.stderr.write(`heap used ${mb(await heapUsedBytes(cdp))} MB, snapshot…\n`);
      const s = await takeHeapSnapshot(cdp);
      if (process.env.HEAP_SAVE) writeFileSync(`${process.env.HEAP_SAVE}-${Date.now()}.heapsnapshot`, JSON.stringify(s));
      return s;
    };
    const t0 = Date.now();
    await cycleUntil(t0 + warmup * 60_000, 2000);
    const a = summariseSnapshot(await snap());
    const end = Date.now() + minutes * 60_000;
    while (Date.now() < end) {
      await cycleUntil(Math.min(end, Date.now() + 60_000), 10_000);
      process.stderr.write(`${((Date.now() - t0) / 60_000).toFixed(1)} min: heap used ${mb(await heapUsedBytes(cdp))} MB\n`);
    }
    const g = heapGrowth(a, summariseSnapshot(await snap()), 40);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/ui-heap-diff.json', JSON.stringify(g, null, 2));
    for (const c of g.categories) console.log(`${c.category.padEnd(12)} ${mb(c.startBytes)} -> ${mb(c.endBytes)} MB (${c.deltaBytes >= 0 ? '+' : ''}${mb(c.deltaBytes)})`);
    for (const t of g.top) console.log(`${String(t.deltaBytes).padStart(9)} B ${String(t.deltaCount).padStart(6)}  ${t.key}  (now ${t.endCount}, ${t.endBytes} B)`);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
await main();
