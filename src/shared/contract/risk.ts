import { z } from 'zod';

/** Money figures are USD; VaR and CVaR are positive losses over a 1-day horizon unless stated. */
const VarCvar = z.object({ var: z.number(), cvar: z.number() });
const Levels = <T extends z.ZodType>(t: T) => z.object({ '0.95': t, '0.99': t });
const Greeks = z.object({ delta: z.number(), gamma: z.number(), vega: z.number(), theta: z.number() });

/**
 * Live backtest of the historical VaR model (Risk page; src/engine/risk-engine/backtest-section.ts):
 * one-day-ahead VaR for day t from the `window` book P&Ls before it (today's book on past returns,
 * i.e. hypothetical P&L), over the last `days` days. An exception is P&L < −VaR (USD). Kupiec POF
 * and Christoffersen independence are χ²(1) tests (p = P(statistic ≥ observed) under a correct model);
 * Basel zone from the binomial CDF of the count (green < 95 %, yellow < 99.99 %, red beyond).
 */
const BacktestLevel = z.object({
  /** VaR forecast per evaluated day (positive loss, USD). */
  var: z.array(z.number()),
  /** Indices into `pnl` of the exception days. */
  exceptions: z.array(z.number().int()),
  count: z.number().int(),
  expected: z.number(),
  kupiec: z.object({ lr: z.number(), p: z.number() }),
  christoffersen: z.object({ lr: z.number(), p: z.number() }),
  zone: z.enum(['green', 'yellow', 'red']),
  greenMax: z.number().int(),
  yellowMax: z.number().int(),
});
export const VarBacktest = z.object({
  model: z.literal('historical'),
  window: z.number().int(),
  days: z.number().int(),
  /** Evaluated P&L (USD, oldest first; the last is yesterday's). */
  pnl: z.array(z.number()),
  levels: z.object({ '0.95': BacktestLevel, '0.99': BacktestLevel }),
});
/** One option position in the Greeks' trader units (same as `greeks`): USD delta, USD gamma per 1 %, USD per vol point, USD per day. */
export const OptionGreekRow = z.object({
  symbol: z.string(),
  underlying: z.string(),
  type: z.enum(['call', 'put']),
  strike: z.number(),
  expiryMs: z.number(),
  qty: z.number(),
  delta: z.number(),
  gamma: z.number(),
  vega: z.number(),
  theta: z.number(),
});
/**
 * Delta hedge per underlying with the underlying itself (spot/perp: Δ 1, no Γ, no vega):
 * hedgeQty = −net USD delta / spot (units of the underlying). It zeroes delta at today's spot only;
 * gamma, vega and theta are unchanged, so `residual1pct` = ½·gamma·0.01 (USD) is the P&L the hedged
 * book still makes on a ±1 % move (positive = long gamma gains both ways).
 */
export const HedgeRow = z.object({
  underlying: z.string(),
  spot: z.number(),
  delta: z.number(),
  gamma: z.number(),
  vega: z.number(),
  hedgeQty: z.number(),
  hedgeNotional: z.number(),
  residual1pct: z.number(),
});

