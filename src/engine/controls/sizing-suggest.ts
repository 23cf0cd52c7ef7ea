/**
 * The sizing suggestion attached to every pre-trade answer: how big the model would make the
 * position, where the stop and take-profit sit, and how much the order diversifies the book.
 *
 * Model choice (an explicit `model` wins over the strategy hint):
 *   trend_following → vol_target      (trend systems size by volatility: equal risk per trend)
 *   mean_reversion  → fixed_fractional (a fixed stop is the natural exit of a fade)
 *   momentum        → kelly_quarter    (a measured hit rate is what momentum systems have)
 *   none            → fixed_fractional
 * A model whose inputs are missing falls back to fixed_fractional and says so in `note`.
 *
 * Formulas (equity E, unit exposure u, risk per unit r = k·ATR·multiplier):
 *   fixed_fractional  exposure = min(E·maxRiskPerPosition/(r/u), E·maxConcentration)  [sizing.fixedFractional]
 *   vol_target        exposure = E·min(targetVol/σ_ann, maxConcentration)             [sizing.volatilityTarget]
 *                     σ_ann = σ_daily·√(365 crypto, else 252); targetVol default 0.10
 *   kelly_quarter     risk = E·¼·max(p − (1−p)/b, 0), b = payoff (default = reward:risk) [sizing.kelly]
 *                     qty = min(risk, E·maxRiskPerPosition)/r
 *   optimal_f         qty = f·E/|largest loss per unit| (Vince's f$; f precomputed with sizing.optimalF)
 *   risk_parity       exposure = E·grossTarget·(1/σᵢ)/(Σⱼ 1/σⱼ + 1/σᵢ)  — inverse volatility, the
 *                     diagonal-covariance case of ERC. A thin local formula: risk-parity.ts needs the
 *                     full covariance matrix, which the per-order hot path does not have.
 * `size` is the order quantity that takes the position to the model's target in the order's
 * direction (target − direction·current), capped by the pre-trade size limits and rounded down to
 * the lot step; 0 for a reducing order (it adds no new risk to size).
 */
import { fixedFractional, kelly, volatilityTarget } from '../risk/sizing';
import { roundDownToStep } from './intents';

export type SizingModel = 'kelly_quarter' | 'optimal_f' | 'risk_parity' | 'vol_target' | 'fixed_fractional';
export type StrategyHint = 'trend_following' | 'mean_reversion' | 'momentum';

export const MODEL_FOR_STRATEGY: Readonly<Record<StrategyHint, SizingModel>> = {
  trend_following: 'vol_target',
  mean_reversion: 'fixed_fractional',
  momentum: 'kelly_quarter',
};

export const DEFAULT_REWARD_TO_RISK = 2;
/** Annualised volatility a single position may contribute under vol targeting. */
export const DEFAULT_TARGET_VOL = 0.1;

export interface SizingHints {
  strategy?: StrategyHint;
  /** Forces a model regardless of the strategy. */
  model?: SizingModel;
  /** Kelly: win probability and payoff (average win / average loss; default the reward:risk). */
  winProb?: number;
  payoff?: number;
  /** optimal_f: Vince's f and the largest loss per unit (negative, account currency). */
  optimalF?: { f: number; largestLoss: number };
  /** vol_target: annualised target vol of one position (default 0.10). */
  targetVol?: number;
  /** risk_parity: gross exposure budget as a multiple of equity (default 1). */
  grossTarget?: number;
  /** Stop distance in ATRs (default the snapshot's, 2). */
  stopAtrMultiple?: number;
  /** Take-profit distance in stop distances (default 2). */
  rewardToRisk?: number;
}

export interface SizingSuggestion {
  /** Suggested order quantity (see module doc). */
  size: number;
  /** The model's target |position| in the order's direction, units, before limits. */
  targetQty: number;
  model: SizingModel;
  requestedModel: SizingModel;
  entry: number;
  stop: number;
  takeProfit: number;
  rewardToRisk: number;
  /** Loss per unit if the stop is hit, account currency. */
  riskPerUnit: number;
  stopSource: 'atr' | 'volatility' | 'default';
  /** 1 − exposure-weighted mean of the positive same-direction correlations; null without data. */
  diversificationScore: number | null;
  /** Multiplier applied by the early-warning model (1 = none). */
  mlScale: number;
  /** Annualised hedge cost drag folded into the strength (docs/hedging.md): target × mlScale × (1 − hedgeDrag). Absent when no hedges cost anything. */
  hedgeDrag?: number;
  note?: string;
}

