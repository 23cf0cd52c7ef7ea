/**
 * The controls service's dependencies, the types it shares with the other live services, and the
 * narrow view of its internals that its extracted parts act on (controls-alerts.ts,
 * controls-breakers.ts, controls-emergency.ts). They live here, not in controls-service.ts, so those
 * parts can import them without a cycle through the service; controls-service.ts re-exports the
 * public ones so existing imports keep working.
 */
import { userInfo } from 'node:os';
import type { LimitsConfig, TradingStateView } from '../../shared/contract/controls';
import type { OrderRequest, OrderResult } from '../../shared/contract/portfolio';
import type { AlertBook, AlertInput } from '../controls/alerts';
import type { CircuitBreakers } from '../controls/breakers';
import type { LimitRegime } from '../controls/limits';
import type { PretradeContext } from '../controls/pretrade-context';
import type { TradingMode, TradingState } from '../controls/trading-state';
import type { NewEvent } from '../db/journal';
import type { PortfolioService } from '../portfolio/service';
import type { ControlsStore } from './controls-store';
import type { LiveMonitorOptions } from './live-monitor';

export interface ControlsDeps {
  store: ControlsStore;
  portfolio: PortfolioService;
  append: (e: NewEvent) => void;
  now: () => number;
  push: (topic: string, data: unknown) => void;
  /** How long after a preservation event its outcome is measured (default 24 h). */
  outcomeHorizonMs?: number;
  /** Age of the stalest feed, ms (null when no feed has spoken yet). */
  feedAgeMs?: () => number | null;
  /** Risk to each position's real stop (account currency), when stops are set. */
  positionRisk?: () => ReadonlyMap<string, number>;
  liveMonitor?: LiveMonitorOptions;
  /** Called whenever an alert should notify (new, escalated, cool-down over): feeds the alert channels. Must return at once. */
  onAlert?: (a: { id: string; level: AlertInput['level']; message: string; mitigation: string; metric: string; value: number; threshold: number }) => void;
}

/** What the hedging service offers the controls (docs/hedging.md, "Integration"). */
export interface HedgingHooks {
  /** Preservation entered a level whose directives include `request_hedges` (level 2 and 3). */
  onRequestHedges(level: number, now: number): void;
  /** Open hedge legs: never cut by preservation's reduce plans. */
  protectedSymbols(): ReadonlySet<string>;
  /** Annualised hedge cost drag (fraction of equity, 0..0.5): sizing strength × (1 − drag). */
  costDrag(): number;
  /** The order gains in the tail scenario and shrinks the book's tail loss (hedging/protective.ts). */
  protectiveOrder(o: { symbol: string; side: 'buy' | 'sell'; qty: number }, now: number): boolean;
}

/** What the heavy recompute tells the controls. */
export interface RiskInputs {
  var99: number;
  volRatio: number;
  avgCorrelation: number;
  regime: LimitRegime;
  correlations?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Early-warning probability, when the model ran. */
  earlyWarningP?: number;
}

export const OS_USER = (() => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
})();

/**
 * What ControlsService hands its extracted parts: the shared components plus callbacks into its
 * private state. The service stays the only owner of that state (dirty flag, cached pre-trade
 * context, effective limits); the parts only ask it to change.
 */
export interface ControlsHost {
  readonly d: ControlsDeps;
  readonly breakers: CircuitBreakers;
  readonly alerts: AlertBook;
  /** The latest heavy-recompute inputs (undefined before the first one). */
  risk(): RiskInputs | undefined;
  hedging(): HedgingHooks | undefined;
  /** Timestamps of the exposure-adding orders of the last minute (the service's own array). */
  readonly recentOrders: readonly number[];
  /** Component state changed: save it at the next persist. */
  markDirty(): void;
  /** The cached pre-trade context is stale (positions, limits or breakers changed). */
  dropContext(): void;
  /** Marks dirty and saves now (user actions must survive a crash right after them). */
  flush(now: number): void;
  /** Limits after regime, loss-streak and preservation scaling. */
  effectiveLimits(now: number): LimitsConfig;
  /** The strictest of the manual, breaker and preservation states. */
  effectiveState(now: number): TradingState;
  /** The book aggregates for the validator, cached by the service for 250 ms. */
  context(now: number): PretradeContext;
  /** The one validator path (ControlsService.submit). */
  submit(order: OrderRequest, source: string): OrderResult & { check: unknown };
  tradingState(now: number): TradingStateView;
  setState(mode: TradingMode, reason: string, untilMinutes: number | undefined, now: number): TradingStateView;
}
