import { describe, expect, it } from 'vitest';
import {
  cagr,
  calmar,
  expectancy,
  profitFactor,
  sharpe,
  sortino,
  tailRatio,
  tradeExcursion,
  tradeExcursions,
  tradeSummary,
  winRate,
} from '../../../src/engine/risk/performance';

/** expect.closeTo typed as a number so it can sit inside toEqual objects without `any`. */
const near = (v: number, digits: number): number => expect.closeTo(v, digits) as number;

const R = Float64Array.from([0.01, -0.02, 0.015, 0, -0.005, 0.03, -0.01]);

describe('ratios', () => {
  // numpy: r.mean() = 0.002857142857142857, r.std(ddof=1) = 0.016525, downside sqrt(0.00053/7)
  it('Sharpe = mean / stdev(ddof=1) · √252', () => {
    const m = 0.02 / 7;
    const sd = Math.sqrt(R.reduce((a, x) => a + (x - m) ** 2, 0) / 6);
    expect(sharpe(R)).toBeCloseTo((m / sd) * Math.sqrt(252), 12);
    expect(sharpe(R, { periodsPerYear: 365 })).toBeCloseTo((m / sd) * Math.sqrt(365), 12);
  });

  it('risk-free is an annual rate, de-annualised geometrically', () => {
    const rf = 0.05,
      rfp = Math.pow(1.05, 1 / 252) - 1;
    const ex = R.map((x) => x - rfp);
    expect(sharpe(R, { riskFree: rf })).toBeCloseTo(sharpe(ex), 12);
    expect(sortino(R, { riskFree: rf })).toBeCloseTo(sortino(ex), 12);
  });

  it('Sortino: downside deviation over ALL n observations (quantstats)', () => {
    const down = Math.sqrt((0.02 ** 2 + 0.005 ** 2 + 0.01 ** 2) / 7);
    expect(sortino(R)).toBeCloseTo((0.02 / 7 / down) * Math.sqrt(252), 12);
    expect(() => sortino(Float64Array.from([0.01, 0.02]))).toThrow(/no return is below the risk-free rate/);
  });

  it('CAGR uses years = n / periodsPerYear', () => {
    // 252 returns of +0.1 % compound to 1.001^252 over exactly one year.
    const r = new Float64Array(252).fill(0.001);
    expect(cagr(r)).toBeCloseTo(Math.pow(1.001, 252) - 1, 12);
    // 126 returns of the same = half a year: CAGR is the same annual rate.
    expect(cagr(r.subarray(0, 126))).toBeCloseTo(Math.pow(1.001, 252) - 1, 12);
    expect(cagr(Float64Array.from([0.5, -1]))).toBe(-1);
  });

  it('Calmar = CAGR / max drawdown (drawdown from the starting capital)', () => {
    const total = R.reduce((w, x) => w * (1 + x), 1);
    const g = Math.pow(total, 252 / 7) - 1;
    // Equity: 1, 1.01, 0.9898, … trough 0.9898 → DD = 0.02 from the 1.01 peak.
    expect(calmar(R)).toBeCloseTo(g / 0.02, 10);
    expect(calmar(Float64Array.from([0.01, 0.02]))).toBe(Number.POSITIVE_INFINITY);
  });

  it('tail ratio, win rate, profit factor', () => {
    // numpy.quantile(R, .95) = 0.0255, quantile(R, .05) = -0.017
    expect(tailRatio(R)).toBeCloseTo(0.0255 / 0.017, 12);
    expect(winRate(R)).toBeCloseTo(3 / 6, 15); // the flat day is ignored
    expect(profitFactor(R)).toBeCloseTo(0.055 / 0.035, 12);
    expect(profitFactor(Float64Array.from([0.01, 0]))).toBe(Number.POSITIVE_INFINITY);
    expect(winRate(Float64Array.from([0, 0]))).toBe(0);
  });

  it('rejects bad input', () => {
    expect(() => sharpe(Float64Array.from([0.01]))).toThrow(/sharpe: returns needs at least 2 values, got 1/);
    expect(() => sharpe(new Float64Array(10).fill(0.01))).toThrow(/constant/);
    expect(() => sharpe(R, { periodsPerYear: 0 })).toThrow(/periodsPerYear must be a finite number > 0/);
    expect(() => sharpe(R, { riskFree: -2 })).toThrow(/riskFree/);
  });
});

describe('trades', () => {
  it('expectancy = p_win·avgWin − p_loss·avgLoss = mean trade', () => {
    const t = Float64Array.from([0.05, -0.02, 0, 0.03, -0.04]);
    const s = tradeSummary(t);
    expect(s).toMatchObject({ trades: 5, winRate: 0.4 });
    expect(s.avgWin).toBeCloseTo(0.04, 15);
    expect(s.avgLoss).toBeCloseTo(0.03, 15);
    expect(expectancy(t)).toBeCloseTo(0.02 / 5, 15);
  });

  it('MFE / MAE from price paths, long and short', () => {
    const path = Float64Array.from([100, 104, 97, 110, 103]);
    expect(tradeExcursion(path)).toEqual({
      mfe: near(0.1, 14),
      mae: near(0.03, 14),
      finalReturn: near(0.03, 14),
    });
    expect(tradeExcursion(path, 'short')).toEqual({
      mfe: near(0.03, 14),
      mae: near(0.1, 14),
      finalReturn: near(-0.03, 14),
    });
    const [a] = tradeExcursions([Float64Array.from([10, 11])]);
    expect(a.mae).toBe(0);
    expect(Object.is(a.mae, -0)).toBe(false);
    expect(() => tradeExcursion(Float64Array.from([10, -1]))).toThrow(/path\[1\] is -1, prices must be > 0/);
    expect(() => tradeExcursions([path], ['long', 'short'])).toThrow(/sides has 2 entries but paths has 1/);
  });
});
