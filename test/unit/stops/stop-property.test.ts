// Properties over random price paths: a long's stop never decreases and a short's never increases
// while active, a stop fires at most once, and a tick never trips the stop it just moved.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  StopManager,
  type StopOptions,
  type StopRecord,
  type TrailDistance,
} from '../../../src/engine/stops/stop-manager';

const NOW = 1_700_000_000_000;
const px = fc.double({ min: 1, max: 1_000, noNaN: true, noDefaultInfinity: true });
/** A multiplicative random walk from the entry, so paths trend, trail and reverse (not only jump). */
const stepsArb = fc.array(
  fc.oneof(
    fc.double({ min: -0.02, max: 0.02, noNaN: true }),
    fc.double({ min: -0.3, max: 0.3, noNaN: true }),
  ),
  { maxLength: 80 },
);
const walk = (entry: number, steps: number[]): number[] => {
  const out: number[] = [];
  let p = entry;
  for (const s of steps) out.push((p *= 1 + s));
  return out;
};
const distArb: fc.Arbitrary<TrailDistance> = fc.oneof(
  fc.record({ kind: fc.constant('atr' as const), multiple: fc.double({ min: 0.1, max: 5, noNaN: true }) }),
  fc.record({
    kind: fc.constant('fraction' as const),
    fraction: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
  }),
);
const optsArb: fc.Arbitrary<StopOptions> = fc.record({
  atr: fc.double({ min: 0.01, max: 50, noNaN: true }),
  k: fc.double({ min: 0.5, max: 4, noNaN: true }),
  rewardToRisk: fc.constantFrom(null, 1, 2, 3),
  trailing: fc.option(
    fc.record({ activationR: fc.double({ min: 0, max: 3, noNaN: true }), distance: distArb }),
    { nil: undefined },
  ),
});

function run(qty: number, entry: number, opts: StopOptions, path: number[]): StopRecord {
  const m = new StopManager();
  m.setForPosition({ symbol: 'X', qty, avgCost: entry, mark: entry }, opts, NOW);
  let prev = m.get('X')!.stop;
  let hits = 0;
  for (let i = 0; i < path.length; i++) {
    const before = m.get('X')!;
    const hit = m.onPrice('X', path[i], NOW + i);
    const after = m.get('X')!;
    if (hit) {
      hits++;
      expect(hit.record.level).toBe(hit.record.kind === 'stop' ? before.stop : before.takeProfit);
    } else if (before.status === 'active') {
      // Not hit: the price is still on the safe side of the (possibly moved) stop.
      expect(
        qty > 0 ? path[i] > after.stop || after.stop === prev : path[i] < after.stop || after.stop === prev,
      ).toBe(true);
    }
    if (after.status === 'active') {
      if (qty > 0) expect(after.stop).toBeGreaterThanOrEqual(prev);
      else expect(after.stop).toBeLessThanOrEqual(prev);
    }
    prev = after.stop;
  }
  expect(hits).toBeLessThanOrEqual(1);
  return m.get('X')!;
}

describe('stop manager properties', () => {
  it("a long's active stop never decreases over any price path", () => {
    let trailed = 0;
    fc.assert(
      fc.property(px, optsArb, stepsArb, (entry, opts, steps) => {
        const r = run(3, entry, opts, walk(entry, steps));
        if (r.stop > r.initialStop) trailed++;
      }),
      { numRuns: 400 },
    );
    expect(trailed).toBeGreaterThan(20); // the generator does exercise the trailing logic
  });

  it("a short's active stop never increases over any price path", () => {
    fc.assert(
      fc.property(px, optsArb, stepsArb, (entry, opts, steps) => {
        run(-3, entry, opts, walk(entry, steps));
      }),
      { numRuns: 400 },
    );
  });
});
