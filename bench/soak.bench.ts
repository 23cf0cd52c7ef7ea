// soak.heap_growth_pct (only with --soak): 30 minutes at 5,000 msgs/s from the loopback simulator
// through the feed, the portfolio and the controls, as the engine runs them. The heap is sampled
// after a forced GC (bench runs with --expose-gc) every 30 s; growth compares the median of the last
// three samples with the median of the first three after a 2-minute warm-up.
// `--soak-minutes N` shortens the run for a local check.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../src/engine/db/journal';
import { openDatabase } from '../src/engine/db/open';
import { createBinanceSpotAdapter } from '../src/engine/feeds/adapters/binance';
import { FeedConnection } from '../src/engine/feeds/connection';
import { ControlsService } from '../src/engine/live/controls-service';
import { ControlsStore } from '../src/engine/live/controls-store';
import { PortfolioService } from '../src/engine/portfolio/service';
import { PortfolioStore } from '../src/engine/portfolio/store';
import { toCanonical } from '../src/engine/feeds/symbols';
import { DEFAULT_UNIVERSE } from '../src/engine/sim/models/universe';
import { simulatorWorker } from './sim-worker';
import { figure, median, type BenchSuite } from './types';

const gc = (globalThis as { gc?: () => void }).gc;

const suite: BenchSuite = async (opts) => {
  if (!opts.soak) return [];
  const i = process.argv.indexOf('--soak-minutes');
  const minutes = i > 0 ? Number(process.argv[i + 1]) : 30;
  const warmupMs = Math.min(120_000, (minutes * 60_000) / 5);
  const sampleMs = Math.min(30_000, (minutes * 60_000) / 20);
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-soak-'));
  const db = openDatabase({ dataDir: dir });
  const journal = new Journal(db, Date.now);
  const pf = new PortfolioService(new PortfolioStore(db), journal, { now: Date.now, seedDemo: true });
  const controls = new ControlsService({ store: new ControlsStore(db), portfolio: pf, append: (e) => void journal.append(e), now: Date.now, push: () => {} });
  // Only the book's symbols, so all 5,000 msgs/s reach the subscriber.
  const wanted = new Set(pf.priceSymbols());
  const universe = DEFAULT_UNIVERSE.filter((u) => wanted.has(toCanonical(u.symbol, 'concat')));
  const sim = await simulatorWorker({ port: 0, rate: 5_000, seed: 5, batchIntervalMs: 5, universe });
  let ticks = 0;
  let countFrom = 0;
  const feed = new FeedConnection({
    adapter: createBinanceSpotAdapter(),
    url: sim.url,
    subscriptions: pf.priceSymbols(),
    onTick: (t) => {
      const px = t.last ?? (t.bid !== undefined && t.ask !== undefined ? (t.bid + t.ask) / 2 : undefined);
      if (px === undefined) return;
      pf.onPrice(t.symbol, t.bid ?? px, t.ask ?? px, px, t.recvTs);
      controls.onTick(t.recvTs);
      ticks++;
    },
  });
  // The engine's periodic work runs too: control cycle, snapshots and the 4 Hz views.
  const timers = [
    setInterval(() => controls.everySecond(Date.now()), 1000),
    setInterval(() => pf.snapshotTick(Date.now()), 1000),
    setInterval(() => void [pf.summary(), pf.positions()], 250),
  ];
  const samples: number[] = [];
  try {
    feed.start();
    const end = Date.now() + minutes * 60_000;
    await new Promise((r) => setTimeout(r, warmupMs));
    ticks = 0;
    countFrom = Date.now();
    while (Date.now() < end) {
      gc?.();
      samples.push(process.memoryUsage().heapUsed);
      await new Promise((r) => setTimeout(r, sampleMs));
    }
    gc?.();
    samples.push(process.memoryUsage().heapUsed);
    const first = median(samples.slice(0, 3));
    const last = median(samples.slice(-3));
    return [
      figure('soak.heap_growth_pct', ((last - first) / first) * 100, '%', '<=', 5),
      figure('soak.delivered_msgs_per_s', (ticks * 1000) / (Date.now() - countFrom), 'msgs/s', '>=', 4_500),
    ];
  } finally {
    for (const t of timers) clearInterval(t);
    await feed.stop();
    await sim.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
export default suite;
