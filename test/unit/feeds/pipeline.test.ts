import { describe, expect, it } from 'vitest';
import { createBinanceSpotAdapter } from '../../../src/engine/feeds/adapters/binance';
import { FeedPipeline, type GapInfo } from '../../../src/engine/feeds/pipeline';
import type { Tick } from '../../../src/engine/feeds/tick';

const trade = (t: number, p: string): string =>
  `{"e":"trade","E":${1000 + t},"s":"BTCUSDT","t":${t},"p":"${p}","q":"0.1","T":${1000 + t},"m":true,"M":true}`;
const book = (u: number, b: string, a: string): string =>
  `{"u":${u},"s":"BTCUSDT","b":"${b}","B":"1","a":"${a}","A":"1"}`;

describe('FeedPipeline (binance frames)', () => {
  it('parse → sequence → validate → emit, counting every drop', () => {
    const ticks: Tick[] = [];
    const gaps: GapInfo[] = [];
    const stale: [string, boolean][] = [];
    const p = new FeedPipeline(createBinanceSpotAdapter(), {
      onTick: (t) => ticks.push(t),
      onGap: (g) => gaps.push(g),
      onStale: (s, st) => stale.push([s, st]),
      staleMs: 100,
    });
    p.staleness.track('BTC-USDT', 0);
    p.ingest(trade(1, '100'), 10);
    p.ingest(trade(1, '100'), 11); // duplicate
    p.ingest(trade(3, '101'), 12); // gap (2 missing) but kept
    p.ingest(trade(2, '100.5'), 13); // late: out of order
    p.ingest(trade(4, 'NaN'), 14); // non_finite; does not advance the sequence
    p.ingest(trade(4, '102'), 15); // so this is contiguous
    p.ingest(trade(5, '500'), 16); // jump
    p.ingest(book(10, '101', '100'), 17); // crossed
    p.ingest(book(11, '101.9', '102.1'), 18);
    p.ingest(book(11, '101.9', '102.1'), 19); // duplicate update id
    p.ingest('garbage', 20);
    p.ingest('{"e":"nope"}', 21);
    expect(ticks.map((t) => [t.kind, t.seq])).toEqual([
      ['trade', 1],
      ['trade', 3],
      ['trade', 4],
      ['quote', 11],
    ]);
    expect(gaps).toEqual([{ symbol: 'BTC-USDT', kind: 'trade', after: 1, seq: 3 }]);
    expect(p.validator.dropped).toEqual({
      malformed: 1,
      unknown_message: 1,
      non_finite: 1,
      non_positive: 0,
      crossed: 1,
      jump: 1,
      duplicate: 2,
      out_of_order: 1,
    });
    expect(p.frames).toBe(12);
    p.staleness.sweep(200);
    p.ingest(trade(6, '102'), 210);
    expect(stale).toEqual([
      ['BTC-USDT', true],
      ['BTC-USDT', false],
    ]);
    // A new session forgets sequences (venues may restart them), but keeps reference prices.
    p.resetSession();
    p.ingest(trade(1, '102'), 220);
    expect(ticks.at(-1)!.seq).toBe(1);
    p.ingest(trade(2, '900'), 221);
    expect(p.validator.dropped.jump).toBe(2);
  });
});
