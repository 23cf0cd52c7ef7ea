import { describe, expect, it } from 'vitest';
import { createCoinbaseAdapter } from '../../../src/engine/feeds/adapters/coinbase';

const cb = createCoinbaseAdapter();
const RECV = 1_700_000_000_000;

// Samples: Coinbase Exchange WebSocket docs, https://docs.cdp.coinbase.com/exchange/websocket-feed/channels
// (heartbeat verbatim), .../websocket-feed/overview (error shape). The ticker sample is the one
// quoted from the Coinbase Pro feed docs in spiceai/data-components-contrib dataconnectors/coinbase;
// the full ticker below has the current documented field set; subscriptions/error examples as
// quoted from the docs in barter-data's exchange/coinbase/subscription.rs.
const TICKER_PRO =
  '{"type":"ticker","trade_id":20153558,"sequence":3262786978,"time":"2017-09-02T17:05:49.250000Z","product_id":"BTC-USD","price":"4388.01000000","side":"buy","last_size":"0.03000000","best_bid":"4388","best_ask":"4388.01"}';
const TICKER =
  '{"type":"ticker","sequence":37475248783,"product_id":"ETH-USD","price":"1285.22","open_24h":"1310.79","volume_24h":"245532.79269678","low_24h":"1280.52","high_24h":"1313.8","volume_30d":"9788783.60117027","best_bid":"1285.04","best_bid_size":"0.46688654","best_ask":"1285.27","best_ask_size":"1.56637040","side":"buy","time":"2022-10-19T23:28:22.061769Z","trade_id":370843401,"last_size":"11.4396987"}';
const MATCH =
  '{"type":"match","trade_id":10,"sequence":50,"maker_order_id":"ac928c66-ca53-498f-9c13-a110027a60e8","taker_order_id":"132fb6ae-456b-4654-b4e0-d681ac05cea1","time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"5.23512","price":"400.23","side":"sell"}';
const HEARTBEAT =
  '{"type":"heartbeat","sequence":90,"last_trade_id":20,"product_id":"BTC-USD","time":"2014-11-07T08:19:28.464459Z"}';
const SUBSCRIPTIONS =
  '{"type":"subscriptions","channels":[{"name":"matches","product_ids":["BTC-USD","ETH-USD"]}]}';
const ERROR =
  '{"type":"error","message":"Failed to subscribe","reason":"GIBBERISH-USD is not a valid product"}';

describe('coinbase adapter: documented samples', () => {
  it('ticker → quote with last trade', () => {
    const r = cb.parse(TICKER, RECV);
    expect(r.kind).toBe('ticks');
    if (r.kind !== 'ticks') return;
    expect(r.ticks[0]).toMatchObject({
      venue: 'coinbase',
      symbol: 'ETH-USD',
      kind: 'quote',
      bid: 1285.04,
      ask: 1285.27,
      last: 1285.22,
      size: 11.4396987,
      seq: 37475248783,
    });
    expect(r.ticks[0].exchTs).toBe(Date.parse('2022-10-19T23:28:22.061Z'));
    const old = cb.parse(TICKER_PRO, RECV);
    expect(old.kind === 'ticks' && old.ticks[0]).toMatchObject({
      symbol: 'BTC-USD',
      bid: 4388,
      ask: 4388.01,
      last: 4388.01,
    });
  });

  it('match (and last_match) → trade keyed by trade_id', () => {
    const r = cb.parse(MATCH, RECV);
    expect(r.kind === 'ticks' && r.ticks[0]).toMatchObject({
      symbol: 'BTC-USD',
      kind: 'trade',
      last: 400.23,
      size: 5.23512,
      seq: 10,
    });
    const lm = cb.parse(MATCH.replace('"type":"match"', '"type":"last_match"'), RECV);
    expect(lm.kind).toBe('ticks');
  });

  it('heartbeat, subscriptions and error are control events', () => {
    expect(cb.parse(HEARTBEAT, RECV)).toEqual({
      kind: 'control',
      event: { type: 'heartbeat', symbol: 'BTC-USD', seq: 90 },
    });
    expect(cb.parse(SUBSCRIPTIONS, RECV)).toMatchObject({ kind: 'control', event: { type: 'ack' } });
    expect(cb.parse(ERROR, RECV)).toEqual({
      kind: 'control',
      event: { type: 'venue_error', message: 'Failed to subscribe: GIBBERISH-USD is not a valid product' },
    });
    expect(cb.parse('{"type":"error","message":"error message"}', RECV)).toMatchObject({
      event: { message: 'error message' },
    });
  });

  it('ticker without time falls back to recvTs', () => {
    const r = cb.parse(
      '{"type":"ticker","sequence":1,"product_id":"BTC-USD","price":"10","best_bid":"9","best_ask":"11"}',
      RECV,
    );
    expect(r.kind === 'ticks' && r.ticks[0].exchTs).toBe(RECV);
  });
});

describe('coinbase adapter: malformed input', () => {
  const cases: [string, string, 'malformed' | 'unknown_message'][] = [
    ['garbage', '}{', 'malformed'],
    ['no type', '{"product_id":"BTC-USD"}', 'malformed'],
    ['ticker without sequence', TICKER.replace('"sequence":37475248783,', ''), 'malformed'],
    ['ticker without any price', '{"type":"ticker","sequence":1,"product_id":"BTC-USD"}', 'malformed'],
    ['match with numeric price', MATCH.replace('"price":"400.23"', '"price":400.23'), 'malformed'],
    [
      'new message type (must be ignored)',
      '{"type":"l2update","product_id":"BTC-USD","changes":[]}',
      'unknown_message',
    ],
  ];
  for (const [name, raw, reason] of cases)
    it(`drops ${name}`, () => expect(cb.parse(raw, RECV)).toEqual({ kind: 'drop', reason }));
});

describe('coinbase subscribe frames', () => {
  it('subscribes per channel and always adds heartbeat', () => {
    const subs = [
      { symbol: 'BTC-USD', channel: 'ticker' },
      { symbol: 'ETH-USD', channel: 'ticker' },
      { symbol: 'BTC-USD', channel: 'matches' },
    ];
    const p = cb.plan('wss://ws-feed.exchange.coinbase.com', subs);
    expect(p.url).toBe('wss://ws-feed.exchange.coinbase.com');
    expect(p.messages.map((m) => JSON.parse(m) as unknown)).toEqual([
      { type: 'subscribe', channels: [{ name: 'ticker', product_ids: ['BTC-USD', 'ETH-USD'] }] },
      { type: 'subscribe', channels: [{ name: 'matches', product_ids: ['BTC-USD'] }] },
      { type: 'subscribe', channels: [{ name: 'heartbeat', product_ids: ['BTC-USD', 'ETH-USD'] }] },
    ]);
    expect(JSON.parse(cb.unsubscribeMessages([subs[0]])[0])).toEqual({
      type: 'unsubscribe',
      channels: [{ name: 'ticker', product_ids: ['BTC-USD'] }],
    });
  });
});
