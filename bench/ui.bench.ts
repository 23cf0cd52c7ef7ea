// ui.long_tasks_over_50ms, ui.frame_p95_ms, ui.heap_growth_pct: the renderer with a 500-position book
// updating at 4 Hz (the host's push rate), visiting Overview, Positions (table and heatmap), Risk,
// Stress, Greeks and Hedging in Debian's Chromium against the built headless server (`npm run build`
// first). Conventions are in test/support/ui-perf.ts (frame time = vsync to end of the frame's
// rendering on the main thread); ui.frame_p95_ms is the worst page's p95, so one janky page cannot
// hide among smooth ones (the all-pages p95 is in the JSON file).
// `--quick` ≈ 25 s: a warm-up cycle of 1 s per page, one measured cycle of 2 s per page.
// ui.heap_growth_pct is printed only with `--soak` (shorter runs mostly show first-visit warm-up).
// Default: two measured cycles of 10 s per page. `--soak`: a warm-up that cycles the pages for
// 10 minutes (a third of the run with `--soak-minutes N`, at least 1 minute), then 30 measured
// minutes (or N) with the heap sampled after each cycle (median of the first/last three). The
// warm-up is as long as the UI's longest bounded history (the hedging score trend keeps 600
// one-second points), so a buffer filling up is not counted as growth; every buffer is full when
// the first sample is taken. No heap snapshot is taken during the soak: a snapshot makes V8 attach
// source positions to every compiled function, which itself grows the heap being measured. To see
// where the heap goes, run `npx tsx scripts/ui-heap-diff.ts` (snapshots before and after, by category).
// Details (per page, long-task attribution) go to test-results/ui-perf-bench.json.
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startServer } from '../test/support/headless';
import { loadBook, measureUi, PROBE_SCRIPT, type UiPerfResult } from '../test/support/ui-perf';
import { figure, type BenchSuite } from './types';

const POSITIONS = 500;

const suite: BenchSuite = async (opts) => {
  const i = process.argv.indexOf('--soak-minutes');
  const soakMinutes = i > 0 ? Number(process.argv[i + 1]) : 30;
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-ui-bench-'));
  const server = await startServer({ dataDir: dir, token: `ui-bench-${process.pid}` });
  const browser = await chromium.launch({ executablePath: process.env.BULWARK_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const held = await loadBook(server.port, server.token, POSITIONS);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript({ content: PROBE_SCRIPT });
    await page.goto(server.url + '#/overview');
    await page.locator('main[aria-label="overview page"]').waitFor();
    const cdp = await page.context().newCDPSession(page);
    const log = (l: string): void => void process.stderr.write(`ui bench: ${l}\n`);
    const now = Date.now();
    let r: UiPerfResult;
    if (opts.soak) {
      const total = soakMinutes * 60_000;
      const warmup = Math.min(10 * 60_000, Math.max(60_000, total / 3));
      r = await measureUi(page, cdp, {
        secondsPerPage: 10,
        warmupUntilMs: now + warmup,
        untilMs: now + warmup + total,
        positions: held,
        log,
      });
    } else {
      // Quick: a 2 s warm-up per page (first-visit code and caches settle) then 2.5 s measured per page.
      r = opts.quick
        ? await measureUi(page, cdp, { secondsPerPage: 2, warmupSecondsPerPage: 1, cycles: 1, positions: held, log })
        : await measureUi(page, cdp, { secondsPerPage: 10, warmupSecondsPerPage: 2, cycles: 2, positions: held, log });
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/ui-perf-bench.json', JSON.stringify({ mode: opts.soak ? `soak ${soakMinutes} min` : opts.quick ? 'quick' : 'default', ...r }, null, 2));
    return [
      figure('ui.long_tasks_over_50ms', r.longTasksOver50ms, 'count', '<=', 0),
      figure('ui.frame_p95_ms', r.worstPageFrameP95Ms, 'ms', '<=', 16),
      // Heap growth means something only over the soak (the first minutes fill bounded histories).
      ...(opts.soak ? [figure('ui.heap_growth_pct', r.heapGrowthPct, '%', '<=', 5)] : []),
    ];
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
export default suite;
