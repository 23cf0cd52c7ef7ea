import { z } from 'zod';
import { OrderRequest, OrderResult } from './portfolio';

const fraction = (max = 1) => z.number().finite().gt(0).max(max);

/** Limit fields without defaults (a patch names only what it changes). */
const limitFields = {
  /** Daily loss limit, fraction of day-start equity. Reaching it blocks new exposure. */
  maxDailyLoss: fraction(),
  /** Drawdown from the high-water mark. Reaching it blocks new exposure (the breaker closes all). */
  maxDrawdown: fraction(),
  /** Equity at risk to the stop in one position (post-trade). */
  maxRiskPerPosition: fraction(),
  /** Sum of every position's risk to its stop. */
  maxPortfolioRisk: fraction(),
  /** Largest allowed correlation between a new exposure and an existing position in the same direction. */
  maxCorrelation: z.number().finite().gt(0).max(1),
  /** |exposure| of one position / equity. */
  maxConcentration: fraction(),
  /** Open positions; the spec allows 3-20. */
  maxPositions: z.number().int().min(3).max(20),
  /** Sector → cap on the sector's gross |exposure| / equity. */
  sectorCaps: z.record(z.string().min(1), fraction(10)),
  /** Cap for a classified sector that has no entry in sectorCaps. */
  defaultSectorCap: fraction(10),
  /** 1-day 99 % VaR as a fraction of equity. */
  varLimit: fraction(),
  /** Fat-finger guard: notional of a single order, account currency. */
  maxNotionalPerOrder: z.number().finite().positive(),
  /** Runaway-algo guard: exposure-adding orders accepted per rolling 60 s. */
  maxOrdersPerMinute: z.number().int().min(1).max(10_000),
  /** A quote older than this is stale (pre-trade STALE_PRICE). Not in the spec list; 5 s. */
  maxPriceAgeMs: z.number().int().min(100).max(3_600_000),
};

/** The spec's defaults. */
export const LIMIT_DEFAULTS = {
  maxDailyLoss: 0.02,
  maxDrawdown: 0.1,
  maxRiskPerPosition: 0.01,
  maxPortfolioRisk: 0.05,
  maxCorrelation: 0.7,
  maxConcentration: 0.2,
  maxPositions: 20,
  sectorCaps: {},
  defaultSectorCap: 0.4,
  varLimit: 0.05,
  maxNotionalPerOrder: 250_000,
  maxOrdersPerMinute: 30,
  maxPriceAgeMs: 5_000,
};

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Risk limits; missing fields take the defaults. Every fraction is a decimal of equity (0.02 = 2 %). */
export const LimitsConfig = z.preprocess(
  (v) => (isObj(v) ? { ...LIMIT_DEFAULTS, ...v } : v),
  z
    .object(limitFields)
    .strict()
    .superRefine((l, ctx) => {
      // A daily limit looser than the drawdown limit could never bind before the drawdown one.
      if (l.maxDailyLoss > l.maxDrawdown)
        ctx.addIssue({
          code: 'custom',
          path: ['maxDailyLoss'],
          message: `must not exceed maxDrawdown (${l.maxDrawdown})`,
        });
      // One position may not be allowed to risk more than the whole book.
      if (l.maxRiskPerPosition > l.maxPortfolioRisk)
        ctx.addIssue({
          code: 'custom',
          path: ['maxRiskPerPosition'],
          message: `must not exceed maxPortfolioRisk (${l.maxPortfolioRisk})`,
        });
    }),
);
export type LimitsConfig = z.output<typeof LimitsConfig>;
export type LimitsInput = Partial<LimitsConfig>;
export const LimitsPatch = z.object(limitFields).partial().strict();

const Mode = z.enum(['ACTIVE', 'REDUCING', 'HALTED']);
const confirm = z.literal(true, {
  error: 'must be true: emergency and override actions need an explicit confirmation',
});
const reason = z.string().trim().min(3, 'must say why (at least 3 characters)').max(500);