export const RiskSnapshot = z.object({
  ts: z.number(),
  computeMs: z.number(),
  equity: z.number(),
  /** Historical window actually used (adaptive: 60 / 120 / 250 days). */
  lookbackDays: z.number().int(),
  regime: z.enum(['calm', 'normal', 'stressed']),
  /** Recent-to-long volatility ratio that drives regime and lookback. */
  volRatio: z.number(),
  var: z.object({
    historical: Levels(VarCvar),
    parametric: Levels(VarCvar),
    cornishFisher: Levels(z.object({ var: z.number() })),
    monteCarlo: Levels(VarCvar.extend({ varSe: z.number(), cvarSe: z.number() })),
  }),
  /** The historical 1-day P&L series of today's book (USD, oldest first) behind the VaR figures. */
  pnlHistory: z.array(z.number()),
  /** Annualised portfolio volatility: EWMA (λ 0.94) and the GARCH(1,1) one-step forecast. */
  ewmaVol: z.number(),
  garch: z.object({ omega: z.number(), alpha: z.number(), beta: z.number(), nextVol: z.number() }).nullable(),
  correlation: z.object({
    /** Underlyings ordered by hierarchical cluster (heatmap order). */
    symbols: z.array(z.string()),
    matrix: z.array(z.array(z.number())),
    clusters: z.array(z.array(z.string())),
    avgPairwise: z.number(),
    maxPairwise: z.number(),
  }),
  diversification: z.object({ ratio: z.number(), score: z.number() }),
  /**
   * Per-position Euler component of the parametric 1-day VaR 99 (USD, positive adds risk; a hedge is
   * negative) on the book's historical P&L window, and its share of the total (fractions summing to 1).
   * Convention: docs/risk-engine.md, "Risk contribution per position".
   */
  contributions: z.array(z.object({ symbol: z.string(), componentVar: z.number(), pct: z.number() })),
  /** Herfindahl-Hirschman index of |exposure| weights (1/n … 1). */
  hhi: z.number(),
  exposures: z.object({
    gross: z.number(),
    net: z.number(),
    long: z.number(),
    short: z.number(),
    byAssetClass: z.record(z.string(), z.number()),
    bySector: z.record(z.string(), z.number()),
    byVenue: z.record(z.string(), z.number()),
  }),
  /** Position-level Greeks in trader units: delta in USD per 1% move ÷ 1% (i.e. USD delta), gamma USD per 1% move, vega USD per vol point, theta USD per day. */
  greeks: Greeks.extend({ byUnderlying: z.record(z.string(), Greeks), betaWeightedDelta: z.number() }),
  stress: z.object({
    priceShocks: z.array(z.number()),
    volShocks: z.array(z.number()),
    rateShocks: z.array(z.number()),
    /** P&L (USD) at [price][vol] with no rate shock. */
    grid: z.array(z.array(z.number())),
    worst: z.object({ pnl: z.number(), price: z.number(), vol: z.number(), rate: z.number() }),
  }),
  scenarios: z.array(z.object({ name: z.string(), pnl: z.number(), liquidityCost: z.number() })),
  /** VaR backtest (see VarBacktest); null when the P&L history is too short (< 40 days). */
  backtest: VarBacktest.nullable(),
  /** Option positions for the strike × expiry heatmap (OptionGreekRow). */
  optionGreeks: z.array(OptionGreekRow),
  /** Delta-neutralising trade per underlying (HedgeRow), largest |delta| first. */
  hedges: z.array(HedgeRow),
  /**
   * The early-warning model (docs/early-warning.md) on the book's own history: P(drawdown beyond the
   * model's threshold, in units of the book's volatility, within its horizon), and the sizing scale it implies.
   */
  earlyWarning: z.object({ probability: z.number(), sizingScale: z.number(), horizonDays: z.number().int(), threshold: z.number() }).nullable(),
  riskScore: z.object({ score: z.number(), trend: z.enum(['up', 'down', 'flat']), components: z.record(z.string(), z.number()) }),
  drawdownForecast: z.object({
    limit: z.number(),
    horizonDays: z.number().int(),
    probHitLimit: z.number(),
    cone: z.object({ days: z.array(z.number()), p05: z.array(z.number()), p25: z.array(z.number()), p50: z.array(z.number()), p75: z.array(z.number()), p95: z.array(z.number()) }),
  }),
  /**
   * Sharpe, Sortino, Calmar of today's book over its full return history (quantstats conventions:
   * ddof 1, Sortino downside over all days, Calmar = CAGR / max drawdown; src/engine/risk-engine/ratios.ts).
   * Annualised with `periodsPerYear` (365 when the book holds crypto, else 252); rf annual. null = undefined.
   */
  ratios: z.object({
    sharpe: z.number().nullable(),
    sortino: z.number().nullable(),
    calmar: z.number().nullable(),
    periodsPerYear: z.number().int(),
    riskFree: z.number(),
    days: z.number().int(),
  }),
});
export type RiskSnapshot = z.infer<typeof RiskSnapshot>;

/** One stored heavy-risk row (risk_snapshots): USD, 1-day historical VaR/CVaR as positive losses. */
export const RiskHistoryPoint = z.object({
  ts: z.number(),
  equity: z.number(),
  var95: z.number(),
  cvar95: z.number(),
  var99: z.number(),
  cvar99: z.number(),
  riskScore: z.number(),
  regime: z.string(),
  avgCorrelation: z.number(),
  /** Worst stress-grid P&L (USD, negative = loss). */
  stressWorst: z.number(),
});
export type RiskHistoryPoint = z.infer<typeof RiskHistoryPoint>;

export const riskRequests = {
  /** Stored snapshots with from ≤ ts ≤ to (UTC ms), oldest first; the latest `limit` when there are more. */
  'risk.history': {
    params: z
      .object({
        from: z.number().int().min(0).default(0),
        to: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict()
      .refine((p) => p.to === undefined || p.from <= p.to, { message: 'must not be after to', path: ['from'] }),
    result: z.array(RiskHistoryPoint),
  },
  /** The latest heavy-risk snapshot; `{refresh: true}` recomputes now. */
  'risk.snapshot': { params: z.object({ refresh: z.boolean().default(false) }).strict(), result: RiskSnapshot.nullable() },
} as const;

export const riskTopics = {
  'risk.snapshot': RiskSnapshot,
} as const;
