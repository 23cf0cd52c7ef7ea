// Engine data behind the Risk and Greeks pages: VaR backtest on a constructed P&L series (values
// checked against scipy: chi2.sf, binom.cdf) and the option rows / delta hedge on a hand-priced book.
import { describe, expect, it } from 'vitest';
import { backtestSection } from '../../../src/engine/risk-engine/backtest-section';
import { hedgeSection, optionGreeksSection } from '../../../src/engine/risk-engine/option-greeks';
import { greeksOf, greeksSection } from '../../../src/engine/risk-engine/sections';
import { toBookPositions } from '../../../src/engine/risk-engine/book';
import { computeRiskSnapshot } from '../../../src/engine/risk-engine/compute';
import { ReturnHistory } from '../../../src/engine/risk-engine/history';
import { RiskSnapshot } from '../../../src/shared/contract/risk';
import { NOW, instMap, optionInst, perpInst, spotInst, viewOf } from './fixtures';

/**
 * Period-40 P&L: −12, −8, −4, then 1…37. Every 40-day window holds exactly this multiset, so the
 * rolling historical VaR is constant: numpy linear quantile at 5 % = −8 + 0.95·4 = −4.2 (VaR 4.2),
 * at 1 % = −12 + 0.39·4 = −10.44 (VaR 10.44). Per period: 2 exceptions at 95 % (−12, −8, adjacent),
 * 1 at 99 % (−12).
 */
const PERIOD = [-12, -8, -4, ...Array.from({ length: 37 }, (_, i) => i + 1)];
const series = Float64Array.from({ length: 160 }, (_, i) => PERIOD[i % 40]);

describe('backtestSection', () => {
  const bt = backtestSection(series, { window: 40, days: 120 })!;

  it('rolls one-day-ahead VaR and counts the exceptions of a constructed series', () => {
    expect(bt.window).toBe(40);
    expect(bt.days).toBe(120);
    expect(bt.pnl).toHaveLength(120);
    for (const v of bt.levels['0.95'].var) expect(v).toBeCloseTo(4.2, 12);
    for (const v of bt.levels['0.99'].var) expect(v).toBeCloseTo(10.44, 12);
    expect(bt.levels['0.95'].exceptions).toEqual([0, 1, 40, 41, 80, 81]);
    expect(bt.levels['0.99'].exceptions).toEqual([0, 40, 80]);
    expect(bt.levels['0.95'].expected).toBeCloseTo(6, 12);
    expect(bt.levels['0.99'].expected).toBeCloseTo(1.2, 12);
  });

  it('Kupiec and Christoffersen match scipy (chi2.sf) on the transition counts', () => {
    const l95 = bt.levels['0.95'];
    // x = 6 = expected: LR_pof = 0, p = 1.
    expect(l95.kupiec.lr).toBeCloseTo(0, 12);
    expect(l95.kupiec.p).toBeCloseTo(1, 12);
    // n00 111, n01 2, n10 3, n11 3 (clustered pairs): LR 13.064646220127656, p 0.00030092203712617075.
    expect(l95.christoffersen.lr).toBeCloseTo(13.064646220127656, 9);
    expect(l95.christoffersen.p).toBeCloseTo(0.00030092203712617075, 9);
    const l99 = bt.levels['0.99'];
    expect(l99.kupiec.lr).toBeCloseTo(1.925155912640431, 9);
    expect(l99.kupiec.p).toBeCloseTo(0.16528938816877586, 7);
    // n00 114, n01 2, n10 3, n11 0.
    expect(l99.christoffersen.lr).toBeCloseTo(0.10301251513743637, 9);
    expect(l99.christoffersen.p).toBeCloseTo(0.7482440170586274, 7);
  });

  it('places the count in the Basel traffic light by the binomial CDF (n = 120)', () => {
    // binom.cdf(k, 120, 0.01): green while < 0.95 → 0..2, yellow while < 0.9999 → 3..6.
    expect(bt.levels['0.99']).toMatchObject({ count: 3, greenMax: 2, yellowMax: 6, zone: 'yellow' });
    expect(bt.levels['0.95']).toMatchObject({ count: 6, greenMax: 9, yellowMax: 16, zone: 'green' });
  });

  it('halves a short history, and gives null under 40 days', () => {
    const short = backtestSection(series.subarray(0, 100));
    expect(short?.window).toBe(50);
    expect(short?.days).toBe(50);
    expect(backtestSection(series.subarray(0, 39))).toBeNull();
  });
});

