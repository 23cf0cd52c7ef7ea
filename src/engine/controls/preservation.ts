/**
 * Capital preservation: a ladder of levels 0-3 driven by six triggers. Pure; every call takes `now`.
 *
 * Entry thresholds (value >= threshold indicates the level; the highest indicated level wins):
 *   trigger          metric                                   L1      L2      L3
 *   drawdown         fraction below high-water mark           0.05    0.075   0.10
 *   volatility       realised / normal vol                    1.5     2.0     3.0
 *   correlation      average pairwise ρ (diversification      0.70    0.80    0.90
 *                    breaking down as everything moves together)
 *   loss_streak      consecutive losing days                  3       5       7
 *   tail_risk        1-day 99 % VaR / equity                  0.04    0.05    0.075
 *   liquidity        exit cost / equity                       0.005   0.01    0.02
 * The L3 rows match the drawdown and volatility breakers and the L2 tail row the VaR limit.
 *
 * Escalation is immediate and may skip levels (0 → 3). Recovery steps down ONE level at a time:
 * every supplied metric must sit below the CURRENT level's thresholds × 0.9 (hysteresis, so a
 * metric hovering at a threshold does not flap) continuously for the hold time of the current
 * level — L3→L2 24 h, L2→L1 12 h, L1→L0 6 h; after each step the clock restarts. A metric not
 * supplied is ignored; an evaluation with no metrics at all changes nothing.
 * Entering a level plans its actions from the positions (preservation-plan.ts); stepping down
 * plans no orders (exposure is never re-bought automatically), only the looser directives.
 */
import { z } from 'zod';
import type { OrderIntent } from './intents';
import { LEVEL_POLICY, planLevel, type PlanBook, type PreservationDirective, type PreservationLevel } from './preservation-plan';
import type { TradingState } from './trading-state';

export type { PreservationLevel } from './preservation-plan';

export const TRIGGERS = ['drawdown', 'volatility', 'correlation', 'loss_streak', 'tail_risk', 'liquidity'] as const;
export type PreservationTrigger = (typeof TRIGGERS)[number];

const ladder = (a: number, b: number, c: number) =>
  z
    .tuple([z.number().finite(), z.number().finite(), z.number().finite()])
    .default([a, b, c])
    .refine((t) => t[0] < t[1] && t[1] < t[2], { message: 'thresholds must increase L1 < L2 < L3' });

const HOUR = 3_600_000;

export const PreservationConfig = z
  .object({
    thresholds: z
      .object({
        drawdown: ladder(0.05, 0.075, 0.1),
        volatility: ladder(1.5, 2, 3),
        correlation: ladder(0.7, 0.8, 0.9),
        loss_streak: ladder(3, 5, 7),
        tail_risk: ladder(0.04, 0.05, 0.075),
        liquidity: ladder(0.005, 0.01, 0.02),
      })
      .strict()
      .default({ drawdown: [0.05, 0.075, 0.1], volatility: [1.5, 2, 3], correlation: [0.7, 0.8, 0.9], loss_streak: [3, 5, 7], tail_risk: [0.04, 0.05, 0.075], liquidity: [0.005, 0.01, 0.02] }),
    /** Recovery needs every metric below threshold × this. */
    recoveryHysteresis: z.number().gt(0).max(1).default(0.9),
    /** Hold before stepping down from L1, L2, L3. */
    recoveryHoldMs: z
      .tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)])
      .default([6 * HOUR, 12 * HOUR, 24 * HOUR]),
  })
  .strict();
export type PreservationConfig = z.infer<typeof PreservationConfig>;

export type PreservationMetrics = Partial<Record<PreservationTrigger, number>>;

export interface TriggerReading {
  trigger: PreservationTrigger;
  value: number;
  /** Highest level this value indicates (0 = none). */
  level: PreservationLevel;
  /** The threshold of that level (or of L1 when level is 0). */
  threshold: number;
}

export interface LevelChange {
  from: PreservationLevel;
  to: PreservationLevel;
  at: number;
  direction: 'escalate' | 'recover';
  /** The trigger that set the level on escalation (highest level, then the largest overshoot); null on recovery. */
  trigger: TriggerReading | null;
  readings: TriggerReading[];
  metrics: PreservationMetrics;
  intents: OrderIntent[];
  directives: PreservationDirective[];
  skipped: string[];
}

const PreservationJSON = z.object({
  version: z.literal(1),
  config: PreservationConfig,
  level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  since: z.number(),
  recoveringSince: z.number().nullable(),
});
export type PreservationJSON = z.infer<typeof PreservationJSON>;

export class CapitalPreservation {
  readonly config: PreservationConfig;
  private level: PreservationLevel = 0;
  private since: number;
  private recoveringSince: number | null = null;

