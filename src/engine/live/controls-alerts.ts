/**
 * The alert side of the controls: raising (journal, UI push, alert channels), acknowledging, the
 * once-a-second escalation and stale-feed alert, and the limit-breach alerts. Split from
 * controls-service.ts because every other part (breakers, preservation, limits, hedging) raises
 * through here, and this is the one place that decides when an alert is journaled and notified.
 */
import { RpcFailure } from '../../shared/contract/errors';
import type { AlertView, LimitsView } from '../../shared/contract/controls';
import type { AlertInput } from '../controls/alerts';
import { OS_USER, type ControlsHost } from './controls-deps';
import { alertViews } from './controls-views';

export function raiseAlert(h: ControlsHost, a: AlertInput, now: number): void {
  const r = h.alerts.raise(a, now);
  if (r.isNew || r.notify) {
    h.markDirty();
    if (r.isNew) h.d.append({ kind: 'alert.raised', severity: a.level === 'info' ? 'info' : a.level, source: 'controls', payload: { id: r.alert.id, key: a.key, message: a.message, value: a.value, threshold: a.threshold } });
    if (r.notify) h.d.push('alerts.notify', { id: r.alert.id, level: a.level, message: a.message, mitigation: a.mitigation });
    if (r.notify) h.d.onAlert?.({ id: r.alert.id, level: r.alert.level, message: a.message, mitigation: a.mitigation, metric: a.metric, value: a.value, threshold: a.threshold });
  }
}

export function alertList(h: ControlsHost, includeAcknowledged: boolean): AlertView[] {
  return alertViews(h.alerts.list(), includeAcknowledged);
}

export function acknowledgeAlert(h: ControlsHost, id: string, now: number): AlertView {
  try {
    h.alerts.acknowledge(id, OS_USER, now);
  } catch (err) {
    throw new RpcFailure('NOT_FOUND', `params.id: ${(err as Error).message}`, 'params.id');
  }
  h.flush(now);
  h.d.append({ kind: 'alert.acknowledged', severity: 'info', source: `user:${OS_USER}`, payload: { id } });
  return alertList(h, true).find((a) => a.id === id)!;
}

/** Once a second: escalates unacknowledged alerts, and raises or resolves the stale-feed alert. */
export function tickAlerts(h: ControlsHost, staleSymbols: number, now: number): void {
  for (const a of h.alerts.tick(now)) {
    h.markDirty();
    h.d.append({ kind: 'alert.escalated', severity: 'emergency', source: 'controls', payload: { id: a.id, key: a.key, message: a.message } });
    h.d.onAlert?.({ id: a.id, level: a.level, message: a.message, mitigation: a.mitigation, metric: a.metric, value: a.value, threshold: a.threshold });
  }
  if (staleSymbols > 0) {
    raiseAlert(h, { key: 'feed:stale', type: 'feed', level: 'warning', message: `${staleSymbols} position${staleSymbols === 1 ? '' : 's'} without a fresh price`, metric: 'stale_positions', threshold: 0, value: staleSymbols, mitigation: 'Check feed health in the status bar; stale prices are refused for new exposure.' }, now);
  } else if (h.alerts.resolve('feed:stale')) {
    h.markDirty();
    h.d.append({ kind: 'alert.resolved', severity: 'info', source: 'controls', payload: { key: 'feed:stale' } });
  }
}

/**
 * Journals and alerts a limit on the second it becomes breached (not again while it stays so), and
 * warns at 80 % utilisation. Returns the limits breached now, the `lastBreached` of the next call.
 */
export function limitAlerts(h: ControlsHost, view: LimitsView, lastBreached: ReadonlySet<string>, now: number): Set<string> {
  const breached = new Set<string>();
  for (const u of view.utilisation) {
    if (u.breached) {
      breached.add(u.name);
      if (!lastBreached.has(u.name)) {
        h.d.append({ kind: 'limit.breached', severity: 'critical', source: 'controls', payload: { ...u } });
        raiseAlert(h, { key: `limit:${u.name}`, type: 'limit', level: 'critical', message: `${u.name} limit breached`, metric: u.name, threshold: u.limit, value: u.value, mitigation: 'Reduce exposure or review the limit; new exposure is refused while breached.' }, now);
      }
    } else if (u.utilisation >= 0.8) {
      raiseAlert(h, { key: `limit-near:${u.name}`, type: 'limit', level: 'warning', message: `${u.name} at ${(u.utilisation * 100).toFixed(0)}% of its limit`, metric: u.name, threshold: u.limit, value: u.value, mitigation: 'Consider reducing before the limit binds.' }, now);
    }
  }
  return breached;
}
