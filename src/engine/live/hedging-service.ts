/**
 * Hedging in the live engine (docs/hedging.md): the tail-risk score on every heavy risk snapshot,
 * the HEDGE signal, proposals (pure math in src/engine/hedging), approval or automatic execution
 * through the pre-trade validator and the paper broker, the scheduled review (roll + re-size), the
 * monitor, and grid hedges.
 *
 * When it runs:
 *   - on every risk snapshot (RiskService.onSnapshot): score, trend, signal, proposal;
 *   - preservation level 2/3 (ControlsService → onRequestHedges): a proposal even below the threshold;
 *   - once a second: proposal expiry, the scheduled review when due, the status push (≤ 1 Hz).
 *
 * This class keeps the score, the signal and the schedules; the config and the narrative key live
 * in hedging-config.ts, a proposal from creation to decision in hedging-proposals.ts, orders in
 * hedging-execute.ts.
 */
import type { Database } from 'better-sqlite3';
import { userInfo } from 'node:os';
import {
  HedgingConfig,
  RpcFailure,
  type ActiveHedge,
  type HedgeMonitor,
  type HedgeProposal,
  type HedgeSignal,
  type HedgingConfigPatch,
  type HedgingConfigView,
  type HedgingStatus,
  type RiskSnapshot,
} from '../../shared/contract/index';
import type { NewEvent } from '../db/journal';
import { buildProposal, scenarioFor, slice, type ProposalNumbers } from '../hedging/propose';
import type { TailScenario } from '../hedging/tail-shock';
import { orderIsProtective, tailBreakdown, type TailBreakdown } from './hedging-tail';
import { tailScore, type TailScore } from '../hedging/tail-score';
import type { PortfolioService } from '../portfolio/service';
import { PortfolioStore } from '../portfolio/store';
import { toBookPositions } from '../risk-engine/book';
import type { BookPosition } from '../risk/book';
import type { ControlsService, HedgingHooks } from './controls-service';
import { computeMonitor } from './hedging-monitor';
import { closeHedge, rollHedge, trimOverHedge } from './hedging-execute';
import { applyConfigPatch, configView, loadConfig, loggedPatch } from './hedging-config';
import { HedgeProposals } from './hedging-proposals';
import { HedgingStore, type HedgeRecord } from './hedging-store';
import type { RiskService } from './risk-service';
import type { SecretStore } from '../secrets/store';

export interface HedgingDeps {
  db: Database;
  portfolio: PortfolioService;
  controls: ControlsService;
  risk: RiskService;
  append: (e: NewEvent) => void;
  now: () => number;
  push: (topic: string, data: unknown) => void;
  /** Encrypted store for the narrative endpoint's API key (docs/security.md, "Secrets"). */
  secrets?: Pick<SecretStore, 'set' | 'reveal' | 'hint' | 'delete'>;
}

const TREND_MAX = 600;
const OS_USER = (() => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
})();

export class HedgingService implements HedgingHooks {
  private cfg: HedgingConfig;
  readonly store: HedgingStore;
  readonly pstore: PortfolioStore;
  private score: TailScore | null = null;
  private snap: RiskSnapshot | null = null;
  private scenario: TailScenario | null = null;
  private readonly trend: { ts: number; score: number }[] = [];
  private lastSignal: HedgeSignal | null = null;
  private armed = true;
  private nextReviewAt: number;
  private records: HedgeRecord[];
  private lastStatusPush = 0;
  private lastError = 0;
  /** Proposal bookkeeping (hedging-proposals.ts): this service decides when to propose, the book does the rest. */
  private readonly proposalBook: HedgeProposals;

  constructor(private readonly d: HedgingDeps) {
    this.store = new HedgingStore(d.db);
    this.pstore = new PortfolioStore(d.db);
    this.cfg = loadConfig(this.store, d);
    this.records = this.store.hedges();
    this.nextReviewAt = d.now() + this.cfg.rehedgeFrequencyMs;
    this.proposalBook = new HedgeProposals({
      svc: this,
      score: () => this.score,
      addRecords: (records) => this.records.push(...records),
      pushStatus: (now, changed) => this.pushStatus(now, changed),
      guard: (fn) => this.guard(fn),
    });
  }

