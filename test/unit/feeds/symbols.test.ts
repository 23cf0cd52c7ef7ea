import { describe, expect, it } from 'vitest';
import {
  canonicalMapper,
  fromCanonical,
  splitConcatenated,
  toCanonical,
} from '../../../src/engine/feeds/symbols';

describe('symbol mapping', () => {
  it('splits concatenated symbols on the longest known quote', () => {
    expect(splitConcatenated('BTCUSDT')).toEqual(['BTC', 'USDT']);
    expect(splitConcatenated('btcfdusd')).toEqual(['BTC', 'FDUSD']);
    expect(splitConcatenated('ETHBTC')).toEqual(['ETH', 'BTC']);
    expect(splitConcatenated('SPXUSD')).toEqual(['SPX', 'USD']);
    expect(splitConcatenated('USDT')).toBeUndefined();
    expect(splitConcatenated('FOOBAR')).toBeUndefined();
  });

  it.each([
    ['BTCUSDT', 'concat', 'BTC-USDT'],
    ['DOGEUSDT', 'concat', 'DOGE-USDT'],
    ['FOOBAR', 'concat', 'FOOBAR'],
    ['BTCUSDT', 'concat-perp', 'BTC-USDT-PERP'],
    ['BTCUSDT_250328', 'concat-perp', 'BTC-USDT-250328'],
    ['BTCPERP', 'concat-perp', 'BTC-USDC-PERP'],
    ['BTC-USD', 'dash', 'BTC-USD'],
    ['BTC-USDT-SWAP', 'dash', 'BTC-USDT-PERP'],
    ['BTC-USD-250328', 'dash', 'BTC-USD-250328'],
    ['BTC/USD', 'slash', 'BTC-USD'],
    ['XBT/EUR', 'slash', 'BTC-EUR'],
    ['XDG/USD', 'slash', 'DOGE-USD'],
  ] as const)('%s (%s) → %s', (venue, style, canonical) => {
    expect(toCanonical(venue, style)).toBe(canonical);
  });

  it.each([
    ['BTC-USDT', 'concat', 'BTCUSDT'],
    ['BTC-USDT-PERP', 'concat-perp', 'BTCUSDT'],
    ['BTC-USDT-250328', 'concat-perp', 'BTCUSDT_250328'],
    ['BTC-USDT-PERP', 'dash', 'BTC-USDT-SWAP'],
    ['ETH-USD', 'dash', 'ETH-USD'],
    ['BTC-USD', 'slash', 'BTC/USD'],
  ] as const)('%s → %s venue symbol', (canonical, style, venue) => {
    expect(fromCanonical(canonical, style)).toBe(venue);
    expect(toCanonical(venue, style)).toBe(canonical);
  });

  it('memoises', () => {
    const m = canonicalMapper('concat');
    expect(m('ETHUSDT')).toBe('ETH-USDT');
    expect(m('ETHUSDT')).toBe('ETH-USDT');
  });
});
