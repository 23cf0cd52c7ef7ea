/** Pure mappings from the control modules' state to the contract's views. */
import type { AlertView, BreakerViewSchema } from '../../shared/contract/controls';
import type { PositionView } from '../../shared/contract/portfolio';
import type { Alert } from '../controls/alerts';
import type { BreakerView } from '../controls/breakers';

export function breakerViews(status: readonly BreakerView[], allowDrawdownOverride: boolean): BreakerViewSchema[] {
  return status.map((b) => ({
    id: b.id,
    status: b.status,
    since: b.since,
    until: b.until,
    remainingMs: b.remainingMs,
    mode: b.mode,
    lastTrip: b.lastTrip,
    override: b.override && { user: b.override.user, reason: b.override.reason, at: b.override.at, expiresAt: b.override.expiresAt },
    note: b.note,
    overridable: b.id !== 'drawdown' || allowDrawdownOverride,
  }));
}

export function alertViews(list: readonly (Alert & { priority: number })[], includeAcknowledged: boolean): AlertView[] {
  return list
    .filter((a) => includeAcknowledged || !a.acknowledged)
    .map((a) => ({
      id: a.id, key: a.key, type: a.type, level: a.level, message: a.message, metric: a.metric, threshold: a.threshold, value: a.value,
      mitigation: a.mitigation, firstTs: a.firstTs, lastTs: a.lastTs, count: a.count, acknowledged: a.acknowledged,
      acknowledgedBy: a.acknowledgedBy, acknowledgedAt: a.acknowledgedAt, priority: a.priority,
    }));
}

/** "Correlated" scope: the positions on underlyings most correlated with the rest (ρ̄ at or above the book's mean). */
export function correlatedPositions(
  positions: readonly PositionView[],
  correlations: ReadonlyMap<string, ReadonlyMap<string, number>> | undefined,
  avgCorrelation: number,
): readonly PositionView[] {
  if (!correlations) return positions;
  const mean = (sym: string): number => {
    const row = correlations.get(sym);
    if (!row || row.size < 2) return 0;
    let s = 0;
    for (const [o, r] of row) if (o !== sym) s += r;
    return s / (row.size - 1);
  };
  const picked = positions.filter((p) => mean(p.underlying ?? p.symbol) >= avgCorrelation);
  return picked.length ? picked : positions;
}