  // ---- hooks for the controls ----------------------------------------------------------------

  onRequestHedges(level: number, now: number): void {
    this.guard(() => this.signal('preservation_l2', now, `preservation level ${level} requests hedges`));
  }

  protectedSymbols(): ReadonlySet<string> {
    // The inverse proxy trades the reference's own spot, which preservation may still reduce.
    return new Set(this.records.filter((h) => h.status === 'active' && h.type !== 'inverse_etf').map((h) => h.symbol));
  }

  /** Whether an order protects the book in the current tail scenario (hedging/protective.ts). */
  protectiveOrder(o: { symbol: string; side: 'buy' | 'sell'; qty: number }, now: number): boolean {
    return orderIsProtective(this.d.portfolio, this.scenario, o, now);
  }

  /** The book's and each active hedge's P&L in the current tail scenario (null without one). */
  tailBreakdown(now: number): TailBreakdown | null {
    return tailBreakdown(this.d.portfolio, this.scenario, this.activeHedgeRecords(), now);
  }

  /** Closes an active hedge on the trader's request (hedging.close). */
  close(id: string, reason: string, user = OS_USER): ActiveHedge {
    const h = this.records.find((x) => x.id === id);
    if (!h) throw new RpcFailure('NOT_FOUND', `params.id: no hedge ${id}`, 'params.id');
    if (h.status !== 'active') throw new RpcFailure('CONFLICT', `params.id: hedge ${id} is ${h.status}, not active`, 'params.id');
    const now = this.d.now();
    const r = closeHedge(this, h, now, `user:${user}`, { kind: 'hedge.closed', reason });
    if (!r.ok) throw new RpcFailure('CONFLICT', `params.id: the closing order for ${h.symbol} did not fill (${r.reason})`, 'params.id');
    this.pushStatus(now, true);
    const view = this.monitor().hedges.find((x) => x.id === id);
    if (!view) throw new RpcFailure('INTERNAL', `hedging.close: hedge ${id} missing from the monitor`);
    return view;
  }

  activeHedgeRecords(): HedgeRecord[] {
    return this.records.filter((h) => h.status === 'active');
  }

  costDrag(): number {
    const equity = this.d.portfolio.quick().equity;
    let run = 0;
    for (const h of this.records) if (h.status === 'active') run += (h.premiumPaid * 365) / Math.max(h.tenorDays, 1) + h.annualCarry;
    return equity > 0 ? Math.min(0.5, Math.max(0, run / equity)) : 0;
  }

  // ---- risk flow -----------------------------------------------------------------------------

  /** A periodic job must never fail the risk recompute: errors are journaled at most once a minute. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      const t = this.d.now();
      if (t - this.lastError < 60_000) return;
      this.lastError = t;
      this.d.append({ kind: 'hedging.error', severity: 'warning', source: 'hedging', payload: { message: err instanceof Error ? err.message : String(err) } });
    }
  }

  onSnapshot(snap: RiskSnapshot): void {
    this.guard(() => {
      const now = this.d.now();
      if (!(snap.equity > 0)) return;
      this.snap = snap;
      const sc = scenarioFor(this.book(now), (u) => this.d.risk.returns(u), this.cfg.tailShock);
      this.scenario = sc.ok ? sc.scenario : null;
      this.rescore(now);
    });
  }

  /**
   * The score from the latest snapshot's CVaR, P&L shape and stress, with the volatility regime
   * read LIVE (max of the snapshot's daily ratio and the one-second monitor's): run on every
   * snapshot and every second, so a volatility spike raises the score within a second instead of
   * at the next heavy recompute (10 s).
   */
  private rescore(now: number): void {
    const snap = this.snap;
    if (!snap) return;
    const live = this.d.controls.liveReadings();
    const s = tailScore({ equity: snap.equity, cvar99: snap.var.historical['0.99'].cvar, pnl: snap.pnlHistory, volRatio: Math.max(snap.volRatio, live?.volRatio ?? 0), regime: snap.regime, worstStressPnl: snap.stress.worst.pnl });
    this.score = s;
    this.trend.push({ ts: now, score: s.score });
    if (this.trend.length > TREND_MAX) this.trend.shift();
    const thr = this.cfg.tailRiskThreshold;
    if (s.score > thr && this.armed) {
      this.armed = false;
      this.signal('score', now, `tail-risk score ${s.score.toFixed(3)} crossed ${thr}`);
    } else if (s.score < thr * 0.9) this.armed = true; // hysteresis: re-arm 10 % below the threshold
    this.pushStatus(now, true);
  }