export const LimitUtilisation = z.object({
  name: z.string(),
  value: z.number(),
  limit: z.number(),
  utilisation: z.number(),
  breached: z.boolean(),
});
export const LimitsView = z.object({
  base: LimitsConfig,
  effective: LimitsConfig,
  /** 1 = base limits; < 1 tightened (loss streak, stressed regime, preservation). */
  factor: z.number(),
  reason: z.string(),
  utilisation: z.array(LimitUtilisation),
});
export type LimitsView = z.infer<typeof LimitsView>;

export const ReasonView = z.object({
  code: z.string(),
  message: z.string(),
  metric: z.number().optional(),
  threshold: z.number().optional(),
});
export const SizingView = z.object({
  size: z.number(),
  targetQty: z.number(),
  model: z.string(),
  requestedModel: z.string(),
  entry: z.number(),
  stop: z.number(),
  takeProfit: z.number(),
  rewardToRisk: z.number(),
  riskPerUnit: z.number(),
  stopSource: z.string(),
  diversificationScore: z.number().nullable(),
  /** Early-warning (ML) sizing multiplier applied to the target (1 = none). */
  mlScale: z.number(),
  /** Annualised hedge cost drag (fraction of equity) applied as × (1 − hedgeDrag); absent when none. */
  hedgeDrag: z.number().optional(),
  note: z.string().optional(),
});
export const OrderCheckView = z.object({
  decision: z.enum(['approve', 'reduce', 'deny']),
  allowedQty: z.number().optional(),
  addsExposure: z.boolean(),
  reasons: z.array(ReasonView),
  sizing: SizingView.nullable(),
  /** The order protects the book in the hedging tail scenario, so the loss-based limits and REDUCING did not apply (docs/hedging.md, "Validator"). */
  protective: z.boolean().optional(),
});
export type OrderCheckView = z.infer<typeof OrderCheckView>;

export const TradingStateView = z.object({
  mode: Mode,
  reason: z.string(),
  since: z.number(),
  until: z.number().nullable(),
  setBy: z.string(),
  /** Each source's demand; the effective mode is the strictest. */
  sources: z.object({ manual: Mode, breakers: Mode.nullable(), preservation: Mode.nullable() }),
});
export type TradingStateView = z.infer<typeof TradingStateView>;

export const BreakerId = z.enum([
  'volatility_spike',
  'drawdown',
  'daily_loss',
  'correlation_spike',
  'loss_streak',
  'anomaly',
]);
const Trip = z.object({
  at: z.number(),
  metric: z.string(),
  value: z.number(),
  threshold: z.number(),
  suggestedDurationMs: z.number().nullable(),
  cooldownMs: z.number(),
});
export const BreakerViewSchema = z.object({
  id: BreakerId,
  status: z.enum(['armed', 'tripped', 'cooling_down', 'overridden', 'disabled']),
  since: z.number(),
  until: z.number().nullable(),
  remainingMs: z.number().nullable(),
  mode: Mode.nullable(),
  lastTrip: Trip.nullable(),
  override: z
    .object({ user: z.string(), reason: z.string(), at: z.number(), expiresAt: z.number() })
    .nullable(),
  note: z.string().nullable(),
  overridable: z.boolean(),
});
export type BreakerViewSchema = z.infer<typeof BreakerViewSchema>;