  constructor(config: unknown = {}, now = 0) {
    const r = PreservationConfig.safeParse(config);
    if (!r.success) throw new RangeError(`CapitalPreservation: ${r.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`);
    this.config = r.data;
    this.since = now;
  }

  get current(): { level: PreservationLevel; since: number; recoveringSince: number | null; recoveryDueAt: number | null } {
    const hold = this.level > 0 ? this.config.recoveryHoldMs[this.level - 1] : 0;
    return { level: this.level, since: this.since, recoveringSince: this.recoveringSince, recoveryDueAt: this.recoveringSince === null ? null : this.recoveringSince + hold };
  }

  /** Readings of every supplied metric against the entry thresholds (scaled by `scale`). */
  read(metrics: PreservationMetrics, scale = 1): TriggerReading[] {
    const out: TriggerReading[] = [];
    for (const t of TRIGGERS) {
      const v = metrics[t];
      if (v === undefined) continue;
      if (!Number.isFinite(v)) throw new RangeError(`CapitalPreservation: metrics.${t} must be finite, got ${v}`);
      const th = this.config.thresholds[t];
      const level: PreservationLevel = v >= th[2] * scale ? 3 : v >= th[1] * scale ? 2 : v >= th[0] * scale ? 1 : 0;
      out.push({ trigger: t, value: v, level, threshold: th[Math.max(0, level - 1)] * scale });
    }
    return out;
  }

  /** Advances the ladder; returns the change (with its plan) or null. Rules in the module doc. */
  evaluate(metrics: PreservationMetrics, book: PlanBook, now: number): LevelChange | null {
    if (!Number.isFinite(now)) throw new RangeError(`CapitalPreservation.evaluate: now must be a finite UTC ms timestamp, got ${now}`);
    const readings = this.read(metrics);
    if (readings.length === 0) return null;
    let top: TriggerReading | null = null;
    for (const r of readings) if (top === null || r.level > top.level || (r.level === top.level && r.value / r.threshold > top.value / top.threshold)) top = r;
    const indicated = top?.level ?? 0;
    if (indicated > this.level) return this.change(indicated, 'escalate', top, readings, metrics, book, now);
    if (this.level === 0) return null;
    const relaxed = this.read(metrics, this.config.recoveryHysteresis);
    let relaxedLevel = 0;
    for (const r of relaxed) relaxedLevel = Math.max(relaxedLevel, r.level);
    if (relaxedLevel >= this.level) {
      this.recoveringSince = null;
      return null;
    }
    if (this.recoveringSince === null) this.recoveringSince = now;
    if (now - this.recoveringSince < this.config.recoveryHoldMs[this.level - 1]) return null;
    return this.change((this.level - 1) as PreservationLevel, 'recover', null, readings, metrics, book, now);
  }

  private change(to: PreservationLevel, direction: LevelChange['direction'], trigger: TriggerReading | null, readings: TriggerReading[], metrics: PreservationMetrics, book: PlanBook, now: number): LevelChange {
    const from = this.level;
    this.level = to;
    this.since = now;
    this.recoveringSince = null;
    let intents: OrderIntent[] = [];
    let directives: PreservationDirective[];
    let skipped: string[] = [];
    if (direction === 'escalate') ({ intents, directives, skipped } = planLevel(to, book));
    else {
      const pol = LEVEL_POLICY[to];
      directives = [{ type: 'tighten_limits', factor: pol.limitFactor }];
      if (LEVEL_POLICY[from].mode !== null && pol.mode === null) directives.push({ type: 'set_trading_mode', mode: 'ACTIVE' });
    }
    return { from, to, at: now, direction, trigger, readings, metrics: { ...metrics }, intents, directives, skipped };
  }

  /** Trading state the current level imposes (L3: HALTED), or null. */
  requiredState(): TradingState | null {
    const mode = LEVEL_POLICY[this.level].mode;
    if (mode === null) return null;
    return { mode, reason: `capital preservation level ${this.level}`, since: this.since, until: null, resumeTo: 'ACTIVE', setBy: `preservation:${this.level}` };
  }

  toJSON(): PreservationJSON {
    return { version: 1, config: structuredClone(this.config), level: this.level, since: this.since, recoveringSince: this.recoveringSince };
  }

  static fromJSON(json: unknown): CapitalPreservation {
    const r = PreservationJSON.safeParse(json);
    if (!r.success) throw new RangeError(`CapitalPreservation.fromJSON: ${r.error.issues.map((i) => `${i.path.join('.') || 'json'}: ${i.message}`).join('; ')}`);
    const p = new CapitalPreservation(r.data.config, r.data.since);
    p.level = r.data.level;
    p.recoveringSince = r.data.recoveringSince;
    return p;
  }
}
