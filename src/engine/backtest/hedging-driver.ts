/**
 * Day-by-day replay of an index window through a long book, with the hedging flow off or on
 * (docs/hedging.md, "Measured protection"). The flow is the live one, step for step, on the replay
 * clock (data.ts: one trading day = 24 h, the close at +21:00):
 *
 *   1. Carry: active perp / inverse legs are charged their annual carry × elapsed time (the live
 *      monitor's `fundingPaid`, here actually debited from cash so equity pays it).
 *   2. Mark the index at the close; the return history (the live store's 1,000 days by default)
 *      gains the day's close-to-close return; nothing later is ever visible.
 *   3. Heavy risk snapshot: `computeRiskSnapshot` (the live recompute) of today's book.
 *   4. Score: `tailScore` on the snapshot's 1-day 99 % historical CVaR, P&L window, vol ratio and
 *      worst stress-grid P&L. A daily replay has no one-second tick monitor, so the regime uses the
 *      snapshot's ratio only (the live service takes the max of both).
 *   5. HEDGE signal when the score crosses the threshold upwards (edge-triggered; re-armed below
 *      0.9 × threshold) — HedgingService.rescore. With mode `auto` the proposal
 *      (`buildProposal`: same tail scenario, candidates, BSM + skew pricing, optimiser, budget) is
 *      executed at once by the live executor (`executeProposal`) through the paper broker.
 *   6. Review when due (`rehedgeFrequencyMs`, 1 h by default, so every replay day): option legs
 *      within `rollBeforeMs` of expiry are rolled by the live `rollHedge`; then, while the score
 *      (re-measured after any execution, as the 10-s recompute would be by then) stays above the
 *      threshold, a `review` proposal tops the hedges up.
 *   Hedges are never unwound: the live flow has no unwind rule (rolls continue, perps stay short).
 *
 * The book: `spotWeight` × capital of the index bought as a funded spot position and `perpWeight` ×
 * capital through the index perp, both at the first close of the window and then held (fixed
 * units, no rebalancing) in both runs, so the only difference between the runs is the hedging flow.
 */
import { HEDGING_DEFAULTS, type HedgeMonitor, type HedgeProposal, type HedgingConfig } from '../../shared/contract/index';
import { buildProposal, dollarDeltas, legView, scenarioFor } from '../hedging/propose';
import { tailScore, type TailScore } from '../hedging/tail-score';
import { executeProposal, rollHedge } from '../live/hedging-execute';
import { computeMonitor } from '../live/hedging-monitor';
import type { HedgeRecord, StoredProposal } from '../live/hedging-store';
import { computeRiskSnapshot, ReturnHistory, toBookPositions } from '../risk-engine/index';
import type { BookPosition } from '../risk/book';
import type { RiskSnapshot } from '../../shared/contract/index';
import { CORE, INSTRUMENTS, OVERLAY } from './config';
import { dayStartUtc, stepTime, type Bar } from './data';
import { HedgingDesk, type DeskEvent } from './hedging-desk';

const DAY = 86_400_000;
const YEAR_MS = 365 * DAY;

export interface HedgingReplayConfig {
  name: string;
  capital: number;
  /** Index bought at the first close as funded spot, fraction of capital. */
  spotWeight: number;
  /** Index bought at the first close through the perp (margined overlay), fraction of capital. */
  perpWeight: number;
  /** Half-spread of the index quote, bp. */
  halfSpreadBps: number;
  /** Length of the return history the risk snapshot and the proposal see (live default 1,000). */
  historyDays: number;
  hedging: boolean;
  hedge: HedgingConfig;
  /** Per-order notional cap used to slice orders (the default limits' 250,000). */
  maxNotionalPerOrder: number;
  /**
   * true: the live review (top-up proposals while the score stays above the threshold). false: a
   * what-if for the discussion — reviews still roll, but only HEDGE signals propose.
   */
  topUps: boolean;
  /** Monte Carlo sizes of the snapshot: the score does not read them, so they are kept small for speed. */
  mcPaths: number;
  forecastPaths: number;
}

export function hedgingReplayConfig(over: Partial<HedgingReplayConfig> = {}): HedgingReplayConfig {
  return {
    name: 'levered 1.5×',
    capital: 1_000_000,
    spotWeight: 1,
    perpWeight: 0.5,
    halfSpreadBps: 1,
    historyDays: 1_000,
    hedging: true,
    hedge: { ...structuredClone(HEDGING_DEFAULTS), mode: 'auto' },
    maxNotionalPerOrder: 250_000,
    topUps: true,
    mcPaths: 400,
    forecastPaths: 100,
    ...over,
  };
}

export interface SignalRecord {
  date: string;
  score: number;
}

export interface ProposalRecord {
  id: string;
  date: string;
  trigger: HedgeProposal['trigger'];
  status: HedgeProposal['status'];
  score: number;
  scoreAfter: number;
  equity: number;
  tailLossBefore: number;
  tailLossAfter: number;
  /** The optimiser's cost (premium incl. half spread, or fees + 30 days of carry). */
  cost: number;
  budget: number;
  adequate: boolean;
  legs: string[];
}

