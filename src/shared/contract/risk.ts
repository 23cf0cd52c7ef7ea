import { z } from 'zod';

/** Money figures are USD; VaR and CVaR are positive losses over a 1-day horizon unless stated. */
const VarCvar = z.object({ var: z.number(), cvar: z.number() });
const Levels = <T extends z.ZodType>(t: T) => z.object({ '0.95': t, '0.99': t });
const Greeks = z.object({ delta: z.number(), gamma: z.number(), vega: z.number(), theta: z.number() });

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
});
export type RiskSnapshot = z.infer<typeof RiskSnapshot>;

export const riskRequests = {
  /** The latest heavy-risk snapshot; `{refresh: true}` recomputes now. */
  'risk.snapshot': { params: z.object({ refresh: z.boolean().default(false) }).strict(), result: RiskSnapshot.nullable() },
} as const;

export const riskTopics = {
  'risk.snapshot': RiskSnapshot,
} as const;
