import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/risk/rng';
import { DEFAULT_MODEL, MarketModel } from '../../../src/engine/sim/models/market';
import { Scenarios } from '../../../src/engine/sim/models/scenarios';
import { DailyReplay, loadSp500, parseDailyCsv } from '../../../src/engine/sim/models/sp500';
import { DEFAULT_UNIVERSE, decimalsOf, type InstrumentSpec } from '../../../src/engine/sim/models/universe';

const gbmOnly: InstrumentSpec[] = DEFAULT_UNIVERSE.filter((u) => u.model !== 'sp500');

function run(
  seed: number,
  steps: number,
  dtMs: number,
  scen = new Scenarios(),
  universe: readonly InstrumentSpec[] = gbmOnly,
  timeScale = 1,
) {
  const m = new MarketModel(universe, createRng(seed), scen, {
    ...DEFAULT_MODEL,
    timeScale,
    sp500: undefined,
  });
  const paths: number[][] = universe.map(() => []);
  for (let k = 0; k < steps; k++) {
    m.step(dtMs, k * dtMs);
    for (let i = 0; i < universe.length; i++) paths[i].push(m.mid(i));
  }
  return { m, paths };
}

const logReturns = (p: number[]): number[] => p.slice(1).map((x, i) => Math.log(x / p[i]));
function corr(a: number[], b: number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
const sd = (x: number[]): number => {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
};

describe('correlated GBM with clustering and jumps', () => {
  it('is reproducible from its seed', () => {
    expect(run(42, 200, 10).paths[0]).toEqual(run(42, 200, 10).paths[0]);
    expect(run(43, 200, 10).paths[0]).not.toEqual(run(42, 200, 10).paths[0]);
  });

  it('starts at the universe prices and keeps them positive', () => {
    const { paths } = run(1, 2000, 50, new Scenarios(), gbmOnly, 3600);
    paths.forEach((p, i) => {
      expect(p[0] / gbmOnly[i].start).toBeGreaterThan(0.9);
      expect(Math.min(...p)).toBeGreaterThan(0);
    });
  });

  it('has realised volatility near the configured one and pairwise correlation near 0.6', () => {
    // 1-minute simulated steps for ~14 simulated days.
    const { paths } = run(7, 20_000, 60_000, new Scenarios(), gbmOnly, 1);
    const r = paths.map(logReturns);
    const annual = (x: number[]): number => sd(x) * Math.sqrt((365 * 24 * 60) / 1);
    expect(annual(r[0])).toBeGreaterThan(0.55 * 0.7);
    expect(annual(r[0])).toBeLessThan(0.55 * 1.5);
    expect(corr(r[0], r[1])).toBeGreaterThan(0.5);
    expect(corr(r[0], r[1])).toBeLessThan(0.7);
  });

  it('GARCH multiplier moves (volatility clusters) and stays bounded', () => {
    const { m } = run(3, 5000, 60_000);
    const v: number[] = [];
    for (let k = 0; k < 500; k++) {
      m.step(60_000, 0);
      v.push(m.varianceMultiplier(0));
    }
    expect(Math.max(...v)).toBeGreaterThan(1.2);
    expect(Math.min(...v)).toBeLessThan(0.9);
    expect(Math.max(...v)).toBeLessThanOrEqual(25);
  });
});

describe('scenarios', () => {
  it('flash crash: −20 % at the bottom, half recovered, permanent after settling', () => {
    const s = new Scenarios();
    s.start('flash-crash', 0, { durationMs: 60_000, recoveryMs: 60_000 });
    expect(s.priceFactor('BTCUSDT', 0)).toBe(1);
    expect(s.priceFactor('BTCUSDT', 30_000)).toBeCloseTo(Math.sqrt(0.8), 9);
    expect(s.priceFactor('BTCUSDT', 60_000)).toBeCloseTo(0.8, 9);
    expect(s.priceFactor('BTCUSDT', 120_000)).toBeCloseTo(0.9, 9);
    expect(s.expire(119_999)).toEqual([]);
    expect(s.expire(120_000)).toEqual([{ symbols: undefined, factor: expect.closeTo(0.9, 9) as number }]);
    expect(s.names()).toEqual([]);
  });

  it('flash crash on the model: each step stays far inside the 20 % validation bound', () => {
    const scen = new Scenarios();
    const m = new MarketModel(gbmOnly, createRng(5), scen, { ...DEFAULT_MODEL, sp500: undefined });
    m.step(10, 0);
    const start = m.mid(0);
    scen.start('flash-crash', 0, { durationMs: 1000, recoveryMs: 1000 });
    let prev = start;
    let low = start;
    for (let t = 10; t <= 2000; t += 10) {
      m.step(10, t);
      expect(Math.abs(m.mid(0) / prev - 1)).toBeLessThan(0.05);
      prev = m.mid(0);
      low = Math.min(low, prev);
    }
    expect(low / start).toBeCloseTo(0.8, 2);
    for (const x of scen.expire(2000)) m.settle(x.symbols, x.factor);
    m.step(10, 2010);
    expect(m.mid(0) / start).toBeCloseTo(0.9, 2);
  });

  it('vol spike triples realised volatility; correlation spike lifts correlation', () => {
    const base = run(11, 4000, 60_000).paths.map(logReturns);
    const spiked = new Scenarios();
    spiked.start('vol-spike', 0, { durationMs: 1e12, multiplier: 3 });
    const hi = run(11, 4000, 60_000, spiked).paths.map(logReturns);
    expect(sd(hi[0]) / sd(base[0])).toBeGreaterThan(2.4);
    expect(sd(hi[0]) / sd(base[0])).toBeLessThan(3.6);
    const cs = new Scenarios();
    cs.start('correlation-spike', 0, { durationMs: 1e12 });
    const c = run(11, 4000, 60_000, cs).paths.map(logReturns);
    expect(corr(c[0], c[1])).toBeGreaterThan(0.9);
  });

  it('liquidity crisis widens spreads ×10, thins the rate and only for the chosen symbols', () => {
    const s = new Scenarios();
    s.start('liquidity-crisis', 0, { durationMs: 1000, symbols: ['ETHUSDT'] });
    expect(s.spreadMult('ETHUSDT')).toBe(10);
    expect(s.spreadMult('BTCUSDT')).toBe(1);
    expect(s.gapProbability('ETHUSDT')).toBeGreaterThan(0);
    expect(s.rateMult()).toBe(0.3);
    s.start('normal', 10);
    expect(s.spreadMult('ETHUSDT')).toBe(1);
  });
});

describe('S&P 500 replay', () => {
  it('reads the bundled series by header (price, or close as in vega-datasets)', () => {
    expect(
      parseDailyCsv('date,price\n2000-01-03,1455.22\n2000-01-04,1399.42\nbad,row\n2000-01-05,1402.11\n'),
    ).toEqual({
      dates: ['2000-01-03', '2000-01-04', '2000-01-05'],
      prices: [1455.22, 1399.42, 1402.11],
    });
    expect(
      parseDailyCsv(
        'date,open,high,low,close,adjclose,volume\n2000-01-03,1,2,0.5,1455.2,1455.2,9\n2000-01-04,1,2,0.5,1399.4,1399.4,9\n',
      )?.prices,
    ).toEqual([1455.2, 1399.4]);
    expect(parseDailyCsv('a,b\n1,2\n3,4\n')).toBeUndefined();
  });

  it('loads from the first readable candidate path and returns undefined when none exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp500-'));
    const f = join(dir, 'sp.csv');
    writeFileSync(f, 'date,price\n2000-01-03,100\n2000-01-04,110\n');
    expect(loadSp500([join(dir, 'missing.csv'), f])?.prices).toEqual([100, 110]);
    expect(loadSp500([join(dir, 'missing.csv')])).toBeUndefined();
    const real = loadSp500();
    expect(real?.prices.length).toBeGreaterThan(5000);
    expect(real?.dates[0]).toBe('2000-01-03');
  });

  it('interpolates between closes on an accelerated clock and loops without a jump', () => {
    const r = new DailyReplay({ dates: ['d0', 'd1', 'd2'], prices: [100, 121, 110] }, 1000);
    expect(r.priceAt(0)).toBe(100);
    expect(r.priceAt(500)).toBeCloseTo(110, 9);
    expect(r.priceAt(1000)).toBe(121);
    expect(r.dateAt(1500)).toBe('d1');
    expect(r.priceAt(2000)).toBeCloseTo(110, 9); // end of pass 1 = start of pass 2 (×1.1)
    expect(r.priceAt(3000)).toBeCloseTo(121 * 1.1, 9);
  });

  it('drives the SPXUSD instrument when available, GBM otherwise', () => {
    const spx = DEFAULT_UNIVERSE.filter((u) => u.symbol === 'SPXUSD');
    const series = { dates: ['a', 'b'], prices: [1000, 1100] };
    const replay = new MarketModel(spx, createRng(1), new Scenarios(), {
      ...DEFAULT_MODEL,
      replayDayMs: 100,
      sp500: series,
    });
    replay.step(100, 0);
    expect(replay.mid(0)).toBeCloseTo(1100, -1);
    const fallback = new MarketModel(spx, createRng(1), new Scenarios(), {
      ...DEFAULT_MODEL,
      sp500: undefined,
    });
    fallback.step(100, 0);
    expect(fallback.mid(0)).toBeCloseTo(spx[0].start, -1);
  });
});

describe('universe', () => {
  it('has the ten crypto pairs and an index with sane specs', () => {
    expect(DEFAULT_UNIVERSE.map((u) => u.symbol)).toEqual([
      'BTCUSDT',
      'ETHUSDT',
      'SOLUSDT',
      'BNBUSDT',
      'XRPUSDT',
      'ADAUSDT',
      'DOGEUSDT',
      'AVAXUSDT',
      'LINKUSDT',
      'DOTUSDT',
      'SPXUSD',
    ]);
    for (const u of DEFAULT_UNIVERSE) {
      expect(u.start).toBeGreaterThan(0);
      expect(u.beta).toBeLessThan(1);
      expect(decimalsOf(u.tick)).toBeLessThanOrEqual(8);
    }
    expect(decimalsOf(0.001)).toBe(3);
    expect(decimalsOf(0.00001)).toBe(5);
  });
});
