/**
 * What the replay is judged on. Definitions (docs/controls.md, "Measured effect", repeats them):
 *
 * - Performance on the end-of-day equity curve E_0..E_n (E_0 = after the opening trades):
 *   returns r_d = E_d / E_{d−1} − 1; CAGR, Sharpe (ddof 1, ×√252, rf 0), Calmar and the maximum
 *   drawdown with its dates from src/engine/risk (performance.ts, drawdown.ts).
 * - Limit breach on day d (base limits, "at or beyond" as limits.ts): daily loss
 *   (E_{d−1} − E_d) / E_{d−1} >= 2 %; drawdown 1 − E_d / max(E_0..E_d) >= 10 % — from the TRUE
 *   peak, so an operator re-base cannot hide a breach; VaR99 of the book carried overnight / E_d
 *   >= 5 % at the close, before or after the day's trades (a breach cured by a same-day cut
 *   still happened; days with a VaR only). A day is a breach-day when any of the three is breached.
 *   Prevented = OFF breach-days (per limit: days OFF breaches that limit) on which ON does not
 *   breach (it), over OFF breach-days. ON-only breach-days are reported separately. Episodes: runs
 *   of consecutive breach-days; an OFF episode is prevented when ON breaches on none of its days.
 * - False positive: a breaker trip or preservation escalation at index price P (the trip price:
 *   the close, or the low for an intraday trip) after which no close in the next N trading days is
 *   <= P·(1 − X). An event whose N-day window runs past the data without such a close is
 *   unresolved and left out. The base rate is the same test from every day's close: how often an
 *   event picked at random would be "confirmed".
 */
import { drawdownStats } from '../risk/drawdown';
import { cagr, calmar, sharpe } from '../risk/performance';
import { stdev } from '../risk/stats';
import type { ControlEvent } from './controls-driver';
import type { ReplayResult } from './replay';

export interface Performance {
  finalEquity: number;
  cagr: number;
  annualVol: number;
  sharpe: number;
  calmar: number;
  maxDrawdown: number;
  peakDate: string | null;
  troughDate: string | null;
  recoveryDate: string | null;
  avgExposure: number;
}

export function dailyReturns(equity: readonly number[]): number[] {
  const r: number[] = [];
  for (let d = 1; d < equity.length; d++) r.push(equity[d] / equity[d - 1] - 1);
  return r;
}

export function performance(res: Pick<ReplayResult, 'equity' | 'dates' | 'exposure'>): Performance {
  const r = dailyReturns(res.equity);
  const dd = drawdownStats(res.equity, res.dates);
  return {
    finalEquity: res.equity[res.equity.length - 1],
    cagr: cagr(r),
    annualVol: stdev(r) * Math.sqrt(252),
    sharpe: sharpe(r),
    calmar: calmar(r),
    maxDrawdown: dd.maxDrawdown,
    peakDate: dd.peakDate,
    troughDate: dd.troughDate,
    recoveryDate: dd.recoveryDate,
    avgExposure: res.exposure.reduce((a, b) => a + b, 0) / res.exposure.length,
  };
}

export interface BreachLimits {
  dailyLoss: number;
  drawdown: number;
  var99: number;
}

export const BASE_BREACH_LIMITS: BreachLimits = { dailyLoss: 0.02, drawdown: 0.1, var99: 0.05 };

export type LimitName = keyof BreachLimits;
export const LIMIT_NAMES: readonly LimitName[] = ['dailyLoss', 'drawdown', 'var99'];

/** Per day and limit, whether the limit is breached at the close (module doc). */
export function breaches(
  res: Pick<ReplayResult, 'equity' | 'var99' | 'var99Pre'>,
  lim: BreachLimits = BASE_BREACH_LIMITS,
): Record<LimitName, boolean[]> {
  const out: Record<LimitName, boolean[]> = { dailyLoss: [], drawdown: [], var99: [] };
  let peak = -Infinity;
  res.equity.forEach((e, d) => {
    peak = Math.max(peak, e);
    const prev = d > 0 ? res.equity[d - 1] : NaN;
    out.dailyLoss.push(d > 0 && prev > 0 && (prev - e) / prev >= lim.dailyLoss);
    out.drawdown.push(peak > 0 && 1 - e / peak >= lim.drawdown);
    const hit = (v: number | null | undefined): boolean => v !== null && v !== undefined && v >= lim.var99;
    out.var99.push(hit(res.var99[d]) || hit(res.var99Pre[d]));
  });
  return out;
}

export interface PreventionRow {
  limit: LimitName | 'any';
  offDays: number;
  onDays: number;
  /** OFF breach-days on which ON did not breach. */
  prevented: number;
  /** prevented / offDays; null when OFF never breached. */
  share: number | null;
  /** Days ON breached and OFF did not. */
  onlyOn: number;
  /** Runs of consecutive breach-days, OFF and ON, and OFF runs with no ON breach-day inside. */
  offEpisodes: number;
  onEpisodes: number;
  preventedEpisodes: number;
}

