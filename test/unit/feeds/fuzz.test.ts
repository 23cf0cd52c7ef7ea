import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../../src/engine/feeds/adapters';
import { FeedPipeline } from '../../../src/engine/feeds/pipeline';
import type { Tick, Venue } from '../../../src/engine/feeds/tick';

const VENUES: Venue[] = ['binance', 'binance-usdm', 'coinbase', 'kraken', 'bybit', 'okx'];

// Frames shaped like each venue's envelopes with arbitrary contents, so fuzzing reaches the
// type checks inside the parsers rather than stopping at "not an object".
const envelope = fc.oneof(
  fc.record({
    e: fc.constantFrom('trade', 'bookTicker', 'markPriceUpdate'),
    s: fc.anything(),
    p: fc.anything(),
    q: fc.anything(),
    t: fc.anything(),
    u: fc.anything(),
    b: fc.anything(),
    a: fc.anything(),
    E: fc.anything(),
  }),
  fc.record({ stream: fc.string(), data: fc.anything() }),
  fc.record({
    type: fc.constantFrom('ticker', 'match', 'heartbeat', 'error', 'subscriptions'),
    product_id: fc.anything(),
    sequence: fc.anything(),
    price: fc.anything(),
    size: fc.anything(),
    trade_id: fc.anything(),
    time: fc.anything(),
    best_bid: fc.anything(),
  }),
  fc.record({
    channel: fc.constantFrom('ticker', 'trade', 'status', 'heartbeat'),
    type: fc.string(),
    data: fc.anything(),
  }),
  fc.record({
    topic: fc.constantFrom('tickers.BTCUSDT', 'publicTrade.BTCUSDT'),
    type: fc.constantFrom('snapshot', 'delta', 'x'),
    data: fc.anything(),
    ts: fc.anything(),
    cs: fc.anything(),
  }),
  fc.record({
    arg: fc.record({ channel: fc.constantFrom('tickers', 'trades') }),
    data: fc.anything(),
    event: fc.option(fc.string(), { nil: undefined }),
  }),
  fc.record({
    op: fc.string(),
    success: fc.anything(),
    method: fc.anything(),
    ret_msg: fc.anything(),
    result: fc.anything(),
    id: fc.anything(),
  }),
);
const frame = fc.oneof(
  fc.string(),
  fc.json(),
  envelope.map((o) => JSON.stringify(o) ?? ''),
);

describe('no input ever crashes the ingest path', () => {
  for (const venue of VENUES) {
    it(`${venue}: parse never throws and pipeline counts every frame`, () => {
      const adapter = createAdapter(venue);
      const seen: Tick[] = [];
      const pipe = new FeedPipeline(adapter, { onTick: (t) => seen.push(t), onControl: () => {} });
      fc.assert(
        fc.property(frame, (raw) => {
          expect(() => adapter.parse(raw, 1)).not.toThrow();
          pipe.ingest(raw, 1);
        }),
        { numRuns: 400 },
      );
      for (const t of seen) {
        for (const x of [t.bid, t.ask, t.last])
          if (x !== undefined) expect(Number.isFinite(x) && x > 0).toBe(true);
        if (t.bid !== undefined && t.ask !== undefined) expect(t.bid).toBeLessThanOrEqual(t.ask);
      }
    });
  }

  it('consumer exceptions are contained and counted', () => {
    const pipe = new FeedPipeline(createAdapter('binance'), {
      onTick: () => {
        throw new Error('consumer bug');
      },
    });
    pipe.ingest('{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":1,"m":true,"M":true}', 1);
    expect(pipe.callbackErrors).toBe(1);
    expect(pipe.validator.accepted).toBe(1);
  });
});
