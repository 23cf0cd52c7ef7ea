/**
 * Risk limits: the configuration schema with the spec defaults, validation, utilisation and the
 * dynamic (state-dependent) tightening. Every fraction is a decimal of equity (0.02 = 2 %).
 * Rules and thresholds are tabulated in docs/controls.md.
 */

// The schema is part of the contract (the API and the UI validate against it); rules live here.
import { LimitsConfig } from '../../shared/contract/controls';
export { LimitsConfig, type LimitsInput } from '../../shared/contract/controls';

export const DEFAULT_LIMITS: LimitsConfig = LimitsConfig.parse({});

export type ValidateResult = { ok: true; limits: LimitsConfig; errors: [] } | { ok: false; errors: string[] };

/** Parses limits (defaults filled in); errors read "field.path: message". Never throws. */
export function validateLimits(input: unknown): ValidateResult {
  const r = LimitsConfig.safeParse(input ?? {});
  if (r.success) return { ok: true, limits: r.data, errors: [] };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'limits'}: ${i.message}`) };
}

/** Like validateLimits but throws one RangeError listing every problem. */
export function parseLimits(input: unknown): LimitsConfig {
  const r = validateLimits(input);
  if (!r.ok) throw new RangeError(`invalid limits: ${r.errors.join('; ')}`);
  return r.limits;
}

/** The cap for a sector: its own entry, else defaultSectorCap. */
export function sectorCap(limits: LimitsConfig, sector: string): number {
  return limits.sectorCaps[sector] ?? limits.defaultSectorCap;
}

// ── utilisation ────────────────────────────────────────────────────────────────────────────────

/** Current values of the limited quantities; any omitted metric is simply not reported. */
export interface LimitState {
  equity: number;
  dayStartEquity?: number;
  /** Today's P&L, account currency (negative = loss). */
  dailyPnl?: number;
  /** Fraction below the high-water mark. */
  drawdown?: number;
  /** Largest single-position risk to its stop, account currency. */
  largestPositionRisk?: number;
  /** Σ risk to stop over positions, account currency. */
  portfolioRisk?: number;
  /** Largest correlation between two held positions in the same direction. */
  maxPairCorrelation?: number;
  /** Largest single |exposure|, account currency. */
  largestExposure?: number;
  positions?: number;
  /** Sector → gross |exposure|, account currency. */
  sectorExposure?: Readonly<Record<string, number>>;
  /** 1-day 99 % VaR, fraction of equity. */
  var99?: number;
  largestOrderNotional?: number;
  ordersLastMinute?: number;
}

export interface LimitUtilisation {
  name: string;
  value: number;
  limit: number;
  /** value / limit. */
  utilisation: number;
  breached: boolean;
}

/**
 * Loss limits (daily loss, drawdown, VaR) are breached AT the limit (utilisation >= 1): reaching
 * the loss is the event. Capacity limits (positions, concentration, risk, sectors, correlation,
 * notional, rate) are breached only BEYOND it (> 1): holding exactly 20 positions is allowed,
 * it only stops a 21st from opening.
 */
export function utilisation(limits: LimitsConfig, state: LimitState): LimitUtilisation[] {
  const { equity } = state;
  if (!(Number.isFinite(equity) && equity > 0)) throw new RangeError(`utilisation: state.equity must be a finite number > 0, got ${equity}`);
  const rows: LimitUtilisation[] = [];
  const row = (name: string, value: number, limit: number, atLimit: boolean): void => {
    if (!Number.isFinite(value)) throw new RangeError(`utilisation: ${name} value must be finite, got ${value}`);
    const u = value / limit;
    rows.push({ name, value, limit, utilisation: u, breached: atLimit ? u >= 1 : u > 1 });
  };
  if (state.dailyPnl !== undefined) {
    const base = state.dayStartEquity ?? equity;
    if (!(base > 0)) throw new RangeError(`utilisation: state.dayStartEquity must be > 0, got ${base}`);
    row('maxDailyLoss', Math.max(0, -state.dailyPnl) / base, limits.maxDailyLoss, true);
  }
  if (state.drawdown !== undefined) row('maxDrawdown', Math.max(0, state.drawdown), limits.maxDrawdown, true);
  if (state.var99 !== undefined) row('varLimit', state.var99, limits.varLimit, true);
  if (state.largestPositionRisk !== undefined) row('maxRiskPerPosition', state.largestPositionRisk / equity, limits.maxRiskPerPosition, false);
  if (state.portfolioRisk !== undefined) row('maxPortfolioRisk', state.portfolioRisk / equity, limits.maxPortfolioRisk, false);
  if (state.maxPairCorrelation !== undefined) row('maxCorrelation', state.maxPairCorrelation, limits.maxCorrelation, false);
  if (state.largestExposure !== undefined) row('maxConcentration', Math.abs(state.largestExposure) / equity, limits.maxConcentration, false);
  if (state.positions !== undefined) row('maxPositions', state.positions, limits.maxPositions, false);
  if (state.sectorExposure)
    for (const [sector, exp] of Object.entries(state.sectorExposure)) row(`sectorCaps.${sector}`, Math.abs(exp) / equity, sectorCap(limits, sector), false);
  if (state.largestOrderNotional !== undefined) row('maxNotionalPerOrder', state.largestOrderNotional, limits.maxNotionalPerOrder, false);
  if (state.ordersLastMinute !== undefined) row('maxOrdersPerMinute', state.ordersLastMinute, limits.maxOrdersPerMinute, false);
  return rows;
}

// ── dynamic limits ─────────────────────────────────────────────────────────────────────────────

export type LimitRegime = 'calm' | 'normal' | 'stressed';

export interface DynamicInputs {
  /** Consecutive losing days. */
  lossStreak: number;
  regime: LimitRegime;
  /** The account has recovered from the streak (e.g. back above the equity where it began). */
  recovered: boolean;
  /** Limit factor of the capital-preservation level (preservation-plan LEVEL_POLICY), default 1. */
  preservationFactor?: number;
}

export interface EffectiveLimits {
  limits: LimitsConfig;
  /** Multiplier applied to the tightened limits: 1, 0.75, 0.5 (or a smaller preservation factor). */
  factor: number;
  triggers: ('loss_streak' | 'stressed_regime' | 'preservation')[];
  reason: string;
}

/** Consecutive losing days that tighten limits. */
export const LOSS_STREAK_TIGHTEN = 3;
/** Factor with one trigger active, and with both. */
export const TIGHTEN_ONE = 0.75;
export const TIGHTEN_BOTH = 0.5;

/**
 * Scales the risk-budget limits by `factor` (0 < factor <= 1): maxDailyLoss, maxRiskPerPosition,
 * maxPortfolioRisk, maxConcentration, sectorCaps, defaultSectorCap, varLimit, maxNotionalPerOrder,
 * and maxPositions (floored, never below 3). Not scaled: maxDrawdown (tightening it during a
 * losing streak would fire the close-all breaker on the very drawdown that caused the
 * tightening), maxCorrelation, maxOrdersPerMinute and maxPriceAgeMs (operational guards, not
 * risk budgets).
 */
export function scaleLimits(base: LimitsConfig, factor: number): LimitsConfig {
  if (!(factor > 0 && factor <= 1)) throw new RangeError(`scaleLimits: factor must be in (0, 1], got ${factor}`);
  if (factor === 1) return base;
  const caps: Record<string, number> = {};
  for (const [k, v] of Object.entries(base.sectorCaps)) caps[k] = v * factor;
  return {
    ...base,
    maxDailyLoss: base.maxDailyLoss * factor,
    maxRiskPerPosition: base.maxRiskPerPosition * factor,
    maxPortfolioRisk: base.maxPortfolioRisk * factor,
    maxConcentration: base.maxConcentration * factor,
    sectorCaps: caps,
    defaultSectorCap: base.defaultSectorCap * factor,
    varLimit: base.varLimit * factor,
    maxNotionalPerOrder: base.maxNotionalPerOrder * factor,
    maxPositions: Math.max(3, Math.floor(base.maxPositions * factor)),
  };
}

/**
 * Dynamic limits. Triggers: (a) a streak of >= 3 consecutive losing days, unless `recovered`
 * (recovery ends the streak trigger even before the counter resets); (b) a stressed volatility
 * regime (regime.ts: recent/long vol > 1.5). One trigger → ×0.75, both → ×0.5, none → the base
 * limits unchanged (a calm regime never LOOSENS limits: base is the ceiling). A capital-
 * preservation factor, when smaller, replaces the result (factors do not multiply: the strictest
 * one applies). What is scaled: see scaleLimits.
 */
export function effectiveLimits(base: LimitsConfig, inputs: DynamicInputs): EffectiveLimits {
  const { lossStreak, regime, recovered } = inputs;
  const pf = inputs.preservationFactor ?? 1;
  if (!(Number.isInteger(lossStreak) && lossStreak >= 0)) throw new RangeError(`effectiveLimits: lossStreak must be an integer >= 0, got ${lossStreak}`);
  if (regime !== 'calm' && regime !== 'normal' && regime !== 'stressed') throw new RangeError(`effectiveLimits: regime must be calm, normal or stressed, got ${String(regime)}`);
  if (!(pf > 0 && pf <= 1)) throw new RangeError(`effectiveLimits: preservationFactor must be in (0, 1], got ${pf}`);
  const triggers: EffectiveLimits['triggers'] = [];
  if (lossStreak >= LOSS_STREAK_TIGHTEN && !recovered) triggers.push('loss_streak');
  if (regime === 'stressed') triggers.push('stressed_regime');
  let factor = triggers.length === 2 ? TIGHTEN_BOTH : triggers.length === 1 ? TIGHTEN_ONE : 1;
  const parts = triggers.map((t) => (t === 'loss_streak' ? `${lossStreak} consecutive losing days` : 'stressed volatility regime'));
  if (pf < factor) {
    factor = pf;
    triggers.push('preservation');
    parts.push('capital-preservation level');
  }
  if (factor === 1) {
    const why = lossStreak >= LOSS_STREAK_TIGHTEN ? `recovered from a ${lossStreak}-day losing streak` : 'no tightening trigger';
    return { limits: base, factor, triggers, reason: `base limits (${why}, regime ${regime})` };
  }
  return { limits: scaleLimits(base, factor), factor, triggers, reason: `limits ×${factor}: ${parts.join(' and ')}` };
}
