/**
 * Alerts with de-duplication, cool-down, acknowledgement, escalation and a priority order. Pure:
 * every call takes `now`; ids are sequential ("<key>#<n>"), so replays are deterministic.
 *
 * - De-duplication: one ACTIVE alert per `key`. Raising an active key updates it (value, message,
 *   lastTs, count + 1) instead of creating another.
 * - Cool-down: a repeat raise notifies again only after `cooldownMs` (default 5 min, per key via
 *   the input) since the last notification. A raise at a HIGHER level notifies at once, clears the
 *   acknowledgement and restarts the escalation clock. Levels never drop on a repeat; resolve()
 *   closes the alert and the next raise opens a new one.
 * - Escalation: a CRITICAL alert unacknowledged for `escalateAfterMs` (default 15 min) since it
 *   became critical turns EMERGENCY at the next tick() (and notifies).
 * - Priority score = severity weight (info 0, warning 100, critical 200, emergency 300)
 *   + overshoot: min(100, 100·|value − threshold| / |threshold|) when past the threshold in the
 *     alert's direction (0 if not past; a zero threshold counts any overshoot as 100)
 *   + recurrence: min(50, 10·log2(count)).
 *   Order: unacknowledged first, then score (high first), then most recent lastTs, then id.
 */
import { z } from 'zod';

