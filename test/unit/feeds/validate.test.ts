import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTick, type Tick } from '../../../src/engine/feeds/tick';
import { representative, Validator } from '../../../src/engine/feeds/validate';

const T0 = 1_700_000_000_000;
const trade = (sym: string, p: number, size = 1): Tick =>
  makeTick('binance', sym, 'trade', undefined, undefined, p, size, T0, T0, undefined);
const quote = (sym: string, b?: number, a?: number): Tick =>
  makeTick('binance', sym, 'quote', b, a, undefined, undefined, T0, T0, undefined);

describe('Validator', () => {
  it('counts every reason', () => {
    const v = new Validator();
    expect(v.validate(trade('X', 100))).toBe(true);
    expect(v.validate(trade('X', NaN))).toBe(false);
    expect(v.validate(trade('X', Infinity))).toBe(false);
    expect(v.validate(trade('X', 100, NaN))).toBe(false);
    expect(v.validate(trade('X', 0))).toBe(false);
    expect(v.validate(trade('X', -5))).toBe(false);
    expect(v.validate(trade('X', 100, -1))).toBe(false);
    expect(v.validate(quote('X', 101, 100))).toBe(false);
    expect(v.validate(quote('X', 100, 100))).toBe(true); // locked, not crossed
    expect(v.validate(trade('X', 121))).toBe(false);
    expect(v.validate(trade('X', 79))).toBe(false);
    expect(v.validate(quote('X'))).toBe(false);
    expect(
      v.validate(makeTick('binance', 'X', 'trade', undefined, undefined, 100, 1, NaN, T0, undefined)),
    ).toBe(false);
    v.count('duplicate');
    expect(v.dropped).toEqual({
      malformed: 2,
      unknown_message: 0,
      non_finite: 3,
      non_positive: 3,
      crossed: 1,
      jump: 2,
      duplicate: 1,
      out_of_order: 0,
    });
    expect(v.accepted).toBe(2);
  });

  it('lets a gradual move through but stops an instantaneous one (configurable bound)', () => {
    const v = new Validator({ maxJump: 0.2 });
    let p = 100;
    v.validate(trade('X', p));
    // −20 % in 60 steps of ~0.37 % each.
    for (let i = 0; i < 60; i++) expect(v.validate(trade('X', (p *= 0.8 ** (1 / 60))))).toBe(true);
    expect(p).toBeCloseTo(80, 6);
    expect(v.validate(trade('X', p * 1.3))).toBe(false);
    const tight = new Validator({ maxJump: 0.01 });
    tight.validate(trade('Y', 100));
    expect(tight.validate(trade('Y', 101.5))).toBe(false);
    expect(tight.validate(trade('Y', 100.9))).toBe(true);
  });

  it('checks each side of a quote, not only the mid', () => {
    const v = new Validator();
    v.validate(quote('X', 99, 101));
    expect(v.validate(quote('X', 50, 150))).toBe(false);
    expect(v.dropped.jump).toBe(1);
  });

  it('re-anchors after N consecutive agreeing out-of-bound ticks', () => {
    const v = new Validator({ maxJump: 0.2, reanchorAfter: 3 });
    v.validate(trade('X', 100));
    expect(v.validate(trade('X', 150))).toBe(false);
    expect(v.validate(trade('X', 151))).toBe(false);
    expect(v.validate(trade('X', 152))).toBe(true);
    expect(v.reanchors).toBe(1);
    expect(v.reference('X')).toBe(152);
    // Disagreeing outliers never re-anchor.
    const w = new Validator({ maxJump: 0.2, reanchorAfter: 3 });
    w.validate(trade('X', 100));
    for (const p of [1000, 10, 1000, 10, 1000, 10]) expect(w.validate(trade('X', p))).toBe(false);
    // A good tick in between resets the run.
    w.validate(trade('X', 150));
    w.validate(trade('X', 151));
    w.validate(trade('X', 101));
    expect(w.validate(trade('X', 152))).toBe(false);
    expect(w.reanchors).toBe(0);
  });

  it('property: an accepted tick is never non-finite, non-positive, crossed or out of bound', () => {
    const price = fc.oneof(
      fc.double({ min: -1e6, max: 1e6 }),
      fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e-12, 100, 120, 80),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), price, price, fc.option(price, { nil: undefined })), {
          maxLength: 60,
        }),
        (rows) => {
          const v = new Validator({ maxJump: 0.2, reanchorAfter: 0 });
          let ref: number | undefined;
          for (const [isQuote, a, b] of rows) {
            const t = isQuote ? quote('S', a, b) : trade('S', a, Math.abs(b));
            if (!v.validate(t)) continue;
            for (const x of [t.bid, t.ask, t.last]) {
              if (x === undefined) continue;
              expect(Number.isFinite(x) && x > 0).toBe(true);
              if (ref !== undefined) expect(Math.abs(x / ref - 1)).toBeLessThanOrEqual(0.2 + 1e-12);
            }
            if (t.bid !== undefined && t.ask !== undefined) expect(t.bid).toBeLessThanOrEqual(t.ask);
            ref = representative(t);
          }
        },
      ),
    );
  });
});
