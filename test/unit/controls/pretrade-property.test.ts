// Property tests of the trading-state gate: over random books, limits, quotes and order streams,
// HALTED and REDUCING never let an exposure-adding order through, and a reducing order is never
// refused on account of the trading state.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLimits } from '../../../src/engine/controls/limits';
import { checkOrder, type PretradeOrder } from '../../../src/engine/controls/pretrade';
import { buildPretradeContext } from '../../../src/engine/controls/pretrade-context';
import type { TradingMode, TradingState } from '../../../src/engine/controls/trading-state';
import { NOW, pos } from './fixtures';

const SYMBOLS = ['A', 'B', 'C', 'D', 'E', 'F'];
const SECTORS = [null, 'tech', 'energy'];

const qtyArb = fc.oneof(fc.constant(0), fc.double({ min: -500, max: 500, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -50, max: 50 }));
const bookArb = fc.uniqueArray(
  fc.record({ symbol: fc.constantFrom(...SYMBOLS), qty: qtyArb, mark: fc.double({ min: 0.5, max: 5_000, noNaN: true }), sector: fc.constantFrom(...SECTORS) }),
  { selector: (p) => p.symbol, maxLength: SYMBOLS.length },
);
const limitsArb = fc.record({
  maxPositions: fc.integer({ min: 3, max: 20 }),
  maxConcentration: fc.double({ min: 0.01, max: 1, noNaN: true }),
  maxNotionalPerOrder: fc.double({ min: 1, max: 1e7, noNaN: true }),
  maxOrdersPerMinute: fc.integer({ min: 1, max: 50 }),
});
const quoteArb = fc.record({
  bid: fc.option(fc.double({ min: 0.5, max: 5_000, noNaN: true })),
  ask: fc.option(fc.double({ min: 0.5, max: 5_000, noNaN: true })),
  mark: fc.option(fc.double({ min: 0.5, max: 5_000, noNaN: true })),
  ts: fc.option(fc.integer({ min: NOW - 20_000, max: NOW })),
});
/** An order, possibly sized exactly to close or to flip the held position. */
const orderArb = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  qty: fc.double({ min: 1e-6, max: 1_000, noNaN: true }),
  sizing: fc.constantFrom('free', 'close', 'half', 'flip'),
});
const stateArb = (mode: TradingMode): fc.Arbitrary<TradingMode | TradingState> =>
  fc.oneof(
    fc.constant(mode),
    // A state object whose auto-resume is still in the future.
    fc.integer({ min: 1, max: 86_400_000 }).map((d): TradingState => ({ mode, reason: 'prop', since: NOW - 1, until: NOW + d, resumeTo: 'ACTIVE', setBy: 'user:prop' })),
  );

interface Sim {
  book: Map<string, { qty: number; mark: number; sector: string | null }>;
}

function shape(o: { symbol: string; side: 'buy' | 'sell'; qty: number; sizing: string }, held: number): PretradeOrder {
  if (held === 0 || o.sizing === 'free') return { symbol: o.symbol, side: o.side, qty: o.qty };
  const side = held > 0 ? 'sell' : 'buy';
  const abs = Math.abs(held);
  const qty = o.sizing === 'close' ? abs : o.sizing === 'half' ? abs / 2 : abs + o.qty;
  return { symbol: o.symbol, side, qty: qty > 0 ? qty : o.qty };
}

function run(mode: TradingMode) {
  return fc.property(
    bookArb,
    limitsArb,
    fc.array(fc.tuple(orderArb, quoteArb), { minLength: 1, maxLength: 25 }),
    stateArb(mode),
    fc.double({ min: -1e5, max: 1e7, noNaN: true }),
    fc.array(fc.integer({ min: NOW - 120_000, max: NOW }), { maxLength: 60 }),
    (book, limitsInput, stream, state, equity, recent) => {
      const limits = parseLimits(limitsInput);
      const sim: Sim = { book: new Map(book.map((p) => [p.symbol, { qty: p.qty, mark: p.mark, sector: p.sector }])) };
      for (const [o, quote] of stream) {
        const snapshot = buildPretradeContext({
          summary: { equity, dayStartEquity: Math.max(equity, 1), dailyPnl: 0, drawdown: 0, ts: NOW },
          positions: [...sim.book].map(([s, p]) => pos(s, p.qty, p.mark, p.sector)),
        });
        const held = sim.book.get(o.symbol)?.qty ?? 0;
        const order = shape(o, held);
        const adds = !((order.side === 'buy' ? held < 0 : held > 0) && order.qty <= Math.abs(held));
        const r = checkOrder(order, {
          now: NOW,
          snapshot,
          limits,
          state,
          instrument: { symbol: o.symbol, kind: 'spot', multiplier: 1, sector: sim.book.get(o.symbol)?.sector ?? null },
          price: quote,
          recentOrderTs: recent,
          correlations: new Map(SYMBOLS.map((s, i) => [s, ((i * 37) % 19) / 10 - 0.9])),
        });
        expect(r.addsExposure).toBe(adds);
        if (adds) {
          // Never approved, never reduced to a non-zero quantity.
          expect(r.decision).toBe('deny');
          expect(r.allowedQty).toBeUndefined();
          expect(r.reasons[0].code).toBe(mode === 'HALTED' ? 'TRADING_HALTED' : 'TRADING_STATE_REDUCING');
        } else {
          expect(r.reasons.some((x) => x.code === 'TRADING_HALTED' || x.code === 'TRADING_STATE_REDUCING')).toBe(false);
        }
        // Fill what was allowed and check |position| never grows and never flips.
        const filled = r.decision === 'approve' ? order.qty : r.decision === 'reduce' ? r.allowedQty! : 0;
        if (filled > 0) {
          const next = held + (order.side === 'buy' ? filled : -filled);
          expect(Math.abs(next)).toBeLessThanOrEqual(Math.abs(held) + 1e-9);
          expect(next * held).toBeGreaterThanOrEqual(-1e-12);
          const p = sim.book.get(o.symbol)!;
          p.qty = Math.abs(next) < 1e-12 ? 0 : next;
        }
      }
    },
  );
}

describe('pre-trade trading-state properties', () => {
  it('HALTED never lets an exposure-adding order through; reducing orders never fail on TRADING_HALTED', () => {
    fc.assert(run('HALTED'), { numRuns: 300 });
  });
  it('REDUCING never lets an exposure-adding order through', () => {
    fc.assert(run('REDUCING'), { numRuns: 300 });
  });
  it('in ACTIVE a reducing order is never denied for the trading state either', () => {
    fc.assert(
      fc.property(bookArb, orderArb, quoteArb, (book, o, quote) => {
        const snapshot = buildPretradeContext({ summary: { equity: 1e6, dayStartEquity: 1e6, dailyPnl: 0, drawdown: 0, ts: NOW }, positions: book.map((p) => pos(p.symbol, p.qty, p.mark, p.sector)) });
        const held = snapshot.bySymbol.get(o.symbol)?.qty ?? 0;
        const r = checkOrder(shape(o, held), { now: NOW, snapshot, limits: parseLimits({}), state: 'ACTIVE', instrument: { symbol: o.symbol, kind: 'spot', multiplier: 1 }, price: quote });
        expect(r.reasons.some((x) => x.code === 'TRADING_HALTED' || x.code === 'TRADING_STATE_REDUCING')).toBe(false);
        if (r.decision === 'reduce') expect(r.allowedQty!).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