export const ALERT_LEVELS = ['info', 'warning', 'critical', 'emergency'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
const RANK: Record<AlertLevel, number> = { info: 0, warning: 1, critical: 2, emergency: 3 };
export const SEVERITY_WEIGHT: Readonly<Record<AlertLevel, number>> = { info: 0, warning: 100, critical: 200, emergency: 300 };

const Alert = z.object({
  id: z.string(),
  key: z.string(),
  type: z.string(),
  level: z.enum(ALERT_LEVELS),
  message: z.string(),
  metric: z.string(),
  threshold: z.number(),
  value: z.number(),
  /** Which side of the threshold is bad. */
  direction: z.enum(['above', 'below']),
  mitigation: z.string(),
  firstTs: z.number(),
  lastTs: z.number(),
  count: z.number().int(),
  acknowledged: z.boolean(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.number().nullable(),
  /** When the alert reached its current level (escalation clock). */
  levelSince: z.number(),
  lastNotifiedTs: z.number(),
  cooldownMs: z.number(),
});
export type Alert = z.infer<typeof Alert>;

export interface AlertInput {
  key: string;
  type: string;
  level: AlertLevel;
  message: string;
  metric: string;
  threshold: number;
  value: number;
  mitigation: string;
  direction?: 'above' | 'below';
  cooldownMs?: number;
}

export const AlertsConfig = z
  .object({
    cooldownMs: z.number().int().min(0).default(5 * 60_000),
    escalateAfterMs: z.number().int().min(1_000).default(15 * 60_000),
  })
  .strict();
export type AlertsConfig = z.infer<typeof AlertsConfig>;

const AlertBookJSON = z.object({ version: z.literal(1), config: AlertsConfig, seq: z.number().int(), alerts: z.array(Alert) });
export type AlertBookJSON = z.infer<typeof AlertBookJSON>;

export interface RaiseResult {
  alert: Alert;
  /** Whether to notify the user now (new, escalated, or cool-down over). */
  notify: boolean;
  isNew: boolean;
}

/** Priority score (module doc). */
export function priorityScore(a: Pick<Alert, 'level' | 'value' | 'threshold' | 'direction' | 'count'>): number {
  const past = a.direction === 'above' ? a.value - a.threshold : a.threshold - a.value;
  const overshoot = past > 0 ? (a.threshold === 0 ? 100 : Math.min(100, (100 * past) / Math.abs(a.threshold))) : 0;
  return SEVERITY_WEIGHT[a.level] + overshoot + Math.min(50, 10 * Math.log2(Math.max(1, a.count)));
}

export class AlertBook {
  readonly config: AlertsConfig;
  private readonly active = new Map<string, Alert>();
  private seq = 0;

  constructor(config: unknown = {}) {
    const r = AlertsConfig.safeParse(config);
    if (!r.success) throw new RangeError(`AlertBook: ${r.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`);
    this.config = r.data;
  }

  raise(input: AlertInput, now: number): RaiseResult {
    const fn = 'AlertBook.raise';
    for (const f of ['key', 'type', 'message', 'metric'] as const)
      if (typeof input[f] !== 'string' || input[f].trim() === '') throw new RangeError(`${fn}: ${f} is required (non-empty string)`);
    if (!(input.level in RANK)) throw new RangeError(`${fn}: level must be one of ${ALERT_LEVELS.join(', ')}, got ${String(input.level)}`);
    if (!Number.isFinite(input.threshold)) throw new RangeError(`${fn}: threshold must be finite, got ${input.threshold}`);
    if (!Number.isFinite(input.value)) throw new RangeError(`${fn}: value must be finite, got ${input.value}`);
    if (!Number.isFinite(now)) throw new RangeError(`${fn}: now must be a finite UTC ms timestamp, got ${now}`);
    const cooldownMs = input.cooldownMs ?? this.config.cooldownMs;
    if (!(Number.isFinite(cooldownMs) && cooldownMs >= 0)) throw new RangeError(`${fn}: cooldownMs must be >= 0, got ${cooldownMs}`);
    const cur = this.active.get(input.key);
    if (cur === undefined) {
      const alert: Alert = {
        id: `${input.key}#${++this.seq}`,
        key: input.key,
        type: input.type,
        level: input.level,
        message: input.message,
        metric: input.metric,
        threshold: input.threshold,
        value: input.value,
        direction: input.direction ?? 'above',
        mitigation: input.mitigation,
        firstTs: now,
        lastTs: now,
        count: 1,
        acknowledged: false,
        acknowledgedBy: null,
        acknowledgedAt: null,
        levelSince: now,
        lastNotifiedTs: now,
        cooldownMs,
      };
      this.active.set(input.key, alert);
      return { alert: { ...alert }, notify: true, isNew: true };
    }
    cur.count++;
    cur.lastTs = now;
    cur.value = input.value;
    cur.threshold = input.threshold;
    cur.message = input.message;
    cur.mitigation = input.mitigation;
    cur.cooldownMs = cooldownMs;
    if (input.direction) cur.direction = input.direction;
    let notify = false;
    if (RANK[input.level] > RANK[cur.level]) {
      cur.level = input.level;
      cur.levelSince = now;
      cur.acknowledged = false;
      cur.acknowledgedBy = null;
      cur.acknowledgedAt = null;
      notify = true;
    } else notify = now - cur.lastNotifiedTs >= cooldownMs;
    if (notify) cur.lastNotifiedTs = now;
    return { alert: { ...cur }, notify, isNew: false };
  }

  acknowledge(id: string, user: string, now: number): Alert {
    if (typeof user !== 'string' || user.trim() === '') throw new RangeError('AlertBook.acknowledge: user is required (non-empty)');
    for (const a of this.active.values())
      if (a.id === id) {
        a.acknowledged = true;
        a.acknowledgedBy = user.trim();
        a.acknowledgedAt = now;
        return { ...a };
      }
    throw new RangeError(`AlertBook.acknowledge: no active alert with id "${id}"`);
  }

  /** Closes the active alert for a key (condition cleared); returns it for the journal, or null. */
  resolve(key: string): Alert | null {
    const a = this.active.get(key);
    if (a === undefined) return null;
    this.active.delete(key);
    return { ...a };
  }

  /** Escalates overdue critical alerts; returns the escalated ones (notify each). */
  tick(now: number): Alert[] {
    const out: Alert[] = [];
    for (const a of this.active.values())
      if (a.level === 'critical' && !a.acknowledged && now - a.levelSince >= this.config.escalateAfterMs) {
        a.level = 'emergency';
        a.levelSince = now;
        a.lastNotifiedTs = now;
        out.push({ ...a });
      }
    return out;
  }

  /** Active alerts in priority order (module doc), each with its score. */
  list(): (Alert & { priority: number })[] {
    return [...this.active.values()]
      .map((a) => ({ ...a, priority: priorityScore(a) }))
      .sort((x, y) => Number(x.acknowledged) - Number(y.acknowledged) || y.priority - x.priority || y.lastTs - x.lastTs || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  toJSON(): AlertBookJSON {
    return { version: 1, config: { ...this.config }, seq: this.seq, alerts: [...this.active.values()].map((a) => ({ ...a })) };
  }

  static fromJSON(json: unknown): AlertBook {
    const r = AlertBookJSON.safeParse(json);
    if (!r.success) throw new RangeError(`AlertBook.fromJSON: ${r.error.issues.map((i) => `${i.path.join('.') || 'json'}: ${i.message}`).join('; ')}`);
    const book = new AlertBook(r.data.config);
    book.seq = r.data.seq;
    for (const a of r.data.alerts) book.active.set(a.key, { ...a });
    return book;
  }
}
