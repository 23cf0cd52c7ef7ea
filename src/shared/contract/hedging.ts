import { z } from 'zod';
import { OrderRequest, OrderResult } from './portfolio';

/**
 * Hedging: tail-risk score, hedge proposals, approval/execution, monitor and grid hedges.
 * Conventions (docs/hedging.md): money is USD (account currency); fractions are decimals of equity
 * (0.02 = 2 %); losses are positive numbers; times are UTC ms; durations are ms.
 */

export const HedgeType = z.enum(['put_options', 'futures_short', 'inverse_etf', 'volatility', 'cppi']);
export type HedgeType = z.infer<typeof HedgeType>;
export const HedgeMode = z.enum(['off', 'propose', 'auto']);
export type HedgeMode = z.infer<typeof HedgeMode>;

/** Config fields without defaults, so the patch schema stays a pure patch. */
const configFields = {
  /** Master switch: false computes the score but never proposes. */
  enabled: z.boolean(),
  /** off: score only; propose: proposals wait for approval; auto: executed through the paper broker. */
  mode: HedgeMode,
  /** Tail-risk score (0..1) above which a HEDGE signal is raised and hedges are proposed. */
  tailRiskThreshold: z.number().finite().gt(0).max(1),
  /** Budget for one hedge set: premium + one year of funding/carry, fraction of equity. */
  maxHedgeCost: z.number().finite().gt(0).max(0.5),
  /** Candidate types the manager may use. */
  hedgeTypes: z.array(HedgeType).min(1, 'must name at least one hedge type'),
  /** Scheduled review period: re-size and roll active hedges. */
  rehedgeFrequencyMs: z.number().int().min(100).max(7 * 24 * 3_600_000),
  /** Smallest hedge notional worth proposing (USD). */
  minHedgeSize: z.number().finite().min(0),
  /** A proposal not approved within this time expires. */
  proposalTtlMs: z.number().int().min(1000).max(7 * 24 * 3_600_000),
  /** Options closer than this to expiry are rolled at the review. */
  rollBeforeMs: z.number().int().min(0).max(365 * 86_400_000),
  /** Implied-vol premium added to the forecast vol for out-of-the-money puts (skew), vol points as a decimal. */
  skewPremium: z.number().finite().min(0).max(1),
  /** Tail shock (negative fractional move of the underlyings) used to measure protection. */
  tailShock: z.number().finite().min(-0.9).max(-0.01),
  /** CPPI: floor as a fraction of equity and multiplier m (exposure = m × (V − F)). */
  cppiFloor: z.number().finite().min(0).lt(1),
  cppiMultiplier: z.number().finite().min(1).max(10),
  /** Optional narrative from an OpenAI-compatible endpoint; numbers never depend on it. */
  narrative: z
    .object({
      enabled: z.boolean(),
      baseUrl: z.url({ protocol: /^https?$/ }).max(500).or(z.literal('')),
      model: z.string().max(100),
      /** Stored in the hedging config row for now (to move to the encrypted secret store); never returned. */
      apiKey: z.string().max(500),
      timeoutMs: z.number().int().min(100).max(60_000),
    })
    .strict(),
};

export const HEDGING_DEFAULTS = {
  enabled: true,
  mode: 'propose' as HedgeMode,
  tailRiskThreshold: 0.05,
  maxHedgeCost: 0.02,
  hedgeTypes: ['put_options', 'futures_short', 'inverse_etf'] as HedgeType[],
  rehedgeFrequencyMs: 3_600_000,
  minHedgeSize: 10_000,
  proposalTtlMs: 15 * 60_000,
  rollBeforeMs: 7 * 86_400_000,
  skewPremium: 0.05,
  tailShock: -0.2,
  cppiFloor: 0.8,
  cppiMultiplier: 3,
  narrative: { enabled: false, baseUrl: '', model: '', apiKey: '', timeoutMs: 5000 },
};

export const HedgingConfig = z.object(configFields).strict();
export type HedgingConfig = z.output<typeof HedgingConfig>;
/** What `hedging.config.get` returns: the API key is replaced by whether one is set. */
export const HedgingConfigView = HedgingConfig.extend({
  narrative: configFields.narrative.omit({ apiKey: true }).extend({ apiKeySet: z.boolean() }),
});
export type HedgingConfigView = z.output<typeof HedgingConfigView>;
export const HedgingConfigPatch = z
  .object({ ...configFields, narrative: configFields.narrative.partial().strict() })
  .partial()
  .strict();
export type HedgingConfigPatch = z.output<typeof HedgingConfigPatch>;