export const AlertView = z.object({
  id: z.string(),
  key: z.string(),
  type: z.string(),
  level: z.enum(['info', 'warning', 'critical', 'emergency']),
  message: z.string(),
  metric: z.string(),
  threshold: z.number(),
  value: z.number(),
  mitigation: z.string(),
  firstTs: z.number(),
  lastTs: z.number(),
  count: z.number().int(),
  acknowledged: z.boolean(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.number().nullable(),
  priority: z.number(),
});
export type AlertView = z.infer<typeof AlertView>;

export const PreservationEvent = z.object({
  id: z.number().int(),
  ts: z.number(),
  fromLevel: z.number().int(),
  toLevel: z.number().int(),
  direction: z.enum(['escalate', 'recover']),
  trigger: z.string().nullable(),
  metrics: z.record(z.string(), z.number()),
  orders: z.array(
    z.object({
      symbol: z.string(),
      side: z.string(),
      qty: z.number(),
      status: z.string(),
      price: z.number().nullable(),
    }),
  ),
  /** P&L the removed exposure would have made over the outcome horizon: > 0 loss avoided, < 0 cost of protection; null until measured. */
  outcome: z.number().nullable(),
  outcomeAt: z.number().nullable(),
});
export type PreservationEvent = z.infer<typeof PreservationEvent>;

export const PreservationStatus = z.object({
  level: z.number().int().min(0).max(3),
  since: z.number(),
  recoveringSince: z.number().nullable(),
  recoveryDueAt: z.number().nullable(),
  readings: z.array(
    z.object({ trigger: z.string(), value: z.number(), level: z.number().int(), threshold: z.number() }),
  ),
});

const EmergencyResult = z.object({ orders: z.array(OrderResult), state: TradingStateView });

export const controlsRequests = {
  'limits.get': { params: z.object({}).strict(), result: LimitsView },
  /** A partial update of the base limits; validated, journaled with old and new values. */
  'limits.set': { params: z.object({ patch: LimitsPatch }).strict(), result: LimitsView },
  /** The pre-trade decision for an order, without sending it. */
  'orders.check': {
    params: OrderRequest.and(
      z.object({
        strategy: z.enum(['trend_following', 'mean_reversion', 'momentum', 'breakout', 'carry']).optional(),
      }),
    ),
    result: OrderCheckView,
  },
  'trading.state': { params: z.object({}).strict(), result: TradingStateView },
  'trading.setState': {
    params: z
      .object({
        mode: Mode,
        reason,
        untilMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
          .optional(),
        confirm,
      })
      .strict(),
    result: TradingStateView,
  },
  'breakers.list': { params: z.object({}).strict(), result: z.array(BreakerViewSchema) },
  'breakers.override': {
    params: z
      .object({
        id: BreakerId,
        reason,
        expiresInMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60),
        confirm,
      })
      .strict(),
    result: BreakerViewSchema,
  },
  'breakers.revoke': {
    params: z.object({ id: BreakerId, reason: z.string().max(500).optional() }).strict(),
    result: BreakerViewSchema,
  },
  'preservation.status': { params: z.object({}).strict(), result: PreservationStatus },
  'preservation.history': {
    params: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        before: z.number().int().positive().optional(),
        trigger: z.string().max(32).optional(),
      })
      .strict(),
    result: z.array(PreservationEvent),
  },
  'alerts.list': {
    params: z.object({ includeAcknowledged: z.boolean().default(true) }).strict(),
    result: z.array(AlertView),
  },
  'alerts.ack': { params: z.object({ id: z.string().min(1).max(64) }).strict(), result: AlertView },
  'emergency.flatten': { params: z.object({ reason, confirm }).strict(), result: EmergencyResult },
  'emergency.halt': {
    params: z
      .object({
        reason,
        untilMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
          .optional(),
        confirm,
      })
      .strict(),
    result: TradingStateView,
  },
  'emergency.reduce': {
    params: z.object({ fraction: z.number().gt(0).max(1), reason, confirm }).strict(),
    result: EmergencyResult,
  },
  'emergency.cancelAll': {
    params: z.object({ reason, confirm }).strict(),
    result: z.object({ cancelled: z.number().int() }),
  },
} as const;

export const controlsTopics = {
  'trading.state': TradingStateView,
  'breakers.list': z.array(BreakerViewSchema),
  'alerts.list': z.array(AlertView),
  'limits.view': LimitsView,
} as const;
