import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { Journal } from '../../../src/engine/db/journal';
import { openDatabase } from '../../../src/engine/db/open';
import { ControlsService } from '../../../src/engine/live/controls-service';
import { ControlsStore } from '../../../src/engine/live/controls-store';
import { PortfolioService } from '../../../src/engine/portfolio/service';
import { PortfolioStore } from '../../../src/engine/portfolio/store';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 12);
let dir: string;
let db: Database;
let now = T0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-ctl-'));
  db = openDatabase({ dataDir: dir });
  now = T0;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const journal = new Journal(db, () => now);
  const pf = new PortfolioService(new PortfolioStore(db), journal, { now: () => now, seedDemo: false });
  pf.importCsv('symbol,kind,qty,avg_cost\nUSDT,cash,1000000,\nETH-USDT,spot,10,3000');
  const make = () => new ControlsService({ store: new ControlsStore(db), portfolio: pf, append: (e) => void journal.append(e), now: () => now, push: () => {} });
  return { pf, make, journal };
}

describe('controls service', () => {
  it('counts consecutive losing days, resets on a winning day, and keeps the count across a restart', () => {
    const { pf, make } = setup();
    let ctl = make();
    let px = 3000;
    const day = (move: number): void => {
      px += move;
      pf.onPrice('ETH-USDT', px - 1, px + 1, px, now);
      ctl.everySecond(now);
      now += DAY;
      pf.onPrice('ETH-USDT', px - 1, px + 1, px, now); // first tick of the next day rolls the day
      ctl.everySecond(now);
    };
    pf.onPrice('ETH-USDT', 2999, 3001, 3000, now);
    ctl.everySecond(now);
    day(-50);
    day(-50);
    day(-50);
    expect(ctl.preservationStatus().readings.find((r) => r.trigger === 'loss_streak')?.value).toBe(3);
    ctl.flush(now);
    ctl = make(); // restart
    expect(ctl.preservationStatus().readings.find((r) => r.trigger === 'loss_streak')?.value).toBe(3);
    day(+80);
    expect(ctl.preservationStatus().readings.find((r) => r.trigger === 'loss_streak')?.value).toBe(0);
  });

  it('slices an emergency flatten at the per-order notional cap so the whole position closes', () => {
    const { pf, make } = setup();
    pf.importCsv('symbol,qty,avg_cost\nBTC-USDT,6,100000');
    const ctl = make();
    pf.onPrice('BTC-USDT', 99_999, 100_001, 100_000, now);
    pf.onPrice('ETH-USDT', 2999, 3001, 3000, now);
    const r = ctl.flatten('test', now);
    const btc = r.orders.filter((o) => o.fill?.symbol === 'BTC-USDT');
    expect(btc.length).toBeGreaterThanOrEqual(3); // 600k notional at a 250k cap
    expect(btc.every((o) => o.status === 'filled')).toBe(true);
    expect(pf.positions()).toEqual([]);
  });
});
