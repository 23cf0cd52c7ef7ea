/**
 * The ONE pre-trade validator: every order — manual, strategy, breaker, preservation or emergency
 * intent — goes through checkOrder. Pure and allocation-light: the portfolio aggregates come
 * precomputed in a PretradeContext (pretrade-context.ts, built once per snapshot).
 *
 * An order ADDS EXPOSURE unless it strictly reduces |position| without flipping (opposite side,
 * qty <= |position|). Order of checks (first failing group decides):
 *  1. Trading state: HALTED denies every exposure-adding order (TRADING_HALTED); REDUCING denies
 *     it too (TRADING_STATE_REDUCING). Reducing orders pass both.
 *  2. Price: no usable price → exposure-adding orders are denied (NO_PRICE); a quote older than
 *     maxPriceAgeMs (or with no timestamp) is STALE_PRICE, a denial for exposure-adding orders.
 *     Reducing orders pass with the reason attached as a note: a feed outage must never trap a
 *     position. Price used: limit price for limit orders, else ask (buy) / bid (sell), else mark.
 *  3. Hard limits for exposure-adding orders (deny; all failing ones are listed): NO_EQUITY,
 *     RATE_LIMIT_EXCEEDED (>= maxOrdersPerMinute exposure-adding orders in the last 60 s; reducing
 *     orders are never throttled — they end when the position is flat), DAILY_LOSS_LIMIT,
 *     DRAWDOWN_LIMIT, VAR_LIMIT, MAX_POSITIONS (opening a new symbol at the cap), CORRELATION_LIMIT
 *     (ρ·sign(position)·direction > maxCorrelation against a held position: the same bet twice).
 *     A PROTECTIVE order (ctx.protective: it gains in the tail scenario and shrinks the book's tail
 *     loss) skips the REDUCING state and the loss-based limits here: a hedge must not be refused
 *     exactly when the book needs it. HALTED still refuses it.
 *  4. Size limits, each giving the largest passing qty: NOTIONAL_EXCEEDS_MAX_PER_ORDER (every
 *     order: it is a fat-finger guard), and for exposure-adding orders CONCENTRATION_LIMIT,
 *     SECTOR_LIMIT (classified instruments only), POSITION_RISK_LIMIT, PORTFOLIO_RISK_LIMIT.
 *     With d = ±1 the direction and q0 the signed position, each cap is X − d·q0 with
 *     X = budget / per-unit amount; the answer is `reduce` to the smallest cap rounded DOWN to
 *     the lot step when that is > 0, else `deny`.
 */
import type { InstrumentKind } from '../../shared/contract/portfolio';
import { DEFAULT_QTY_STEP, roundDownToStep } from './intents';
import type { LimitsConfig } from './limits';
import type { PretradeContext } from './pretrade-context';
import { suggestSizing, type SizingHints, type SizingSuggestion } from './sizing-suggest';
import { effectiveTradingState, type TradingMode, type TradingState } from './trading-state';

export type ReasonCode =
  | 'TRADING_HALTED'
  | 'TRADING_STATE_REDUCING'
  | 'NO_PRICE'
  | 'STALE_PRICE'
  | 'NO_EQUITY'
  | 'RATE_LIMIT_EXCEEDED'
  | 'DAILY_LOSS_LIMIT'
  | 'DRAWDOWN_LIMIT'
  | 'VAR_LIMIT'
  | 'MAX_POSITIONS'
  | 'CORRELATION_LIMIT'
  | 'NOTIONAL_EXCEEDS_MAX_PER_ORDER'
  | 'CONCENTRATION_LIMIT'
  | 'SECTOR_LIMIT'
  | 'POSITION_RISK_LIMIT'
  | 'PORTFOLIO_RISK_LIMIT';

export interface Reason {
  code: ReasonCode;
  message: string;
  metric?: number;
  threshold?: number;
}

export type Decision = 'approve' | 'reduce' | 'deny';

