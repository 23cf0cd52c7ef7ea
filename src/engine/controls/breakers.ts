/**
 * Circuit breakers: a pure state machine per built-in breaker (definitions in breaker-config.ts).
 *
 *   armed ──condition──▶ tripped ──released──▶ cooling_down ──cooldown over──▶ armed
 *     │                    │   ▲                    │ condition again → tripped
 *     │ override           │   └────────────────────┘
 *     ▼                    ▼ override
 *   overridden ──expiresAt / revoke──▶ armed (re-evaluated in the same evaluate call)
 *   disabled ◀──disable / enable──▶ armed
 *
 * - A trip records the metric, its value, the threshold and the suggested duration, and emits
 *   the breaker's actions once (at the trip, not on every evaluation).
 * - Release: fixed-length breakers (daily_loss 24 h, loss_streak 12 h) release at `until`;
 *   the others when their condition no longer holds. A breaker with no cool-down re-arms at once.
 * - Latch: a fixed-length breaker released while its condition still holds does not re-trip on
 *   the same reading; it re-trips only when the metric gets WORSE than at the trip (another losing
 *   trade, a deeper loss), and the latch clears once the condition clears.
 * - Missing metrics leave a breaker where it is (a tripped breaker never clears on no data).
 * - Trading mode: tripped → the breaker's mode (REDUCING or HALTED); cooling_down → REDUCING;
 *   armed, overridden, disabled → no restriction. requiredState() gives the strictest.
 * - Overrides need a non-empty reason, confirm: true, an expiry in (now, now + maxOverrideMs];
 *   the drawdown breaker can be neither overridden nor disabled unless allowDrawdownOverride.
 * Times are absolute UTC ms, so toJSON()/fromJSON() across a restart keeps the remaining time.
 */
import { z } from 'zod';
import { BREAKER_IDS, BREAKERS, BreakerConfig, type BreakerAction, type BreakerId, type BreakerMetrics } from './breaker-config';
import { MODE_RANK, type TradingMode, type TradingState } from './trading-state';

export type BreakerStatus = 'armed' | 'tripped' | 'cooling_down' | 'overridden' | 'disabled';

const TripRecord = z.object({
  at: z.number(),
  metric: z.string(),
  value: z.number(),
  threshold: z.number(),
  /** null: lasts while the condition holds. */
  suggestedDurationMs: z.number().nullable(),
  cooldownMs: z.number(),
});
export type TripRecord = z.infer<typeof TripRecord>;

const OverrideRecord = z.object({
  breaker: z.enum(BREAKER_IDS),
  user: z.string(),
  reason: z.string(),
  at: z.number(),
  expiresAt: z.number(),
  previousStatus: z.enum(['armed', 'tripped', 'cooling_down']),
  trip: TripRecord.nullable(),
});
export type OverrideRecord = z.infer<typeof OverrideRecord>;

const BreakerRecord = z.object({
  id: z.enum(BREAKER_IDS),
  status: z.enum(['armed', 'tripped', 'cooling_down', 'overridden', 'disabled']),
  since: z.number(),
  /** tripped (fixed-length): release time; cooling_down: re-arm time; overridden: expiry. */
  until: z.number().nullable(),
  lastTrip: TripRecord.nullable(),
  latch: z.number().nullable(),
  override: OverrideRecord.nullable(),
  note: z.string().nullable(),
});
export type BreakerRecord = z.infer<typeof BreakerRecord>;

export const BreakerBankJSON = z.object({
  version: z.literal(1),
  config: BreakerConfig,
  breakers: z.array(BreakerRecord),
});
export type BreakerBankJSON = z.infer<typeof BreakerBankJSON>;

export interface BreakerTransition {
  breaker: BreakerId;
  from: BreakerStatus;
  to: BreakerStatus;
  at: number;
  reason: string;
  /** Present on a trip. */
  trip?: TripRecord;
  actions?: BreakerAction[];
}

export interface BreakerEvaluation {
  transitions: BreakerTransition[];
  /** Actions to carry out now (from trips in this evaluation). */
  actions: { breaker: BreakerId; action: BreakerAction }[];
  /** Strictest trading state the breakers require, null when none restricts. */
  required: TradingState | null;
}

export interface OverrideRequest {
  reason: string;
  expiresAt: number;
  user: string;
  confirm: boolean;
}

export interface BreakerView extends BreakerRecord {
  remainingMs: number | null;
  mode: TradingMode | null;
}

function err(fn: string, msg: string): never {
  throw new RangeError(`${fn}: ${msg}`);
}

export class CircuitBreakers {
  readonly config: BreakerConfig;
  private readonly recs = new Map<BreakerId, BreakerRecord>();

