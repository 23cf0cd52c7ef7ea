/**
 * The replay's demo portfolio and settings. Everything that changes a result is here, with the
 * default used for the numbers in docs/controls.md ("Measured effect").
 *
 * Book: 1,000,000 USD; a core sleeve of the S&P 500 index held as a funded (spot-like) position at
 * 100 % of equity, and optionally an overlay sleeve on the same index held through a margined perp
 * at +50 % of equity notional (1.5× gross, as a leveraged desk would run it). Targets are restored
 * on the first trading day of each month.
 *
 * Limits: the loss limits under test keep the product defaults (daily loss 2 %, drawdown 10 %,
 * 1-day 99 % VaR 5 % of equity). The capacity limits are written for ONE index position instead
 * of a 20-name book: concentration 100 % (the default 20 % would cap the core at a fifth of the
 * book from day one and the experiment would measure that, not the controls), risk to stop 5 % per
 * position at the default 5 % stop (= 100 % of equity) and 5 % × gross target for the book, and a
 * fat-finger cap far above any rebalance. The instruments carry no sector, so no sector cap applies.
 */
import type { Instrument } from '../../shared/contract/portfolio';
import { LimitsConfig } from '../controls/limits';

export const CORE = 'SPX-USD';
export const OVERLAY = 'SPX-USD-PERP';

export const INSTRUMENTS: Readonly<Record<string, Instrument>> = {
  [CORE]: {
    symbol: CORE,
    kind: 'spot',
    venue: 'replay',
    quote: 'USD',
    multiplier: 1,
    assetClass: 'index',
    beta: 1,
  },
  [OVERLAY]: {
    symbol: OVERLAY,
    kind: 'perp',
    venue: 'replay',
    quote: 'USD',
    multiplier: 1,
    underlying: CORE,
    assetClass: 'index',
    beta: 1,
    leverage: 10,
    maintenanceMarginRate: 0.005,
  },
};

export interface Sleeve {
  symbol: string;
  /** Target |exposure| / equity. */
  weight: number;
}

export interface ReplayConfig {
  /** Human label used in reports. */
  name: string;
  capital: number;
  /** Sleeves in the order they are rebalanced (core first: the overlay is the second bet). */
  sleeves: Sleeve[];
  /** false: the same book and rebalancing with no controls at all (the baseline). */
  controls: boolean;
  /** Trading cost: half-spread in basis points; buys fill at close·(1 + c), sells at close·(1 − c). */
  costBps: number;
  /** A rebalance trade smaller than this fraction of equity is skipped (both runs). */
  rebalanceBand: number;
  /**
   * 'monthly': every sleeve is due on the first trading day of each month; a due order the
   * pre-trade check DENIES stays due and is retried at each later close, one it approves or cuts
   * to size completes the month. 'daily': every sleeve is due every day (both runs), so exposure
   * returns as soon as the controls allow it.
   */
  rebalance: 'monthly' | 'daily';
  /** 'close': one observation a day. 'low': also check the day's low first, fills there (pessimistic). */
  marks: 'close' | 'low';
  /** Risk-model metrics (vol ratio, VaR) are withheld until this many daily returns exist. */
  riskWarmup: number;
  /** VaR window: 'adaptive' = the live engine's 60/120/250 by regime; a number = fixed window. */
  varLookback: 'adaptive' | number;
  /**
   * Operator policy, not in the pure modules: once the drawdown breaker has held the book for this
   * many trading days, the desk re-bases the high-water mark to current equity (the docs name a
   * re-base as the breaker's exit; nothing in the engine does it automatically). null = never.
   */
  rebaseAfterDays: number | null;
  limits: LimitsConfig;
  /** Breaker and preservation settings (their zod schemas; {} = the product defaults). */
  breakerConfig: Record<string, unknown>;
  preservationConfig: Record<string, unknown>;
}

/** Limits for a single-index book (module doc); `gross` = Σ sleeve weights. */
export function replayLimits(gross: number): LimitsConfig {
  return LimitsConfig.parse({
    maxConcentration: 1,
    maxRiskPerPosition: 0.05,
    maxPortfolioRisk: Math.min(1, 0.05 * Math.max(1, gross)),
    maxNotionalPerOrder: 1e12,
  });
}

export const UNLEVERED: Sleeve[] = [{ symbol: CORE, weight: 1 }];
export const LEVERED: Sleeve[] = [
  { symbol: CORE, weight: 1 },
  { symbol: OVERLAY, weight: 0.5 },
];

export function replayConfig(over: Partial<ReplayConfig> = {}): ReplayConfig {
  const sleeves = over.sleeves ?? LEVERED;
  const gross = sleeves.reduce((a, s) => a + s.weight, 0);
  return {
    name: over.name ?? (gross > 1 ? 'levered 1.5×' : 'unlevered 1.0×'),
    capital: 1_000_000,
    sleeves,
    controls: true,
    costBps: 5,
    rebalanceBand: 0.005,
    rebalance: 'monthly',
    marks: 'close',
    riskWarmup: 60,
    varLookback: 'adaptive',
    rebaseAfterDays: 20,
    limits: replayLimits(gross),
    breakerConfig: {},
    preservationConfig: {},
    ...over,
  };
}
