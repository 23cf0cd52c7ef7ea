/**
 * The account's trading state: ACTIVE (everything the limits allow), REDUCING (only orders that
 * strictly reduce a position), HALTED (nothing that adds exposure; reducing orders still pass —
 * a halt must never trap a position). Pure: every function takes `now` (UTC ms).
 *
 * Rules:
 * - Tightening (ACTIVE → REDUCING → HALTED) is allowed to anyone: a person, a breaker, the
 *   preservation ladder.
 * - Loosening before `until` requires a person: `setBy` must start with "user:". Automation only
 *   ever tightens; it loosens through `until` (auto-resume) alone.
 * - `until` (optional) is the auto-resume time: at now >= until the state becomes `resumeTo`
 *   (default ACTIVE), with reason "auto-resume" and setBy "system:auto-resume".
 * - Several sources (manual, breakers, preservation) are combined by `strictest`: the most
 *   restrictive mode wins; among equals, the one that lasts longest.
 */

export type TradingMode = 'ACTIVE' | 'REDUCING' | 'HALTED';

export const MODE_RANK: Readonly<Record<TradingMode, number>> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 };

export interface TradingState {
  mode: TradingMode;
  reason: string;
  /** When this mode was entered, UTC ms. */
  since: number;
  /** Auto-resume time, UTC ms; null = until changed. */
  until: number | null;
  /** The mode entered at `until`. */
  resumeTo: TradingMode;
  /** "user:<name>", "breaker:<id>", "preservation:<level>" or "system:<what>". */
  setBy: string;
}

export interface TradingStateChange {
  from: TradingMode;
  to: TradingMode;
  reason: string;
  at: number;
  until: number | null;
  setBy: string;
}

export interface SetStateRequest {
  mode: TradingMode;
  reason: string;
  setBy: string;
  until?: number | null;
  resumeTo?: TradingMode;
}

function checkMode(m: unknown, field: string): asserts m is TradingMode {
  if (m !== 'ACTIVE' && m !== 'REDUCING' && m !== 'HALTED') throw new RangeError(`${field} must be ACTIVE, REDUCING or HALTED, got ${String(m)}`);
}

function checkNow(now: number, fn: string): void {
  if (!Number.isFinite(now)) throw new RangeError(`${fn}: now must be a finite UTC ms timestamp, got ${now}`);
}

export function initialTradingState(now: number, setBy = 'system:start'): TradingState {
  checkNow(now, 'initialTradingState');
  return { mode: 'ACTIVE', reason: 'initial state', since: now, until: null, resumeTo: 'ACTIVE', setBy };
}

/** Whether an order passes the state gate: ACTIVE anything, otherwise reducing orders only. */
export function allowsOrder(mode: TradingMode, addsExposure: boolean): boolean {
  return mode === 'ACTIVE' || !addsExposure;
}

/** The state as of `now`: applies a due auto-resume (without recording it; see tickTradingState). */
export function effectiveTradingState(state: TradingState, now: number): TradingState {
  if (state.until === null || now < state.until) return state;
  return { mode: state.resumeTo, reason: `auto-resume after ${state.mode} (${state.reason})`, since: state.until, until: null, resumeTo: 'ACTIVE', setBy: 'system:auto-resume' };
}

/** Applies a due auto-resume and reports it as a change to journal. */
export function tickTradingState(state: TradingState, now: number): { state: TradingState; change: TradingStateChange | null } {
  checkNow(now, 'tickTradingState');
  const next = effectiveTradingState(state, now);
  if (next === state) return { state, change: null };
  return { state: next, change: { from: state.mode, to: next.mode, reason: next.reason, at: next.since, until: null, setBy: next.setBy } };
}

/**
 * Requests a new state. Throws on a missing reason or setBy, an `until` not in the future, a
 * `resumeTo` stricter than the mode, or automation trying to loosen (see the module rules).
 */
export function setTradingState(current: TradingState, req: SetStateRequest, now: number): { state: TradingState; change: TradingStateChange } {
  const fn = 'setTradingState';
  checkNow(now, fn);
  checkMode(req.mode, `${fn}: mode`);
  if (typeof req.reason !== 'string' || req.reason.trim() === '') throw new RangeError(`${fn}: reason is required`);
  if (typeof req.setBy !== 'string' || req.setBy.trim() === '') throw new RangeError(`${fn}: setBy is required`);
  const until = req.until ?? null;
  if (until !== null && !(Number.isFinite(until) && until > now)) throw new RangeError(`${fn}: until must be a time after now (${now}), got ${until}`);
  const resumeTo = req.resumeTo ?? 'ACTIVE';
  checkMode(resumeTo, `${fn}: resumeTo`);
  if (MODE_RANK[resumeTo] > MODE_RANK[req.mode]) throw new RangeError(`${fn}: resumeTo (${resumeTo}) must not be stricter than mode (${req.mode})`);
  const cur = effectiveTradingState(current, now);
  if (MODE_RANK[req.mode] < MODE_RANK[cur.mode] && !req.setBy.startsWith('user:'))
    throw new RangeError(`${fn}: setBy "${req.setBy}" may not loosen ${cur.mode} to ${req.mode}; only a user ("user:<name>") can`);
  const state: TradingState = { mode: req.mode, reason: req.reason.trim(), since: now, until, resumeTo, setBy: req.setBy };
  return { state, change: { from: cur.mode, to: state.mode, reason: state.reason, at: now, until, setBy: state.setBy } };
}

/**
 * The strictest of several states at `now` (each after its own auto-resume). Ties go to the
 * longer-lasting one (null `until` = indefinite). Returns null for an empty list.
 */
export function strictest<T extends TradingState>(states: readonly T[], now: number): TradingState | null {
  let best: TradingState | null = null;
  for (const s of states) {
    const e = effectiveTradingState(s, now);
    if (best === null || MODE_RANK[e.mode] > MODE_RANK[best.mode]) best = e;
    else if (MODE_RANK[e.mode] === MODE_RANK[best.mode] && best.until !== null && (e.until === null || e.until > best.until)) best = e;
  }
  return best;
}