describe('option rows and the delta hedge', () => {
  // BTC at 50,000: 2 spot, −0.5 perp, 2 ATM calls, σ 0.5, T 1 year, r 0 → d1 = 0.25,
  // N(d1) = 0.5987063256829237, φ(d1) = 0.3866681168028493 (scipy.stats.norm).
  const S = 50_000;
  const spot = spotInst('BTC-USDT');
  const perp = perpInst('BTC-USDT');
  const call = optionInst('BTC-USDT', 'call', S, 0.5, 1);
  const views = [viewOf(spot, 2, S), viewOf(perp, -0.5, S), viewOf(call, 2, 9_000)];
  const book = toBookPositions(views, instMap(spot, perp, call), new Map(), NOW);
  const parts = book.positions.map(greeksOf);

  it('gives each option its trader-unit Greeks and exact expiry', () => {
    const rows = optionGreeksSection(book.positions, parts, instMap(spot, perp, call));
    expect(rows).toHaveLength(1);
    const r = rows[0];
    expect(r).toMatchObject({ symbol: call.symbol, underlying: 'BTC-USDT', type: 'call', strike: S, qty: 2, expiryMs: call.expiryMs });
    expect(r.delta).toBeCloseTo(2 * 0.5987063256829237 * S, 4); // 59,870.63 USD
    expect(r.gamma).toBeCloseTo(2 * (0.3866681168028493 / (S * 0.5)) * S * S * 0.01, 6); // 773.34 USD per 1 %
    expect(r.vega).toBeCloseTo((2 * S * 0.3866681168028493) / 100, 6); // 386.67 USD per vol point
    expect(r.theta).toBeCloseTo((2 * (-S * 0.3866681168028493 * 0.5)) / 2 / 365, 6); // −26.48 USD per day
  });

  it('sells the underlying quantity that zeroes the net USD delta and leaves gamma as it was', () => {
    const g = greeksSection(book.positions, parts);
    const [h] = hedgeSection(g.byUnderlying, book.spots);
    const delta = 2 * S - 0.5 * S + 2 * 0.5987063256829237 * S; // 134,870.63 USD
    const gamma = 2 * (0.3866681168028493 / (S * 0.5)) * S * S * 0.01;
    expect(h.delta).toBeCloseTo(delta, 4);
    expect(h.hedgeQty).toBeCloseTo(-delta / S, 9); // −2.6974 BTC
    expect(h.hedgeNotional).toBeCloseTo(-delta, 4);
    expect(h.gamma).toBeCloseTo(gamma, 6);
    expect(h.residual1pct).toBeCloseTo(0.5 * gamma * 0.01, 8); // 3.87 USD on a ±1 % move
    expect(h.delta + h.hedgeQty * h.spot).toBeCloseTo(0, 6);
  });

  it('orders hedges by |delta| and skips a flat underlying', () => {
    const rows = hedgeSection(
      { A: { delta: 100, gamma: 0, vega: 0, theta: 0 }, B: { delta: -300, gamma: 0, vega: 0, theta: 0 }, C: { delta: 0, gamma: 5, vega: 0, theta: 0 } },
      new Map([['A', 10], ['B', 30], ['C', 1]]),
    );
    expect(rows.map((r) => [r.underlying, r.hedgeQty])).toEqual([['B', 10], ['A', -10]]);
  });

  it('the snapshot carries the new sections and still parses', () => {
    const h = new ReturnHistory({ length: 120 });
    h.set('BTC-USDT', Float64Array.from({ length: 120 }, (_, i) => PERIOD[i % 40] / 1000));
    const snap = computeRiskSnapshot({ positions: views, instruments: instMap(spot, perp, call), prices: new Map(), equity: 1_000_000, history: h, now: NOW, mcPaths: 400, forecastPaths: 100 });
    expect(RiskSnapshot.safeParse(snap).success).toBe(true);
    expect(snap.optionGreeks).toHaveLength(1);
    expect(snap.hedges[0].hedgeQty).toBeCloseTo(-snap.greeks.byUnderlying['BTC-USDT'].delta / S, 9);
    expect(snap.backtest?.window).toBe(60); // 120 days of history → 60 + 60
    expect(snap.backtest?.pnl).toHaveLength(60);
  });
});
