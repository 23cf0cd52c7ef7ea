import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { loadBook, measureUi, PROBE_SCRIPT, rpc, showPage, PERF_PAGES } from '../support/ui-perf';

// The targets: no long task over 50 ms, frame p95 ≤ 16 ms, no heap growth (≤ 5 % over 30
// minutes: `npm run bench -- --soak ui`). This run is about a minute on a shared CI machine, so it
// allows a little noise: at most 2 long tasks over 50 ms (a GC or a descheduled process), frame p95 ≤ 20 ms
// overall and ≤ 33 ms (two frames) on every page, and ≤ 20 % heap growth across one measured cycle
// after a warm-up cycle: a tripwire for a page or chart retained per visit. In the first minutes the
// heap still fills bounded histories and compiled code (~10 % here; a 6-minute soak then stays flat
// within 2–3 %), so the 5 % target belongs to the soak.
// A page that re-renders too much fails by a wide margin: the positions table rendering all 500 rows
// at 4 Hz gives ~19 long tasks of 50–130 ms in 5 s and a frame p95 of ~75 ms on this 2-core machine.
// Conventions: test/support/ui-perf.ts.
const POSITIONS = 500;

test.describe('UI performance: 500 positions at 4 Hz, every chart live (headless, built-in simulator)', () => {
  test('long tasks, frame time and heap stay within budget on every live page', async ({ page, server }) => {
    test.setTimeout(240_000);
    const held = await loadBook(server.port, server.token, POSITIONS);
    expect(held).toBe(POSITIONS);

    // Count the 4 Hz position pushes as they arrive, so the run is known to be under load.
    let pushes = 0;
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        if (typeof f.payload === 'string' && f.payload.startsWith('{"topic":"positions.snapshot"')) pushes++;
      }),
    );
    await page.addInitScript({ content: PROBE_SCRIPT });
    await page.goto(server.url + '#/positions');
    // The table holds the whole book, with live marks that change between pushes. It is virtualised
    // (components/positions/positions-table.tsx): the size is announced by aria-rowcount (header +
    // positions) and only the rows in view plus an overscan are in the DOM.
    await expect(page.getByRole('table', { name: 'Positions' })).toHaveAttribute('aria-rowcount', String(POSITIONS + 1), { timeout: 20_000 });
    await expect(page.getByTestId('position-row').first()).toBeVisible();
    expect(await page.getByTestId('position-row').count()).toBeLessThan(100);
    const firstMark = page.getByTestId('position-row').first().locator('td').nth(5);
    const before = await firstMark.textContent();
    await expect.poll(async () => firstMark.textContent(), { timeout: 15_000 }).not.toBe(before);
    await showPage(page, PERF_PAGES[0]);

    const cdp = await page.context().newCDPSession(page);
    const t0 = Date.now();
    const pushesAtStart = pushes;
    const r = await measureUi(page, cdp, { secondsPerPage: 5, cycles: 1, warmupSecondsPerPage: 2, positions: held });
    const pushRate = ((pushes - pushesAtStart) * 1000) / (Date.now() - t0);

    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/ui-perf.json', JSON.stringify({ pushesPerSecond: pushRate, ...r }, null, 2));
    const summary = JSON.stringify(r.pages);

    expect(pushRate, 'positions.snapshot pushes per second during the run').toBeGreaterThan(2.5);
    expect(r.pages.map((p) => p.page)).toEqual(PERF_PAGES.map((p) => p.name));
    // ~60 frames/s per measured page; far fewer means the page could not keep up at all.
    for (const p of r.pages) expect(p.frames, `${p.page}: frames measured in 5 s\n${summary}`).toBeGreaterThan(150);
    for (const p of r.pages) expect(p.frameP95Ms, `${p.page}: frame p95 (ms)\n${summary}`).toBeLessThanOrEqual(33);
    expect(r.frameP95Ms, `frame p95 over all pages (ms)\n${summary}`).toBeLessThanOrEqual(20);
    expect(r.longTasksOver50ms, `long tasks over 50 ms\n${JSON.stringify(r.longTasks)}`).toBeLessThanOrEqual(2);
    expect(r.heapSamplesMb).toHaveLength(2);
    expect(r.heapGrowthPct, `heap after GC, MB: ${r.heapSamplesMb.join(' → ')}`).toBeLessThanOrEqual(20);
  });
});

test.describe('Greeks option table with a 500-position book', () => {
  test('~480 options render as a window of rows; all are announced and reachable by scrolling', async ({ page, server }) => {
    test.setTimeout(120_000);
    await loadBook(server.port, server.token, POSITIONS);
    const options = (await rpc<{ kind: string }[]>(server.port, server.token, 'positions.list')).filter((p) => p.kind === 'option').length;
    expect(options).toBeGreaterThan(400);
    await page.goto(server.url + '#/greeks');
    const table = page.getByRole('table', { name: 'Option positions' });
    // The next risk snapshot (every 10 s) carries every option.
    await expect(table).toHaveAttribute('aria-rowcount', String(options + 1), { timeout: 30_000 });
    const rows = table.locator('tbody tr.opt-row');
    expect(await rows.count()).toBeLessThan(60);
    await expect(rows.first()).toHaveAttribute('aria-rowindex', '2');
    await page.getByRole('region', { name: 'Option positions, scrollable' }).evaluate((el: { scrollTop: number; scrollHeight: number }) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect(rows.last()).toHaveAttribute('aria-rowindex', String(options + 1));
    expect(await rows.count()).toBeLessThan(60);
  });
});
