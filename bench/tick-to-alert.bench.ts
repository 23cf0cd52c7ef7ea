// tick_to_alert.p99_ms: from the simulator's event time (E) to the end of the engine's per-tick work
// (mark the book → account figures → circuit breakers → alert decision), at 20,000 msgs/s over
// loopback, using the engine's real PortfolioService and ControlsService. The breakers are evaluated
// on every tick, so every sample includes the alert decision; halfway through, a flash crash starts
// so the second half measures a market moving hard (in the full run long enough to trip breakers).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Journal } from '../src/engine/db/journal';
import { openDatabase } from '../src/engine/db/open';
import { createBinanceSpotAdapter } from '../src/engine/feeds/adapters/binance';
import { FeedConnection } from '../src/engine/feeds/connection';
import { ControlsService } from '../src/engine/live/controls-service';
import { ControlsStore } from '../src/engine/live/controls-store';
import { PortfolioService } from '../src/engine/portfolio/service';
import { PortfolioStore } from '../src/engine/portfolio/store';
import { simulatorWorker } from './sim-worker';
import { figure, percentile, type BenchSuite } from './types';

const suite: BenchSuite = async (opts) => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-alert-'));
  const db = openDatabase({ dataDir: dir });
  const journal = new Journal(db, Date.now);
  const pf = new PortfolioService(new PortfolioStore(db), journal, { now: Date.now, seedDemo: true });
  const controls = new ControlsService({
    store: new ControlsStore(db),
    portfolio: pf,
    append: (e) => void journal.append(e),
    now: Date.now,
    push: () => {},
  });
  const sim = await simulatorWorker({ port: 0, rate: 20_000, seed: 11, batchIntervalMs: 2 });
  const lat: number[] = [];
  let measuring = false;
  const feed = new FeedConnection({
    adapter: createBinanceSpotAdapter({ timeUnit: 'MICROSECOND' }),
    url: sim.url,
    subscriptions: pf.priceSymbols(),
    onTick: (t) => {
      const px = t.last ?? (t.bid !== undefined && t.ask !== undefined ? (t.bid + t.ask) / 2 : undefined);
      if (px === undefined) return;
      pf.onPrice(t.symbol, t.bid ?? px, t.ask ?? px, px, t.recvTs);
      controls.onTick(t.recvTs);
      if (measuring && t.kind === 'trade') lat.push(performance.timeOrigin + performance.now() - t.exchTs);
    },
  });
  const timer = setInterval(() => controls.everySecond(Date.now()), 1000);
  try {
    feed.start();
    const deadline = Date.now() + 10_000;
    while (feed.health().state !== 'open') {
      if (Date.now() > deadline) throw new Error('simulator feed did not start');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, opts.quick ? 500 : 1500));
    measuring = true;
    const windowMs = opts.quick ? 4000 : 12_000;
    await new Promise((r) => setTimeout(r, windowMs / 2));
    sim.post({ type: 'scenario', name: 'flash-crash' });
    await new Promise((r) => setTimeout(r, windowMs / 2));
    measuring = false;
    if (lat.length < 1000) throw new Error(`too few samples (${lat.length})`);
    return [
      figure('tick_to_alert.p99_ms', percentile(lat, 99), 'ms', '<=', 5),
      figure('tick_to_alert.p50_ms', percentile(lat, 50), 'ms', '<=', 5),
    ];
  } finally {
    clearInterval(timer);
    await feed.stop();
    await sim.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
export default suite;
