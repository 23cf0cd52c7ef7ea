import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolve } from 'node:path';
import type { BookPosition } from '../../../src/engine/risk/book';
import { readPriceCsv } from '../../../src/engine/risk/cli/io';
import { findWindow, HISTORICAL_WINDOWS, historicalReplay } from '../../../src/engine/risk/historical-replay';
import { bsmPrice } from '../../../src/engine/risk/options';
import { DEFAULT_GRID, gridIndex, runScenario, stressGrid } from '../../../src/engine/risk/stress';
import {
  BUILTIN_SCENARIOS,
  findScenario,
  validateScenario,
  type StressScenario,
} from '../../../src/engine/risk/stress-scenarios';

const book = (): BookPosition[] => [
  { id: 'stock', underlying: 'AAPL', qty: 100, spot: 200, beta: 1.2, assetClass: 'equity', sector: 'tech' },
  {
    id: 'call',
    underlying: 'AAPL',
    qty: 2,
    multiplier: 100,
    spot: 200,
    beta: 1.2,
    assetClass: 'equity',
    option: { type: 'call', strike: 210, expiryYears: 0.25, vol: 0.3, rate: 0.04, dividendYield: 0.005 },
  },
  {
    id: 'put',
    underlying: 'SPY',
    qty: -3,
    multiplier: 100,
    spot: 500,
    assetClass: 'equity',
    option: { type: 'put', strike: 480, expiryYears: 0.5, vol: 0.2, rate: 0.04 },
  },
  {
    id: 'fut-opt',
    underlying: 'ES',
    qty: 1,
    multiplier: 50,
    spot: 5000,
    option: { type: 'call', strike: 5000, expiryYears: 0.1, vol: 0.18, rate: 0.04, futures: true },
  },
  { id: 'btc', underlying: 'BTC', qty: -0.5, spot: 60000, beta: 2, assetClass: 'crypto' },
];

