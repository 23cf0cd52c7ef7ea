// Stop effectiveness on hand examples: saved = −qty·multiplier·(later − hitPrice).
import { describe, expect, it } from 'vitest';
import { DEFAULT_HORIZON_MS, StopEffectiveness } from '../../../src/engine/stops/effectiveness';
import { StopManager, type HitRecord } from '../../../src/engine/stops/stop-manager';

const T0 = 1_700_000_000_000;
const H = 3_600_000;

function hit(over: Partial<HitRecord>): HitRecord {
  return {
    symbol: 'A',
    kind: 'stop',
    qty: 1,
    price: 100,
    at: T0,
    level: 100,
    entry: 110,
    source: 'atr',
    trailed: false,
    multiplier: 1,
    ...over,
  };
}

describe('StopEffectiveness', () => {
  it('signs: saved > 0 when the exit avoided a loss, < 0 when it cost a gain', () => {
    const e = new StopEffectiveness();
    // Long stopped at 95, later 90: held = 2·(90 − 95) = −10 → saved 10.
    e.record(hit({ symbol: 'A', qty: 2, price: 95 }));
    // Short stopped at 105, later 110: held = −3·(110 − 105) = −15 → saved 15.
    e.record(hit({ symbol: 'B', qty: -3, price: 105 }));
    // Take-profit at 120 with multiplier 10, later 125: held = 10·(125 − 120) = 50 → saved −50.
    e.record(hit({ symbol: 'C', kind: 'take_profit', qty: 1, price: 120, multiplier: 10 }));
    // Later 95 = hit price: saved 0, which is not a save.
    e.record(hit({ symbol: 'D', qty: 1, price: 95 }));
    const later = new Map([
      ['A', 90],
      ['B', 110],
      ['C', 125],
      ['D', 95],
    ]);
    const res = e.measure(later, T0 + DEFAULT_HORIZON_MS);
    expect(res.measured.map((m) => [m.symbol, m.pnlIfHeld, m.saved])).toEqual([
      ['A', -10, 10],
      ['B', -15, 15],
      ['C', 50, -50],
      ['D', 0, 0],
    ]);
    expect(Object.is(res.measured[3].saved, -0)).toBe(false);
    expect(res.pending).toBe(0);
    expect(res.summary.stop).toEqual({
      count: 3,
      savedCount: 2,
      hitRate: 2 / 3,
      totalSaved: 25,
      averageSaved: 25 / 3,
    });
    expect(res.summary.take_profit).toEqual({
      count: 1,
      savedCount: 0,
      hitRate: 0,
      totalSaved: -50,
      averageSaved: -50,
    });
    expect(res.summary.all).toEqual({
      count: 4,
      savedCount: 2,
      hitRate: 0.5,
      totalSaved: -25,
      averageSaved: -6.25,
    });
    expect(res.measured[0]).toMatchObject({ laterPrice: 90, measuredAt: T0 + 4 * H, horizonMs: 4 * H });
  });

  it('measures only once the horizon has passed and a later price is known', () => {
    const e = new StopEffectiveness();
    e.record(hit({ symbol: 'A' }));
    e.record(hit({ symbol: 'B', at: T0 + H }));
    expect(e.summary().all).toEqual({
      count: 0,
      savedCount: 0,
      hitRate: null,
      totalSaved: 0,
      averageSaved: null,
    });
    expect(
      e.measure(
        new Map([
          ['A', 90],
          ['B', 90],
        ]),
        T0 + 4 * H - 1,
      ).pending,
    ).toBe(2);
    expect(e.measure(new Map([['B', 90]]), T0 + 4 * H).pending).toBe(2); // A has no later price yet
    const r = e.measure(
      new Map([
        ['A', 90],
        ['B', 90],
      ]),
      T0 + 4 * H,
    );
    expect(r.measured.map((m) => m.symbol)).toEqual(['A']);
    expect(r.pending).toBe(1);
    expect(e.measure(new Map([['B', 90]]), T0 + 2 * H, H).measured.map((m) => m.symbol)).toEqual(['B']); // custom 1 h horizon
    expect(e.measure(new Map([['A', 1]]), T0 + 100 * H).measured).toEqual([]); // measured once only
    expect(e.list()).toHaveLength(2);
  });

  it('names bad input', () => {
    const e = new StopEffectiveness();
    expect(() => e.record(hit({ qty: 0 }))).toThrow(/hit\.qty/);
    expect(() => e.record(hit({ price: NaN }))).toThrow(/hit\.price/);
    e.record(hit({}));
    expect(() => e.measure(new Map([['A', -1]]), T0 + 5 * H)).toThrow(/laterPrices\[A\]/);
    expect(() => e.measure(new Map(), NaN)).toThrow(/now/);
    expect(() => e.measure(new Map(), T0, 0)).toThrow(/horizonMs/);
    expect(() => new StopEffectiveness({ maxResults: 0 })).toThrow(/maxResults/);
  });

  it('bounds the kept results and pending hits; aggregates still count everything', () => {
    const e = new StopEffectiveness({ maxResults: 2, maxPending: 3 });
    for (let i = 0; i < 4; i++) e.record(hit({ symbol: 'A', price: 100 + i }));
    expect(e.droppedPending).toBe(1);
    e.measure(new Map([['A', 100]]), T0 + 4 * H);
    expect(e.list().map((m) => m.price)).toEqual([102, 103]);
    expect(e.summary().all.count).toBe(3);
  });

  it('round-trips through JSON', () => {
    const e = new StopEffectiveness();
    e.record(hit({ symbol: 'A', qty: 2, price: 95 }));
    e.record(hit({ symbol: 'B', at: T0 + 10 * H }));
    e.measure(new Map([['A', 90]]), T0 + 4 * H);
    const r = StopEffectiveness.fromJSON(JSON.parse(JSON.stringify(e.toJSON())));
    expect(r.toJSON()).toEqual(e.toJSON());
    expect(r.summary()).toEqual(e.summary());
    expect(() => StopEffectiveness.fromJSON({ ...e.toJSON(), pending: [{ ...hit({}), kind: 'x' }] })).toThrow(
      /pending\.0\.kind/,
    );
  });

  it('takes a StopManager hit as is', () => {
    const m = new StopManager();
    m.setForPosition({ symbol: 'A', qty: -4, avgCost: 100, mark: 100 }, { atr: 5, multiplier: 2 }, T0);
    const h = m.onPrice('A', 112, T0 + 1)!; // short stopped above 110
    const e = new StopEffectiveness();
    e.record(h.record);
    // Held: −4·2·(104 − 112) = 64 → the stop cost a 64 gain.
    expect(e.measure(new Map([['A', 104]]), T0 + 1 + 4 * H).measured[0]).toMatchObject({
      pnlIfHeld: 64,
      saved: -64,
    });
  });
});