export interface HedgingRun {
  name: string;
  hedging: boolean;
  dates: string[];
  closes: number[];
  /** End-of-day equity, USD. */
  equity: number[];
  /** Tail-risk score at the day's first snapshot (before any hedge that day). */
  score: number[];
  /** End-of-day net dollar delta / equity (options by BSM delta). */
  exposure: number[];
  signals: SignalRecord[];
  proposals: ProposalRecord[];
  stored: StoredProposal[];
  records: HedgeRecord[];
  /** Carry actually debited (USD). */
  funding: number;
  /** Fees of the hedging flow's fills (USD). */
  fees: number;
  /** Spread, slippage and impact the hedging flow's fills paid against the mark (USD). */
  spread: number;
  rolls: number;
  events: DeskEvent[];
  monitor: HedgeMonitor;
}

/** Runs one window [start, end] (indices into `bars`); needs `historyDays` returns before `start`. */
export function runHedgingReplay(bars: readonly Bar[], start: number, end: number, cfg: HedgingReplayConfig): HedgingRun {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end < bars.length))
    throw new RangeError(`runHedgingReplay: start/end must be integer indices with 0 <= start < end < ${bars.length}, got ${start}, ${end}`);
  if (!(Number.isInteger(cfg.historyDays) && cfg.historyDays >= 20)) throw new RangeError(`runHedgingReplay: historyDays must be an integer >= 20, got ${cfg.historyDays}`);
  if (start < cfg.historyDays) throw new RangeError(`runHedgingReplay: start ${start} leaves fewer than historyDays (${cfg.historyDays}) returns of lead-in`);
  if (!(cfg.spotWeight >= 0 && cfg.perpWeight >= 0 && cfg.spotWeight + cfg.perpWeight > 0)) throw new RangeError('runHedgingReplay: spotWeight and perpWeight must be >= 0 with a positive sum');
  // Replay clock anchored so the window's first close falls on its real date (data.ts collapses
  // weekends and holidays: one trading day = 24 h, so later days run ahead of the calendar).
  const t0 = dayStartUtc(bars[start].date) - start * DAY;
  const desk = new HedgingDesk(CORE, [INSTRUMENTS[CORE], INSTRUMENTS[OVERLAY]], cfg.capital, cfg.halfSpreadBps, cfg.maxNotionalPerOrder);
  const svc = desk.service();
  const history = new ReturnHistory({ length: cfg.historyDays });
  const ret = (k: number): number => bars[k].close / bars[k - 1].close - 1;
  const h = cfg.hedge;
  const on = cfg.hedging && h.enabled && h.mode === 'auto';
  const out: Omit<HedgingRun, 'monitor'> = {
    name: cfg.name, hedging: cfg.hedging, dates: [], closes: [], equity: [], score: [], exposure: [], signals: [], proposals: [], stored: [], records: [],
    funding: 0, fees: 0, spread: 0, rolls: 0, events: desk.events,
  };
  let armed = true;
  let hwm = cfg.capital;
  let nextReviewAt = 0;
  let prevNow = 0;
  let seq = 0;

  const book = (now: number): BookPosition[] => toBookPositions(desk.ledger.views(), desk.ledger.instruments, new Map([[CORE, bars[dayOf(now)].close]]), now).positions;
  const dayOf = (now: number): number => Math.floor((now - t0) / DAY);
  const snapshot = (now: number): RiskSnapshot =>
    computeRiskSnapshot({ positions: desk.ledger.views(), instruments: desk.ledger.instruments, prices: new Map([[CORE, bars[dayOf(now)].close]]), equity: desk.equity(), history, now, mcPaths: cfg.mcPaths, forecastPaths: cfg.forecastPaths });
  const scoreOf = (s: RiskSnapshot): TailScore =>
    tailScore({ equity: s.equity, cvar99: s.var.historical['0.99'].cvar, pnl: s.pnlHistory, volRatio: s.volRatio, regime: s.regime, worstStressPnl: s.stress.worst.pnl });
  const perps = (): Map<string, string> => {
    const m = new Map<string, string>();
    for (const i of desk.ledger.instruments.values()) if (i.kind === 'perp' && i.underlying && !m.has(i.underlying)) m.set(i.underlying, i.symbol);
    return m;
  };

  /** HedgingService.propose + execute (mode auto), on the replay's desk. True when something filled. */
  const propose = (trigger: HedgeProposal['trigger'], score: TailScore, snap: RiskSnapshot, now: number, date: string): boolean => {
    const equity = desk.equity();
    const n = buildProposal({
      now, equity, highWaterMark: hwm, positions: book(now), pnlHistory: snap.pnlHistory, returns: (u) => history.ensure(u), score, threshold: h.tailRiskThreshold, trigger,
      perps: perps(), venue: 'replay', quote: 'USD', config: h, maxNotionalPerOrder: cfg.maxNotionalPerOrder,
    });
    if (n.legs.length === 0) {
      desk.events.push({ ts: now, kind: 'hedge.no_proposal', payload: { trigger, reason: n.rationale } });
      return false;
    }
    for (const i of n.instruments) if (!desk.ledger.instruments.has(i.symbol)) desk.ledger.addInstrument(i);
    const id = `HP${(++seq).toString().padStart(3, '0')}`;
    const view: HedgeProposal = {
      id, createdAt: now, expiresAt: now + h.proposalTtlMs, status: 'pending', trigger, score: score.score, threshold: h.tailRiskThreshold, scoreAfter: n.scoreAfter, equity,
      tailLossBefore: n.tailLossBefore, tailLossAfter: n.tailLossAfter, totalCost: n.totalCost, budget: n.budget, legs: n.legs.map(legView), candidates: [], orders: n.orders,
      checks: n.orders.map((o) => ({ symbol: o.symbol, decision: 'approve' as const, reasons: [] })), rationale: n.rationale, narrative: null, decidedAt: null, decidedBy: null, reason: null, results: [],
    };
    const stored: StoredProposal = {
      view,
      internal: {
        legs: n.legs.map((l) => ({ type: l.type, positions: l.positions, protection: l.protection, cost: l.cost, annualCarry: l.annualCarry, tenorDays: l.expiryMs ? Math.max(1, Math.round((l.expiryMs - now) / DAY)) : 30 })),
        instruments: n.instruments, detectedAt: now, executedAt: null, ref: n.ref,
      },
    };
    const { results, records } = executeProposal(svc, stored, now);
    out.records.push(...records);
    const filled = results.some((r) => r.status === 'filled');
    Object.assign(view, { status: filled ? 'executed' : 'failed', decidedAt: now, decidedBy: 'auto', results });
    stored.internal.executedAt = filled ? now : null;
    out.stored.push(stored);
    out.proposals.push({
      id, date, trigger, status: view.status, score: score.score, scoreAfter: n.scoreAfter, equity, tailLossBefore: n.tailLossBefore, tailLossAfter: n.tailLossAfter, cost: n.totalCost, budget: n.budget,
      adequate: n.adequate, legs: n.legs.map((l) => `${l.side} ${l.qty} ${l.symbol}`),
    });
    return filled;
  };

  for (let i = start; i <= end; i++) {
    const now = stepTime(t0, i, 'close');
    const date = bars[i].date;
    if (i > start) {
      const dt = (now - prevNow) / YEAR_MS;
      for (const r of out.records) if (r.status === 'active' && r.annualCarry > 0) {
        const c = r.annualCarry * dt;
        desk.charge(c);
        out.funding += c;
      }
    }
    prevNow = now;
    desk.mark(bars[i].close, now);
    const from = i - cfg.historyDays + 1;
    history.set(CORE, Array.from({ length: cfg.historyDays }, (_, k) => ret(from + k)));
    if (i === start) {
      const open = (symbol: string, w: number): void => {
        if (w > 0) desk.submit({ symbol, side: 'buy', qty: (w * cfg.capital) / bars[i].close, type: 'market', note: 'open book' }, 'book');
      };
      open(CORE, cfg.spotWeight);
      open(OVERLAY, cfg.perpWeight);
      nextReviewAt = now + h.rehedgeFrequencyMs;
    }
    let snap = snapshot(now);
    let s = scoreOf(snap);
    out.score.push(s.score);
    const thr = h.tailRiskThreshold;
    if (s.score > thr && armed) {
      armed = false;
      out.signals.push({ date, score: s.score });
      if (on && propose('score', s, snap, now, date)) {
        snap = snapshot(now);
        s = scoreOf(snap);
      }
    } else if (s.score < thr * 0.9) armed = true;
    if (on && now >= nextReviewAt) {
      nextReviewAt = now + h.rehedgeFrequencyMs;
      for (const r of out.records.filter((x) => x.status === 'active' && x.expiryMs !== null && x.expiryMs - now < h.rollBeforeMs)) {
        const next = rollHedge(svc, r, now);
        if (next) {
          out.records.push(next);
          out.rolls++;
        }
      }
      if (cfg.topUps && s.score > thr) propose('review', s, snap, now, date);
    }
    const equity = desk.equity();
    hwm = Math.max(hwm, equity);
    let delta = 0;
    for (const d of dollarDeltas(book(now)).values()) delta += d;
    out.dates.push(date);
    out.closes.push(bars[i].close);
    out.equity.push(equity);
    out.exposure.push(equity > 0 ? delta / equity : 0);
  }
  const now = stepTime(t0, end, 'close');
  const pos = book(now);
  const sc = scenarioFor(pos, (u) => history.ensure(u), h.tailShock);
  out.fees = desk.hedgeFees;
  out.spread = desk.hedgeSpread;
  const monitor = computeMonitor({
    now, equity: desk.equity(), records: out.records, proposals: out.stored, book: pos, scenario: sc.ok ? sc.scenario : null, shock: h.tailShock,
    instrument: (x) => desk.ledger.instruments.get(x), mark: (x) => desk.ledger.markOf(x), spot: (u) => desk.ledger.quote(u)?.last,
  });
  return { ...out, monitor };
}