  constructor(config: unknown = {}, now = 0) {
    const r = BreakerConfig.safeParse(config);
    if (!r.success) err('CircuitBreakers', r.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; '));
    this.config = r.data;
    for (const id of BREAKER_IDS) this.recs.set(id, { id, status: 'armed', since: now, until: null, lastTrip: null, latch: null, override: null, note: null });
  }

  /** Current record of one breaker (a copy). */
  get(id: BreakerId): BreakerRecord {
    return structuredClone(this.rec(id, 'get'));
  }

  private rec(id: BreakerId, fn: string): BreakerRecord {
    const r = this.recs.get(id);
    if (!r) err(fn, `unknown breaker id "${String(id)}" (known: ${BREAKER_IDS.join(', ')})`);
    return r;
  }

  private move(r: BreakerRecord, to: BreakerStatus, at: number, until: number | null, reason: string, out: BreakerTransition[], extra?: Partial<BreakerTransition>): void {
    out.push({ breaker: r.id, from: r.status, to, at, reason, ...extra });
    r.status = to;
    r.since = at;
    r.until = until;
  }

  /** Advances every breaker to `now` with the given metrics (rules in the module doc). */
  evaluate(metrics: BreakerMetrics, now: number): BreakerEvaluation {
    if (!Number.isFinite(now)) err('evaluate', `now must be a finite UTC ms timestamp, got ${now}`);
    const transitions: BreakerTransition[] = [];
    const actions: BreakerEvaluation['actions'] = [];
    const c = this.config;
    for (const r of this.recs.values()) {
      const def = BREAKERS[r.id];
      if (r.status === 'disabled') continue;
      if (r.status === 'overridden') {
        if (r.until !== null && now < r.until) continue;
        r.override = null;
        this.move(r, 'armed', now, null, 'override expired', transitions);
      }
      const reading = def.read(metrics, c);
      if (reading !== null && !reading.hit) r.latch = null;
      const cooldown = def.cooldownMs(c);
      if (r.status === 'tripped') {
        const fixed = def.tripMs(c) > 0;
        if (fixed && r.until !== null && now >= r.until) {
          if (reading?.hit) r.latch = r.lastTrip?.value ?? null;
          if (cooldown > 0) this.move(r, 'cooling_down', now, now + cooldown, 'trip period over', transitions);
          else this.move(r, 'armed', now, null, 'trip period over', transitions);
        } else if (!fixed && reading !== null && !reading.hit) {
          if (cooldown > 0) this.move(r, 'cooling_down', now, now + cooldown, `${reading.metric} back below threshold`, transitions);
          else this.move(r, 'armed', now, null, `${reading.metric} back below threshold`, transitions);
        }
      }
      if (r.status === 'cooling_down' && !reading?.hit && r.until !== null && now >= r.until) this.move(r, 'armed', now, null, 'cool-down over', transitions);
      if ((r.status === 'armed' || r.status === 'cooling_down') && reading?.hit && (r.latch === null || reading.value > r.latch)) {
        const tripMs = def.tripMs(c);
        const trip: TripRecord = { at: now, metric: reading.metric, value: reading.value, threshold: reading.threshold, suggestedDurationMs: tripMs > 0 ? tripMs : null, cooldownMs: cooldown };
        const acts = def.actions(c);
        r.lastTrip = trip;
        r.latch = null;
        this.move(r, 'tripped', now, tripMs > 0 ? now + tripMs : null, `${reading.metric} ${reading.value} reached ${reading.threshold}`, transitions, { trip, actions: acts });
        for (const action of acts) actions.push({ breaker: r.id, action });
      }
    }
    return { transitions, actions, required: this.requiredState() };
  }

  /** Trading mode a breaker imposes in its current status, or null. */
  private modeOf(r: BreakerRecord): TradingMode | null {
    if (r.status === 'tripped') return BREAKERS[r.id].mode;
    if (r.status === 'cooling_down') return 'REDUCING';
    return null;
  }

  /** The strictest state required by tripped/cooling-down breakers (longest-lasting among equals). */
  requiredState(): TradingState | null {
    let best: TradingState | null = null;
    for (const r of this.recs.values()) {
      const mode = this.modeOf(r);
      if (mode === null) continue;
      const s: TradingState = {
        mode,
        reason: r.status === 'tripped' && r.lastTrip ? `breaker ${r.id} tripped: ${r.lastTrip.metric} ${r.lastTrip.value} vs ${r.lastTrip.threshold}` : `breaker ${r.id} cooling down`,
        since: r.since,
        until: r.until,
        resumeTo: 'ACTIVE',
        setBy: `breaker:${r.id}`,
      };
      if (best === null || MODE_RANK[s.mode] > MODE_RANK[best.mode] || (s.mode === best.mode && best.until !== null && (s.until === null || s.until > best.until))) best = s;
    }
    return best;
  }

  /**
   * Manual override of a tripped/cooling-down breaker, or a pre-emptive suspension of an armed
   * one. Returns the record to journal. Throws (naming the field) on a missing reason/user,
   * confirm !== true, an expiry not in (now, now + maxOverrideMs], a disabled or already
   * overridden breaker, or the drawdown breaker without allowDrawdownOverride.
   */
  override(id: BreakerId, req: OverrideRequest, now: number): OverrideRecord {
    const fn = 'override';
    const r = this.rec(id, fn);
    if (typeof req.reason !== 'string' || req.reason.trim() === '') err(fn, 'reason is required (non-empty)');
    if (typeof req.user !== 'string' || req.user.trim() === '') err(fn, 'user is required (non-empty)');
    if (req.confirm !== true) err(fn, 'confirm must be true');
    if (typeof req.expiresAt !== 'number' || !Number.isFinite(req.expiresAt)) err(fn, 'expiresAt is required (UTC ms)');
    if (req.expiresAt <= now) err(fn, `expiresAt (${req.expiresAt}) is not after now (${now})`);
    const max = now + this.config.maxOverrideMs;
    if (req.expiresAt > max) err(fn, `expiresAt (${req.expiresAt}) is beyond the maximum of ${this.config.maxOverrideMs} ms from now (${max})`);
    if (id === 'drawdown' && !this.config.allowDrawdownOverride) err(fn, 'the drawdown breaker cannot be overridden (config allowDrawdownOverride is false)');
    if (r.status === 'disabled') err(fn, `breaker ${id} is disabled; enable it first`);
    if (r.status === 'overridden') err(fn, `breaker ${id} is already overridden until ${String(r.until)}; revoke it first`);
    const rec: OverrideRecord = { breaker: id, user: req.user.trim(), reason: req.reason.trim(), at: now, expiresAt: req.expiresAt, previousStatus: r.status, trip: r.status === 'armed' ? null : r.lastTrip };
    r.override = rec;
    r.latch = null;
    r.status = 'overridden';
    r.since = now;
    r.until = req.expiresAt;
    return structuredClone(rec);
  }

  /** Ends an override early; the breaker is armed and re-evaluated at the next evaluate(). */
  revoke(id: BreakerId, by: { user: string; reason?: string }, now: number): { breaker: BreakerId; user: string; reason: string; at: number; override: OverrideRecord } {
    const r = this.rec(id, 'revoke');
    if (typeof by.user !== 'string' || by.user.trim() === '') err('revoke', 'user is required (non-empty)');
    if (r.status !== 'overridden' || r.override === null) err('revoke', `breaker ${id} is not overridden (status ${r.status})`);
    const override = r.override;
    r.override = null;
    r.status = 'armed';
    r.since = now;
    r.until = null;
    return { breaker: id, user: by.user.trim(), reason: by.reason?.trim() || 'revoked', at: now, override };
  }

  /** Takes a breaker out of service (journal the returned transition). Same rules as override for drawdown. */
  disable(id: BreakerId, by: { user: string; reason: string }, now: number): BreakerTransition {
    const r = this.rec(id, 'disable');
    if (typeof by.reason !== 'string' || by.reason.trim() === '') err('disable', 'reason is required (non-empty)');
    if (typeof by.user !== 'string' || by.user.trim() === '') err('disable', 'user is required (non-empty)');
    if (id === 'drawdown' && !this.config.allowDrawdownOverride) err('disable', 'the drawdown breaker cannot be disabled (config allowDrawdownOverride is false)');
    const out: BreakerTransition[] = [];
    r.override = null;
    r.note = `disabled by ${by.user.trim()}: ${by.reason.trim()}`;
    this.move(r, 'disabled', now, null, r.note, out);
    return out[0];
  }

  enable(id: BreakerId, by: { user: string }, now: number): BreakerTransition {
    const r = this.rec(id, 'enable');
    if (r.status !== 'disabled') err('enable', `breaker ${id} is not disabled (status ${r.status})`);
    const out: BreakerTransition[] = [];
    r.note = null;
    r.latch = null;
    this.move(r, 'armed', now, null, `enabled by ${by.user}`, out);
    return out[0];
  }

  /** Every breaker with its remaining time and imposed mode. */
  status(now: number): BreakerView[] {
    return [...this.recs.values()].map((r) => ({ ...structuredClone(r), remainingMs: r.until === null ? null : Math.max(0, r.until - now), mode: this.modeOf(r) }));
  }

  toJSON(): BreakerBankJSON {
    return { version: 1, config: { ...this.config }, breakers: [...this.recs.values()].map((r) => structuredClone(r)) };
  }

  /** Restores a bank saved with toJSON(); throws naming the bad field. */
  static fromJSON(json: unknown): CircuitBreakers {
    const r = BreakerBankJSON.safeParse(json);
    if (!r.success) err('CircuitBreakers.fromJSON', r.error.issues.map((i) => `${i.path.join('.') || 'json'}: ${i.message}`).join('; '));
    const bank = new CircuitBreakers(r.data.config);
    for (const b of r.data.breakers) bank.recs.set(b.id, structuredClone(b));
    return bank;
  }
}
