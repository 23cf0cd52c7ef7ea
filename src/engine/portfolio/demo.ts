/**
 * The demo book loaded on first start, so every screen has data: spot, perpetuals, options and
 * one hedge (a protective BTC put), all on symbols the built-in simulator streams.
 */
import type { Instrument } from '../../shared/contract/portfolio';

const DAY = 86_400_000;

export interface DemoBook {
  instruments: Instrument[];
  /** Opening trades at these prices (source "demo", no fee). */
  opens: { symbol: string; qty: number; price: number }[];
  cash: { currency: string; amount: number };
}

/** Options expire on the first Friday 08:00 UTC at least 45 days after `now`. */
export function demoExpiry(now: number): { ms: number; code: string } {
  const d = new Date(now + 45 * DAY);
  d.setUTCHours(8, 0, 0, 0);
  while (d.getUTCDay() !== 5) d.setUTCDate(d.getUTCDate() + 1);
  const code = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return { ms: d.getTime(), code };
}

export function demoBook(now: number): DemoBook {
  const exp = demoExpiry(now);
  const spot = (symbol: string, sector: string, beta = 1, assetClass: Instrument['assetClass'] = 'crypto'): Instrument => ({
    symbol, kind: 'spot', venue: 'sim', quote: 'USDT', multiplier: 1, assetClass, sector, beta,
  });
  const perp = (base: string, leverage: number, sector: string): Instrument => ({
    symbol: `${base}-USDT-PERP`, kind: 'perp', venue: 'sim', quote: 'USDT', multiplier: 1, underlying: `${base}-USDT`,
    assetClass: 'crypto', sector, beta: 1, leverage, maintenanceMarginRate: 0.005,
  });
  const option = (under: string, type: 'call' | 'put', strike: number, vol: number, sector: string): Instrument => ({
    symbol: `${under}-${exp.code}-${strike}-${type === 'call' ? 'C' : 'P'}`, kind: 'option', venue: 'sim', quote: 'USDT', multiplier: 1,
    underlying: under, optionType: type, strike, expiryMs: exp.ms, impliedVol: vol, assetClass: 'crypto', sector, beta: 1,
  });
  const instruments: Instrument[] = [
    spot('BTC-USDT', 'store of value'),
    spot('ETH-USDT', 'smart contracts'),
    spot('SOL-USDT', 'smart contracts'),
    spot('LINK-USDT', 'oracles'),
    spot('AVAX-USDT', 'smart contracts'),
    spot('SPX-USD', 'us large cap', 1, 'index'),
    perp('BTC', 10, 'store of value'),
    perp('ETH', 10, 'smart contracts'),
    perp('DOGE', 5, 'memes'),
    option('BTC-USDT', 'call', 110000, 0.55, 'store of value'),
    option('ETH-USDT', 'put', 3000, 0.7, 'smart contracts'),
    option('BTC-USDT', 'put', 85000, 0.6, 'hedge'),
  ];
  instruments[5] = { ...instruments[5], quote: 'USD' };
  const byName = (s: string): string => instruments.find((i) => i.symbol.startsWith(s))!.symbol;
  return {
    instruments,
    opens: [
      { symbol: 'BTC-USDT', qty: 3, price: 94_500 },
      { symbol: 'ETH-USDT', qty: 40, price: 3_280 },
      { symbol: 'SOL-USDT', qty: 500, price: 176 },
      { symbol: 'LINK-USDT', qty: 3_000, price: 18.9 },
      { symbol: 'AVAX-USDT', qty: 1_200, price: 33.5 },
      { symbol: 'SPX-USD', qty: 40, price: 1_440 },
      { symbol: 'BTC-USDT-PERP', qty: 1.5, price: 96_200 },
      { symbol: 'ETH-USDT-PERP', qty: -20, price: 3_450 },
      { symbol: 'DOGE-USDT-PERP', qty: 150_000, price: 0.305 },
      { symbol: byName('BTC-USDT-' + exp.code + '-110000'), qty: 4, price: 2_100 },
      { symbol: byName('ETH-USDT-' + exp.code + '-3000'), qty: -25, price: 95 },
      { symbol: byName('BTC-USDT-' + exp.code + '-85000'), qty: 3, price: 1_500 },
    ],
    cash: { currency: 'USDT', amount: 3_000_000 },
  };
}
