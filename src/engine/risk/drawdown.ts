/**
 * Drawdowns of a value series (prices or an equity curve; use `equityCurve` from ./returns to turn
 * returns into one — it includes the starting capital, so a first-period loss counts).
 *
 * Conventions:
 * - drawdown_t = V_t / max_{s<=t} V_s − 1, always <= 0 (the series); depths in the summaries are
 *   reported as POSITIVE fractions in [0, 1] (0.25 = 25 % below the peak).
 * - A drawdown spell starts at the peak (the last index at the running maximum before the value
 *   drops) and ends at recovery: the first later index whose value is >= the peak value.
 *   Spells still under water at the end have recoveryIndex = null and run to the last index.
 * - Durations: periods = index distance (peak → recovery, or peak → last index if not recovered);
 *   days = calendar days between the ISO dates at those indices, when dates are given.
 *   quantstats' drawdown_details counts days inclusive of both ends (+1); we count the distance.
 * - Time to recover = trough → recovery, in periods (and days with dates).
 */
import { dayNumbers } from './dates';
import { checkSeries, type Series } from './validate';

function checkValues(values: Series, fn: string, dates: readonly string[] | undefined): void {
  checkSeries(values, fn, 'values', 1);
  for (let i = 0; i < values.length; i++) {
    if (values[i] <= 0) throw new RangeError(`${fn}: values[${i}] is ${values[i]}, values must be > 0`);
  }
  if (dates !== undefined && dates.length !== values.length) {
    throw new RangeError(`${fn}: dates has ${dates.length} entries but values has ${values.length}`);
  }
}

/**
 * Drawdown series dd_t = V_t / running max − 1 (<= 0), same length as `values`.
 * @throws RangeError on an empty series or a value that is not finite and > 0.
 */
export function drawdownSeries(values: Series): Float64Array {
  checkValues(values, 'drawdownSeries', undefined);
  const out = new Float64Array(values.length);
  let peak = values[0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > peak) peak = v;
    out[i] = v / peak - 1;
  }
  return out;
}

/** One peak-to-recovery episode. */
export interface DrawdownSpell {
  peakIndex: number;
  troughIndex: number;
  /** First index back at or above the peak value; null if still under water at the end. */
  recoveryIndex: number | null;
  /** Depth at the trough as a positive fraction: 1 − V_trough / V_peak. */
  depth: number;
  /** Peak → recovery (or → last index) in periods. */
  periods: number;
  /** Same span in calendar days; null without dates. */
  days: number | null;
}

/**
 * Every drawdown spell in chronological order.
 * @param dates optional ISO dates aligned with `values` (same length).
 */
export function drawdownSpells(values: Series, dates?: readonly string[]): DrawdownSpell[] {
  checkValues(values, 'drawdownSpells', dates);
  return spellsOf(values, dates ? dayNumbers(dates, 'drawdownSpells') : null);
}

function spellsOf(values: Series, days: Int32Array | null): DrawdownSpell[] {
  const spells: DrawdownSpell[] = [];
  const last = values.length - 1;
  let peak = values[0];
  let peakIndex = 0;
  let inSpell = false;
  let troughIndex = 0;
  let troughValue = peak;
  const close = (recovery: number | null): void => {
    const end = recovery ?? last;
    spells.push({
      peakIndex,
      troughIndex,
      recoveryIndex: recovery,
      depth: 1 - troughValue / peak,
      periods: end - peakIndex,
      days: days ? days[end] - days[peakIndex] : null,
    });
  };
  for (let i = 1; i <= last; i++) {
    const v = values[i];
    if (v >= peak) {
      if (inSpell) close(i);
      inSpell = false;
      peak = v;
      peakIndex = i;
    } else if (!inSpell) {
      inSpell = true;
      troughIndex = i;
      troughValue = v;
    } else if (v < troughValue) {
      troughIndex = i;
      troughValue = v;
    }
  }
  if (inSpell) close(null);
  return spells;
}

export interface DrawdownStats {
  /** Maximum drawdown as a positive fraction in [0, 1]. */
  maxDrawdown: number;
  peakIndex: number;
  troughIndex: number;
  /** null if the max-drawdown spell has not recovered by the last index. */
  recoveryIndex: number | null;
  peakDate: string | null;
  troughDate: string | null;
  recoveryDate: string | null;
  /** Trough → recovery of the max-drawdown spell, periods; null if not recovered. */
  timeToRecoverPeriods: number | null;
  /** Same in calendar days; null if not recovered or no dates. */
  timeToRecoverDays: number | null;
  /** Longest spell (peak → recovery, or → end if ongoing), periods. 0 if never under water. */
  longestPeriods: number;
  /** Longest spell in calendar days (may be a different spell than longestPeriods); null without dates. */
  longestDays: number | null;
  /** Number of spells. */
  spells: number;
}

/**
 * Max drawdown with its peak/trough/recovery, time to recover, and the longest drawdown.
 * The max-drawdown spell is the deepest one (the earliest on ties). A series that never falls
 * below its running maximum has maxDrawdown 0 and peak = trough = recovery = index 0.
 * @param dates optional ISO dates aligned with `values`; enables the *Date and *Days fields.
 * @throws RangeError on an empty series, a value not finite and > 0, mismatched or non-ISO dates.
 */
export function drawdownStats(values: Series, dates?: readonly string[]): DrawdownStats {
  checkValues(values, 'drawdownStats', dates);
  const days = dates ? dayNumbers(dates, 'drawdownStats') : null;
  const spells = spellsOf(values, days);
  const dateAt = (i: number | null): string | null => (dates && i !== null ? dates[i] : null);
  let worst: DrawdownSpell | null = null;
  let longestPeriods = 0;
  let longestDays: number | null = dates ? 0 : null;
  for (const s of spells) {
    if (worst === null || s.depth > worst.depth) worst = s;
    if (s.periods > longestPeriods) longestPeriods = s.periods;
    if (s.days !== null && longestDays !== null && s.days > longestDays) longestDays = s.days;
  }
  const peakIndex = worst?.peakIndex ?? 0;
  const troughIndex = worst?.troughIndex ?? 0;
  const recoveryIndex = worst ? worst.recoveryIndex : 0;
  const recovered = recoveryIndex !== null;
  return {
    maxDrawdown: worst?.depth ?? 0,
    peakIndex,
    troughIndex,
    recoveryIndex,
    peakDate: dateAt(peakIndex),
    troughDate: dateAt(troughIndex),
    recoveryDate: dateAt(recoveryIndex),
    timeToRecoverPeriods: recovered ? recoveryIndex - troughIndex : null,
    timeToRecoverDays: recovered && days ? days[recoveryIndex] - days[troughIndex] : null,
    longestPeriods,
    longestDays,
    spells: spells.length,
  };
}

/** Max drawdown only (positive fraction), one pass, no allocation. */
export function maxDrawdown(values: Series): number {
  checkValues(values, 'maxDrawdown', undefined);
  let peak = values[0];
  let worst = 0;
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    if (v > peak) peak = v;
    else {
      const dd = 1 - v / peak;
      if (dd > worst) worst = dd;
    }
  }
  return worst;
}
