import { describe, expect, it } from 'vitest';
import {
  createBinanceSpotAdapter,
  createBinanceUsdmAdapter,
} from '../../../src/engine/feeds/adapters/binance';
import type { ParseResult, Tick } from '../../../src/engine/feeds/tick';

const spot = createBinanceSpotAdapter();
const RECV = 1_700_000_000_000;

function one(r: ParseResult): Tick {
  expect(r.kind).toBe('ticks');
  if (r.kind !== 'ticks') throw new Error('not ticks');
  expect(r.ticks).toHaveLength(1);
  return r.ticks[0];
}

// Payload samples from https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
// ("Trade Streams", "Individual Symbol Book Ticker Streams") and the USD-M "Mark Price Stream" page
// https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Mark-Price-Stream
const TRADE =
  '{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.001","q":"100","T":1672515782136,"m":true,"M":true}';
// Older revision of the same page (binance-spot-api-docs 2023-12-04) also had buyer/seller order ids.
const TRADE_2023 =
  '{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.001","q":"100","b":88,"a":50,"T":1672515782136,"m":true,"M":true}';
const BOOK =
  '{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}';
const MARK =
  '{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000}';

describe('binance spot adapter: documented samples', () => {
  it('parses a trade', () => {
    const t = one(spot.parse(TRADE, RECV));
    expect(t).toMatchObject({
      venue: 'binance',
      symbol: 'BNB-BTC',
      kind: 'trade',
      last: 0.001,
      size: 100,
      seq: 12345,
    });
    expect(t.exchTs).toBe(1672515782136);
    expect(t.recvTs).toBe(RECV);
    expect(t.bid).toBeUndefined();
    expect(one(spot.parse(TRADE_2023, RECV))).toMatchObject({ symbol: 'BNB-BTC', last: 0.001 });
  });

  it('parses a bookTicker (no event time on spot → recvTs)', () => {
    const t = one(spot.parse(BOOK, RECV));
    expect(t).toMatchObject({
      symbol: 'BNB-USDT',
      kind: 'quote',
      bid: 25.3519,
      ask: 25.3652,
      seq: 400900217,
    });
    expect(t.exchTs).toBe(RECV);
  });

  it('unwraps combined-stream frames', () => {
    const t = one(spot.parse(`{"stream":"bnbbtc@trade","data":${TRADE}}`, RECV));
    expect(t.symbol).toBe('BNB-BTC');
    expect(one(spot.parse(`{"stream":"bnbusdt@bookTicker","data":${BOOK}}`, RECV)).kind).toBe('quote');
  });

  it('parses USD-M markPrice as a perpetual mark', () => {
    const usdm = createBinanceUsdmAdapter();
    const t = one(usdm.parse(MARK, RECV));
    expect(t).toMatchObject({ venue: 'binance-usdm', symbol: 'BTC-USDT-PERP', kind: 'mark', last: 11794.15 });
    expect(t.exchTs).toBe(1562305380000);
    // All-market stream delivers an array of the same payloads.
    const arr = usdm.parse(
      `{"stream":"!markPrice@arr@1s","data":[${MARK},${MARK.replace('BTCUSDT', 'ETHUSDT')}]}`,
      RECV,
    );
    expect(arr.kind === 'ticks' && arr.ticks.map((x) => x.symbol)).toEqual([
      'BTC-USDT-PERP',
      'ETH-USDT-PERP',
    ]);
  });

  it('recognises subscribe responses and documented error messages', () => {
    // "Subscribe to a stream" / "Listing Subscriptions" / "Error Messages" sections.
    expect(spot.parse('{"result":null,"id":1}', RECV)).toEqual({
      kind: 'control',
      event: { type: 'ack', id: 1, detail: undefined },
    });
    expect(spot.parse('{"result":["btcusdt@aggTrade"],"id":3}', RECV)).toEqual({
      kind: 'control',
      event: { type: 'ack', id: 3, detail: 'btcusdt@aggTrade' },
    });
    expect(spot.parse('{"code": 0, "msg": "Unknown property","id": 7}', RECV)).toEqual({
      kind: 'control',
      event: { type: 'venue_error', message: 'Unknown property', code: '0' },
    });
    expect(
      spot.parse('{"code":3,"msg":"Invalid JSON: expected value at line 1 column 1"}', RECV),
    ).toMatchObject({
      kind: 'control',
      event: { type: 'venue_error', code: '3' },
    });
    expect(spot.parse('{"e":"serverShutdown","E":1760000000000}', RECV)).toEqual({
      kind: 'control',
      event: { type: 'shutdown_notice' },
    });
  });
});