export interface OrderCheck {
  decision: Decision;
  /** Set for `reduce`: the largest quantity that passes. */
  allowedQty?: number;
  addsExposure: boolean;
  /** Why (deny/reduce), or notes on an approved reducing order (stale/no price). */
  reasons: Reason[];
  /** Null when there is no usable price or the trading state denies the order outright. */
  sizing: SizingSuggestion | null;
  /** Set when the order was checked as a protective hedge (ctx.protective). */
  protective?: boolean;
}

export interface PretradeOrder {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  type?: 'market' | 'limit';
  limitPrice?: number;
}

export interface PretradeInstrument {
  symbol: string;
  kind: InstrumentKind;
  multiplier: number;
  sector?: string | null;
  /** Carried for beta-weighted limits; no current rule uses it. */
  beta?: number;
  /** 'crypto' annualises volatility over 365 days, anything else over 252. */
  assetClass?: string;
}

export interface PriceQuote {
  bid?: number | null;
  ask?: number | null;
  mark?: number | null;
  /** Quote time, UTC ms; null = unknown (treated as stale). */
  ts: number | null;
}

export interface OrderCheckContext {
  now: number;
  snapshot: PretradeContext;
  /** The EFFECTIVE limits (limits.effectiveLimits). */
  limits: LimitsConfig;
  state: TradingState | TradingMode;
  instrument: PretradeInstrument;
  price: PriceQuote;
  /** Times of recent exposure-adding orders, UTC ms (any order; only the last 60 s count). */
  recentOrderTs?: ArrayLike<number>;
  /**
   * ρ between this instrument and held symbols: a Map, or (fast) a row aligned with
   * snapshot.symbols from correlationRow(), NaN where unknown.
   */
  correlations?: ReadonlyMap<string, number> | Float64Array;
  /** Average true range, in price units. */
  atr?: number;
  /** Daily return volatility, decimal (ATR ≈ price·σ_daily when no ATR is given). */
  dailyVol?: number;
  /** Lot step (default 1e-8). */
  qtyStep?: number;
  /** |exposure| per unit when not multiplier × mark (e.g. delta-adjusted for options). */
  exposurePerUnit?: number;
  sizing?: SizingHints;
  /** ML sizing multiplier from the early-warning model (mlSizingScale). */
  mlSizingScale?: number;
  /**
   * The order protects the book in the tail scenario (hedging/protective.ts). A protective order
   * passes the REDUCING state and the loss-based limits (daily loss, drawdown, VaR, max positions,
   * correlation); HALTED, the price checks, the rate limit and every size limit still apply.
   */
  protective?: boolean;
}

const RATE_WINDOW_MS = 60_000;

const valid = (x: number | null | undefined): x is number => typeof x === 'number' && x > 0 && x < Infinity;
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

function bad(field: string, why: string, got: unknown): never {
  throw new RangeError(`checkOrder: ${field} ${why}, got ${String(got)}`);
}

