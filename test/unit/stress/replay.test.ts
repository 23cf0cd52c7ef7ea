// The chunked historical replay behind `stress.replay`: a two-day window computed by hand, and the
// same numbers as the library's single-shot historicalReplay on the real S&P 500 crisis windows.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayBook } from '../../../src/engine/risk-engine/replay';
import { parseDailyCloses } from '../../../src/engine/risk-engine/demo-history';
import { findWindow, historicalReplay } from '../../../src/engine/risk/historical-replay';
import type { BookPosition } from '../../../src/engine/risk/book';

// Position A: 10 units at 100, β 1; position B: 5 units at 50, β 2. Equity 1,000.
const book: BookPosition[] = [
  { id: 'A', underlying: 'A', qty: 10, spot: 100, beta: 1 },
  { id: 'B', underlying: 'B', qty: 5, spot: 50, beta: 2 },
];
const dates = ['2020-01-01', '2020-01-02', '2020-01-03'];
const win = { start: '2020-01-02', end: '2020-01-03' };

describe('replayBook on a constructed two-day window', () => {
  it('down 10 % then up 10 %: path, worst day, drawdown, not recovered', async () => {
    // r = −10 %, +10 %. A: 1000·(0.9 − 1) = −100, then 1000·(0.99 − 1) = −10.
    // B: 250·(0.8 − 1) = −50, then 250·(0.8·1.2 − 1) = −10. P&L −150, −20.
    const progress: [number, number][] = [];
    let pauses = 0;
    const r = await replayBook(book, { dates, closes: Float64Array.from([100, 90, 99]) }, win, {
      equity: 1_000,
      chunkDays: 1,
      pause: () => {
        pauses++;
        return Promise.resolve();
      },
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(r.dates).toEqual(['2020-01-02', '2020-01-03']);
    expect(Array.from(r.pnl)).toEqual([expect.closeTo(-150, 9), expect.closeTo(-20, 9)]);
    expect(Array.from(r.equityPath)).toEqual([expect.closeTo(850, 9), expect.closeTo(980, 9)]);
    expect(Array.from(r.benchmark)).toEqual([expect.closeTo(-0.1, 12), expect.closeTo(-0.01, 12)]);
    expect(r.worstDay).toEqual({ date: '2020-01-02', pnl: expect.closeTo(-150, 9) as number });
    expect(r.maxDrawdown).toEqual({ amount: expect.closeTo(150, 9) as number, pct: expect.closeTo(0.15, 12) as number, peakDate: '2020-01-02', troughDate: '2020-01-02' });
    expect(r.maxLoss).toEqual({ amount: expect.closeTo(150, 9) as number, pct: expect.closeTo(0.15, 12) as number, date: '2020-01-02' });
    // The index fell over the series (μ < 0) and β_book = (1000·1 + 250·2)/1000 = 1.5 > 0: no estimate.
    expect(r.recovery).toEqual({ status: 'not-recovered', days: null, date: null, estimatedDays: null });
    expect(progress).toEqual([[1, 2], [2, 2]]);
    expect(pauses).toBe(1); // between the chunks, not after the last
  });

  it('down 10 % then up 15 % recovers on day 2', async () => {
    // A: 1000·(0.9·1.15 − 1) = +35; B: 250·(0.8·1.3 − 1) = +10 → +45, equity 1,045 ≥ 1,000.
    const r = await replayBook(book, { dates, closes: Float64Array.from([100, 90, 103.5]) }, win, { equity: 1_000 });
    expect(r.pnl[1]).toBeCloseTo(45, 9);
    expect(r.recovery).toEqual({ status: 'recovered', days: 1, date: '2020-01-03', estimatedDays: null });
  });

  it('refuses bad input naming the field', async () => {
    const s = { dates, closes: Float64Array.from([100, 90, 99]) };
    await expect(replayBook(book, s, win, { equity: 0 })).rejects.toThrow(/equity must be a finite number > 0/);
    await expect(replayBook(book, s, { start: '2021-01-01', end: '2021-02-01' }, { equity: 1 })).rejects.toThrow(/no trading day/);
    await expect(replayBook(book, s, { start: '2020-1-1', end: '2020-02-01' }, { equity: 1 })).rejects.toThrow(/window.start must be YYYY-MM-DD/);
    await expect(replayBook(book, s, win, { equity: 1, chunkDays: 0 })).rejects.toThrow(/chunkDays must be an integer >= 1/);
  });
});

describe('replayBook agrees with historicalReplay on the S&P 500 windows', () => {
  const sp = parseDailyCloses(readFileSync(resolve(__dirname, '../../../resources/data/sp500-2000.csv'), 'utf8'));
  const mixed: BookPosition[] = [
    { id: 'S', underlying: 'S', qty: 40, spot: 2_874, beta: 1 },
    { id: 'C', underlying: 'C', qty: 3, spot: 97_000, beta: 1.8 },
    { id: 'P', underlying: 'C', qty: 3, spot: 97_000, beta: 1.8, option: { type: 'put', strike: 85_000, expiryYears: 0.15, vol: 0.6, rate: 0 } },
  ];
  for (const id of ['dot-com', 'gfc-2008', 'covid-2020']) {
    it(id, async () => {
      const w = findWindow(id);
      const ref = historicalReplay(mixed, { dates: sp.dates, prices: sp.closes }, w, { equity: 2_000_000 });
      const r = await replayBook(mixed, sp, w, { equity: 2_000_000 });
      expect(r.dates).toEqual(ref.dates);
      r.pnl.forEach((v, t) => expect(v).toBeCloseTo(ref.pnl[t], 6));
      expect(r.worstDay.date).toBe(ref.worstDay.date);
      expect(r.worstDay.pnl).toBeCloseTo(ref.worstDay.pnl, 6);
      expect(r.maxDrawdown.amount).toBeCloseTo(ref.maxDrawdown.amount, 6);
      expect(r.maxDrawdown.troughDate).toBe(ref.maxDrawdown.troughDate);
      expect(r.maxLoss.amount).toBeCloseTo(ref.maxLoss.amount, 6);
      expect(r.recovery.status === 'recovered').toBe(ref.recovery.method === 'observed');
      expect(r.recovery.status === 'recovered' ? r.recovery.days : r.recovery.estimatedDays).toBe(ref.recovery.days);
    });
  }
});
