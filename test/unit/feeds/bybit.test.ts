import { describe, expect, it } from 'vitest';
import { createBybitAdapter } from '../../../src/engine/feeds/adapters/bybit';
import type { ParseResult, Tick } from '../../../src/engine/feeds/tick';

const RECV = 1_700_000_000_000;
const list = (r: ParseResult): Tick[] => (r.kind === 'ticks' ? r.ticks : []);

// Samples: Bybit v5 docs https://bybit-exchange.github.io/docs/v5/websocket/public/ticker (linear
// snapshot "Response Example"), .../public/trade (publicTrade sample as quoted in barter-data's
// exchange/bybit/trade.rs), .../v5/ws/connect (ping/pong; spot pong and subscribe confirmation as
// printed on the SBE public-trade page). The delta below is built per the ticker page's rule
// "if a response param is not found in the message, then its value has not changed".
const SNAPSHOT =
  '{"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","tickDirection":"PlusTick","price24hPcnt":"0.017103","lastPrice":"17216.00","prevPrice24h":"16926.50","highPrice24h":"17281.50","lowPrice24h":"16915.00","prevPrice1h":"17238.00","markPrice":"17217.33","indexPrice":"17227.36","openInterest":"68744.761","openInterestValue":"1183601235.91","turnover24h":"1570383121.943499","volume24h":"91705.276","nextFundingTime":"1673280000000","fundingRate":"-0.000212","bid1Price":"17215.50","bid1Size":"84.489","ask1Price":"17216.00","ask1Size":"83.020"},"cs":24987956059,"ts":1673272861686}';
const DELTA =
  '{"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","bid1Price":"17216.50","bid1Size":"12.3"},"cs":24987956100,"ts":1673272861786}';
const SPOT_TICKER =
  '{"topic":"tickers.BTCUSDT","ts":1673853746003,"type":"snapshot","cs":2588407389,"data":{"symbol":"BTCUSDT","lastPrice":"21109.77","highPrice24h":"21426.99","lowPrice24h":"20575","prevPrice24h":"20704.93","volume24h":"6780.866843","turnover24h":"141946527.22907118","price24hPcnt":"0.0196","usdIndexPrice":"21120.2400136"}}';
const TRADE =
  '{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"BTCUSDT","S":"Buy","v":"0.001","p":"16578.50","L":"PlusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false}]}';

describe('bybit v5 adapter: documented samples', () => {
  it('linear ticker snapshot → quote + mark on the perpetual', () => {
    const by = createBybitAdapter({ category: 'linear' });
    const t = list(by.parse(SNAPSHOT, RECV));
    expect(t).toHaveLength(2);
    expect(t[0]).toMatchObject({
      venue: 'bybit',
      symbol: 'BTC-USDT-PERP',
      kind: 'quote',
      bid: 17215.5,
      ask: 17216,
      last: 17216,
      seq: 24987956059,
      exchTs: 1673272861686,
    });
    expect(t[1]).toMatchObject({ kind: 'mark', last: 17217.33 });
  });

  it('merges deltas into the last snapshot per symbol', () => {
    const by = createBybitAdapter();
    by.parse(SNAPSHOT, RECV);
    const t = list(by.parse(DELTA, RECV));
    // Only the quote: the delta did not change markPrice.
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ bid: 17216.5, ask: 17216, last: 17216, seq: 24987956100 });
    // After reset (new connection) a delta starts from nothing.
    by.reset();
    expect(list(by.parse(DELTA, RECV))[0]).toMatchObject({ bid: 17216.5, ask: undefined, last: undefined });
  });

  it('spot ticker (snapshot only, no book) → quote with last', () => {
    const by = createBybitAdapter({ category: 'spot' });
    expect(list(by.parse(SPOT_TICKER, RECV))).toEqual([
      expect.objectContaining({ symbol: 'BTC-USDT', kind: 'quote', last: 21109.77, bid: undefined }),
    ]);
  });

  it('publicTrade → trades', () => {
    const by = createBybitAdapter({ category: 'spot' });
    expect(list(by.parse(TRADE, RECV))).toEqual([
      expect.objectContaining({
        symbol: 'BTC-USDT',
        kind: 'trade',
        last: 16578.5,
        size: 0.001,
        exchTs: 1672304486865,
      }),
    ]);
    const withSeq = TRADE.replace('"BT":false', '"BT":false,"seq":1783284617');
    expect(list(by.parse(withSeq, RECV))[0].seq).toBe(1783284617);
  });

  it('pong (linear and spot forms), subscribe acks and failures', () => {
    const by = createBybitAdapter();
    expect(
      by.parse(
        '{"req_id":"test","op":"pong","args":["1675418560633"],"conn_id":"cfcb4ocsvfriu23r3er0-1b"}',
        RECV,
      ),
    ).toEqual({ kind: 'control', event: { type: 'pong' } });
    expect(
      by.parse('{"success": true,"ret_msg": "pong","conn_id": "xxxxx-xx","req_id": "","op": "ping"}', RECV),
    ).toEqual({ kind: 'control', event: { type: 'pong' } });
    expect(
      by.parse(
        '{"success":true,"ret_msg":"","conn_id":"d5phu6rboasumi7uds7g-223s","req_id":"100001","op":"subscribe"}',
        RECV,
      ),
    ).toEqual({
      kind: 'control',
      event: { type: 'ack', id: '100001', detail: 'subscribe' },
    });
    expect(
      by.parse(
        '{"success":false,"ret_msg":"error:handler not found,topic:tickers.FOO","conn_id":"x","req_id":"","op":"subscribe"}',
        RECV,
      ),
    ).toEqual({
      kind: 'control',
      event: { type: 'venue_error', message: 'error:handler not found,topic:tickers.FOO' },
    });
  });
});

describe('bybit adapter: malformed input and frames', () => {
  const by = createBybitAdapter();
  const cases: [string, string, 'malformed' | 'unknown_message'][] = [
    ['garbage', '{{', 'malformed'],
    ['ticker without data', '{"topic":"tickers.BTCUSDT","type":"snapshot"}', 'malformed'],
    ['ticker with unknown type', SNAPSHOT.replace('"snapshot"', '"weird"'), 'malformed'],
    ['trade data not an array', '{"topic":"publicTrade.BTCUSDT","data":{}}', 'malformed'],
    ['trade price as number', TRADE.replace('"p":"16578.50"', '"p":16578.5'), 'malformed'],
    ['unknown topic', '{"topic":"orderbook.50.BTCUSDT","type":"snapshot","data":{}}', 'unknown_message'],
    ['no topic, no op', '{"hello":1}', 'unknown_message'],
  ];
  for (const [name, raw, reason] of cases)
    it(`drops ${name}`, () => expect(by.parse(raw, RECV)).toEqual({ kind: 'drop', reason }));

  it('builds subscribe frames with at most 10 args and pings every 20 s', () => {
    const subs = Array.from({ length: 12 }, (_, i) => ({ symbol: `C${i}-USDT-PERP`, channel: 'tickers' }));
    const msgs = by.subscribeMessages(subs).map((m) => JSON.parse(m) as { op: string; args: string[] });
    expect(msgs.map((m) => m.args.length)).toEqual([10, 2]);
    expect(msgs[0].args[0]).toBe('tickers.C0USDT');
    expect(by.keepAlive).toEqual({ intervalMs: 20_000, message: '{"op":"ping"}' });
    expect(by.seqMode('trade')).toBe('nondecreasing');
  });
});
