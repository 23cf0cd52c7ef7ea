import { describe, expect, it } from 'vitest';
import type { BookPosition } from '../../../src/engine/risk/book';
import {
  aggregateGreeks,
  betaWeightedDelta,
  GREEK_UNITS,
  positionGreeks,
  totalGreeks,
} from '../../../src/engine/risk/options-aggregate';
import { optionGreeks } from '../../../src/engine/risk/options';

const opt = (type: 'call' | 'put', strike: number, expiryYears: number) => ({
  type,
  strike,
  expiryYears,
  vol: 0.25,
  rate: 0.03,
});
const book: BookPosition[] = [
  { id: 's', underlying: 'AAPL', qty: 100, spot: 200, beta: 1.2 },
  {
    id: 'c1',
    underlying: 'AAPL',
    qty: 2,
    multiplier: 100,
    spot: 200,
    beta: 1.2,
    option: opt('call', 210, 0.25),
  },
  {
    id: 'c2',
    underlying: 'AAPL',
    qty: -1,
    multiplier: 100,
    spot: 200,
    beta: 1.2,
    option: opt('call', 210, 0.5),
  },
  {
    id: 'p1',
    underlying: 'MSFT',
    qty: 3,
    multiplier: 100,
    spot: 400,
    beta: 0.9,
    option: opt('put', 380, 0.25),
  },
];

describe('position Greeks', () => {
  it('scales per-unit Greeks by qty × multiplier in trader units', () => {
    const g = positionGreeks(book[1]);
    const u = optionGreeks({ ...book[1].option!, spot: 200 });
    expect(g.value).toBeCloseTo(200 * u.price, 10);
    expect(g.delta).toBeCloseTo(200 * u.delta, 10);
    expect(g.dollarDelta).toBeCloseTo(200 * u.delta * 200, 8);
    expect(g.vega).toBeCloseTo(200 * u.vega * 0.01, 10);
    expect(g.theta).toBeCloseTo((200 * u.theta) / 365, 10);
    expect(g.rho).toBeCloseTo(200 * u.rho * 0.01, 10);
    const s = positionGreeks(book[0]);
    expect([s.delta, s.gamma, s.vega, s.value]).toEqual([100, 0, 0, 20_000]);
    expect(Object.keys(GREEK_UNITS)).toContain('theta');
  });
});

describe('aggregation', () => {
  it('by underlying sums positions', () => {
    const groups = aggregateGreeks(book, 'underlying');
    expect(groups.map((g) => g.key)).toEqual(['AAPL', 'MSFT']);
    const aapl = groups[0];
    const parts = book.slice(0, 3).map(positionGreeks);
    expect(aapl.count).toBe(3);
    expect(aapl.delta).toBeCloseTo(
      parts.reduce((a, p) => a + p.delta, 0),
      10,
    );
    expect(aapl.vega).toBeCloseTo(
      parts.reduce((a, p) => a + p.vega, 0),
      10,
    );
    const total = totalGreeks(groups);
    expect(total.value).toBeCloseTo(totalGreeks(book.map(positionGreeks)).value, 8);
  });
  it('by expiry (linear last) and by strike within underlying', () => {
    expect(aggregateGreeks(book, 'expiry').map((g) => [g.key, g.count])).toEqual([
      ['0.2500', 2],
      ['0.5000', 1],
      ['linear', 1],
    ]);
    expect(aggregateGreeks(book, 'strike').map((g) => [g.key, g.count])).toEqual([
      ['AAPL@210', 2],
      ['AAPL@linear', 1],
      ['MSFT@380', 1],
    ]);
    expect(() => aggregateGreeks(book, 'sector' as 'strike')).toThrow(/by must be/);
  });
  it('beta-weighted delta = Σ dollarDelta·β / benchmark spot', () => {
    const r = betaWeightedDelta(book, 500);
    const want = book.reduce((a, p) => a + positionGreeks(p).dollarDelta * (p.beta ?? 1), 0);
    expect(r.dollars).toBeCloseTo(want, 8);
    expect(r.benchmarkUnits).toBeCloseTo(want / 500, 10);
    expect(r.byPosition.s).toBeCloseTo((100 * 200 * 1.2) / 500, 12);
    expect(() => betaWeightedDelta(book, 0)).toThrow(/benchmarkSpot/);
  });
});