describe('binance spot adapter: malformed input', () => {
  const cases: [string, string, 'malformed' | 'unknown_message'][] = [
    ['not JSON', 'hello', 'malformed'],
    ['truncated', TRADE.slice(0, 40), 'malformed'],
    ['JSON scalar', '42', 'malformed'],
    ['null', 'null', 'malformed'],
    ['price as number', TRADE.replace('"p":"0.001"', '"p":0.001'), 'malformed'],
    ['missing price', TRADE.replace('"p":"0.001",', ''), 'malformed'],
    ['missing trade id', TRADE.replace('"t":12345,', ''), 'malformed'],
    ['bookTicker bid null', BOOK.replace('"b":"25.35190000"', '"b":null'), 'malformed'],
    ['combined with non-object data', '{"stream":"x@trade","data":5}', 'malformed'],
    ['unknown event', '{"e":"mystery","E":1}', 'unknown_message'],
    ['empty object', '{}', 'unknown_message'],
  ];
  for (const [name, raw, reason] of cases) {
    it(`drops ${name} as ${reason}`, () => expect(spot.parse(raw, RECV)).toEqual({ kind: 'drop', reason }));
  }

  it('passes bad numbers through for validation to count', () => {
    expect(one(spot.parse(TRADE.replace('"p":"0.001"', '"p":"abc"'), RECV)).last).toBeNaN();
    expect(one(spot.parse(TRADE.replace('"p":"0.001"', '"p":""'), RECV)).last).toBeNaN();
    expect(one(spot.parse(TRADE.replace('"p":"0.001"', '"p":"-1"'), RECV)).last).toBe(-1);
  });
});

describe('binance connect plans and subscribe frames', () => {
  const subs = [
    { symbol: 'BTC-USDT', channel: 'trade' },
    { symbol: 'BTC-USDT', channel: 'bookTicker' },
    { symbol: 'ETH-USDT', channel: 'trade' },
  ];

  it('combined mode puts streams in the URL', () => {
    expect(spot.plan('wss://stream.binance.com:9443/', subs)).toEqual({
      url: 'wss://stream.binance.com:9443/stream?streams=btcusdt@trade/ethusdt@trade/btcusdt@bookTicker',
      messages: [],
    });
    expect(spot.plan('ws://127.0.0.1:1', []).url).toBe('ws://127.0.0.1:1/stream');
  });

  it('raw mode connects to /ws and sends SUBSCRIBE frames in chunks', () => {
    const raw = createBinanceSpotAdapter({ mode: 'raw', streamsPerFrame: 2 });
    const p = raw.plan('ws://h', subs);
    expect(p.url).toBe('ws://h/ws');
    expect(p.messages.map((m) => JSON.parse(m) as unknown)).toEqual([
      { method: 'SUBSCRIBE', params: ['btcusdt@trade', 'ethusdt@trade'], id: 1 },
      { method: 'SUBSCRIBE', params: ['btcusdt@bookTicker'], id: 2 },
    ]);
    expect(JSON.parse(raw.unsubscribeMessages([subs[0]])[0])).toEqual({
      method: 'UNSUBSCRIBE',
      params: ['btcusdt@trade'],
      id: 3,
    });
  });

  it('keeps the outgoing rate under the 5 messages/s limit with room for pongs', () => {
    expect(spot.sendRate).toEqual({ messages: 4, perMs: 1000 });
    expect(spot.keepAlive).toBeUndefined();
    expect(
      createBinanceUsdmAdapter().plan('wss://fstream.binance.com', [
        { symbol: 'BTC-USDT-PERP', channel: 'markPrice@1s' },
      ]).url,
    ).toBe('wss://fstream.binance.com/stream?streams=btcusdt@markPrice@1s');
  });

  it('declares sequencing: trades contiguous, bookTicker increasing', () => {
    expect(spot.seqMode('trade')).toBe('contiguous');
    expect(spot.seqMode('quote')).toBe('increasing');
    expect(spot.seqMode('mark')).toBe('none');
  });
});
