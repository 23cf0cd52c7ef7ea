/**
 * The emergency actions (flatten, reduce, halt, cancel all) and the plan helpers they share with
 * the breakers' automatic actions and preservation. Split from controls-service.ts: these are
 * one-shot commands with no state of their own, and every order they plan still goes through the
 * service's one validator (`host.submit`).
 */
import type { TradingStateView } from '../../shared/contract/controls';
import type { OrderResult, PositionView } from '../../shared/contract/portfolio';
import { planFlattenAll, planReduceAll } from '../controls/emergency';
import type { OrderIntent } from '../controls/intents';
import { OS_USER, type ControlsHost } from './controls-deps';
import { correlatedPositions } from './controls-views';

/** Submits each intent as a market order through the validator; the check is dropped from the results. */
export function executeIntents(h: ControlsHost, intents: readonly OrderIntent[], source: string): OrderResult[] {
  return intents.map((i) => {
    const { check: _c, ...r } = h.submit({ symbol: i.symbol, side: i.side, qty: i.qty, type: 'market', note: i.reason }, source);
    return r;
  });
}

/** Closing orders are sliced at the per-order notional cap, so the fat-finger guard never leaves a position half closed. */
export function planOpts(h: ControlsHost, reason: string, now: number) {
  const multipliers = new Map<string, number>();
  for (const [sym, inst] of h.d.portfolio.ledger.instruments) multipliers.set(sym, inst.multiplier);
  return { reason, maxNotionalPerOrder: h.effectiveLimits(now).maxNotionalPerOrder, multipliers };
}

export function scopePositions(h: ControlsHost, positions: readonly PositionView[], scope: 'all' | 'correlated'): readonly PositionView[] {
  const risk = h.risk();
  return scope === 'all' ? positions : correlatedPositions(positions, risk?.correlations, risk?.avgCorrelation ?? 0);
}

export function flatten(h: ControlsHost, reason: string, now: number): { orders: OrderResult[]; state: TradingStateView } {
  const cancelled = h.d.portfolio.cancelAll();
  const plan = planFlattenAll(h.d.portfolio.positions(), planOpts(h, `emergency flatten: ${reason}`, now));
  h.d.append({ kind: 'emergency.flatten', severity: 'emergency', source: `user:${OS_USER}`, payload: { reason, cancelled, orders: plan.intents.length } });
  const orders = executeIntents(h, plan.intents, `emergency:${OS_USER}`);
  return { orders, state: h.tradingState(now) };
}

export function reduce(h: ControlsHost, fraction: number, reason: string, now: number): { orders: OrderResult[]; state: TradingStateView } {
  const plan = planReduceAll(h.d.portfolio.positions(), fraction, planOpts(h, `emergency reduce ${fraction * 100}%: ${reason}`, now));
  h.d.append({ kind: 'emergency.reduce', severity: 'emergency', source: `user:${OS_USER}`, payload: { reason, fraction, orders: plan.intents.length } });
  const orders = executeIntents(h, plan.intents, `emergency:${OS_USER}`);
  return { orders, state: h.tradingState(now) };
}

export function halt(h: ControlsHost, reason: string, untilMinutes: number | undefined, now: number): TradingStateView {
  h.d.append({ kind: 'emergency.halt', severity: 'emergency', source: `user:${OS_USER}`, payload: { reason, untilMinutes: untilMinutes ?? null } });
  return h.setState('HALTED', reason, untilMinutes, now);
}

export function cancelAll(h: ControlsHost, reason: string): { cancelled: number } {
  const cancelled = h.d.portfolio.cancelAll();
  h.d.append({ kind: 'emergency.cancel_all', severity: 'warning', source: `user:${OS_USER}`, payload: { reason, cancelled } });
  return { cancelled };
}
