import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BENCHMARK_SYMBOL,
  DEFAULT_SYNTHETIC,
  ReturnHistory,
  symbolSeed,
  syntheticParams,
} from '../../../src/engine/risk-engine/history';
import {
  buildDemoHistory,
  lastReturns,
  loadDemoHistory,
  parseDailyCloses,
  universeSymbols,
} from '../../../src/engine/risk-engine/demo-history';
import { correlation, stdev } from '../../../src/engine/risk/stats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CSV = readFileSync(resolve(ROOT, 'resources/data/sp500-2000.csv'), 'utf8');
const demo = buildDemoHistory(CSV);

describe('parseDailyCloses', () => {
  it('reads columns by header name and skips blank lines', () => {
    const r = parseDailyCloses('close,volume,date\n10,1,2020-01-01\n\n11,1,2020-01-02\n');
    expect(r.dates).toEqual(['2020-01-01', '2020-01-02']);
    expect(Array.from(r.closes)).toEqual([10, 11]);
  });

  it('names the bad line and field', () => {
    expect(() => parseDailyCloses('date,close\n2020-01-01,10\n2020-01-02,abc\n')).toThrow(
      /line 3: close 'abc'/,
    );
    expect(() => parseDailyCloses('date,close\n2020-01-02,10\n2020-01-01,11\n')).toThrow(
      /line 3: date 2020-01-01 is not after/,
    );
    expect(() => parseDailyCloses('day,price\n')).toThrow(/header must name 'date' and 'close'/);
  });
});

describe('demo history seeding', () => {
  it('gives SPX-USD exactly the 1,000 real S&P 500 returns ending on the last day of 2019', () => {
    // Independent parse: the close is column 5 of date,open,high,low,close,adjclose,volume.
    const rows = CSV.trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows).toHaveLength(5105);
    const end = rows.findIndex((r) => r[0] === '2019-12-31');
    expect(end).toBeGreaterThan(1000);
    const closes = rows.slice(0, end + 1).map((r) => Number(r[4]));
    const spx = demo.get(BENCHMARK_SYMBOL)!;
    expect(spx).toHaveLength(1000);
    for (let i = 0; i < 1000; i++) {
      const t = closes.length - 1000 + i;
      expect(spx[i]).toBe(closes[t] / closes[t - 1] - 1);
    }
    expect(demo.isSynthetic(BENCHMARK_SYMBOL)).toBe(false);
    // The window's worst day is 5 February 2018 (−4.10 %); the 2020 crash is outside it.
    expect(Math.min(...spx)).toBeCloseTo(-0.041, 3);
    const full = buildDemoHistory(CSV, 1000, '2020-12-31').get(BENCHMARK_SYMBOL)!;
    expect(Math.min(...full)).toBeCloseTo(-0.1198, 3); // the whole file still reaches 16 March 2020
  });

  it('seeds every crypto symbol of the simulator universe synthetically', () => {
    const syms = universeSymbols();
    expect(syms).toContain('BTC-USDT');
    expect(syms).toContain(BENCHMARK_SYMBOL);
    for (const s of syms) {
      expect(demo.has(s)).toBe(true);
      expect(demo.get(s)).toHaveLength(1000);
      if (s !== BENCHMARK_SYMBOL) expect(demo.isSynthetic(s)).toBe(true);
    }
  });

  it('gives synthetic series their target annual vol (√365) within sampling tolerance', () => {
    for (const s of universeSymbols().filter((x) => x !== BENCHMARK_SYMBOL)) {
      const annual = stdev(demo.get(s)!) * Math.sqrt(365);
      // sd of a 1,000-sample sd is ~2.2 %; allow 8 %.
      expect(Math.abs(annual / syntheticParams(s).vol - 1)).toBeLessThan(0.08);
    }
  });

  it('has corr(i, j) ≈ β_i·β_j between synthetic symbols and corr(i, SPX) ≈ β_i', () => {
    const b = syntheticParams('BTC-USDT').beta;
    const e = syntheticParams('ETH-USDT').beta;
    expect(Math.abs(correlation(demo.get('BTC-USDT')!, demo.get('ETH-USDT')!) - b * e)).toBeLessThan(0.06);
    expect(
      Math.abs(
        correlation(demo.get('SOL-USDT')!, demo.get(BENCHMARK_SYMBOL)!) - syntheticParams('SOL-USDT').beta,
      ),
    ).toBeLessThan(0.06);
  });

  it('inherits the real stress days: on the worst S&P day BTC falls by more than its 5 % quantile', () => {
    const spx = demo.get(BENCHMARK_SYMBOL)!;
    const btc = demo.get('BTC-USDT')!;
    const day = spx.indexOf(Math.min(...spx));
    const sorted = Float64Array.from(btc).sort();
    expect(btc[day]).toBeLessThan(sorted[Math.floor(0.05 * sorted.length)]);
  });

  it('is deterministic: same text → same series; unknown symbols depend only on the symbol', () => {
    const again = buildDemoHistory(CSV);
    for (const s of demo.symbols()) expect(Array.from(again.get(s)!)).toEqual(Array.from(demo.get(s)!));
    const a = again.ensure('FOO-USDT');
    const b = buildDemoHistory(CSV).ensure('FOO-USDT');
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a[0]).not.toBe(again.ensure('BAR-USDT')[0]);
    expect(symbolSeed('FOO-USDT')).toBe(symbolSeed('FOO-USDT'));
  });

  it('gives unknown symbols the documented default (σ 0.8, β 0.6), and base-asset matches the universe', () => {
    expect(syntheticParams('FOO-USDT')).toEqual(DEFAULT_SYNTHETIC);
    expect(syntheticParams('BTC-USD')).toEqual(syntheticParams('BTC-USDT'));
    const foo = buildDemoHistory(CSV).ensure('FOO-USDT');
    expect(Math.abs((stdev(foo) * Math.sqrt(365)) / 0.8 - 1)).toBeLessThan(0.08);
    expect(Math.abs(correlation(foo, demo.get(BENCHMARK_SYMBOL)!) - 0.6)).toBeLessThan(0.06);
  });

  it('loadDemoHistory reads the bundled file; a missing file names the paths tried', () => {
    expect(loadDemoHistory().get(BENCHMARK_SYMBOL)![999]).toBe(demo.get(BENCHMARK_SYMBOL)![999]);
    expect(() => loadDemoHistory(['/nonexistent/sp.csv'])).toThrow(/\/nonexistent\/sp\.csv/);
  });

  it('lastReturns validates its count', () => {
    expect(Array.from(lastReturns(Float64Array.from([1, 2, 3]), 2))).toEqual([1, 0.5]);
    expect(() => lastReturns(Float64Array.from([1, 2]), 2)).toThrow(/count must be an integer in \[1, 1\]/);
  });
});