  private signal(trigger: 'score' | 'preservation_l2', now: number, message: string): void {
    const score = this.score?.score ?? 0;
    const thr = this.cfg.tailRiskThreshold;
    this.lastSignal = { ts: now, score, threshold: thr, urgency: 'HIGH', trigger };
    this.d.append({ kind: 'hedge.signal', severity: 'critical', source: 'hedging', payload: { signal: 'HEDGE', urgency: 'HIGH', trigger, score, threshold: thr, components: this.score?.components ?? null } });
    this.d.controls.raiseAlert({ key: 'hedge:signal', type: 'hedge', level: 'critical', message: `HEDGE: ${message}`, metric: 'tail_risk_score', threshold: thr, value: score, mitigation: this.cfg.mode === 'auto' ? 'Hedges are executed automatically; see the Hedging page.' : 'Review the hedge proposal on the Hedging page.' }, now);
    if (!this.cfg.enabled || this.cfg.mode === 'off' || !this.score) return;
    if (this.store.proposals('pending', 1).length > 0) return;
    this.proposalBook.propose(trigger, now, trigger === 'preservation_l2' ? 0.25 : 0);
  }

  /** Today's book as risk positions (positions without a price are left out, as the risk engine does). */
  book(now: number): BookPosition[] {
    const pf = this.d.portfolio;
    const prices = new Map<string, number>();
    for (const s of pf.priceSymbols()) {
      const q = pf.ledger.quote(s);
      if (q && q.last > 0) prices.set(s, q.last);
    }
    return toBookPositions(pf.positions(), pf.ledger.instruments, prices, now).positions;
  }

  private perps(): Map<string, string> {
    const out = new Map<string, string>();
    for (const i of this.d.portfolio.ledger.instruments.values()) if (i.kind === 'perp' && i.underlying && !out.has(i.underlying)) out.set(i.underlying, i.symbol);
    return out;
  }

  /** The numbers of a proposal now (also used by the benchmark). */
  compute(trigger: HedgeProposal['trigger'], now: number, minFraction = 0): ProposalNumbers | null {
    const snap = this.d.risk.latest();
    if (!snap || !this.score) return null;
    const pf = this.d.portfolio;
    const live = this.d.controls.liveReadings();
    return buildProposal({
      now, equity: pf.quick().equity, highWaterMark: pf.summary().highWaterMark, positions: this.book(now), pnlHistory: snap.pnlHistory,
      returns: (u) => this.d.risk.returns(u), score: this.score, threshold: this.cfg.tailRiskThreshold, trigger,
      ...(live ? { liveVolRatio: live.volRatio } : {}),
      perps: this.perps(), venue: 'sim', quote: 'USDT', config: this.cfg, maxNotionalPerOrder: this.d.controls.limitsView(now).effective.maxNotionalPerOrder, minProtectionFraction: minFraction,
    });
  }

  // ---- requests ------------------------------------------------------------------------------

  approve(id: string, user = OS_USER): HedgeProposal {
    return this.proposalBook.execute(this.proposalBook.pending(id), `user:${user}`).view;
  }

  reject(id: string, reason: string, user = OS_USER): HedgeProposal {
    return this.proposalBook.reject(id, reason, user);
  }

  proposals(status: HedgeProposal['status'] | undefined, limit: number): HedgeProposal[] {
    return this.store.proposals(status, limit).map((p) => p.view);
  }

  configView(): HedgingConfigView {
    return configView(this.cfg, this.d.secrets);
  }

  setConfig(patch: HedgingConfigPatch, user = OS_USER): HedgingConfigView {
    const before = this.configView();
    const next = applyConfigPatch(this.cfg, patch, this.d.secrets);
    const now = this.d.now();
    const reviewChanged = next.rehedgeFrequencyMs !== this.cfg.rehedgeFrequencyMs;
    this.cfg = next;
    if (reviewChanged) this.nextReviewAt = now + this.cfg.rehedgeFrequencyMs;
    this.store.saveConfig(this.cfg, now);
    const after = this.configView();
    this.d.append({ kind: 'hedging.config_updated', severity: 'info', source: `user:${user}`, payload: { patch: loggedPatch(patch), before, after } });
    this.pushStatus(now, true);
    return after;
  }

