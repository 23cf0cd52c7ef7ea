/**
 * Hedge-proposal bookkeeping: building and storing a proposal (with the validator's verdict on
 * each order), the optional narrative, execution, rejection, expiry and the proposals push.
 * Split from hedging-service.ts, which keeps the score, the signal and the schedule that decide
 * WHEN to propose; this file owns what happens to a proposal from then on. The numbers come from
 * the pure math (src/engine/hedging/propose.ts) through HedgingService.compute.
 */
import { RpcFailure, type HedgeProposal } from '../../shared/contract/index';
import { legView } from '../hedging/propose';
import { requestNarrative } from '../hedging/narrative';
import type { TailScore } from '../hedging/tail-score';
import { narrativeKey } from './hedging-config';
import { executeProposal } from './hedging-execute';
import type { HedgeRecord, StoredProposal } from './hedging-store';
import type { HedgingService } from './hedging-service';

const DAY = 86_400_000;

/** What HedgingService hands its proposal book: its public surface plus callbacks into its private state. */
export interface ProposalHost {
  readonly svc: HedgingService;
  score(): TailScore | null;
  /** New hedge records from an execution join the service's list. */
  addRecords(records: readonly HedgeRecord[]): void;
  pushStatus(now: number, changed: boolean): void;
  /** Runs fn, journaling (rate-limited) instead of throwing. */
  guard(fn: () => void): void;
}

export class HedgeProposals {
  private seq = 0;

  constructor(private readonly h: ProposalHost) {}

  propose(trigger: HedgeProposal['trigger'], detectedAt: number, minFraction: number): StoredProposal | null {
    const { svc } = this.h;
    const d = svc.deps;
    const cfg = svc.config;
    const now = d.now();
    const n = svc.compute(trigger, now, minFraction);
    if (!n || n.legs.length === 0) {
      d.append({ kind: 'hedge.no_proposal', severity: 'warning', source: 'hedging', payload: { trigger, reason: n?.rationale ?? 'no risk snapshot yet' } });
      return null;
    }
    const ledger = d.portfolio.ledger;
    // The validator needs the instruments to price new options; they are stored only when traded.
    for (const i of n.instruments) if (!ledger.instruments.has(i.symbol)) ledger.addInstrument(i);
    const checks = n.orders.map((o) => {
      try {
        const c = d.controls.check(o, now);
        return { symbol: o.symbol, decision: c.decision, reasons: c.reasons.map((r) => `${r.code}: ${r.message}`) };
      } catch (err) {
        return { symbol: o.symbol, decision: 'deny' as const, reasons: [(err as Error).message] };
      }
    });
    const id = `HP${now.toString(36)}-${(++this.seq).toString(36)}`;
    const view: HedgeProposal = {
      id, createdAt: now, expiresAt: now + cfg.proposalTtlMs, status: 'pending', trigger, score: this.h.score()!.score, threshold: cfg.tailRiskThreshold, scoreAfter: n.scoreAfter,
      equity: d.portfolio.quick().equity, tailLossBefore: n.tailLossBefore, tailLossAfter: n.tailLossAfter, totalCost: n.totalCost, budget: n.budget,
      legs: n.legs.map(legView), candidates: n.candidates.map(legView), orders: n.orders, checks, rationale: n.rationale, narrative: null, decidedAt: null, decidedBy: null, reason: null, results: [],
    };
    const stored: StoredProposal = {
      view,
      internal: {
        legs: n.legs.map((l) => ({ type: l.type, positions: l.positions, protection: l.protection, cost: l.cost, annualCarry: l.annualCarry, tenorDays: l.expiryMs ? Math.max(1, Math.round((l.expiryMs - now) / DAY)) : 30 })),
        instruments: n.instruments, detectedAt, executedAt: null, ref: n.ref,
      },
    };
    svc.store.saveProposal(stored);
    d.append({ kind: 'hedge.proposed', severity: 'warning', source: 'hedging', payload: { id, trigger, score: view.score, scoreAfter: view.scoreAfter, cost: view.totalCost, legs: view.legs.map((l) => `${l.side} ${l.qty} ${l.symbol}`), responseMs: now - detectedAt } });
    this.push();
    if (cfg.narrative.enabled) this.attachNarrative(stored);
    if (cfg.mode === 'auto') return this.execute(stored, 'auto');
    return stored;
  }