describe('ReturnHistory', () => {
  it('validates length and series', () => {
    expect(() => new ReturnHistory({ length: 5 })).toThrow(/opts.length must be an integer >= 10/);
    const h = new ReturnHistory({ length: 10 });
    expect(() => h.set('X', [0.1])).toThrow(/returns must have 10 values, got 1/);
    expect(() => h.set('X', [0, 0, 0, Number.NaN, 0, 0, 0, 0, 0, 0])).toThrow(/returns\[3\] is NaN/);
    expect(() => h.set('X', [0, 0, -1, 0, 0, 0, 0, 0, 0, 0])).toThrow(
      /returns\[2\] is -1, a simple return must be > -1/,
    );
  });

  it('appendDay: the first call sets the base, later calls roll one day and keep the length', () => {
    const h = new ReturnHistory({ length: 10 });
    h.set(
      'A',
      Array.from({ length: 10 }, (_, i) => i / 100),
    );
    h.set('B', new Array<number>(10).fill(0.01));
    const v0 = h.version;
    expect(
      h.appendDay(
        new Map([
          ['A', 100],
          ['B', 50],
        ]),
      ),
    ).toEqual({ rolled: false, missing: [] });
    expect(h.version).toBe(v0);
    const r = h.appendDay(new Map([['A', 110]]));
    expect(r).toEqual({ rolled: true, missing: ['B'] });
    expect(h.version).toBe(v0 + 1);
    const a = h.get('A')!;
    expect(a).toHaveLength(10);
    expect(a[0]).toBe(0.01); // the oldest (0) dropped
    expect(a[9]).toBeCloseTo(0.1, 15);
    expect(h.get('B')![9]).toBe(0); // no close today: a flat day
    h.appendDay(
      new Map([
        ['A', 99],
        ['B', 55],
      ]),
    );
    expect(h.get('A')![9]).toBeCloseTo(-0.1, 15);
    expect(h.get('B')![9]).toBeCloseTo(0.1, 15); // from the close two calls back
    expect(() => h.appendDay(new Map([['A', -1]]))).toThrow(/closes.get\('A'\) must be a finite price > 0/);
  });

  it('rolls the factor with the benchmark so later synthetic symbols see the new day', () => {
    const h = buildDemoHistory(CSV);
    h.appendDay(new Map([[BENCHMARK_SYMBOL, 1000]]));
    h.appendDay(new Map([[BENCHMARK_SYMBOL, 900]])); // −10 %: a crisis day
    const fresh = h.ensure('NEW-USDT');
    expect(fresh[999]).toBeLessThan(-0.1); // β 0.6 · σ 0.8/√365 · z(−10 %) ≈ −0.2
  });
});