/** Breach prevention of ON against OFF, per limit and for "any limit" (module doc). */
export function breachPrevention(
  off: Record<LimitName, boolean[]>,
  on: Record<LimitName, boolean[]>,
): PreventionRow[] {
  const n = off.dailyLoss.length;
  if (on.dailyLoss.length !== n)
    throw new RangeError(`breachPrevention: runs differ in length (${n} vs ${on.dailyLoss.length})`);
  const any = (b: Record<LimitName, boolean[]>, d: number): boolean => LIMIT_NAMES.some((l) => b[l][d]);
  const row = (
    limit: PreventionRow['limit'],
    offAt: (d: number) => boolean,
    onAt: (d: number) => boolean,
  ): PreventionRow => {
    let offDays = 0,
      onDays = 0,
      prevented = 0,
      onlyOn = 0;
    let offEpisodes = 0,
      onEpisodes = 0,
      preventedEpisodes = 0,
      episodeClean = true;
    for (let d = 0; d < n; d++) {
      const a = offAt(d),
        b = onAt(d);
      const aStarts = a && (d === 0 || !offAt(d - 1));
      if (aStarts) {
        offEpisodes++;
        episodeClean = true;
      }
      if (a && b) episodeClean = false;
      if (a && (d === n - 1 || !offAt(d + 1)) && episodeClean) preventedEpisodes++;
      if (b && (d === 0 || !onAt(d - 1))) onEpisodes++;
      if (a) offDays++;
      if (b) onDays++;
      if (a && !b) prevented++;
      if (b && !a) onlyOn++;
    }
    return {
      limit,
      offDays,
      onDays,
      prevented,
      share: offDays > 0 ? prevented / offDays : null,
      onlyOn,
      offEpisodes,
      onEpisodes,
      preventedEpisodes,
    };
  };
  return [
    ...LIMIT_NAMES.map((l) =>
      row(
        l,
        (d) => off[l][d],
        (d) => on[l][d],
      ),
    ),
    row(
      'any',
      (d) => any(off, d),
      (d) => any(on, d),
    ),
  ];
}

export interface FalsePositiveRule {
  /** Further fall that confirms an event, fraction (0.02). */
  fall: number;
  /** Trading days to wait for it. */
  horizon: number;
}

export interface FalsePositiveRow {
  key: string;
  events: number;
  confirmed: number;
  falsePositives: number;
  unresolved: number;
  /** falsePositives / (confirmed + falsePositives); null when none resolved. */
  rate: number | null;
}

/** 'confirmed', 'false_positive' or 'unresolved' for an event at `day` and `price` (module doc). */
export function classifyEvent(
  day: number,
  price: number,
  closes: readonly number[],
  rule: FalsePositiveRule,
): 'confirmed' | 'false_positive' | 'unresolved' {
  const last = closes.length - 1;
  const bar = price * (1 - rule.fall);
  for (let k = day + 1; k <= Math.min(day + rule.horizon, last); k++)
    if (closes[k] <= bar) return 'confirmed';
  return day + rule.horizon > last ? 'unresolved' : 'false_positive';
}

/** Which events are scored: breaker trips and preservation escalations (not recoveries or re-bases). */
export function scoredEvents(events: readonly ControlEvent[]): ControlEvent[] {
  return events.filter(
    (e) => e.kind === 'breaker' || (e.kind === 'preservation' && e.direction === 'escalate'),
  );
}

/** False-positive table: one row per key (breaker id, "preservation L<n>", …) plus "all breakers" and "all". */
export function falsePositives(
  events: readonly ControlEvent[],
  closes: readonly number[],
  rule: FalsePositiveRule,
): FalsePositiveRow[] {
  const rows = new Map<string, FalsePositiveRow>();
  const add = (key: string, c: ReturnType<typeof classifyEvent>): void => {
    const r = rows.get(key) ?? { key, events: 0, confirmed: 0, falsePositives: 0, unresolved: 0, rate: null };
    r.events++;
    if (c === 'confirmed') r.confirmed++;
    else if (c === 'false_positive') r.falsePositives++;
    else r.unresolved++;
    const resolved = r.confirmed + r.falsePositives;
    r.rate = resolved > 0 ? r.falsePositives / resolved : null;
    rows.set(key, r);
  };
  const keyed = scoredEvents(events).map((e) => ({
    e,
    key: e.kind === 'breaker' ? e.id : `preservation ${e.id} (${e.metric})`,
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { e, key } of keyed) add(key, classifyEvent(e.day, e.price, closes, rule));
  for (const { e } of keyed)
    if (e.kind === 'breaker') add('all breakers', classifyEvent(e.day, e.price, closes, rule));
  for (const { e } of keyed)
    if (e.kind === 'preservation')
      add('all preservation escalations', classifyEvent(e.day, e.price, closes, rule));
  for (const { e } of keyed) add('all events', classifyEvent(e.day, e.price, closes, rule));
  return [...rows.values()];
}

/** Share of days whose close is followed by a close <= close·(1 − fall) within `horizon` days. */
export function baseRate(closes: readonly number[], rule: FalsePositiveRule): number {
  let n = 0,
    hit = 0;
  for (let d = 0; d + rule.horizon < closes.length; d++) {
    n++;
    if (classifyEvent(d, closes[d], closes, rule) === 'confirmed') hit++;
  }
  return n > 0 ? hit / n : NaN;
}

/** Fraction of days per value (end-of-day mode or preservation level). */
export function timeShare<T extends string | number>(xs: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[String(x)] = (out[String(x)] ?? 0) + 1 / xs.length;
  return out;
}
