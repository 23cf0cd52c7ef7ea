/**
 * The simulator's default instrument universe: ten liquid crypto pairs plus an equity index.
 * Start prices are round numbers near recent market levels; vols are rough annualised realised
 * vols; `beta` is the loading on the common factor (pairwise correlation = beta_i · beta_j, so
 * 0.775² ≈ 0.6 among crypto pairs and ≈ 0.35 between crypto and the index).
 */
export interface InstrumentSpec {
  /** Venue symbol in Binance style (upper-case, concatenated). */
  symbol: string;
  start: number;
  /** Annualised volatility (0.6 = 60 %). */
  vol: number;
  /** Price increment; prices are rounded to it. */
  tick: number;
  /** Typical quoted spread in basis points. */
  spreadBps: number;
  /** Common-factor loading in [0, 1). */
  beta: number;
  /** Typical trade notional in quote currency (sizes trade quantities). */
  notional: number;
  /** 'sp500' replays the bundled S&P 500 daily closes instead of simulating. */
  model?: 'gbm' | 'sp500';
}

const CRYPTO_BETA = Math.sqrt(0.6);

export const DEFAULT_UNIVERSE: readonly InstrumentSpec[] = [
  {
    symbol: 'BTCUSDT',
    start: 97_000,
    vol: 0.55,
    tick: 0.01,
    spreadBps: 0.5,
    beta: CRYPTO_BETA,
    notional: 8_000,
  },
  { symbol: 'ETHUSDT', start: 3_400, vol: 0.7, tick: 0.01, spreadBps: 1, beta: CRYPTO_BETA, notional: 5_000 },
  { symbol: 'SOLUSDT', start: 190, vol: 0.9, tick: 0.01, spreadBps: 2, beta: CRYPTO_BETA, notional: 3_000 },
  { symbol: 'BNBUSDT', start: 650, vol: 0.6, tick: 0.01, spreadBps: 2, beta: CRYPTO_BETA, notional: 2_000 },
  { symbol: 'XRPUSDT', start: 2.3, vol: 0.9, tick: 0.0001, spreadBps: 3, beta: CRYPTO_BETA, notional: 2_000 },
  {
    symbol: 'ADAUSDT',
    start: 0.95,
    vol: 0.9,
    tick: 0.0001,
    spreadBps: 4,
    beta: CRYPTO_BETA,
    notional: 1_000,
  },
  {
    symbol: 'DOGEUSDT',
    start: 0.32,
    vol: 1.1,
    tick: 0.00001,
    spreadBps: 4,
    beta: CRYPTO_BETA,
    notional: 1_000,
  },
  { symbol: 'AVAXUSDT', start: 35, vol: 1.0, tick: 0.01, spreadBps: 4, beta: CRYPTO_BETA, notional: 1_000 },
  { symbol: 'LINKUSDT', start: 20, vol: 0.9, tick: 0.001, spreadBps: 4, beta: CRYPTO_BETA, notional: 1_000 },
  { symbol: 'DOTUSDT', start: 6.5, vol: 0.9, tick: 0.001, spreadBps: 5, beta: CRYPTO_BETA, notional: 800 },
  // Start is replaced by the first replayed close when the S&P 500 file is available.
  {
    symbol: 'SPXUSD',
    start: 1_455.22,
    vol: 0.18,
    tick: 0.01,
    spreadBps: 1,
    beta: Math.sqrt(0.2),
    notional: 50_000,
    model: 'sp500',
  },
];

/** Decimal places implied by a tick size (0.001 → 3). */
export function decimalsOf(tick: number): number {
  let d = 0;
  while (d < 12 && Math.abs(Math.round(tick * 10 ** d) - tick * 10 ** d) > 1e-9) d++;
  return d;
}
