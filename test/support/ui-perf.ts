/**
 * UI performance measurement shared by `test/e2e/perf.spec.ts` and `bench/ui.bench.ts`.
 *
 * Figures and their conventions:
 * - long tasks: `PerformanceObserver('longtask')` entries (main-thread tasks > 50 ms) while a page
 *   is being measured; `long-animation-frame` entries are kept alongside for attribution (script URL
 *   and function), which is how a missed target is traced to its cause.
 * - frame time: for each animation frame, the time from the frame's vsync timestamp (the argument
 *   of the rAF callback) to the end of that frame's rendering on the main thread (a MessageChannel
 *   task posted from the rAF callback runs right after style, layout and paint). It includes any task
 *   that delayed the frame's start. rAF *intervals* are quantised to the display's 16.7 ms vsync and so
 *   cannot be compared with a 16 ms budget; they are reported too, as dropped frames (interval > 1.5
 *   vsync).
 * - heap: `Runtime.getHeapUsage().usedSize` after two `HeapProfiler.collectGarbage` calls (CDP),
 *   sampled between measurement windows so forced GC never lands inside one. Growth compares the
 *   median of the first three samples with the median of the last three (first sample after a
 *   warm-up cycle that opens every page once, so first-visit caches are not counted as growth).
 */
import type { CDPSession, Page } from '@playwright/test';
import WebSocket from 'ws';
import { DEFAULT_UNIVERSE } from '../../src/engine/sim/models/universe';

export interface PerfPage {
  /** Name in the figures (`positions-heatmap` is the Positions page with the Heatmap tab). */
  name: string;
  hash: string;
  tab?: string;
}

/** The pages with live charts, in the order they are visited. */
export const PERF_PAGES: readonly PerfPage[] = [
  { name: 'overview', hash: 'overview' },
  { name: 'positions', hash: 'positions' },
  { name: 'positions-heatmap', hash: 'positions', tab: 'Heatmap' },
  { name: 'risk', hash: 'risk' },
  { name: 'stress', hash: 'stress' },
  { name: 'greeks', hash: 'greeks' },
  { name: 'hedging', hash: 'hedging' },
];

export interface LongTask {
  page: string;
  start: number;
  duration: number;
}
export interface LoafScript {
  page: string;
  duration: number;
  blockingDuration: number;
  scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[];
}
export interface PageFigures {
  page: string;
  frames: number;
  frameP95Ms: number;
  frameMaxMs: number;
  droppedFrames: number;
  longTasksOver50ms: number;
  maxLongTaskMs: number;
}
export interface UiPerfResult {
  positions: number;
  longTasksOver50ms: number;
  framesMeasured: number;
  /** p95 over every measured frame of every page. */
  frameP95Ms: number;
  /** The highest per-page p95: one janky page cannot hide among six smooth ones. */
  worstPageFrameP95Ms: number;
  droppedFramePct: number;
  heapSamplesMb: number[];
  heapGrowthPct: number;
  pages: PageFigures[];
  longTasks: LongTask[];
  slowFrames: LoafScript[];
}

interface ProbeTake {
  frames: number[];
  intervals: number[];
  longTasks: { start: number; duration: number }[];
  loaf: Omit<LoafScript, 'page'>[];
}

/** Nearest-rank percentile (same convention as bench/types.ts). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Heap growth in % between the median of the first and of the last (up to) three samples. */
export function heapGrowthPct(samples: readonly number[]): number {
  if (samples.length < 2) return NaN;
  const k = Math.min(3, samples.length >> 1 || 1);
  const first = median(samples.slice(0, k));
  const last = median(samples.slice(-k));
  return ((last - first) / first) * 100;
}

