import type { VenueAdapter } from '../adapter';
import type { Venue } from '../tick';
import { createBinanceSpotAdapter, createBinanceUsdmAdapter } from './binance';
import { createBybitAdapter } from './bybit';
import { createCoinbaseAdapter } from './coinbase';
import { createKrakenAdapter } from './kraken';
import { createOkxAdapter } from './okx';

export { createBinanceSpotAdapter, createBinanceUsdmAdapter, binanceStreamName } from './binance';
export { createBybitAdapter } from './bybit';
export { createCoinbaseAdapter } from './coinbase';
export { createKrakenAdapter } from './kraken';
export { createOkxAdapter } from './okx';

/** A fresh adapter with default options for a venue (adapters hold per-connection state). */
export function createAdapter(venue: Venue): VenueAdapter {
  switch (venue) {
    case 'binance':
      return createBinanceSpotAdapter();
    case 'binance-usdm':
      return createBinanceUsdmAdapter();
    case 'coinbase':
      return createCoinbaseAdapter();
    case 'kraken':
      return createKrakenAdapter();
    case 'bybit':
      return createBybitAdapter();
    case 'okx':
      return createOkxAdapter();
  }
}