/** Validates one order against the effective limits and state (rules in the module doc). */
export function checkOrder(order: PretradeOrder, ctx: OrderCheckContext): OrderCheck {
  const { snapshot: s, limits: L, instrument: ins, now } = ctx;
  const qty = order.qty;
  if (!valid(qty)) bad('order.qty', 'must be a finite number > 0', qty);
  if (order.side !== 'buy' && order.side !== 'sell') bad('order.side', 'must be buy or sell', order.side);
  if (order.symbol !== ins.symbol) bad('instrument.symbol', `must match order.symbol (${order.symbol})`, ins.symbol);
  const mult = ins.multiplier;
  if (!valid(mult)) bad('instrument.multiplier', 'must be a finite number > 0', mult);
  if (!Number.isFinite(now)) bad('now', 'must be a finite UTC ms timestamp', now);

  const d = order.side === 'buy' ? 1 : -1;
  const agg = s.bySymbol.get(order.symbol);
  const q0 = agg === undefined ? 0 : agg.qty;
  const dq0 = d * q0;
  const adds = !(dq0 < 0 && qty <= -dq0);
  const reasons: Reason[] = [];

  // 1. Trading state.
  const mode = typeof ctx.state === 'string' ? ctx.state : effectiveTradingState(ctx.state, now).mode;
  const protective = adds && ctx.protective === true;
  if (adds && mode !== 'ACTIVE' && !(protective && mode === 'REDUCING')) {
    reasons.push(
      mode === 'HALTED'
        ? { code: 'TRADING_HALTED', message: 'trading is HALTED: only orders that reduce a position are accepted' }
        : { code: 'TRADING_STATE_REDUCING', message: 'trading is REDUCING: only orders that reduce a position without flipping it are accepted' },
    );
    return { decision: 'deny', addsExposure: true, reasons, sizing: null };
  }

  // 2. Price.
  const p = ctx.price;
  const mark = valid(p.mark) ? p.mark : null;
  let px: number | null;
  if (order.type === 'limit') {
    if (!valid(order.limitPrice)) bad('order.limitPrice', 'must be a finite number > 0 for a limit order', order.limitPrice);
    px = order.limitPrice;
  } else px = d === 1 ? (valid(p.ask) ? p.ask : mark) : valid(p.bid) ? p.bid : mark;
  if (px === null) {
    reasons.push({ code: 'NO_PRICE', message: `no usable bid/ask/mark for ${order.symbol}` });
    return { decision: adds ? 'deny' : 'approve', addsExposure: adds, reasons, sizing: null };
  }
  const markPx = mark ?? px;
  const age = p.ts === null ? Infinity : now - p.ts;
  if (age > L.maxPriceAgeMs)
    reasons.push({ code: 'STALE_PRICE', message: p.ts === null ? `quote for ${order.symbol} has no timestamp` : `quote for ${order.symbol} is ${age} ms old (max ${L.maxPriceAgeMs} ms)`, metric: age, threshold: L.maxPriceAgeMs });

  const E = s.equity;
  const k = ctx.sizing?.stopAtrMultiple ?? s.stopAtrMultiple;
  if (!valid(k)) bad('sizing.stopAtrMultiple', 'must be a finite number > 0', k);
  let atr: number, stopSource: SizingSuggestion['stopSource'];
  if (ctx.atr !== undefined) {
    if (!valid(ctx.atr)) bad('atr', 'must be a finite number > 0', ctx.atr);
    atr = ctx.atr;
    stopSource = 'atr';
  } else if (ctx.dailyVol !== undefined) {
    if (!valid(ctx.dailyVol)) bad('dailyVol', 'must be a finite number > 0', ctx.dailyVol);
    atr = markPx * ctx.dailyVol;
    stopSource = 'volatility';
  } else {
    atr = (markPx * s.defaultStopFraction) / k;
    stopSource = 'default';
  }
  const u = ctx.exposurePerUnit ?? mult * markPx;
  if (!valid(u)) bad('exposurePerUnit', 'must be a finite number > 0', u);
  const rpu = (d === 1 ? Math.min(k * atr, px) : k * atr) * mult;
  const step = ctx.qtyStep ?? DEFAULT_QTY_STEP;
  if (!valid(step)) bad('qtyStep', 'must be a finite number > 0', step);

  // Correlation with held positions (also feeds the diversification score). Effective ρ =
  // ρ·sign(held)·d: positive means the order adds to the same bet.
  let worstRho = -Infinity,
    worstIdx = -1,
    wSum = 0,
    wRho = 0;
  const corr = ctx.correlations;
  const own = agg === undefined ? -1 : agg.index;
  if (corr instanceof Float64Array) {
    // Fast path: a row aligned with snapshot.symbols (correlationRow); NaN = unknown.
    if (corr.length !== s.symbols.length) bad('correlations', `must have one entry per held symbol (${s.symbols.length})`, corr.length);
    const signs = s.signs,
      exps = s.exposures;
    for (let i = 0; i < corr.length; i++) {
      const rho = corr[i];
      if (rho !== rho || i === own) continue; // NaN: unknown
      if (!(rho >= -1 && rho <= 1)) bad(`correlations[${i}] (${s.symbols[i]})`, 'must be in [-1, 1]', rho);
      const eff = rho * signs[i] * d;
      wSum += exps[i];
      wRho += exps[i] * Math.max(eff, 0); // branch-free: the sign of eff is a coin flip
      if (eff > worstRho) {
        worstRho = eff;
        worstIdx = i;
      }
    }
  } else if (corr !== undefined)
    for (const [sym, rho] of corr) {
      const a = s.bySymbol.get(sym);
      if (a === undefined || a.index < 0 || a.index === own) continue;
      if (!(rho >= -1 && rho <= 1)) bad(`correlations[${sym}]`, 'must be in [-1, 1]', rho);
      const eff = a.qty > 0 ? rho * d : -rho * d;
      wSum += a.exposure;
      if (eff > 0) wRho += a.exposure * eff;
      if (eff > worstRho) {
        worstRho = eff;
        worstIdx = a.index;
      }
    }
  const diversificationScore = corr === undefined ? null : wSum > 0 ? 1 - wRho / wSum : 1;

  // 3. Hard limits (exposure-adding orders only).
  if (adds) {
    if (!(E > 0)) reasons.push({ code: 'NO_EQUITY', message: `equity is ${E}: no new exposure`, metric: E, threshold: 0 });
    const ts = ctx.recentOrderTs;
    if (ts !== undefined) {
      let n = 0;
      const from = now - RATE_WINDOW_MS;
      for (let i = 0; i < ts.length; i++) if (ts[i] > from) n++;
      if (n >= L.maxOrdersPerMinute)
        reasons.push({ code: 'RATE_LIMIT_EXCEEDED', message: `${n} orders in the last 60 s (max ${L.maxOrdersPerMinute})`, metric: n, threshold: L.maxOrdersPerMinute });
    }
  }
  if (adds && !protective) {
    const base = s.dayStartEquity > 0 ? s.dayStartEquity : E;
    const loss = base > 0 ? Math.max(0, -s.dailyPnl) / base : 0;
    if (loss >= L.maxDailyLoss)
      reasons.push({ code: 'DAILY_LOSS_LIMIT', message: `daily loss ${pct(loss)} has reached the ${pct(L.maxDailyLoss)} limit`, metric: loss, threshold: L.maxDailyLoss });
    if (s.drawdown >= L.maxDrawdown)
      reasons.push({ code: 'DRAWDOWN_LIMIT', message: `drawdown ${pct(s.drawdown)} has reached the ${pct(L.maxDrawdown)} limit`, metric: s.drawdown, threshold: L.maxDrawdown });
    if (s.var99 !== null && s.var99 >= L.varLimit)
      reasons.push({ code: 'VAR_LIMIT', message: `1-day 99% VaR ${pct(s.var99)} has reached the ${pct(L.varLimit)} limit`, metric: s.var99, threshold: L.varLimit });
    if (q0 === 0 && s.positionCount >= L.maxPositions)
      reasons.push({ code: 'MAX_POSITIONS', message: `${s.positionCount} positions open (max ${L.maxPositions}): cannot open ${order.symbol}`, metric: s.positionCount, threshold: L.maxPositions });
    if (worstRho > L.maxCorrelation)
      reasons.push({ code: 'CORRELATION_LIMIT', message: `${order.symbol} moves with the ${s.symbols[worstIdx]} position (effective ρ ${worstRho.toFixed(2)} > ${L.maxCorrelation})`, metric: worstRho, threshold: L.maxCorrelation });
  }
  const hardFail = adds && reasons.length > 0;

  // 4. Size limits.
  const post = Math.abs(q0 + d * qty); // |position| after the full order
  let cap = L.maxNotionalPerOrder / (px * mult);
  const notional = qty * px * mult;
  if (cap < qty)
    reasons.push({ code: 'NOTIONAL_EXCEEDS_MAX_PER_ORDER', message: `order notional ${notional.toFixed(2)} exceeds the ${L.maxNotionalPerOrder} per-order maximum`, metric: notional, threshold: L.maxNotionalPerOrder });
  if (adds && E > 0) {
    const qC = (L.maxConcentration * E) / u - dq0;
    if (qC < qty)
      reasons.push({ code: 'CONCENTRATION_LIMIT', message: `${order.symbol} would be ${pct((post * u) / E)} of equity (max ${pct(L.maxConcentration)})`, metric: (post * u) / E, threshold: L.maxConcentration });
    cap = Math.min(cap, qC);
    const sector = ins.sector;
    if (sector) {
      const S = s.sectorExposure.get(sector) ?? 0;
      const own = agg !== undefined && agg.qty !== 0 && agg.sector === sector ? agg.exposure : 0;
      const sc = L.sectorCaps[sector] ?? L.defaultSectorCap;
      const qS = (sc * E - (S - own)) / u - dq0;
      if (qS < qty) {
        const m = (S - own + post * u) / E;
        reasons.push({ code: 'SECTOR_LIMIT', message: `sector ${sector} would be ${pct(m)} of equity (cap ${pct(sc)})`, metric: m, threshold: sc });
      }
      cap = Math.min(cap, qS);
    }
    const qR = (L.maxRiskPerPosition * E) / rpu - dq0;
    if (qR < qty)
      reasons.push({ code: 'POSITION_RISK_LIMIT', message: `${order.symbol} would risk ${pct((post * rpu) / E)} of equity to its stop (max ${pct(L.maxRiskPerPosition)})`, metric: (post * rpu) / E, threshold: L.maxRiskPerPosition });
    cap = Math.min(cap, qR);
    const others = s.openRisk - (agg === undefined ? 0 : agg.risk);
    const qP = (L.maxPortfolioRisk * E - others) / rpu - dq0;
    if (qP < qty) {
      const m = (others + post * rpu) / E;
      reasons.push({ code: 'PORTFOLIO_RISK_LIMIT', message: `portfolio risk to stops would be ${pct(m)} of equity (max ${pct(L.maxPortfolioRisk)})`, metric: m, threshold: L.maxPortfolioRisk });
    }
    cap = Math.min(cap, qP);
  }

  const sizing = suggestSizing({
    hints: ctx.sizing,
    direction: d,
    addsExposure: adds,
    q0,
    equity: E,
    entry: px,
    multiplier: mult,
    unitExposure: u,
    atr,
    stopSource,
    stopAtrMultiple: k,
    dailyVol: ctx.dailyVol,
    ...(ctx.mlSizingScale !== undefined ? { mlScale: ctx.mlSizingScale } : {}),
    annualisationDays: ins.assetClass === undefined || ins.assetClass === 'crypto' ? 365 : 252,
    maxRiskPerPosition: L.maxRiskPerPosition,
    maxConcentration: L.maxConcentration,
    limitMaxQty: Math.max(0, cap),
    qtyStep: step,
    sumInvVol: s.sumInvVol,
    ownInvVol: agg === undefined ? 0 : agg.invVol,
    diversificationScore,
  });

  if (hardFail) return { decision: 'deny', addsExposure: adds, reasons, sizing };
  if (cap >= qty) return { decision: 'approve', addsExposure: adds, reasons, sizing };
  const allowed = roundDownToStep(cap, step);
  if (allowed > 0) return { decision: 'reduce', allowedQty: allowed, addsExposure: adds, reasons, sizing };
  return { decision: 'deny', addsExposure: adds, reasons, sizing };
}