  /** The narrative only ever adds text to an existing proposal; a failure is journaled and ignored. */
  private attachNarrative(p: StoredProposal): void {
    const { svc } = this.h;
    const d = svc.deps;
    const cfg = svc.config;
    const facts = { score: p.view.score, threshold: p.view.threshold, scoreAfter: p.view.scoreAfter, totalCost: p.view.totalCost, tailLossBefore: p.view.tailLossBefore, tailLossAfter: p.view.tailLossAfter, legs: p.view.legs.map((l) => ({ type: l.type, symbol: l.symbol, qty: l.qty, cost: l.cost, protection: l.protection })) };
    void requestNarrative({ ...cfg.narrative, apiKey: narrativeKey(cfg, d.secrets) }, p.view.rationale, facts).then((r) => {
      this.h.guard(() => {
        if (!r.ok) {
          d.append({ kind: 'hedge.narrative_failed', severity: 'info', source: 'hedging', payload: { id: p.view.id, error: r.error } });
          return;
        }
        const cur = svc.store.proposal(p.view.id);
        if (!cur) return;
        cur.view.narrative = r.text;
        svc.store.saveProposal(cur);
        d.append({ kind: 'hedge.narrative_added', severity: 'debug', source: 'hedging', payload: { id: p.view.id, afterMs: d.now() - p.view.createdAt } });
        this.push();
      });
    });
  }

  execute(p: StoredProposal, by: string): StoredProposal {
    const { svc } = this.h;
    const d = svc.deps;
    const now = d.now();
    const { results, records } = executeProposal(svc, p, now);
    this.h.addRecords(records);
    const filled = results.some((r) => r.status === 'filled');
    p.view.status = filled ? 'executed' : 'failed';
    p.view.decidedAt = now;
    p.view.decidedBy = by;
    p.view.results = results;
    p.internal.executedAt = filled ? now : null;
    svc.store.transaction(() => {
      for (const h of records) svc.store.saveHedge(h);
      svc.store.saveProposal(p);
    });
    d.append({ kind: filled ? 'hedge.executed' : 'hedge.failed', severity: filled ? 'info' : 'warning', source: `hedging:${by}`, payload: { id: p.view.id, orders: results.map((r) => ({ status: r.status, reason: r.reason ?? null, symbol: r.fill?.symbol ?? null, qty: r.fill?.qty ?? null, price: r.fill?.price ?? null })), hedges: records.length } });
    this.push();
    this.h.pushStatus(now, true);
    return p;
  }

  /** The proposal, if it can still be decided (an expired one is marked so on the way). */
  pending(id: string): StoredProposal {
    const { svc } = this.h;
    const p = svc.store.proposal(id);
    if (!p) throw new RpcFailure('NOT_FOUND', `params.id: no hedge proposal ${id}`, 'params.id');
    if (p.view.status !== 'pending') throw new RpcFailure('CONFLICT', `params.id: proposal ${id} is ${p.view.status}, not pending`, 'params.id');
    if (p.view.expiresAt <= svc.deps.now()) {
      this.expire(p);
      throw new RpcFailure('CONFLICT', `params.id: proposal ${id} expired`, 'params.id');
    }
    return p;
  }

  reject(id: string, reason: string, user: string): HedgeProposal {
    const p = this.pending(id);
    const { svc } = this.h;
    const now = svc.deps.now();
    Object.assign(p.view, { status: 'rejected', decidedAt: now, decidedBy: `user:${user}`, reason });
    svc.store.saveProposal(p);
    svc.deps.append({ kind: 'hedge.rejected', severity: 'info', source: `user:${user}`, payload: { id, reason } });
    this.push();
    return p.view;
  }

  expire(p: StoredProposal): void {
    const { svc } = this.h;
    p.view.status = 'expired';
    p.view.decidedAt = svc.deps.now();
    svc.store.saveProposal(p);
    svc.deps.append({ kind: 'hedge.expired', severity: 'info', source: 'hedging', payload: { id: p.view.id } });
    this.push();
  }

  private push(): void {
    this.h.svc.deps.push('hedging.proposals', this.h.svc.proposals(undefined, 50));
  }
}