/** One request over the API WebSocket (no browser involved). */
export async function rpc<T>(port: number, token: string, method: string, params: unknown = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${encodeURIComponent(token)}`);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method, params })));
    ws.on('message', (raw: Buffer) => {
      const m = JSON.parse(raw.toString()) as { id?: number; ok?: boolean; value?: T; error?: { message: string } };
      if (m.id !== 1) return;
      ws.close();
      if (m.ok) resolve(m.value as T);
      else reject(new Error(`${method}: ${m.error?.message ?? 'failed'}`));
    });
    ws.on('error', reject);
  });
}

const DAY = 86_400_000;
const ymd = (ms: number): { code: string; iso: string } => {
  const d = new Date(ms);
  const iso = d.toISOString().slice(0, 10);
  return { code: iso.replaceAll('-', ''), iso };
};

/**
 * A positions CSV that brings the book to `total` positions, all priced by the built-in simulator:
 * spot and perpetual rows on the simulator's crypto pairs, then calls and puts at 12 strikes
 * (70–130 % of the pair's start price) and two expiries (≈60 and ≈120 days out). Each row is about
 * 2,000 USDT of underlying notional, alternately long and short, so the book stays far from the
 * limits and the capital-preservation triggers (which would otherwise cut it during the run).
 */
export function bookCsv(held: ReadonlySet<string>, total: number, now: number): string {
  const need = total - held.size;
  const rows: string[] = ['symbol,qty,avg_cost,kind,venue,underlying,option_type,strike,expiry,implied_vol,leverage'];
  const pairs = DEFAULT_UNIVERSE.filter((u) => u.symbol.endsWith('USDT'));
  const expiries = [ymd(now + 60 * DAY), ymd(now + 120 * DAY)];
  const qtyFor = (px: number, i: number): string => String(Number(((2_000 / px) * (i % 2 ? -1 : 1)).toPrecision(3)));
  const candidates: string[] = [];
  pairs.forEach((u, ui) => {
    const base = u.symbol.replace(/USDT$/, '');
    const under = `${base}-USDT`;
    candidates.push(`${under},${qtyFor(u.start, ui)},${u.start},spot,sim,,,,,,`);
    candidates.push(`${base}-USDT-PERP,${qtyFor(u.start, ui + 1)},${u.start},perp,sim,${under},,,,,5`);
  });
  for (const e of expiries) {
    for (let k = 0; k < 12; k++) {
      pairs.forEach((u, ui) => {
        const base = u.symbol.replace(/USDT$/, '');
        const strike = Number((u.start * (0.7 + (0.6 * k) / 11)).toPrecision(4));
        for (const t of ['C', 'P'] as const) {
          const intrinsic = Math.max(0, t === 'C' ? u.start - strike : strike - u.start);
          const cost = Number((intrinsic + 0.05 * u.start).toPrecision(4));
          const sym = `${base}-USDT-${e.code}-${strike}-${t}`;
          candidates.push(`${sym},${qtyFor(u.start, ui + k)},${cost},option,sim,${base}-USDT,${t === 'C' ? 'call' : 'put'},${strike},${e.iso},${u.vol},`);
        }
      });
    }
  }
  for (const c of candidates) {
    if (rows.length - 1 >= need) break;
    if (!held.has(c.slice(0, c.indexOf(',')))) rows.push(c);
  }
  if (rows.length - 1 < need) throw new RangeError(`bookCsv: can only add ${rows.length - 1} of ${need} positions`);
  return rows.join('\n') + '\n';
}

/** Imports positions until the book holds `total`; returns the count the engine then reports. */
export async function loadBook(port: number, token: string, total = 500): Promise<number> {
  const list = async (): Promise<{ symbol: string; qty: number }[]> => rpc(port, token, 'positions.list');
  const held = new Set((await list()).map((p) => p.symbol));
  if (held.size < total) await rpc(port, token, 'positions.import', { csv: bookCsv(held, total, Date.now()) });
  return (await list()).length;
}

/**
 * Installed before any page script (`page.addInitScript({ content: PROBE_SCRIPT })`): a rAF loop that
 * is always running (so switching it on never changes the page's frame rate) and observers whose
 * entries are kept only while `on`. Plain JavaScript text, not a serialised function: transpilers
 * (tsx, Playwright's loader) inject helpers such as `__name` that do not exist in the page.
 */
export const PROBE_SCRIPT = `(() => {
  const probe = {
    on: false, last: 0, frames: [], intervals: [], longTasks: [], loaf: [],
    reset() { this.frames = []; this.intervals = []; this.longTasks = []; this.loaf = []; this.last = 0; this.on = true; },
    take() { this.on = false; return { frames: this.frames, intervals: this.intervals, longTasks: this.longTasks, loaf: this.loaf }; },
  };
  window.__uiPerf = probe;
  // A message posted from the rAF callback runs right after the frame's style, layout and paint.
  const chan = new MessageChannel();
  let pending = [];
  chan.port1.onmessage = () => {
    const now = performance.now();
    if (probe.on) for (const ts of pending) probe.frames.push(now - ts);
    pending = [];
  };
  const loop = (ts) => {
    if (probe.on) {
      if (probe.last > 0) probe.intervals.push(ts - probe.last);
      probe.last = ts;
      pending.push(ts);
      chan.port2.postMessage(0);
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => {
    if (!probe.on) return;
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  try {
    new PerformanceObserver((list) => {
      if (!probe.on) return;
      for (const e of list.getEntries()) {
        if (e.duration < 50) continue;
        probe.loaf.push({
          duration: e.duration,
          blockingDuration: e.blockingDuration || 0,
          scripts: (e.scripts || []).map((s) => ({ invoker: s.invoker, sourceURL: s.sourceURL, sourceFunctionName: s.sourceFunctionName, duration: s.duration })),
        });
      }
    }).observe({ type: 'long-animation-frame' });
  } catch {
    // attribution only; an engine without long-animation-frame entries still gives long tasks
  }
})();`;

export async function heapUsedBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Shows one perf page by its hash route (no reload, so the heap is one continuous session). Plain DOM
 * calls in the page rather than Playwright locators: a locator runs Playwright's injected script in
 * the page's V8 heap, and over a 30-minute soak that script's own compiled code showed up in the
 * heap figure being measured.
 */
export async function showPage(page: Page, p: PerfPage): Promise<void> {
  // Page code is passed as text: this file is type-checked without the DOM library.
  await page.evaluate(`(async (hash, tab) => {
    window.location.hash = '#/' + hash;
    const until = performance.now() + 15000;
    while (!document.querySelector('main[aria-label="' + hash + ' page"]')) {
      if (performance.now() > until) throw new Error('page did not show: ' + hash);
      await new Promise((r) => setTimeout(r, 20));
    }
    if (!tab) return;
    const t = [...document.querySelectorAll('[role="tab"]')].find((e) => e.textContent.trim() === tab);
    if (!t) throw new Error('no tab named ' + tab + ' on ' + hash);
    t.click();
  })(${JSON.stringify(p.hash)}, ${JSON.stringify(p.tab ?? '')})`);
}

export interface MeasureOptions {
  /** Dwell per page in a measured cycle. */
  secondsPerPage: number;
  /** Measured cycles through PERF_PAGES, or run until `untilMs` (soak), whichever is given. */
  cycles?: number;
  untilMs?: number;
  /** Dwell per page in the warm-up cycle (which is not measured). */
  warmupSecondsPerPage?: number;
  /** Soak: keep cycling without measuring until this time, then take the first heap sample. */
  warmupUntilMs?: number;
  positions: number;
  log?: (line: string) => void;
}

/**
 * Visits every perf page in turn (the app must already be open with `PROBE_SCRIPT` installed), one
 * warm-up cycle then measured cycles, and returns the figures. Heap samples are taken after the
 * warm-up and after every measured cycle.
 */
export async function measureUi(page: Page, cdp: CDPSession, o: MeasureOptions): Promise<UiPerfResult> {
  const warm = (o.warmupSecondsPerPage ?? 1) * 1000;
  do {
    for (const p of PERF_PAGES) {
      await showPage(page, p);
      await sleep(warm);
    }
  } while (o.warmupUntilMs !== undefined && Date.now() < o.warmupUntilMs);
  const heap = [await heapUsedBytes(cdp)];
  const per = new Map<string, ProbeTake>();
  const longTasks: LongTask[] = [];
  const slowFrames: LoafScript[] = [];
  for (let cycle = 0; o.untilMs !== undefined ? Date.now() < o.untilMs : cycle < (o.cycles ?? 1); cycle++) {
    for (const p of PERF_PAGES) {
      await showPage(page, p);
      // Mounting a page is navigation, not steady-state updating: let it settle before measuring.
      await sleep(500);
      await page.evaluate('window.__uiPerf.reset()');
      await sleep(o.secondsPerPage * 1000);
      const t = await page.evaluate<ProbeTake>('window.__uiPerf.take()');
      const acc = per.get(p.name) ?? { frames: [], intervals: [], longTasks: [], loaf: [] };
      acc.frames.push(...t.frames);
      acc.intervals.push(...t.intervals);
      acc.longTasks.push(...t.longTasks);
      per.set(p.name, acc);
      longTasks.push(...t.longTasks.map((x) => ({ page: p.name, ...x })));
      slowFrames.push(...t.loaf.map((x) => ({ page: p.name, ...x })));
    }
    heap.push(await heapUsedBytes(cdp));
    o.log?.(`cycle ${cycle + 1}: heap ${(heap[heap.length - 1] / 2 ** 20).toFixed(1)} MB, long tasks so far ${longTasks.filter((x) => x.duration > 50).length}`);
  }
  const pages: PageFigures[] = [...per].map(([name, t]) => ({
    page: name,
    frames: t.frames.length,
    frameP95Ms: round(percentile(t.frames, 95)),
    frameMaxMs: round(Math.max(0, ...t.frames)),
    droppedFrames: t.intervals.filter((x) => x > 25).length,
    longTasksOver50ms: t.longTasks.filter((x) => x.duration > 50).length,
    maxLongTaskMs: round(Math.max(0, ...t.longTasks.map((x) => x.duration))),
  }));
  const frames = [...per.values()].flatMap((t) => t.frames);
  const intervals = [...per.values()].flatMap((t) => t.intervals);
  return {
    positions: o.positions,
    longTasksOver50ms: longTasks.filter((x) => x.duration > 50).length,
    framesMeasured: frames.length,
    frameP95Ms: round(percentile(frames, 95)),
    worstPageFrameP95Ms: Math.max(...pages.map((p) => p.frameP95Ms)),
    droppedFramePct: round((100 * intervals.filter((x) => x > 25).length) / Math.max(1, intervals.length)),
    heapSamplesMb: heap.map((b) => round(b / 2 ** 20)),
    heapGrowthPct: round(heapGrowthPct(heap)),
    pages,
    longTasks,
    slowFrames,
  };
}

const round = (x: number): number => Math.round(x * 100) / 100;