/** Score components, each 0..1 before weighting (docs/hedging.md, "Tail-risk score"). */
export const TailComponents = z.object({
  /** CVaR 99 % / equity, scaled. */
  cvar: z.number(),
  /** Left-tail shape: excess kurtosis and negative skew of the P&L history. */
  shape: z.number(),
  /** Volatility regime: recent/long vol ratio. */
  regime: z.number(),
  /** Worst stress-grid loss / equity, scaled. */
  stress: z.number(),
});
export type TailComponents = z.infer<typeof TailComponents>;

export const TailInputs = z.object({
  equity: z.number(),
  cvar99: z.number(),
  cvarPct: z.number(),
  skew: z.number(),
  excessKurtosis: z.number(),
  volRatio: z.number(),
  regime: z.string(),
  worstStressLoss: z.number(),
  worstStressPct: z.number(),
});

export const HedgeSignal = z.object({
  ts: z.number(),
  score: z.number(),
  threshold: z.number(),
  urgency: z.enum(['HIGH', 'MEDIUM', 'LOW']),
  trigger: z.enum(['score', 'preservation_l2', 'manual']),
});
export type HedgeSignal = z.infer<typeof HedgeSignal>;

export const HedgingStatus = z.object({
  ts: z.number(),
  enabled: z.boolean(),
  mode: HedgeMode,
  score: z.number().nullable(),
  threshold: z.number(),
  components: TailComponents.nullable(),
  inputs: TailInputs.nullable(),
  /** Recent scores, oldest first (one per risk snapshot, bounded). */
  trend: z.array(z.object({ ts: z.number(), score: z.number() })),
  lastSignal: HedgeSignal.nullable(),
  pendingProposals: z.number().int(),
  activeHedges: z.number().int(),
  /** Next scheduled review (null while hedging is off). */
  nextReviewAt: z.number().nullable(),
  preservationLevel: z.number().int(),
});
export type HedgingStatus = z.infer<typeof HedgingStatus>;

/** One candidate (or chosen) hedge leg with its numbers. */
export const HedgeLeg = z.object({
  type: HedgeType,
  /** Instrument symbol traded (for puts, an option on the underlying's symbol). */
  symbol: z.string(),
  underlying: z.string(),
  side: z.enum(['buy', 'sell']),
  qty: z.number(),
  /** |hedge notional| in USD (underlying units × price). */
  notional: z.number(),
  /** Upfront premium paid (USD, ≥ 0). */
  premium: z.number(),
  /** Annual carry/funding estimate (USD, ≥ 0). */
  annualCarry: z.number(),
  /** Cost charged against the budget: premium + carry over the hedge horizon (USD). */
  cost: z.number(),
  /** Stress loss reduction at the tail shock (USD, > 0 protects). */
  protection: z.number(),
  /** Puts only. */
  strike: z.number().nullable(),
  expiryMs: z.number().nullable(),
  impliedVol: z.number().nullable(),
  /** Hedge ratio used (beta for shorts, m × cushion / exposure for CPPI). */
  ratio: z.number().nullable(),
  note: z.string(),
});
export type HedgeLeg = z.infer<typeof HedgeLeg>;

export const ProposalStatus = z.enum(['pending', 'approved', 'executed', 'rejected', 'expired', 'failed']);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

export const HedgeProposal = z.object({
  id: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  status: ProposalStatus,
  trigger: z.enum(['score', 'preservation_l2', 'review', 'manual']),
  score: z.number(),
  threshold: z.number(),
  /** Score expected after the hedges (tail components recomputed with the protected stress and CVaR). */
  scoreAfter: z.number(),
  equity: z.number(),
  /** Loss at the tail shock without and with the legs (USD, positive = loss). */
  tailLossBefore: z.number(),
  tailLossAfter: z.number(),
  totalCost: z.number(),
  budget: z.number(),
  legs: z.array(HedgeLeg),
  /** Every candidate considered (for the UI's cost-vs-protection chart). */
  candidates: z.array(HedgeLeg),
  orders: z.array(OrderRequest),
  /** Pre-trade decision per order when the proposal was made. */
  checks: z.array(z.object({ symbol: z.string(), decision: z.enum(['approve', 'reduce', 'deny']), reasons: z.array(z.string()) })),
  rationale: z.string(),
  /** Optional LLM narrative (never affects the numbers); null when off or failed. */
  narrative: z.string().nullable(),
  decidedAt: z.number().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
  results: z.array(OrderResult),
});
export type HedgeProposal = z.infer<typeof HedgeProposal>;

