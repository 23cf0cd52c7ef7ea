/**
 * Shapes of the stops layer, as zod schemas (they validate fromJSON and effectiveness input) and
 * the types inferred from them. Behaviour is in stop-manager.ts.
 */
import { z } from 'zod';
import type { OrderIntent } from '../controls/intents';
import type { LevelInputs } from './levels';

const finite = z.number().finite();
const finitePos = finite.positive();

export const TrailDistance = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('atr'), multiple: finitePos }),
  z.object({ kind: z.literal('fraction'), fraction: finitePos.lt(1) }),
]);
export type TrailDistance = z.infer<typeof TrailDistance>;

const TrailingState = z.object({
  activationR: finite.min(0),
  distance: TrailDistance,
  /** Price at which trailing starts: entry + d·activationR·1R. */
  activationPrice: finite,
  active: z.boolean(),
});

export const StopRecord = z.object({
  symbol: z.string().min(1),
  side: z.enum(['long', 'short']),
  /** Signed position the stop protects (follows onPositionChange). */
  qty: finite.refine((q) => q !== 0, 'must be non-zero'),
  /** Price the levels were derived from (avg cost when set). */
  entry: finitePos,
  /** Latest average cost reported by onPositionChange. */
  avgCost: finitePos,
  stop: finite.min(0),
  initialStop: finite.min(0),
  takeProfit: finitePos.nullable(),
  /** 1R = |entry − initialStop|, price units. */
  risk: finitePos,
  rewardToRisk: finitePos.nullable(),
  /** ATR behind the levels and ATR trailing distances, price units. */
  atr: finitePos,
  k: finitePos,
  multiplier: finitePos,
  trailing: TrailingState.nullable(),
  source: z.enum(['atr', 'volatility', 'fixed', 'manual']),
  status: z.enum(['active', 'hit', 'cancelled']),
  highWater: finitePos,
  lowWater: finitePos,
  lastPrice: finitePos.nullable(),
  createdAt: finite,
  updatedAt: finite,
  closedAt: finite.nullable(),
  /** 'stop hit' | 'take profit' | 'flat' | 'flipped' | 'cancelled' once not active. */
  closeReason: z.string().nullable(),
});
export type StopRecord = z.infer<typeof StopRecord>;
export type StopStatus = StopRecord['status'];

/** What effectiveness.ts needs from a hit (serialisable). */
export const HitRecord = z.object({
  symbol: z.string().min(1),
  kind: z.enum(['stop', 'take_profit']),
  /** Signed position closed (negative for a short). */
  qty: finite.refine((q) => q !== 0, 'must be non-zero'),
  /** Tick price that crossed the level. */
  price: finitePos,
  at: finite,
  /** The level crossed (stop or take-profit). */
  level: finite,
  entry: finitePos,
  source: StopRecord.shape.source,
  /** The trailing stop had moved the stop off its initial level. */
  trailed: z.boolean(),
  multiplier: finitePos,
});
export type HitRecord = z.infer<typeof HitRecord>;

export interface StopHit {
  /** Close the whole position; send through the pre-trade validator. */
  intent: OrderIntent;
  record: HitRecord;
}

export interface TrailingInput {
  /** Trail only after the price moved this many initial risks in favour (default 1; 0 = at once). */
  activationR?: number;
  distance: TrailDistance;
}

export interface StopOptions extends LevelInputs {
  trailing?: TrailingInput;
  /** Contract multiplier (default 1): carried into hits for effectiveness and into positionRisk. */
  multiplier?: number;
}

export const StopManagerJSON = z.object({ version: z.literal(1), records: z.array(StopRecord) });
export type StopManagerJSON = z.infer<typeof StopManagerJSON>;
