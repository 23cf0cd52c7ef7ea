/**
 * Initial stop and take-profit levels. The rules are the pre-trade sizing suggestion's
 * (controls/pretrade.ts + sizing-suggest.ts), so the stop an order was sized against and the stop
 * the manager sets after the fill are the same number when the inputs are the same:
 *
 *   d = +1 long, −1 short; k = ATR multiple (default 2); R = reward:risk (default 2)
 *   ATR source       atr given          → ATR = atr                              source 'atr'
 *                    else dailyVol σ    → ATR = entry·σ                          source 'volatility'
 *                    else               → ATR = entry·stopFraction/k (5 %)       source 'fixed'
 *   dist   = k·ATR            (so the 'fixed' stop sits exactly stopFraction away)
 *   stop   = entry − d·dist   a long's stop distance is capped at entry: it cannot go below 0
 *   TP     = entry + d·R·dist (uncapped dist, as sizing-suggest; null when ≤ 0, i.e. unreachable)
 *   1R     = |entry − stop|   price units; the unit of the trailing activation threshold
 *
 * Pre-trade names the third source 'default'; here it is 'fixed' (the stop is a fixed fraction).
 * Pre-trade takes ATR = mark·σ for the volatility source; here entry·σ — equal at the fill.
 */
import { DEFAULT_STOP_ATR_MULTIPLE, DEFAULT_STOP_FRACTION } from '../controls/pretrade-context';
import { DEFAULT_REWARD_TO_RISK } from '../controls/sizing-suggest';

export type StopSource = 'atr' | 'volatility' | 'fixed' | 'manual';

export interface LevelInputs {
  /** Average true range, price units (the bar interval is the caller's choice; see atr.ts). */
  atr?: number;
  /** Daily return volatility, decimal. Used only without an ATR. */
  dailyVol?: number;
  /** Stop distance in ATRs (default 2). */
  k?: number;
  /** Take-profit distance in stop distances (default 2); null for no take-profit. */
  rewardToRisk?: number | null;
  /** Stop distance as a fraction of entry when neither ATR nor vol is known (default 0.05). */
  stopFraction?: number;
}

export interface InitialLevels {
  stop: number;
  takeProfit: number | null;
  /** 1R = |entry − stop|, price units. */
  risk: number;
  /** The ATR the levels were derived from (price units): also the unit of ATR trailing distances. */
  atr: number;
  k: number;
  rewardToRisk: number | null;
  source: Exclude<StopSource, 'manual'>;
}

const positive = (x: unknown): x is number => typeof x === 'number' && x > 0 && x < Infinity;

export function fail(fn: string, field: string, why: string, got: unknown): never {
  throw new RangeError(`${fn}: ${field} ${why}, got ${String(got)}`);
}

export function checkPositive(fn: string, field: string, x: unknown): number {
  if (!positive(x)) fail(fn, field, 'must be a finite number > 0', x);
  return x;
}

/**
 * Initial levels for a position of direction `d` entered at `entry` (module doc).
 * @throws RangeError naming the field on a bad entry, atr, dailyVol, k, rewardToRisk or stopFraction.
 */
export function initialLevels(
  d: 1 | -1,
  entry: number,
  inp: LevelInputs,
  fn = 'initialLevels',
): InitialLevels {
  checkPositive(fn, 'entry', entry);
  const k = inp.k ?? DEFAULT_STOP_ATR_MULTIPLE;
  checkPositive(fn, 'k', k);
  const rr = inp.rewardToRisk === undefined ? DEFAULT_REWARD_TO_RISK : inp.rewardToRisk;
  if (rr !== null) checkPositive(fn, 'rewardToRisk', rr);
  let atr: number, source: InitialLevels['source'];
  if (inp.atr !== undefined) {
    atr = checkPositive(fn, 'atr', inp.atr);
    source = 'atr';
  } else if (inp.dailyVol !== undefined) {
    atr = entry * checkPositive(fn, 'dailyVol', inp.dailyVol);
    source = 'volatility';
  } else {
    const f = inp.stopFraction ?? DEFAULT_STOP_FRACTION;
    if (!(positive(f) && f <= 1)) fail(fn, 'stopFraction', 'must be in (0, 1]', f);
    atr = (entry * f) / k;
    source = 'fixed';
  }
  const dist = k * atr;
  const stopDist = d === 1 ? Math.min(dist, entry) : dist;
  const stop = entry - d * stopDist;
  const tp = rr === null ? null : entry + d * rr * dist;
  return {
    stop,
    takeProfit: tp !== null && tp > 0 ? tp : null,
    risk: stopDist,
    atr,
    k,
    rewardToRisk: rr,
    source,
  };
}