export const ActiveHedge = z.object({
  id: z.string(),
  proposalId: z.string(),
  type: HedgeType,
  symbol: z.string(),
  underlying: z.string(),
  qty: z.number(),
  entryPrice: z.number(),
  mark: z.number().nullable(),
  openedAt: z.number(),
  expiryMs: z.number().nullable(),
  premiumPaid: z.number(),
  fundingPaid: z.number(),
  /** Mark-to-market P&L of the hedge leg (USD). */
  pnl: z.number(),
  /** Stress loss reduction at the tail shock now (USD; 0 once closed or rolled). */
  protection: z.number(),
  status: z.enum(['active', 'closed', 'rolled']),
  rolledFrom: z.string().nullable(),
});
export type ActiveHedge = z.infer<typeof ActiveHedge>;

export const HedgeMonitor = z.object({
  ts: z.number(),
  hedges: z.array(ActiveHedge),
  totalPnl: z.number(),
  protection: z.object({
    shock: z.number(),
    /** Book loss at the tail shock without the hedges and with them (USD, positive = loss). */
    lossWithout: z.number(),
    lossWith: z.number(),
    value: z.number(),
  }),
  costDrag: z.object({
    premiumPaid: z.number(),
    fundingPaid: z.number(),
    /** Run rate of the active hedges: (Σ premium × 365/tenor days + Σ annual funding/carry) / equity, fraction per year. premiumPaid and fundingPaid are cumulative USD. */
    annualised: z.number(),
  }),
  /** Per detected tail event: expected loss reduction at proposal vs actual hedge P&L since. */
  effectiveness: z.array(
    z.object({ proposalId: z.string(), ts: z.number(), expectedReduction: z.number(), actualReduction: z.number(), ratio: z.number().nullable() }),
  ),
  /** Executed / signalled proposals (trigger score or preservation_l2); null before the first. */
  activationRate: z.number().nullable(),
  signals: z.number().int(),
  /** Median ms from detection to proposal and proposal to execution (null when none yet). */
  responseTimes: z.object({ detectToProposalMs: z.number().nullable(), proposalToExecutionMs: z.number().nullable(), samples: z.number().int() }),
});
export type HedgeMonitor = z.infer<typeof HedgeMonitor>;

export const GridLevel = z.object({ price: z.number(), side: z.enum(['buy', 'sell']), qty: z.number(), status: z.enum(['planned', 'resting', 'filled', 'rejected']), orderId: z.string().nullable() });
export const GridView = z.object({
  symbol: z.string(),
  hedgeSymbol: z.string(),
  center: z.number(),
  spacing: z.number(),
  high: z.number(),
  low: z.number(),
  levels: z.array(GridLevel),
});
export type GridView = z.infer<typeof GridView>;

const id = z.string().min(1).max(64);

export const hedgingRequests = {
  'hedging.status': { params: z.object({}).strict(), result: HedgingStatus },
  'hedging.proposals': {
    params: z.object({ status: ProposalStatus.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    result: z.array(HedgeProposal),
  },
  /** Executes a pending proposal's orders through the pre-trade validator and the paper broker. */
  'hedging.approve': { params: z.object({ id }).strict(), result: HedgeProposal },
  'hedging.reject': {
    params: z.object({ id, reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500) }).strict(),
    result: HedgeProposal,
  },
  'hedging.config.get': { params: z.object({}).strict(), result: HedgingConfigView },
  /** A partial update; validated (errors name the field), journaled with old and new values. */
  'hedging.config.set': { params: z.object({ patch: HedgingConfigPatch }).strict(), result: HedgingConfigView },
  'hedging.monitor': { params: z.object({}).strict(), result: HedgeMonitor },
  /** Closes an active hedge now (a reducing order through the validator; passes in every trading state). Journaled with the reason. */
  'hedging.close': {
    params: z.object({ id: z.string().min(1).max(200), reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500) }).strict(),
    result: ActiveHedge,
  },
  /** Builds a grid of hedge orders around a position; `execute` paper-trades it (resting limit orders). */
  'hedging.grid': {
    params: z
      .object({
        symbol: z.string().min(1).max(64),
        levels: z.number().int().min(1).max(20).default(4),
        /** Fraction of the position hedged across the whole grid. */
        coverage: z.number().gt(0).max(1).default(0.5),
        /** Spacing in daily-vol units (spacing = k × σ_daily × price). */
        spacingVol: z.number().gt(0).max(10).default(1),
        lookbackDays: z.number().int().min(2).max(365).default(20),
        execute: z.boolean().default(false),
      })
      .strict(),
    result: GridView,
  },
} as const;

export const hedgingTopics = {
  'hedging.status': HedgingStatus,
  'hedging.proposals': z.array(HedgeProposal),
} as const;
