/**
 * The circuit-breaker side of the controls: what a breaker transition does (journal, alert, the
 * breaker's automatic action) and the trader's override / revoke. The breaker rules themselves are
 * pure (src/engine/controls/breakers.ts); split from controls-service.ts so the service keeps only
 * the schedule that feeds them readings.
 */
import { RpcFailure } from '../../shared/contract/errors';
import type { BreakerViewSchema } from '../../shared/contract/controls';
import type { BreakerId } from '../controls/breaker-config';
import type { BreakerEvaluation } from '../controls/breakers';
import { planFlattenAll, planReduceAll } from '../controls/emergency';
import { raiseAlert } from './controls-alerts';
import { OS_USER, type ControlsHost } from './controls-deps';
import { executeIntents, planOpts, scopePositions } from './controls-emergency';
import { breakerViews } from './controls-views';

/** Journals each transition, alerts on a trip, then runs the tripped breakers' actions. */
export function onBreakers(h: ControlsHost, ev: BreakerEvaluation, now: number): void {
  h.markDirty();
  const q = h.d.portfolio.quick();
  for (const t of ev.transitions) {
    const tripped = t.to === 'tripped';
    h.d.append({
      kind: tripped ? 'breaker.activated' : 'breaker.deactivated',
      severity: tripped ? 'critical' : 'info',
      source: 'controls',
      payload: { breaker: t.breaker, from: t.from, to: t.to, reason: t.reason, trip: t.trip ?? null, equity: q.equity, drawdown: q.drawdown },
    });
    if (tripped && t.trip) {
      raiseAlert(h, { key: `breaker:${t.breaker}`, type: 'breaker', level: t.breaker === 'drawdown' || t.breaker === 'daily_loss' ? 'emergency' : 'critical', message: `${t.breaker.replace('_', ' ')} breaker tripped`, metric: t.trip.metric, threshold: t.trip.threshold, value: t.trip.value, mitigation: 'Trading restricted by the breaker; review positions. Override only with a reason.' }, now);
    }
  }
  for (const { breaker, action } of ev.actions) {
    const source = `breaker:${breaker}`;
    const positions = h.d.portfolio.positions();
    if (action.type === 'close_all') executeIntents(h, planFlattenAll(positions, planOpts(h, `${breaker} breaker: close all`, now)).intents, source);
    else if (action.type === 'reduce_exposure') executeIntents(h, planReduceAll(scopePositions(h, positions, action.scope), action.fraction, planOpts(h, `${breaker} breaker: reduce ${action.fraction * 100}%`, now)).intents, source);
    else if (action.type === 'safe_mode') h.d.portfolio.cancelAll();
    h.d.append({ kind: 'breaker.action', severity: 'critical', source, payload: { action } });
  }
  h.dropContext();
}

export function breakerList(h: ControlsHost, now: number): BreakerViewSchema[] {
  return breakerViews(h.breakers.status(now), h.breakers.config.allowDrawdownOverride);
}

export function overrideBreaker(h: ControlsHost, id: BreakerId, reason: string, minutes: number, now: number): BreakerViewSchema {
  let rec;
  try {
    rec = h.breakers.override(id, { reason, expiresAt: now + minutes * 60_000, user: OS_USER, confirm: true }, now);
  } catch (err) {
    throw new RpcFailure('CONFLICT', (err as Error).message, 'params.id');
  }
  h.flush(now);
  const q = h.d.portfolio.quick();
  h.d.append({ kind: 'breaker.overridden', severity: 'critical', source: `user:${OS_USER}`, payload: { ...rec, metrics: { equity: q.equity, drawdown: q.drawdown, dailyPnl: q.dailyPnl } } });
  h.dropContext();
  return breakerList(h, now).find((b) => b.id === id)!;
}

export function revokeBreaker(h: ControlsHost, id: BreakerId, reason: string | undefined, now: number): BreakerViewSchema {
  let rec;
  try {
    rec = h.breakers.revoke(id, { user: OS_USER, ...(reason ? { reason } : {}) }, now);
  } catch (err) {
    throw new RpcFailure('CONFLICT', (err as Error).message, 'params.id');
  }
  h.breakers.evaluate({}, now);
  h.flush(now);
  h.d.append({ kind: 'breaker.override_revoked', severity: 'warning', source: `user:${OS_USER}`, payload: { ...rec } });
  return breakerList(h, now).find((b) => b.id === id)!;
}
