import { describe, expect, it } from 'vitest';
import { createKrakenAdapter } from '../../../src/engine/feeds/adapters/kraken';

const kr = createKrakenAdapter();
const RECV = 1_700_000_000_000;

// Samples: Kraken WebSocket v2 docs https://docs.kraken.com/api/docs/websocket-v2/ticker, /trade,
// /heartbeat ({"channel":"heartbeat"} verbatim), /status, /ping; subscribe success/failure as quoted
// from those docs in rustrade-data's exchange/kraken/subscription.rs; the BTC/USD trade as quoted in
// atelier_data's sources/kraken/responses/trades.rs. Prices and quantities are JSON numbers.
const TICKER =
  '{"channel":"ticker","type":"snapshot","data":[{"symbol":"ALGO/USD","bid":0.10025,"bid_qty":740.0,"ask":0.10035,"ask_qty":740.0,"last":0.10035,"volume":997038.98383185,"vwap":0.10148,"low":0.09979,"high":0.10285,"change":-0.00017,"change_pct":-0.17}]}';
const TRADE =
  '{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"sell","price":0.5117,"qty":40.0,"ord_type":"market","trade_id":4665906,"timestamp":"2023-09-25T07:49:37.708706Z"},{"symbol":"BTC/USD","side":"buy","price":23536.30,"qty":0.001,"ord_type":"limit","trade_id":12345,"timestamp":"2023-02-09T20:19:35.396Z"}]}';
const STATUS =
  '{"channel":"status","data":[{"api_version":"v2","connection_id":12393906104898154338,"system":"online","version":"2.0.4"}],"type":"update"}';
const SUB_OK =
  '{"method":"subscribe","result":{"channel":"trade","snapshot":false,"symbol":"BTC/USD"},"success":true,"time_in":"2018-11-12T21:14:59.545897Z","time_out":"2018-11-12T21:14:59.545901Z"}';
const SUB_FAIL =
  '{"error":"Currency pair not supported XBT/USD","method":"subscribe","success":false,"symbol":"XBT/USD","time_in":"2018-11-12T21:14:59.545897Z","time_out":"2018-11-12T21:14:59.545901Z"}';
const PONG =
  '{"method":"pong","req_id":101,"time_in":"2023-09-24T14:10:23.799685Z","time_out":"2023-09-24T14:10:23.799703Z"}';

describe('kraken v2 adapter: documented samples', () => {
  it('ticker snapshot → quote (numbers, not strings)', () => {
    const r = kr.parse(TICKER, RECV);
    expect(r.kind === 'ticks' && r.ticks).toEqual([
      expect.objectContaining({
        venue: 'kraken',
        symbol: 'ALGO-USD',
        kind: 'quote',
        bid: 0.10025,
        ask: 0.10035,
        last: 0.10035,
        exchTs: RECV,
      }),
    ]);
    // Updates share the snapshot schema.
    expect(kr.parse(TICKER.replace('"snapshot"', '"update"'), RECV).kind).toBe('ticks');
  });

  it('trade update with several prints', () => {
    const r = kr.parse(TRADE, RECV);
    expect(r.kind).toBe('ticks');
    if (r.kind !== 'ticks') return;
    expect(r.ticks).toHaveLength(2);
    expect(r.ticks[0]).toMatchObject({
      symbol: 'MATIC-USD',
      kind: 'trade',
      last: 0.5117,
      size: 40,
      seq: 4665906,
    });
    expect(r.ticks[0].exchTs).toBe(Date.parse('2023-09-25T07:49:37.708Z'));
    expect(r.ticks[1]).toMatchObject({ symbol: 'BTC-USD', last: 23536.3, seq: 12345 });
  });

  it('heartbeat, status, acks, pong and success:false errors', () => {
    expect(kr.parse('{"channel":"heartbeat"}', RECV)).toEqual({
      kind: 'control',
      event: { type: 'heartbeat' },
    });
    expect(kr.parse(STATUS, RECV)).toEqual({ kind: 'control', event: { type: 'status', status: 'online' } });
    expect(kr.parse(SUB_OK, RECV)).toEqual({
      kind: 'control',
      event: { type: 'ack', id: undefined, detail: 'trade:BTC/USD' },
    });
    expect(kr.parse(SUB_FAIL, RECV)).toEqual({
      kind: 'control',
      event: { type: 'venue_error', message: 'Currency pair not supported XBT/USD' },
    });
    expect(kr.parse(PONG, RECV)).toEqual({ kind: 'control', event: { type: 'pong' } });
  });
});

describe('kraken v2 adapter: malformed input', () => {
  const cases: [string, string, 'malformed' | 'unknown_message'][] = [
    ['garbage', 'nope', 'malformed'],
    ['array', '[1,2]', 'malformed'],
    ['ticker data not an array', '{"channel":"ticker","type":"update","data":{}}', 'malformed'],
    ['trade price as string', TRADE.replace('"price":0.5117', '"price":"0.5117"'), 'malformed'],
    ['trade without symbol', '{"channel":"trade","type":"update","data":[{"price":1,"qty":1}]}', 'malformed'],
    ['unknown channel', '{"channel":"book","type":"update","data":[]}', 'unknown_message'],
    ['unknown method', '{"method":"add_order","success":true}', 'unknown_message'],
  ];
  for (const [name, raw, reason] of cases)
    it(`drops ${name}`, () => expect(kr.parse(raw, RECV)).toEqual({ kind: 'drop', reason }));
});

describe('kraken subscribe frames', () => {
  it('uses BTC/USD symbols and asks for no stale trade snapshot', () => {
    const msgs = kr.subscribeMessages([
      { symbol: 'BTC-USD', channel: 'ticker' },
      { symbol: 'ETH-USD', channel: 'trade' },
    ]);
    expect(msgs.map((m) => JSON.parse(m) as unknown)).toEqual([
      { method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USD'] }, req_id: 1 },
      { method: 'subscribe', params: { channel: 'trade', symbol: ['ETH/USD'], snapshot: false }, req_id: 2 },
    ]);
  });
});