describe('stressGrid', () => {
  it('default grid is 7×5×5 = 175 scenarios in price-major order', () => {
    const r = stressGrid(book());
    expect(r.scenarios).toHaveLength(175);
    expect(r.byPosition).toHaveLength(175 * 5);
    expect(r.scenarios[gridIndex(DEFAULT_GRID, 0, 0, 0)]).toEqual({
      priceShock: -0.3,
      volShock: -0.5,
      rateShockBp: -200,
    });
    expect(r.scenarios[gridIndex(DEFAULT_GRID, 6, 4, 4)]).toEqual({
      priceShock: 0.3,
      volShock: 1,
      rateShockBp: 200,
    });
  });

  it('zero shock gives exactly 0 P&L for every position', () => {
    const r = stressGrid(book());
    const z = gridIndex(DEFAULT_GRID, 3, 2, 2);
    expect(r.scenarios[z]).toEqual({ priceShock: 0, volShock: 0, rateShockBp: 0 });
    expect(r.total[z]).toBe(0);
    for (let i = 0; i < 5; i++) expect(r.byPosition[z * 5 + i]).toBe(0);
  });

  it('property: zero shock is 0 P&L for any book', () => {
    const pos = fc.record({
      qty: fc.double({ min: -1000, max: 1000, noNaN: true }),
      spot: fc.double({ min: 1, max: 1000, noNaN: true }),
      strikeRatio: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
      expiry: fc.double({ min: 0, max: 2, noNaN: true }),
      vol: fc.double({ min: 0, max: 2, noNaN: true }),
      isOption: fc.boolean(),
      call: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(pos, { minLength: 1, maxLength: 8 }), (ps) => {
        const positions: BookPosition[] = ps.map((p, i) => ({
          id: `p${i}`,
          underlying: `U${i}`,
          qty: p.qty,
          spot: p.spot,
          option: p.isOption
            ? {
                type: p.call ? 'call' : 'put',
                strike: p.spot * p.strikeRatio,
                expiryYears: p.expiry,
                vol: p.vol,
                rate: 0.03,
              }
            : undefined,
        }));
        const r = stressGrid(positions, { priceShocks: [0], volShocks: [0], rateShocksBp: [0] });
        expect(r.total[0]).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('full revaluation: matches hand-repriced positions', () => {
    const r = stressGrid(book());
    const s = gridIndex(DEFAULT_GRID, 0, 4, 4); // −30 %, vol ×2, +200 bp
    // Stock: 100 × 200 × −0.3.
    expect(r.byPosition[s * 5 + 0]).toBeCloseTo(-6000, 9);
    // Call: repriced at S = 140, σ = 0.6, r = 0.06, b = r − q = 0.055.
    const now = bsmPrice({
      type: 'call',
      spot: 200,
      strike: 210,
      expiry: 0.25,
      rate: 0.04,
      carry: 0.035,
      vol: 0.3,
    });
    const shocked = bsmPrice({
      type: 'call',
      spot: 140,
      strike: 210,
      expiry: 0.25,
      rate: 0.06,
      carry: 0.055,
      vol: 0.6,
    });
    expect(r.byPosition[s * 5 + 1]).toBeCloseTo(200 * (shocked - now), 9);
    // Futures option: carry stays 0 when rates move.
    const f0 = bsmPrice({
      type: 'call',
      spot: 5000,
      strike: 5000,
      expiry: 0.1,
      rate: 0.04,
      carry: 0,
      vol: 0.18,
    });
    const f1 = bsmPrice({
      type: 'call',
      spot: 3500,
      strike: 5000,
      expiry: 0.1,
      rate: 0.06,
      carry: 0,
      vol: 0.36,
    });
    expect(r.byPosition[s * 5 + 3]).toBeCloseTo(50 * (f1 - f0), 9);
    // Short BTC gains 30 %.
    expect(r.byPosition[s * 5 + 4]).toBeCloseTo(9000, 9);
    expect(r.worst.pnl).toBe(Math.min(...r.total));
  });

  it('beta-scaled price shocks', () => {
    const r = stressGrid(
      book(),
      { priceShocks: [-0.1], volShocks: [0], rateShocksBp: [0] },
      { betaScaled: true },
    );
    expect(r.byPosition[0]).toBeCloseTo(100 * 200 * -0.12, 9);
    expect(r.byPosition[4]).toBeCloseTo(-0.5 * 60000 * -0.2, 9);
  });

  it('rejects bad grids and positions naming the field', () => {
    expect(() => stressGrid(book(), { ...DEFAULT_GRID, priceShocks: [-1.5] })).toThrow(
      /grid\.priceShocks\[0\]/,
    );
    expect(() => stressGrid(book(), { ...DEFAULT_GRID, volShocks: [] })).toThrow(/grid\.volShocks/);
    const bad = book();
    bad[2] = { ...bad[2], option: { ...bad[2].option!, strike: -5 } };
    expect(() => stressGrid(bad)).toThrow(/positions\[2\]\.option\.strike/);
  });
});

describe('named scenarios', () => {
  it('every built-in scenario validates and runs', () => {
    expect(BUILTIN_SCENARIOS.map((s) => s.id)).toEqual([
      'flash-crash',
      'volatility-spike',
      'liquidity-crisis',
      'correlation-breakdown',
      'crypto-winter',
    ]);
    for (const s of BUILTIN_SCENARIOS) {
      expect(validateScenario(structuredClone(s))).toEqual(s);
      const r = runScenario(book(), s);
      expect(r.positions).toHaveLength(5);
      expect(r.pnl).toBeCloseTo(r.marketPnl - r.liquidityCost, 9);
    }
  });

  it('crypto winter hits crypto by −75 % (a short gains)', () => {
    const r = runScenario(book(), findScenario('crypto-winter'));
    const btc = r.positions.find((p) => p.id === 'btc')!;
    expect(btc.priceMove).toBe(-0.75);
    expect(btc.marketPnl).toBeCloseTo(0.5 * 60000 * 0.75, 9);
    expect(btc.liquidityCost).toBeCloseTo((0.0015 + 0.02) * 0.5 * 60000 * 0.25, 9);
  });

  it('correlation breakdown moves every underlying against the net delta', () => {
    const r = runScenario(book(), findScenario('correlation-breakdown'));
    const by = Object.fromEntries(r.positions.map((p) => [p.id, p]));
    expect(by.stock.priceMove).toBe(-0.08); // net long AAPL → falls
    expect(by.btc.priceMove).toBe(0.08); // net short BTC → rises
    expect(by.put.priceMove).toBe(-0.08); // short put = long delta on SPY → falls
    for (const p of r.positions) expect(p.marketPnl).toBeLessThanOrEqual(1e-9);
  });

  it('a zero scenario is 0 P&L', () => {
    const zero: StressScenario = {
      id: 'zero',
      name: 'zero',
      description: '',
      price: { default: 0 },
      vol: { default: 0 },
    };
    expect(runScenario(book(), zero).pnl).toBe(0);
  });

  it('validator names the bad field', () => {
    const s = structuredClone<StressScenario>(BUILTIN_SCENARIOS[0]);
    expect(() => validateScenario({ ...s, price: { default: -2 } })).toThrow(
      /^scenario\.price\.default: must be >= -1/,
    );
    expect(() => validateScenario({ ...s, liquidity: { spreadBps: 10, haircut: 1.5 } })).toThrow(
      /scenario\.liquidity\.haircut/,
    );
    expect(() => validateScenario({ ...s, id: 'Bad Id' })).toThrow(/scenario\.id: must be kebab-case/);
    expect(() => validateScenario({ ...s, extra: 1 })).toThrow(/scenario/);
    expect(() => validateScenario({ ...s, vol: { default: 0, byAssetClass: { crypto: 'x' } } })).toThrow(
      /scenario\.vol\.byAssetClass\.crypto/,
    );
    expect(() => findScenario('nope')).toThrow(/known: flash-crash/);
  });
});

describe('historicalReplay', () => {
  const synthetic = {
    dates: ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07'],
    prices: Float64Array.of(100, 90, 99, 99, 110),
  };

  it('compounds beta × benchmark returns per position', () => {
    const positions: BookPosition[] = [{ id: 'a', underlying: 'A', qty: 10, spot: 50, beta: 2 }];
    const r = historicalReplay(
      positions,
      synthetic,
      { start: '2020-01-02', end: '2020-01-07' },
      { equity: 1000 },
    );
    expect(r.dates).toEqual(['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07']);
    // Growth: (1 − 0.2) → ×(1 + 0.2) → ×1 → ×(1 + 2·(11/99))
    const g = [0.8, 0.96, 0.96, 0.96 * (1 + (2 * 11) / 99)];
    g.forEach((x, t) => expect(r.pnl[t]).toBeCloseTo(500 * (x - 1), 9));
    expect(r.maxLoss.amount).toBeCloseTo(100, 9);
    expect(r.maxLoss.date).toBe('2020-01-02');
    expect(r.worstDay).toEqual({ date: '2020-01-02', pnl: expect.closeTo(-100, 9) as number });
    expect(r.maxDrawdown.amount).toBeCloseTo(100, 9);
    expect(r.recovery.method).toBe('observed');
    expect(r.recovery.days).toBe(3);
    expect(r.recovery.date).toBe('2020-01-07');
  });

  it('estimates recovery from the drift when the window ends under water', () => {
    const positions: BookPosition[] = [{ id: 'a', underlying: 'A', qty: 10, spot: 100 }];
    const r = historicalReplay(
      positions,
      synthetic,
      { start: '2020-01-02', end: '2020-01-03' },
      { equity: 1000, recoveryDriftPerDay: 0.001 },
    );
    expect(r.recovery.method).toBe('estimated');
    expect(r.recovery.days).toBe(Math.ceil(Math.log(1000 / 900) / 0.001));
    const none = historicalReplay(
      positions,
      synthetic,
      { start: '2020-01-02', end: '2020-01-03' },
      { equity: 1000, recoveryDriftPerDay: -0.001 },
    );
    expect(none.recovery.days).toBeNull();
  });

  it('replays the bundled S&P 500 through the named windows', () => {
    const sp = readPriceCsv(resolve(__dirname, '../../../resources/data/sp500-2000.csv'), {
      priceColumn: 'close',
    });
    const positions: BookPosition[] = [
      { id: 'spy', underlying: 'SPX', qty: 100, spot: 100 },
      {
        id: 'put',
        underlying: 'SPX',
        qty: 1,
        multiplier: 100,
        spot: 100,
        option: { type: 'put', strike: 90, expiryYears: 0.5, vol: 0.2, rate: 0.03 },
      },
    ];
    expect(HISTORICAL_WINDOWS.map((w) => w.id)).toEqual(['dot-com', 'gfc-2008', 'covid-2020']);
    const covid = historicalReplay(positions, sp, findWindow('covid-2020'), { equity: 20_000 });
    expect(covid.dates[0]).toBe('2020-02-19');
    expect(covid.dates.at(-1)).toBe('2020-03-31');
    // S&P 3370.29 (18 Feb close, the base of the first return) → 2237.40 (23 Mar): the stock leg
    // alone loses 10 000 × (1 − 2237.40/3370.29) exactly (compounded daily returns telescope).
    const stockOnly = historicalReplay(positions.slice(0, 1), sp, findWindow('covid-2020'), {
      equity: 20_000,
    });
    expect(stockOnly.maxLoss.amount).toBeCloseTo(10_000 * (1 - 2237.399902 / 3370.290039), 6);
    expect(stockOnly.maxLoss.date).toBe('2020-03-23');
    expect(covid.maxDrawdown.troughDate).toBe('2020-03-23');
    expect(covid.maxLoss.amount).toBeGreaterThan(500);
    expect(covid.maxLoss.amount).toBeLessThan(stockOnly.maxLoss.amount); // the put hedges part of it
    const gfc = historicalReplay(positions, sp, findWindow('gfc-2008'), { equity: 20_000 });
    expect(gfc.dates[0]).toBe('2008-09-02');
    expect(gfc.worstDay.pnl).toBeLessThan(0);
    const dotcom = historicalReplay(positions, sp, findWindow('dot-com'), { equity: 20_000 });
    expect(dotcom.dates[0]).toBe('2000-01-04'); // 2000-01-03 has no previous close
  });

  it('rejects bad input', () => {
    const p: BookPosition[] = [{ id: 'a', underlying: 'A', qty: 1, spot: 1 }];
    expect(() =>
      historicalReplay(p, synthetic, { start: '2021-01-01', end: '2021-02-01' }, { equity: 1 }),
    ).toThrow(/no trading day/);
    expect(() =>
      historicalReplay(p, synthetic, { start: '2020-1-1', end: '2021-02-01' }, { equity: 1 }),
    ).toThrow(/window\.start/);
    expect(() =>
      historicalReplay(
        p,
        { ...synthetic, prices: Float64Array.of(1, 2) },
        { start: '2020-01-01', end: '2021-02-01' },
        { equity: 1 },
      ),
    ).toThrow(/benchmark\.dates/);
    expect(() =>
      historicalReplay(p, synthetic, { start: '2020-01-01', end: '2021-02-01' }, { equity: 0 }),
    ).toThrow(/equity/);
  });
});
