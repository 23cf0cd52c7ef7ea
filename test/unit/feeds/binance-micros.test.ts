import { describe, expect, it } from 'vitest';
import { createBinanceSpotAdapter } from '../../../src/engine/feeds/adapters/binance';
import { routeOf, toMicros } from '../../../src/engine/sim/server';

describe('Binance timeUnit=MICROSECOND', () => {
  it('asks for microseconds in the stream URL and parses E back to fractional milliseconds', () => {
    const a = createBinanceSpotAdapter({ timeUnit: 'MICROSECOND' });
    const plan = a.plan('wss://stream.binance.com:9443', [{ symbol: 'BTC-USDT', channel: 'trade' }]);
    expect(plan.url).toBe('wss://stream.binance.com:9443/stream?streams=btcusdt@trade&timeUnit=MICROSECOND');
    const raw = createBinanceSpotAdapter({ timeUnit: 'MICROSECOND', mode: 'raw' }).plan('ws://x', []);
    expect(raw.url).toBe('ws://x/ws?timeUnit=MICROSECOND');
    const r = a.parse('{"stream":"btcusdt@trade","data":{"e":"trade","E":1672515782136123,"s":"BTCUSDT","t":12345,"p":"0.001","q":"100","T":1672515782136000,"m":true,"M":true}}', 1);
    expect(r.kind).toBe('ticks');
    if (r.kind !== 'ticks') return;
    expect(r.ticks[0].exchTs).toBeCloseTo(1672515782136.123, 6);
    // The default stays milliseconds.
    const ms = createBinanceSpotAdapter().parse('{"e":"trade","E":1672515782136,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":1672515782136,"m":true,"M":true}', 1);
    expect(ms.kind === 'ticks' && ms.ticks[0].exchTs).toBe(1672515782136);
  });

  it('the simulator honours the option per connection', () => {
    expect(routeOf('/stream?streams=btcusdt@trade&timeUnit=MICROSECOND')).toEqual({ combined: true, streams: ['btcusdt@trade'], micros: true });
    expect(routeOf('/ws/btcusdt@trade?timeUnit=microsecond')?.micros).toBe(true);
    expect(routeOf('/ws')?.micros).toBe(false);
    const before = Math.round(Date.now() * 1000);
    const out = JSON.parse(toMicros('{"e":"trade","E":1700000000000,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":1700000000000,"m":true,"M":true}')) as { E: number; T: number };
    expect(out.T).toBe(1700000000000000);
    expect(out.E).toBeGreaterThanOrEqual(before - 5_000); // re-stamped now, in µs
    expect(out.E).toBeLessThan(before + 5_000_000);
  });
});
