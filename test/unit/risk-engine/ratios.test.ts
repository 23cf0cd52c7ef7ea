import { describe, expect, it } from 'vitest';
import { bookRatios } from '../../../src/engine/risk-engine/ratios';
import { computeRiskSnapshot } from '../../../src/engine/risk-engine/compute';
import { ReturnHistory } from '../../../src/engine/risk-engine/history';
import { RiskSnapshot } from '../../../src/shared/contract/risk';
import { NOW, instMap, spotInst, viewOf } from './fixtures';

describe('bookRatios: quantstats conventions against hand-computed values', () => {
  // r = [1 %, −2 %, 3 %, −1 %]: mean 0.0025; deviations 0.0075, −0.0225, 0.0275, −0.0125;
  // Σd² = 0.001475, ddof 1 → s² = 0.000491667, s = 0.0221736.
  const r = [0.01, -0.02, 0.03, -0.01];

  it('Sharpe = mean / stdev(ddof 1) · √252 = 0.0025 / 0.0221736 · 15.8745 = 1.78980', () => {
    expect(bookRatios(r, 252).sharpe).toBeCloseTo(1.789801617640478, 10);
  });

  it('Sortino divides by √(Σ min(r,0)² / n) over all 4 days: √((0.0004 + 0.0001) / 4) = 0.0111803 → 3.54965', () => {
    expect(bookRatios(r, 252).sortino).toBeCloseTo(3.549647869859769, 10);
  });

  it('Calmar = CAGR / maxDD: curve 1, 1.01, 0.9898, 1.019494, 1.009299; maxDD 2 %; CAGR 1.009299^(252/4) − 1 = 0.791644', () => {
    expect(bookRatios(r, 252).calmar).toBeCloseTo(0.7916440557018056 / 0.02, 8);
  });

  it('365-day annualisation scales Sharpe by √(365/252)', () => {
    const a = bookRatios(r, 365);
    expect(a.sharpe).toBeCloseTo(2.154026580261853, 10);
    expect(a.periodsPerYear).toBe(365);
    expect(a.days).toBe(4);
  });

  it('an annual rf is de-annualised geometrically: rf_p = 1.05^(1/252) − 1 = 0.000193631', () => {
    const a = bookRatios(r, 252, 0.05);
    expect(a.sharpe).toBeCloseTo(1.6511775401056987, 10);
    expect(a.sortino).toBeCloseTo(3.2370878911113845, 10);
    // quantstats' Calmar has no risk-free term: unchanged.
    expect(a.calmar).toBeCloseTo(39.58220278509028, 8);
    expect(a.riskFree).toBe(0.05);
  });

  it('undefined ratios are null, not Infinity (constant series, no losing day, no drawdown, < 2 days)', () => {
    const flat = bookRatios([0.01, 0.01, 0.01], 252);
    expect(flat).toMatchObject({ sharpe: null, sortino: null, calmar: null, days: 3 });
    const up = bookRatios([0.01, 0.02], 252);
    expect(up.sharpe).not.toBeNull();
    expect(up.sortino).toBeNull();
    expect(up.calmar).toBeNull();
    expect(bookRatios([0.01], 252)).toMatchObject({ sharpe: null, sortino: null, calmar: null, days: 1 });
    expect(bookRatios([], 252).days).toBe(0);
  });

  it('bad input is refused naming the field', () => {
    expect(() => bookRatios([0.01, Number.NaN], 252)).toThrow(/returns\[1\] is NaN/);
    expect(() => bookRatios(r, 0)).toThrow(/periodsPerYear must be a positive integer, got 0/);
    expect(() => bookRatios(r, 252, -1)).toThrow(/riskFree must be a finite annual rate/);
  });
});

describe('computeRiskSnapshot: ratios of the book', () => {
  // 100,000 USD of one asset on 1,000,000 equity: the book's daily return is 0.1 · R.
  const R = [0.01, -0.02, 0.03, -0.05, 0.004, 0.02, -0.01, 0.015, -0.03, 0.005];
  const snap = (assetClass: 'equity' | 'crypto') => {
    const inst = spotInst('AAA-USD', { assetClass, quote: 'USD' });
    const h = new ReturnHistory({ length: 10 });
    h.set('AAA-USD', R);
    return computeRiskSnapshot({ positions: [viewOf(inst, 1_000, 100)], instruments: instMap(inst), prices: new Map(), equity: 1_000_000, history: h, now: NOW });
  };

  it('an equity-only book annualises with 252 (mean −0.00026, s 0.00247171)', () => {
    const s = snap('equity');
    expect(RiskSnapshot.shape.ratios.parse(s.ratios)).toEqual(s.ratios);
    expect(s.ratios.periodsPerYear).toBe(252);
    expect(s.ratios.days).toBe(10);
    expect(s.ratios.sharpe).toBeCloseTo(-1.6698471036681724, 9);
    expect(s.ratios.sortino).toBeCloseTo(-2.089976076418101, 9);
    // W = 0.99737558, maxDD 0.51077 %, CAGR = W^(252/10) − 1 = −6.4077 %.
    expect(s.ratios.calmar).toBeCloseTo(-12.545315680838002, 7);
  });

  it('a book holding crypto annualises with 365 (calendar days)', () => {
    const s = snap('crypto');
    expect(s.ratios.periodsPerYear).toBe(365);
    expect(s.ratios.sharpe).toBeCloseTo(-2.0096613003492267, 9);
    expect(s.ratios.calmar).toBeCloseTo(-17.90658873645667, 7);
  });

  it('an empty book has no ratios', () => {
    const h = new ReturnHistory({ length: 10 });
    const s = computeRiskSnapshot({ positions: [], instruments: new Map(), prices: new Map(), equity: 1_000_000, history: h, now: NOW });
    expect(s.ratios).toMatchObject({ sharpe: null, sortino: null, calmar: null, days: 0 });
  });
});
