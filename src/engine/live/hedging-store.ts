/** Persistence of the hedging config, proposals and hedge legs (migration 0110). */
import type { Database, Statement } from 'better-sqlite3';
import type { ActiveHedge, HedgeProposal, HedgingConfig, Instrument } from '../../shared/contract/index';
import type { BookPosition } from '../risk/book';

/** What a proposal keeps beyond its public view: per leg, the positions it trades. */
export interface ProposalInternal {
  legs: { type: ActiveHedge['type']; positions: { symbol: string; qty: number; book: BookPosition }[]; protection: number; cost: number; annualCarry: number; tenorDays: number }[];
  instruments: Instrument[];
  detectedAt: number;
  executedAt: number | null;
  ref: string | null;
}

export interface StoredProposal {
  view: HedgeProposal;
  internal: ProposalInternal;
}

/** A hedge leg as held: one traded symbol with its fills. */
export interface HedgeRecord extends ActiveHedge {
  /** Fees paid on the opening fills (USD). */
  fees: number;
  /** Carry per year charged while open (perp funding, inverse decay), USD. */
  annualCarry: number;
  /** Days of protection the premium buys (options), for the annualised drag. */
  tenorDays: number;
  multiplier: number;
  closedAt: number | null;
  /** P&L realised when the leg was closed or rolled. */
  realized: number;
}

export class HedgingStore {
  private readonly getCfg: Statement;
  private readonly putCfg: Statement;
  private readonly putProposal: Statement;
  private readonly listAll: Statement;
  private readonly listStatus: Statement;
  private readonly getProposal: Statement;
  private readonly putHedge: Statement;
  private readonly listHedges: Statement;

  constructor(private readonly db: Database) {
    this.getCfg = db.prepare('SELECT value FROM hedging_config WHERE id = 1');
    this.putCfg = db.prepare('INSERT INTO hedging_config (id, value, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
    this.putProposal = db.prepare(
      'INSERT INTO hedge_proposals (id, created_at, status, detected_at, executed_at, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, executed_at = excluded.executed_at, body = excluded.body',
    );
    this.listAll = db.prepare('SELECT body FROM hedge_proposals ORDER BY created_at DESC, id DESC LIMIT ?');
    this.listStatus = db.prepare('SELECT body FROM hedge_proposals WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?');
    this.getProposal = db.prepare('SELECT body FROM hedge_proposals WHERE id = ?');
    this.putHedge = db.prepare('INSERT INTO hedges (id, proposal_id, status, opened_at, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body');
    this.listHedges = db.prepare('SELECT body FROM hedges ORDER BY opened_at, id');
  }

  config(): unknown {
    const row = this.getCfg.get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  saveConfig(c: HedgingConfig, now: number): void {
    this.putCfg.run(JSON.stringify(c), now);
  }

  saveProposal(p: StoredProposal): void {
    this.putProposal.run(p.view.id, p.view.createdAt, p.view.status, p.internal.detectedAt, p.internal.executedAt, JSON.stringify(p));
  }

  proposals(status: string | undefined, limit: number): StoredProposal[] {
    const rows = (status ? this.listStatus.all(status, limit) : this.listAll.all(limit)) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as StoredProposal);
  }

  proposal(id: string): StoredProposal | undefined {
    const row = this.getProposal.get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as StoredProposal) : undefined;
  }

  saveHedge(h: HedgeRecord): void {
    this.putHedge.run(h.id, h.proposalId, h.status, h.openedAt, JSON.stringify(h));
  }

  hedges(): HedgeRecord[] {
    return (this.listHedges.all() as { body: string }[]).map((r) => JSON.parse(r.body) as HedgeRecord);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
