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

export const portfolioRequests = {
  'positions.list': { params: z.object({}).strict(), result: z.array(PositionView) },
  'portfolio.summary': { params: z.object({}).strict(), result: PortfolioSummary },
  /** CSV text with the documented columns; all-or-nothing: any bad row imports nothing. */
  'positions.import': { params: z.object({ csv: z.string().min(1).max(5_000_000) }).strict(), result: ImportResult },
  'orders.submit': { params: OrderRequest, result: OrderResult },
  'fills.list': { params: z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(), result: z.array(Fill) },
} as const;

export const portfolioTopics = {
  'portfolio.summary': PortfolioSummary,
  'positions.snapshot': z.array(PositionView),
} as const;
