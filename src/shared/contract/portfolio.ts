import { z } from 'zod';

const finitePos = z.number().finite().positive();

export const InstrumentKind = z.enum(['spot', 'perp', 'future', 'option']);
export type InstrumentKind = z.infer<typeof InstrumentKind>;
export const AssetClass = z.enum(['crypto', 'equity', 'index', 'fx', 'commodity', 'rates']);

/**
 * A tradable instrument. Symbols are canonical: BASE-QUOTE for spot (BTC-USDT), BASE-QUOTE-PERP
 * for perpetuals, and for options UNDERLYING-YYYYMMDD-STRIKE-C|P on the underlying's symbol.
 */
export const Instrument = z.object({
  symbol: z.string().min(1).max(64).regex(/^[A-Z0-9][A-Z0-9.\-/]*$/, 'must be upper-case letters, digits, "-", "." or "/"'),
  kind: InstrumentKind,
  venue: z.string().min(1).max(32),
  /** Currency the price is quoted and settled in. */
  quote: z.string().min(1).max(12),
  /** Units of the underlying per contract (1 for spot and most crypto perps; 100 for US equity options). */
  multiplier: finitePos.default(1),
  /** The symbol whose price drives a derivative (options, futures). */
  underlying: z.string().optional(),
  optionType: z.enum(['call', 'put']).optional(),
  strike: finitePos.optional(),
  /** Option/future expiry, UTC ms. */
  expiryMs: z.number().int().optional(),
  /** Annualised implied volatility used to mark an option from its underlying. */
  impliedVol: finitePos.max(10).optional(),
  assetClass: AssetClass.default('crypto'),
  sector: z.string().max(48).optional(),
  /** Beta of the instrument (or its underlying) to the benchmark. */
  beta: z.number().finite().default(1),
  /** Perps/futures: initial margin = notional / leverage. */
  leverage: finitePos.max(125).optional(),
  /** Perps/futures: maintenance margin as a fraction of notional. */
  maintenanceMarginRate: z.number().min(0).max(1).optional(),
});
export type Instrument = z.infer<typeof Instrument>;

export const PositionView = z.object({
  symbol: z.string(),
  kind: InstrumentKind,
  venue: z.string(),
  underlying: z.string().nullable(),
  assetClass: z.string(),
  sector: z.string().nullable(),
  qty: z.number(),
  avgCost: z.number(),
  mark: z.number().nullable(),
  /** qty × multiplier × mark, signed (negative for shorts). */
  marketValue: z.number(),
  /** |qty| × multiplier × underlying price × |delta| for options; |market value| otherwise. */
  exposure: z.number(),
  unrealizedPnl: z.number(),
  realizedPnl: z.number(),
  /** Unrealised P&L over cost basis, as a fraction. */
  pnlPct: z.number(),
  marginUsed: z.number(),
  /** Fractional adverse move of the mark that would liquidate (null where not leveraged). */
  liquidationDistance: z.number().nullable(),
  /** Estimated cost to exit at the current half-spread (account currency, >= 0). */
  exitCost: z.number(),
  stale: z.boolean(),
  lastUpdateTs: z.number().nullable(),
});
export type PositionView = z.infer<typeof PositionView>;

export const PortfolioSummary = z.object({
  equity: z.number(),
  cash: z.record(z.string(), z.number()),
  dailyPnl: z.number(),
  dailyPnlPct: z.number(),
  /** Fraction below the high-water mark (0 at a new high, 0.1 = 10% below). */
  drawdown: z.number(),
  highWaterMark: z.number(),
  dayStartEquity: z.number(),
  realizedPnl: z.number(),
  unrealizedPnl: z.number(),
  grossExposure: z.number(),
  netExposure: z.number(),
  marginUsed: z.number(),
  freeMargin: z.number(),
  exitCost: z.number(),
  positions: z.number().int(),
  staleSymbols: z.number().int(),
  ts: z.number(),
});
export type PortfolioSummary = z.infer<typeof PortfolioSummary>;

export const OrderRequest = z
  .object({
    symbol: z.string().min(1),
    side: z.enum(['buy', 'sell']),
    qty: finitePos,
    type: z.enum(['market', 'limit']).default('market'),
    limitPrice: finitePos.optional(),
    /** Free text kept with the fill in the journal. */
    note: z.string().max(500).optional(),
  })
  .strict()
  .refine((o) => o.type === 'market' || o.limitPrice !== undefined, { message: 'required for a limit order', path: ['limitPrice'] });
