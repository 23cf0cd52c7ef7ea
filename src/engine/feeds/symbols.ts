/**
 * Canonical symbols and the per-venue mapping (documented in docs/feeds.md).
 *
 *   spot:        BASE-QUOTE            BTC-USDT, ETH-USD
 *   perpetual:   BASE-QUOTE-PERP       BTC-USDT-PERP
 *   dated:       BASE-QUOTE-YYMMDD     BTC-USD-250328
 *
 * Venue → canonical conversions are cached: the same few symbols arrive hundreds of thousands of
 * times a second and the cache turns the split into one Map lookup.
 */

/** Quote assets recognised when splitting concatenated symbols (BTCUSDT). Longest first matters. */
const QUOTES = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'USDP',
  'USDE',
  'DAI',
  'TRY',
  'EUR',
  'GBP',
  'BRL',
  'JPY',
  'AUD',
  'BTC',
  'ETH',
  'BNB',
  'USD',
] as const;

/** Venue aliases for base/quote assets (Kraken's legacy XBT/XDG). */
const ASSET_ALIASES: Record<string, string> = { XBT: 'BTC', XDG: 'DOGE' };

const asset = (a: string): string => ASSET_ALIASES[a] ?? a;

/** BTCUSDT → [BTC, USDT]; undefined when no known quote suffix leaves a non-empty base. */
export function splitConcatenated(s: string): [string, string] | undefined {
  const u = s.toUpperCase();
  for (const q of QUOTES) {
    if (u.length > q.length && u.endsWith(q)) return [u.slice(0, -q.length), q];
  }
  return undefined;
}

export type SymbolStyle =
  /** BTCUSDT (Binance spot, Bybit spot, simulator). */
  | 'concat'
  /** BTCUSDT perpetual, BTCUSDT_250328 delivery (Binance USD-M, Bybit linear). */
  | 'concat-perp'
  /** BTC-USD (Coinbase, OKX; OKX -SWAP suffix = perpetual). */
  | 'dash'
  /** BTC/USD (Kraken v2). */
  | 'slash';

/** Venue symbol → canonical. Unrecognised shapes are returned upper-cased rather than rejected. */
export function toCanonical(venueSymbol: string, style: SymbolStyle): string {
  switch (style) {
    case 'concat': {
      const p = splitConcatenated(venueSymbol);
      return p ? `${asset(p[0])}-${p[1]}` : venueSymbol.toUpperCase();
    }
    case 'concat-perp': {
      const [root, expiry] = venueSymbol.toUpperCase().split('_', 2) as [string, string | undefined];
      // Bybit names USDC perpetuals BTCPERP.
      if (root.endsWith('PERP') && root.length > 4) return `${asset(root.slice(0, -4))}-USDC-PERP`;
      const p = splitConcatenated(root);
      if (!p) return venueSymbol.toUpperCase();
      return `${asset(p[0])}-${p[1]}-${expiry ?? 'PERP'}`;
    }
    case 'dash': {
      const parts = venueSymbol.toUpperCase().split('-');
      if (parts.length < 2) return venueSymbol.toUpperCase();
      parts[0] = asset(parts[0]);
      if (parts[2] === 'SWAP') parts[2] = 'PERP';
      return parts.join('-');
    }
    case 'slash': {
      const [b, q] = venueSymbol.toUpperCase().split('/', 2);
      return b && q ? `${asset(b)}-${asset(q)}` : venueSymbol.toUpperCase();
    }
  }
}

/** Canonical → venue symbol (inverse of toCanonical for the shapes it produces). */
export function fromCanonical(canonical: string, style: SymbolStyle): string {
  const parts = canonical.toUpperCase().split('-');
  const [base, quote, tail] = parts;
  if (!base || !quote) return canonical.toUpperCase();
  switch (style) {
    case 'concat':
      return base + quote;
    case 'concat-perp':
      return tail === undefined || tail === 'PERP' ? base + quote : `${base}${quote}_${tail}`;
    case 'dash':
      return tail === 'PERP' ? `${base}-${quote}-SWAP` : parts.join('-');
    case 'slash':
      return `${base}/${quote}`;
  }
}

/** A memoising venue → canonical mapper for one symbol style. */
export function canonicalMapper(style: SymbolStyle): (venueSymbol: string) => string {
  const cache = new Map<string, string>();
  return (s: string): string => {
    let c = cache.get(s);
    if (c === undefined) {
      c = toCanonical(s, style);
      // Bounded: a hostile feed inventing symbols must not grow memory without limit.
      if (cache.size < 100_000) cache.set(s, c);
    }
    return c;
  };
}