  status(now = this.d.now()): HedgingStatus {
    return {
      ts: now, enabled: this.cfg.enabled, mode: this.cfg.mode, score: this.score?.score ?? null, threshold: this.cfg.tailRiskThreshold,
      components: this.score?.components ?? null, inputs: this.score?.inputs ?? null, trend: [...this.trend], lastSignal: this.lastSignal,
      pendingProposals: this.store.proposals('pending', 500).length, activeHedges: this.records.filter((h) => h.status === 'active').length,
      nextReviewAt: this.cfg.enabled && this.cfg.mode !== 'off' ? this.nextReviewAt : null, preservationLevel: this.d.controls.preservationStatus().level,
    };
  }

  monitor(): HedgeMonitor {
    const now = this.d.now();
    const pf = this.d.portfolio;
    return computeMonitor({
      now, equity: pf.quick().equity, records: this.records, proposals: this.store.proposals(undefined, 500), book: this.book(now), scenario: this.scenario, shock: this.cfg.tailShock,
      instrument: (s) => pf.ledger.instruments.get(s), mark: (s) => pf.ledger.markOf(s), spot: (u) => pf.ledger.quote(u)?.last,
    });
  }

  // ---- schedules -----------------------------------------------------------------------------

  everySecond(now: number): void {
    for (const p of this.store.proposals('pending', 500)) if (p.view.expiresAt <= now) this.proposalBook.expire(p);
    this.guard(() => this.rescore(now));
    if (now >= this.nextReviewAt) {
      this.nextReviewAt = now + this.cfg.rehedgeFrequencyMs;
      if (this.cfg.enabled && this.cfg.mode !== 'off') this.guard(() => this.review(now));
    }
    this.pushStatus(now, false);
  }

  /**
   * Rolls option legs near expiry, then re-sizes: closes hedges while the book gains in the tail
   * scenario (over-hedged), else a top-up proposal while the score stays above the threshold.
   */
  review(now: number): { rolled: number; trimmed: number; proposed: string | null } {
    let rolled = 0;
    for (const h of this.records.filter((x) => x.status === 'active' && x.expiryMs !== null && x.expiryMs - now < this.cfg.rollBeforeMs)) {
      const next = rollHedge(this, h, now);
      if (next) {
        this.records.push(next);
        rolled++;
      }
    }
    const trimmed = trimOverHedge(this, now);
    let proposed: string | null = null;
    const s = this.score;
    if (!trimmed && s && s.score > this.cfg.tailRiskThreshold && this.store.proposals('pending', 1).length === 0) proposed = this.proposalBook.propose('review', now, 0)?.view.id ?? null;
    this.d.append({ kind: 'hedge.review', severity: 'info', source: 'hedging', payload: { rolled, trimmed, proposed, active: this.activeHedgeRecords().length } });
    if (rolled || trimmed) this.pushStatus(now, true);
    return { rolled, trimmed, proposed };
  }

  /** At most 1 Hz; a change (`changed`) that falls inside the second is carried by the next one-second push. */
  private pushStatus(now: number, changed: boolean): void {
    if (now - this.lastStatusPush < 1000 && !(changed && this.lastStatusPush === 0)) return;
    this.lastStatusPush = now;
    this.d.push('hedging.status', this.status(now));
  }

  // ---- shared with hedging-execute.ts --------------------------------------------------------

  get deps(): HedgingDeps {
    return this.d;
  }

  get config(): HedgingConfig {
    return this.cfg;
  }

  saveRecord(h: HedgeRecord): void {
    this.store.saveHedge(h);
  }

  /** Plain slicing helper for the executor (per-order notional cap of the effective limits). */
  sliceOrders(symbol: string, signedQty: number, unitPrice: number, note: string, now: number) {
    return slice(symbol, signedQty, unitPrice, this.d.controls.limitsView(now).effective.maxNotionalPerOrder, note);
  }
}