export type OrderRequest = z.infer<typeof OrderRequest>;

export const Fill = z.object({
  id: z.number().int(),
  ts: z.number(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  qty: z.number(),
  price: z.number(),
  fee: z.number(),
  orderId: z.string(),
  source: z.string(),
});
export type Fill = z.infer<typeof Fill>;

export const OrderResult = z.object({
  orderId: z.string(),
  status: z.enum(['filled', 'resting', 'rejected']),
  reason: z.string().optional(),
  fill: Fill.optional(),
});
export type OrderResult = z.infer<typeof OrderResult>;

export const ImportResult = z.object({ imported: z.number().int(), symbols: z.array(z.string()) });

/** One position's detail view: its recent price path, fills, stop and risk contribution. */
export const PositionDetail = z.object({
  symbol: z.string(),
  /** Null when the instrument is known but no longer held. */
  position: PositionView.nullable(),
  /** The symbol whose price path is shown: the instrument's underlying, or itself (options: the underlying). */
  priceSymbol: z.string(),
  /** Last price per second over the last hour, oldest first (UTC ms). */
  path: z.object({ ts: z.array(z.number()), price: z.array(z.number()) }),
  /** This symbol's fills among the most recent 1,000, oldest first. */
  fills: z.array(Fill),
  /** The active protective stop, if any (price units of the symbol). */
  stop: z.object({ stop: z.number(), initialStop: z.number(), takeProfit: z.number().nullable(), source: z.string(), trailingActive: z.boolean() }).nullable(),
  /** From the latest risk snapshot (null before the first one, or if the position was skipped). */
  contribution: z.object({ componentVar: z.number(), pct: z.number(), ts: z.number() }).nullable(),
});
export type PositionDetail = z.infer<typeof PositionDetail>;

/** One stored equity snapshot: equity USD, drawdown a positive fraction below the high-water mark. */
export const EquityPoint = z.object({ ts: z.number(), equity: z.number(), drawdown: z.number(), hwm: z.number(), dailyPnl: z.number() });
export type EquityPoint = z.infer<typeof EquityPoint>;
export const EquityHistory = z.object({
  /** '1s' rows for windows up to a day (their retention), '1m' beyond. */
  resolution: z.enum(['1s', '1m']),
  from: z.number(),
  to: z.number(),
  /** Rows in the window before downsampling. */
  rows: z.number().int(),
  /** Oldest first; at most maxPoints; each bucket keeps its deepest-drawdown row so troughs survive. */
  points: z.array(EquityPoint),
});
export type EquityHistory = z.infer<typeof EquityHistory>;
const msTime = z.number().int().min(0);

export const portfolioRequests = {
  'positions.list': { params: z.object({}).strict(), result: z.array(PositionView) },
  'portfolio.summary': { params: z.object({}).strict(), result: PortfolioSummary },
  /** CSV text with the documented columns; all-or-nothing: any bad row imports nothing. */
  'positions.import': { params: z.object({ csv: z.string().min(1).max(5_000_000) }).strict(), result: ImportResult },
  'orders.submit': { params: OrderRequest, result: OrderResult },
  'fills.list': { params: z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(), result: z.array(Fill) },
  /** One symbol's price path (1 s, last hour), fills, stop and risk contribution. NOT_FOUND for an unknown instrument. */
  'positions.detail': { params: z.object({ symbol: z.string().min(1).max(64) }).strict(), result: PositionDetail },
  /** The stored equity curve between from and to (UTC ms; default the last 24 h up to now), downsampled. */
  'portfolio.equityHistory': {
    params: z
      .object({ from: msTime.optional(), to: msTime.optional(), maxPoints: z.number().int().min(2).max(5000).default(600) })
      .strict()
      .refine((p) => p.from === undefined || p.to === undefined || p.from < p.to, { message: 'must be before to', path: ['from'] }),
    result: EquityHistory,
  },
} as const;

export const portfolioTopics = {
  'portfolio.summary': PortfolioSummary,
  'positions.snapshot': z.array(PositionView),
} as const;
