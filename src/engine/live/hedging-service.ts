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
 */
import type { Database } from 'better-sqlite3';
import { userInfo } from 'node:os';
import {
  HEDGING_DEFAULTS,
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
import { buildProposal, legView, scenarioFor, slice, type ProposalNumbers } from '../hedging/propose';
import { requestNarrative } from '../hedging/narrative';
import type { TailScenario } from '../hedging/tail-shock';
import { orderIsProtective, tailBreakdown, type TailBreakdown } from './hedging-tail';
import { tailScore, type TailScore } from '../hedging/tail-score';
import type { PortfolioService } from '../portfolio/service';
import { PortfolioStore } from '../portfolio/store';
import { toBookPositions } from '../risk-engine/book';
import type { BookPosition } from '../risk/book';
import type { ControlsService, HedgingHooks } from './controls-service';
import { computeMonitor } from './hedging-monitor';
import { closeHedge, executeProposal, rollHedge, trimOverHedge } from './hedging-execute';
import { HedgingStore, type HedgeRecord, type StoredProposal } from './hedging-store';
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

/** Name of the narrative API key in the secret store. */
const NARRATIVE_KEY = 'hedging.narrative.apiKey';

const TREND_MAX = 600;
const OS_USER = (() => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
})();
const DAY = 86_400_000;

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
  private seq = 0;
  private lastError = 0;

  constructor(private readonly d: HedgingDeps) {
    this.store = new HedgingStore(d.db);
    this.pstore = new PortfolioStore(d.db);
    this.cfg = this.loadConfig();
    this.records = this.store.hedges();
    this.nextReviewAt = d.now() + this.cfg.rehedgeFrequencyMs;
  }

  private loadConfig(): HedgingConfig {
    const raw = this.store.config();
    if (raw === undefined) return structuredClone(HEDGING_DEFAULTS);
    const r = HedgingConfig.safeParse({ ...HEDGING_DEFAULTS, ...(raw as object), narrative: { ...HEDGING_DEFAULTS.narrative, ...((raw as { narrative?: object }).narrative ?? {}) } });
    if (r.success) {
      // A key stored in clear by an earlier version moves into the secret store once.
      if (r.data.narrative.apiKey !== '' && this.d.secrets) {
        try {
          this.d.secrets.set(NARRATIVE_KEY, r.data.narrative.apiKey);
          r.data.narrative.apiKey = '';
          this.store.saveConfig(r.data, this.d.now());
        } catch {
          // Secret store unavailable (bad key file): keep the old row; the narrative still works.
        }
      }
      return r.data;
    }
    this.d.append({ kind: 'hedging.restore_failed', severity: 'critical', source: 'hedging', payload: { message: r.error.issues[0]?.message ?? 'invalid' } });
    return structuredClone(HEDGING_DEFAULTS);
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
    this.propose(trigger, now, trigger === 'preservation_l2' ? 0.25 : 0);
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

  private propose(trigger: HedgeProposal['trigger'], detectedAt: number, minFraction: number): StoredProposal | null {
    const now = this.d.now();
    const n = this.compute(trigger, now, minFraction);
    if (!n || n.legs.length === 0) {
      this.d.append({ kind: 'hedge.no_proposal', severity: 'warning', source: 'hedging', payload: { trigger, reason: n?.rationale ?? 'no risk snapshot yet' } });
      return null;
    }
    const ledger = this.d.portfolio.ledger;
    // The validator needs the instruments to price new options; they are stored only when traded.
    for (const i of n.instruments) if (!ledger.instruments.has(i.symbol)) ledger.addInstrument(i);
    const checks = n.orders.map((o) => {
      try {
        const c = this.d.controls.check(o, now);
        return { symbol: o.symbol, decision: c.decision, reasons: c.reasons.map((r) => `${r.code}: ${r.message}`) };
      } catch (err) {
        return { symbol: o.symbol, decision: 'deny' as const, reasons: [(err as Error).message] };
      }
    });
    const id = `HP${now.toString(36)}-${(++this.seq).toString(36)}`;
    const view: HedgeProposal = {
      id, createdAt: now, expiresAt: now + this.cfg.proposalTtlMs, status: 'pending', trigger, score: this.score!.score, threshold: this.cfg.tailRiskThreshold, scoreAfter: n.scoreAfter,
      equity: this.d.portfolio.quick().equity, tailLossBefore: n.tailLossBefore, tailLossAfter: n.tailLossAfter, totalCost: n.totalCost, budget: n.budget,
      legs: n.legs.map(legView), candidates: n.candidates.map(legView), orders: n.orders, checks, rationale: n.rationale, narrative: null, decidedAt: null, decidedBy: null, reason: null, results: [],
    };
    const stored: StoredProposal = {
      view,
      internal: {
        legs: n.legs.map((l) => ({ type: l.type, positions: l.positions, protection: l.protection, cost: l.cost, annualCarry: l.annualCarry, tenorDays: l.expiryMs ? Math.max(1, Math.round((l.expiryMs - now) / DAY)) : 30 })),
        instruments: n.instruments, detectedAt, executedAt: null, ref: n.ref,
      },
    };
    this.store.saveProposal(stored);
    this.d.append({ kind: 'hedge.proposed', severity: 'warning', source: 'hedging', payload: { id, trigger, score: view.score, scoreAfter: view.scoreAfter, cost: view.totalCost, legs: view.legs.map((l) => `${l.side} ${l.qty} ${l.symbol}`), responseMs: now - detectedAt } });
    this.pushProposals();
    if (this.cfg.narrative.enabled) this.attachNarrative(stored);
    if (this.cfg.mode === 'auto') return this.execute(stored, 'auto');
    return stored;
  }

  /** The narrative only ever adds text to an existing proposal; a failure is journaled and ignored. */
  private attachNarrative(p: StoredProposal): void {
    const facts = { score: p.view.score, threshold: p.view.threshold, scoreAfter: p.view.scoreAfter, totalCost: p.view.totalCost, tailLossBefore: p.view.tailLossBefore, tailLossAfter: p.view.tailLossAfter, legs: p.view.legs.map((l) => ({ type: l.type, symbol: l.symbol, qty: l.qty, cost: l.cost, protection: l.protection })) };
    void requestNarrative({ ...this.cfg.narrative, apiKey: this.narrativeKey() }, p.view.rationale, facts).then((r) => {
      this.guard(() => {
        if (!r.ok) {
          this.d.append({ kind: 'hedge.narrative_failed', severity: 'info', source: 'hedging', payload: { id: p.view.id, error: r.error } });
          return;
        }
        const cur = this.store.proposal(p.view.id);
        if (!cur) return;
        cur.view.narrative = r.text;
        this.store.saveProposal(cur);
        this.d.append({ kind: 'hedge.narrative_added', severity: 'debug', source: 'hedging', payload: { id: p.view.id, afterMs: this.d.now() - p.view.createdAt } });
        this.pushProposals();
      });
    });
  }

  private execute(p: StoredProposal, by: string): StoredProposal {
    const now = this.d.now();
    const { results, records } = executeProposal(this, p, now);
    this.records.push(...records);
    const filled = results.some((r) => r.status === 'filled');
    p.view.status = filled ? 'executed' : 'failed';
    p.view.decidedAt = now;
    p.view.decidedBy = by;
    p.view.results = results;
    p.internal.executedAt = filled ? now : null;
    this.store.transaction(() => {
      for (const h of records) this.store.saveHedge(h);
      this.store.saveProposal(p);
    });
    this.d.append({ kind: filled ? 'hedge.executed' : 'hedge.failed', severity: filled ? 'info' : 'warning', source: `hedging:${by}`, payload: { id: p.view.id, orders: results.map((r) => ({ status: r.status, reason: r.reason ?? null, symbol: r.fill?.symbol ?? null, qty: r.fill?.qty ?? null, price: r.fill?.price ?? null })), hedges: records.length } });
    this.pushProposals();
    this.pushStatus(now, true);
    return p;
  }

  // ---- requests ------------------------------------------------------------------------------

  private pending(id: string): StoredProposal {
    const p = this.store.proposal(id);
    if (!p) throw new RpcFailure('NOT_FOUND', `params.id: no hedge proposal ${id}`, 'params.id');
    if (p.view.status !== 'pending') throw new RpcFailure('CONFLICT', `params.id: proposal ${id} is ${p.view.status}, not pending`, 'params.id');
    if (p.view.expiresAt <= this.d.now()) {
      this.expire(p);
      throw new RpcFailure('CONFLICT', `params.id: proposal ${id} expired`, 'params.id');
    }
    return p;
  }

  approve(id: string, user = OS_USER): HedgeProposal {
    return this.execute(this.pending(id), `user:${user}`).view;
  }

  reject(id: string, reason: string, user = OS_USER): HedgeProposal {
    const p = this.pending(id);
    const now = this.d.now();
    Object.assign(p.view, { status: 'rejected', decidedAt: now, decidedBy: `user:${user}`, reason });
    this.store.saveProposal(p);
    this.d.append({ kind: 'hedge.rejected', severity: 'info', source: `user:${user}`, payload: { id, reason } });
    this.pushProposals();
    return p.view;
  }

  proposals(status: HedgeProposal['status'] | undefined, limit: number): HedgeProposal[] {
    return this.store.proposals(status, limit).map((p) => p.view);
  }

  configView(): HedgingConfigView {
    const { apiKey: _k, ...n } = this.cfg.narrative;
    return { ...this.cfg, narrative: { ...n, apiKeySet: this.narrativeKey() !== '' } };
  }

  /** The narrative key: from the secret store when there is one, else the config row (tests, no store). */
  private narrativeKey(): string {
    if (this.cfg.narrative.apiKey !== '' || !this.d.secrets) return this.cfg.narrative.apiKey;
    try {
      return this.d.secrets.reveal(NARRATIVE_KEY) ?? '';
    } catch {
      return '';
    }
  }

  setConfig(patch: HedgingConfigPatch, user = OS_USER): HedgingConfigView {
    const before = this.configView();
    const parsed = HedgingConfig.safeParse({ ...this.cfg, ...patch, narrative: { ...this.cfg.narrative, ...(patch.narrative ?? {}) } });
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const field = ['params', 'patch', ...i.path.map(String)].join('.');
      throw new RpcFailure('BAD_REQUEST', `${field}: ${i.message}`, field);
    }
    if (parsed.data.narrative.enabled && parsed.data.narrative.baseUrl === '') throw new RpcFailure('BAD_REQUEST', 'params.patch.narrative.baseUrl: required when the narrative is enabled', 'params.patch.narrative.baseUrl');
    const now = this.d.now();
    const reviewChanged = parsed.data.rehedgeFrequencyMs !== this.cfg.rehedgeFrequencyMs;
    const newKey = patch.narrative?.apiKey;
    if (newKey !== undefined && this.d.secrets) {
      // Write-only: the key lives encrypted in the secret store, never in the config row.
      if (newKey === '') this.d.secrets.delete(NARRATIVE_KEY);
      else this.d.secrets.set(NARRATIVE_KEY, newKey);
      parsed.data.narrative.apiKey = '';
    }
    this.cfg = parsed.data;
    if (reviewChanged) this.nextReviewAt = now + this.cfg.rehedgeFrequencyMs;
    this.store.saveConfig(this.cfg, now);
    const after = this.configView();
    // The key itself never reaches the journal.
    const { narrative: _n, ...logged } = patch;
    this.d.append({ kind: 'hedging.config_updated', severity: 'info', source: `user:${user}`, payload: { patch: { ...logged, ...(patch.narrative ? { narrative: { ...patch.narrative, ...(patch.narrative.apiKey !== undefined ? { apiKey: '***' } : {}) } } : {}) }, before, after } });
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
    for (const p of this.store.proposals('pending', 500)) if (p.view.expiresAt <= now) this.expire(p);
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
    if (!trimmed && s && s.score > this.cfg.tailRiskThreshold && this.store.proposals('pending', 1).length === 0) proposed = this.propose('review', now, 0)?.view.id ?? null;
    this.d.append({ kind: 'hedge.review', severity: 'info', source: 'hedging', payload: { rolled, trimmed, proposed, active: this.activeHedgeRecords().length } });
    if (rolled || trimmed) this.pushStatus(now, true);
    return { rolled, trimmed, proposed };
  }

  private expire(p: StoredProposal): void {
    p.view.status = 'expired';
    p.view.decidedAt = this.d.now();
    this.store.saveProposal(p);
    this.d.append({ kind: 'hedge.expired', severity: 'info', source: 'hedging', payload: { id: p.view.id } });
    this.pushProposals();
  }

  /** At most 1 Hz; a change (`changed`) that falls inside the second is carried by the next one-second push. */
  private pushStatus(now: number, changed: boolean): void {
    if (now - this.lastStatusPush < 1000 && !(changed && this.lastStatusPush === 0)) return;
    this.lastStatusPush = now;
    this.d.push('hedging.status', this.status(now));
  }

  private pushProposals(): void {
    this.d.push('hedging.proposals', this.proposals(undefined, 50));
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
