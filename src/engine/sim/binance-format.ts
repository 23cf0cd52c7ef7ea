/**
 * Binance spot stream payloads, byte-for-byte in the documented field order
 * (https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams).
 * Template strings rather than JSON.stringify: the simulator must emit ≥ 20k frames/s.
 */

/** <symbol>@trade: e, E, s, t, p, q, T, m, M (prices and quantities are strings). */
export function tradePayload(
  s: string,
  E: number,
  t: number,
  p: string,
  q: string,
  T: number,
  m: boolean,
): string {
  return `{"e":"trade","E":${E},"s":"${s}","t":${t},"p":"${p}","q":"${q}","T":${T},"m":${m},"M":true}`;
}

/** <symbol>@bookTicker: u, s, b, B, a, A (no event type or time on spot). */
export function bookTickerPayload(u: number, s: string, b: string, B: string, a: string, A: string): string {
  return `{"u":${u},"s":"${s}","b":"${b}","B":"${B}","a":"${a}","A":"${A}"}`;
}

/** Combined-stream wrapper. */
export function combinedFrame(stream: string, payload: string): string {
  return `{"stream":"${stream}","data":${payload}}`;
}

export function serverShutdownPayload(E: number): string {
  return `{"e":"serverShutdown","E":${E}}`;
}

/** Binance prints prices and quantities with 8 decimals. */
export function fmt(x: number): string {
  return x.toFixed(8);
}

export type StreamType = 'trade' | 'bookTicker';

/** "btcusdt@trade" → { symbol: "BTCUSDT", type: "trade" }; undefined for anything else. */
export function parseStreamName(stream: string): { symbol: string; type: StreamType } | undefined {
  const at = stream.indexOf('@');
  if (at <= 0) return undefined;
  const type = stream.slice(at + 1);
  if (type !== 'trade' && type !== 'bookTicker') return undefined;
  return { symbol: stream.slice(0, at).toUpperCase(), type };
}
