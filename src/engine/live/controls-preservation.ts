/**
 * What a capital-preservation level change does in the live engine: its orders through the
 * validator, the event record, the hedge request, the journal entry and the alert. Split from
 * controls-service.ts alongside controls-breakers.ts (the same shape: the pure rules decide, this
 * acts); the service keeps the schedule that feeds preservation its readings.
 */
import type { LevelChange } from '../controls/preservation';
import { raiseAlert } from './controls-alerts';
import type { ControlsHost } from './controls-deps';
import { executeIntents } from './controls-emergency';
import { recordLevelChange } from './preservation-record';

export function onPreservation(h: ControlsHost, c: LevelChange, now: number): void {
  h.markDirty();
  const source = `preservation:${c.to}`;
  const results = executeIntents(h, c.intents, source);
  const { id, orders } = recordLevelChange(h.d.store, h.d.portfolio.ledger, c, results, now);
  if (c.direction === 'escalate' && c.directives.some((x) => x.type === 'request_hedges')) h.hedging()?.onRequestHedges(c.to, now);
  h.d.append({ kind: 'preservation.level_changed', severity: c.direction === 'escalate' ? 'critical' : 'info', source: 'controls', payload: { eventId: id, from: c.from, to: c.to, trigger: c.trigger, directives: c.directives, orders } });
  if (c.direction === 'escalate') {
    raiseAlert(h, { key: 'preservation', type: 'preservation', level: c.to >= 3 ? 'emergency' : 'critical', message: `Capital preservation level ${c.to} (${c.trigger?.trigger ?? 'manual'})`, metric: c.trigger?.trigger ?? 'level', threshold: c.trigger?.threshold ?? c.to, value: c.trigger?.value ?? c.to, mitigation: 'Exposure is being stepped down; review the History page for the actions taken.' }, now);
  }
}
