import { describe, expect, it } from 'vitest';
import { closingSide } from '../../../src/engine/controls/intents';
import { barsFromCloses, parseOhlcCsv, stepTime, DAY_MS } from '../../../src/engine/backtest/data';
import { runReplay } from '../../../src/engine/backtest/replay';
import { performance as perf } from '../../../src/engine/backtest/metrics';
import { runExperiment } from '../../../src/engine/backtest/experiment';
import { LEVERED, UNLEVERED, riseCrashRecover, testConfig } from './fixtures';

const CRASH_START = 101;
const CRASH_END = 120;

describe('replay on a rise / crash / recover path', () => {
  for (const [label, sleeves] of [
    ['unlevered', UNLEVERED],
    ['levered', LEVERED],
  ] as const) {
    it(`${label}: controls ON de-risk during the crash and draw down less than OFF`, () => {
      const bars = riseCrashRecover();
      const off = runReplay(bars, testConfig({ sleeves, controls: false }));
      const on = runReplay(bars, testConfig({ sleeves, controls: true }));
      const ddOff = perf(off).maxDrawdown;
      const ddOn = perf(on).maxDrawdown;
      expect(ddOff).toBeGreaterThan(0.26);
      expect(ddOn).toBeLessThan(ddOff);
      // The controls acted inside the crash, and exposure was lower at its bottom.
      const cuts = on.fills.filter((f) => f.source !== 'rebalance');
      expect(cuts.some((f) => f.day >= CRASH_START && f.day <= CRASH_END)).toBe(true);
      const gross = sleeves.reduce((a, s) => a + s.weight, 0);
      expect(Math.min(...on.exposure.slice(CRASH_START, CRASH_END + 1))).toBeLessThan(0.5 * gross);
      expect(on.exposure[CRASH_END]).toBeLessThan(off.exposure[CRASH_END]);
      expect(on.events.some((e) => e.kind === 'breaker' && e.id === 'drawdown')).toBe(true);
    });
  }

  it('every fill is on the right side', () => {
    const on = runReplay(riseCrashRecover(), testConfig({ sleeves: LEVERED, controls: true }));
    expect(on.fills.length).toBeGreaterThan(3);
    for (const f of on.fills) {
      // Buys pay the ask, sells receive the bid: the half-spread is a cost, never a gain.
      if (f.side === 'buy') expect(f.price).toBeGreaterThanOrEqual(f.mark);
      else expect(f.price).toBeLessThanOrEqual(f.mark);
      expect(f.posAfter - f.posBefore).toBeCloseTo(f.side === 'buy' ? f.qty : -f.qty, 9);
      if (f.source === 'rebalance') {
        // Re-risking only while trading is ACTIVE; the book is never flipped short.
        if (f.side === 'buy') expect(f.mode).toBe('ACTIVE');
        expect(f.posAfter).toBeGreaterThanOrEqual(0);
      } else {
        // Breaker and preservation orders only ever reduce a position, without flipping it.
        expect(f.side).toBe(closingSide(f.posBefore));
        expect(Math.abs(f.posAfter)).toBeLessThan(Math.abs(f.posBefore));
        expect(f.posAfter * f.posBefore).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('controls OFF never trades outside the monthly rebalance', () => {
    const off = runReplay(riseCrashRecover(), testConfig({ sleeves: LEVERED, controls: false }));
    const months = new Set(off.fills.map((f) => f.date.slice(0, 7)));
    expect(off.fills.every((f) => f.source === 'rebalance')).toBe(true);
    expect(off.fills.length).toBeLessThanOrEqual(2 * months.size);
    expect(off.events).toEqual([]);
    expect(new Set(off.mode)).toEqual(new Set(['ACTIVE']));
  });

  it('a 24 h daily-loss halt lasts one replay day (the replay clock, not wall time)', () => {
    const closes: number[] = [];
    for (let t = 0; t < 40; t++) closes.push(100 * (1 + 0.002 * t) * (1 + 0.001 * (t % 2)));
    closes.push(closes[closes.length - 1] * 0.97);
    for (let t = 0; t < 5; t++) closes.push(closes[closes.length - 1] * 1.004);
    const res = runReplay(barsFromCloses(closes), testConfig({ sleeves: UNLEVERED, controls: true }));
    const d = 40;
    const trip = res.events.find((e) => e.kind === 'breaker' && e.id === 'daily_loss');
    expect(trip?.day).toBe(d);
    expect(res.mode[d]).toBe('HALTED');
    expect(res.mode[d + 1]).toBe('ACTIVE');
    expect(stepTime(0, d + 1, 'close') - stepTime(0, d, 'close')).toBe(DAY_MS);
  });
});

describe('determinism', () => {
  it('two replays of the same path are identical', () => {
    const a = runReplay(riseCrashRecover(), testConfig({ sleeves: LEVERED }));
    const b = runReplay(riseCrashRecover(), testConfig({ sleeves: LEVERED }));
    expect(b).toEqual(a);
  });

  it('two experiments on the same path are identical', () => {
    const bars = riseCrashRecover();
    const a = runExperiment(bars, { sensitivity: false });
    const b = runExperiment(structuredClone(bars), { sensitivity: false });
    expect(b).toEqual(a);
    expect(a.books.map((x) => x.book)).toEqual(['levered 1.5×', 'unlevered 1.0×']);
  });
});

describe('parseOhlcCsv', () => {
  it('reads the bundled layout and rejects bad rows by line', () => {
    const csv =
      'date,open,high,low,close,adjclose,volume\n2000-01-03,10,11,9,10.5,10.5,1\n2000-01-04,10.5,10.6,10,10.1,10.1,1\n';
    expect(parseOhlcCsv(csv)).toEqual([
      { date: '2000-01-03', open: 10, high: 11, low: 9, close: 10.5 },
      { date: '2000-01-04', open: 10.5, high: 10.6, low: 10, close: 10.1 },
    ]);
    expect(() => parseOhlcCsv(csv.replace('10.1,10.1', 'x,10.1'))).toThrow(/line 3: close/);
    expect(() => parseOhlcCsv(csv.replace('2000-01-04', '2000-01-03'))).toThrow(
      /line 3: date 2000-01-03 is not after/,
    );
    expect(() => parseOhlcCsv('date,open,high,close\n2000-01-03,1,1,1')).toThrow(/no "low" column/);
  });
});