export interface SizingInputs {
  hints: SizingHints | undefined;
  direction: 1 | -1;
  addsExposure: boolean;
  /** Signed current position. */
  q0: number;
  equity: number;
  entry: number;
  multiplier: number;
  /** |exposure| per unit. */
  unitExposure: number;
  atr: number;
  stopSource: SizingSuggestion['stopSource'];
  stopAtrMultiple: number;
  dailyVol: number | undefined;
  annualisationDays: number;
  maxRiskPerPosition: number;
  maxConcentration: number;
  /** Largest order the size limits allow. */
  limitMaxQty: number;
  /** The early-warning model's sizing multiplier (ML sizing; 1 when no model ran). The live controls pass strength × (1 − hedge cost drag) here. */
  mlScale?: number;
  qtyStep: number;
  sumInvVol: number;
  /** This symbol's 1/σ already inside sumInvVol (held with known vol), else 0. */
  ownInvVol: number;
  diversificationScore: number | null;
}

export function pickModel(hints: SizingHints | undefined): SizingModel {
  if (hints?.model) return hints.model;
  return hints?.strategy ? MODEL_FOR_STRATEGY[hints.strategy] : 'fixed_fractional';
}

/** Fixed-fractional target quantity (also the fallback of every other model). */
function fixedFractionalQty(E: number, riskPerUnit: number, a: SizingInputs): number {
  if (!(E > 0) || !(riskPerUnit > 0)) return 0;
  const stopFrac = Math.min(1, riskPerUnit / a.unitExposure);
  return fixedFractional(E, a.maxRiskPerPosition, stopFrac, a.maxConcentration).positionValue / a.unitExposure;
}

// No closures in here: it runs once per pre-trade check.
export function suggestSizing(a: SizingInputs): SizingSuggestion {
  const h = a.hints;
  const rr = h?.rewardToRisk ?? DEFAULT_REWARD_TO_RISK;
  if (!(Number.isFinite(rr) && rr > 0)) throw new RangeError(`checkOrder: sizing.rewardToRisk must be a finite number > 0, got ${rr}`);
  const dist = a.stopAtrMultiple * a.atr;
  // A long's stop cannot go below 0: the most a unit can lose is its price.
  const stopDist = a.direction === 1 ? Math.min(dist, a.entry) : dist;
  const stop = a.entry - a.direction * stopDist;
  const takeProfit = a.entry + a.direction * rr * dist;
  const riskPerUnit = stopDist * a.multiplier;
  const requestedModel = pickModel(h);
  const E = a.equity;
  const sigma = a.dailyVol ?? (a.stopSource === 'atr' ? a.atr / a.entry : undefined);
  let targetQty = -1; // −1: the model lacks an input → fixed-fractional fallback
  let missing = '';
  switch (requestedModel) {
    case 'fixed_fractional':
      targetQty = fixedFractionalQty(E, riskPerUnit, a);
      break;
    case 'vol_target':
      if (sigma === undefined || !(sigma > 0) || !(E > 0)) missing = 'a volatility or ATR';
      else targetQty = (volatilityTarget(h?.targetVol ?? DEFAULT_TARGET_VOL, sigma * Math.sqrt(a.annualisationDays), a.maxConcentration).leverage * E) / a.unitExposure;
      break;
    case 'kelly_quarter':
      if (h?.winProb === undefined || !(E > 0) || !(riskPerUnit > 0)) missing = 'winProb';
      else targetQty = Math.min(kelly(h.winProb, h.payoff ?? rr, 0.25).recommended * E, a.maxRiskPerPosition * E) / riskPerUnit;
      break;
    case 'optimal_f': {
      const of = h?.optimalF;
      if (!of || !(of.largestLoss < 0) || !(of.f >= 0 && of.f < 1) || !(E > 0)) missing = 'optimalF {f in [0,1), largestLoss < 0}';
      else targetQty = (of.f * E) / -of.largestLoss;
      break;
    }
    case 'risk_parity': {
      const g = h?.grossTarget ?? 1;
      if (sigma === undefined || !(sigma > 0) || !(E > 0) || !(g > 0)) missing = 'a volatility or ATR';
      else {
        const inv = 1 / sigma;
        targetQty = (E * g * (inv / (a.sumInvVol - a.ownInvVol + inv))) / a.unitExposure;
      }
      break;
    }
  }
  let model = requestedModel;
  if (missing !== '') {
    model = 'fixed_fractional';
    targetQty = fixedFractionalQty(E, riskPerUnit, a);
  }
  if (!Number.isFinite(targetQty) || targetQty < 0) targetQty = 0;
  // ML sizing: the early-warning probability shrinks the target before the limits apply.
  const mlScale = a.mlScale ?? 1;
  targetQty *= mlScale;
  // Order quantity that takes the signed position from q0 to direction·targetQty (for a flip
  // this includes closing the opposite position first).
  const size = a.addsExposure ? roundDownToStep(Math.min(Math.max(0, targetQty - a.direction * a.q0), a.limitMaxQty), a.qtyStep) : 0;
  const s: SizingSuggestion = { size, targetQty, model, requestedModel, entry: a.entry, stop, takeProfit, rewardToRisk: rr, riskPerUnit, stopSource: a.stopSource, diversificationScore: a.diversificationScore, mlScale };
  if (missing !== '') s.note = `${requestedModel} needs ${missing}; used fixed_fractional`;
  return s;
}
