import type { Database, Statement } from 'better-sqlite3';
import type { PreservationEvent } from '../../shared/contract/controls';

export interface RemovedRow {
  symbol: string;
  qty: number;
  price: number;
  multiplier: number;
}

interface EventRow {
  id: number;
  ts: number;
  from_level: number;
  to_level: number;
  direction: 'escalate' | 'recover';
  trigger: string | null;
  metrics: string;
  orders: string;
  outcome: number | null;
  outcome_at: number | null;
}

const toEvent = (r: EventRow): PreservationEvent => ({
  id: r.id,
  ts: r.ts,
  fromLevel: r.from_level,
  toLevel: r.to_level,
  direction: r.direction,
  trigger: r.trigger,
  metrics: JSON.parse(r.metrics) as Record<string, number>,
  orders: JSON.parse(r.orders) as PreservationEvent['orders'],
  outcome: r.outcome,
  outcomeAt: r.outcome_at,
});

/** Persistence for the controls: one JSON row per component, and the preservation event history. */
export class ControlsStore {
  private readonly getState: Statement;
  private readonly putState: Statement;
  private readonly insEvent: Statement;
  private readonly setOutcome: Statement;
  private readonly due: Statement;

  constructor(private readonly db: Database) {
    this.getState = db.prepare('SELECT value FROM controls_state WHERE key = ?');
    this.putState = db.prepare('INSERT INTO controls_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
    this.insEvent = db.prepare('INSERT INTO preservation_events (ts, from_level, to_level, direction, trigger, metrics, orders, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id');
    this.setOutcome = db.prepare('UPDATE preservation_events SET outcome = ?, outcome_at = ? WHERE id = ?');
    this.due = db.prepare('SELECT id, ts, removed FROM preservation_events WHERE outcome IS NULL AND ts <= ? ORDER BY ts LIMIT 50');
  }

  load(key: string): unknown {
    const raw = this.getState.pluck().get(key) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
  }

  save(key: string, value: unknown, ts: number): void {
    this.putState.run(key, JSON.stringify(value), ts);
  }

  addEvent(e: Omit<PreservationEvent, 'id' | 'outcome' | 'outcomeAt'>, removed: RemovedRow[]): number {
    return this.insEvent.pluck().get(e.ts, e.fromLevel, e.toLevel, e.direction, e.trigger, JSON.stringify(e.metrics), JSON.stringify(e.orders), JSON.stringify(removed)) as number;
  }

  /** Events whose outcome horizon has passed (ts <= cutoff) and that are not yet scored. */
  pendingOutcomes(cutoff: number): { id: number; ts: number; removed: RemovedRow[] }[] {
    return (this.due.all(cutoff) as { id: number; ts: number; removed: string }[]).map((r) => ({ id: r.id, ts: r.ts, removed: JSON.parse(r.removed) as RemovedRow[] }));
  }

  recordOutcome(id: number, outcome: number, ts: number): void {
    this.setOutcome.run(outcome, ts, id);
  }

  static historySql(f: { before?: number | undefined; trigger?: string | undefined }): string {
    const where: string[] = [];
    if (f.before !== undefined) where.push('id < @before');
    if (f.trigger !== undefined) where.push('trigger = @trigger');
    return `SELECT id, ts, from_level, to_level, direction, trigger, metrics, orders, outcome, outcome_at FROM preservation_events${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
  }

  history(f: { limit: number; before?: number | undefined; trigger?: string | undefined }): PreservationEvent[] {
    const bind: Record<string, unknown> = { limit: f.limit };
    if (f.before !== undefined) bind.before = f.before;
    if (f.trigger !== undefined) bind.trigger = f.trigger;
    return (this.db.prepare(ControlsStore.historySql(f)).all(bind) as EventRow[]).map(toEvent);
  }
}
