import { describe, expect, it } from 'vitest';
import { createOkxAdapter } from '../../../src/engine/feeds/adapters/okx';

const okx = createOkxAdapter();
const RECV = 1_700_000_000_000;

// Samples: OKX v5 docs https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-tickers-channel
// and -trades-channel. The SWAP ticker push is the one quoted in the okx crate's
// dto/websocket/websocket_dto.rs; the BTC-USDT trade push as quoted from the docs in rustrade-data's
// exchange/okx/trade.rs; subscribe/error events and the text ping/pong per the docs' WebSocket
// overview. Every number, including ts, is a string.
const TICKER =
  '{"arg":{"channel":"tickers","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","last":"103700","lastSz":"0.01","askPx":"103700","askSz":"1004.09","bidPx":"103699.9","bidSz":"299.02","open24h":"103897.5","high24h":"104628.1","low24h":"100700","sodUtc0":"102740.1","sodUtc8":"102480.1","volCcy24h":"109187.9625","vol24h":"10918796.25","ts":"1747141319306"}]}';
const TRADE =
  '{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"130639474","px":"42219.9","sz":"0.12060306","side":"buy","ts":"1630048897897"}]}';
const SUB = '{"event":"subscribe","arg":{"channel":"tickers","instId":"BTC-USDT"},"connId":"accb8e21"}';
const ERR =
  '{"event":"error","code":"60012","msg":"Invalid request: {\\"op\\": \\"subscribe\\", \\"argss\\":[{ \\"channel\\" : \\"tickers\\", \\"instId\\" : \\"LTC-USD-200327\\"}]}","connId":"a4d3ae55"}';

describe('okx v5 adapter: documented samples', () => {
  it('tickers → quote; SWAP maps to -PERP; string ts', () => {
    const r = okx.parse(TICKER, RECV);
    expect(r.kind === 'ticks' && r.ticks[0]).toMatchObject({
      venue: 'okx',
      symbol: 'BTC-USDT-PERP',
      kind: 'quote',
      bid: 103699.9,
      ask: 103700,
      last: 103700,
      size: 0.01,
      exchTs: 1747141319306,
    });
  });

  it('trades → trade with numeric tradeId', () => {
    const r = okx.parse(TRADE, RECV);
    expect(r.kind === 'ticks' && r.ticks[0]).toMatchObject({
      symbol: 'BTC-USDT',
      kind: 'trade',
      last: 42219.9,
      size: 0.12060306,
      seq: 130639474,
      exchTs: 1630048897897,
    });
  });

  it('empty string fields mean "no value", not zero', () => {
    const r = okx.parse(TICKER.replace('"bidPx":"103699.9"', '"bidPx":""'), RECV);
    expect(r.kind === 'ticks' && r.ticks[0].bid).toBeUndefined();
  });

  it('text pong, subscribe and error events', () => {
    expect(okx.parse('pong', RECV)).toEqual({ kind: 'control', event: { type: 'pong' } });
    expect(okx.parse(SUB, RECV)).toEqual({
      kind: 'control',
      event: { type: 'ack', detail: 'tickers:BTC-USDT' },
    });
    expect(okx.parse(ERR, RECV)).toMatchObject({
      kind: 'control',
      event: { type: 'venue_error', code: '60012' },
    });
    expect(okx.keepAlive).toEqual({ intervalMs: 25_000, message: 'ping' });
  });
});

describe('okx adapter: malformed input and frames', () => {
  const cases: [string, string, 'malformed' | 'unknown_message'][] = [
    ['garbage', 'pon', 'malformed'],
    ['data not an array', '{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":{}}', 'malformed'],
    [
      'ticker without any price',
      '{"arg":{"channel":"tickers"},"data":[{"instId":"BTC-USDT","ts":"1"}]}',
      'malformed',
    ],
    ['trade price as number', TRADE.replace('"px":"42219.9"', '"px":42219.9'), 'malformed'],
    ['unknown channel', '{"arg":{"channel":"books5","instId":"BTC-USDT"},"data":[]}', 'unknown_message'],
    ['unknown event', '{"event":"login","code":"0"}', 'unknown_message'],
  ];
  for (const [name, raw, reason] of cases)
    it(`drops ${name}`, () => expect(okx.parse(raw, RECV)).toEqual({ kind: 'drop', reason }));

  it('subscribe frame carries instIds with the SWAP suffix', () => {
    const [m] = okx.subscribeMessages([
      { symbol: 'BTC-USDT', channel: 'tickers' },
      { symbol: 'ETH-USDT-PERP', channel: 'trades' },
    ]);
    expect(JSON.parse(m)).toEqual({
      op: 'subscribe',
      args: [
        { channel: 'tickers', instId: 'BTC-USDT' },
        { channel: 'trades', instId: 'ETH-USDT-SWAP' },
      ],
    });
  });
});
