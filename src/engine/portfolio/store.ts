import type { Database, Statement } from 'better-sqlite3';
import { Instrument, type Fill } from '../../shared/contract/portfolio';
import type { AccountState } from './account';
import type { NewFill } from './paper-broker';

export interface SnapshotRow {
  resolution: '1s' | '1m';
  ts: number;
  equity: number;
  dailyPnl: number;
  drawdown: number;
  hwm: number;
}

export interface Retention {
  /** How long 1-second snapshots are kept (default one day). */
  secondsMs: number;
  /** How long 1-minute snapshots are kept (default one year). */
  minutesMs: number;
}
export const DEFAULT_RETENTION: Retention = { secondsMs: 86_400_000, minutesMs: 365 * 86_400_000 };

/** The portfolio's tables. Writes that belong together (fill, position, cash) share one transaction. */
export class PortfolioStore {
  private readonly s: Record<'insInstrument' | 'upPosition' | 'delPosition' | 'insFill' | 'upCash' | 'insSnap' | 'prune' | 'getState' | 'setState' | 'fills', Statement>;

  constructor(private readonly db: Database) {
    this.s = {
      insInstrument: db.prepare('INSERT INTO instruments (symbol, kind, spec, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(symbol) DO UPDATE SET spec = excluded.spec'),
      upPosition: db.prepare('INSERT INTO positions (symbol, qty, avg_cost, realized, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(symbol) DO UPDATE SET qty = excluded.qty, avg_cost = excluded.avg_cost, realized = excluded.realized, updated_at = excluded.updated_at'),
      delPosition: db.prepare('DELETE FROM positions WHERE symbol = ?'),
      insFill: db.prepare('INSERT INTO fills (ts, symbol, side, qty, price, fee, order_id, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id'),
      upCash: db.prepare('INSERT INTO cash (currency, amount, updated_at) VALUES (?, ?, ?) ON CONFLICT(currency) DO UPDATE SET amount = excluded.amount, updated_at = excluded.updated_at'),
      insSnap: db.prepare('INSERT OR REPLACE INTO equity_snapshots (resolution, ts, equity, daily_pnl, drawdown, hwm) VALUES (?, ?, ?, ?, ?, ?)'),
      prune: db.prepare('DELETE FROM equity_snapshots WHERE resolution = ? AND ts < ?'),
      getState: db.prepare("SELECT value FROM settings WHERE key = 'portfolio.account'"),
      setState: db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('portfolio.account', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"),
      fills: db.prepare('SELECT id, ts, symbol, side, qty, price, fee, order_id AS orderId, source FROM fills ORDER BY id DESC LIMIT ?'),
    };
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT count(*) FROM instruments').pluck().get() === 0;
  }

  load(): { instruments: Instrument[]; positions: { symbol: string; qty: number; avgCost: number; realized: number }[]; cash: { currency: string; amount: number }[]; account: AccountState | undefined } {
    const instruments = (this.db.prepare('SELECT spec FROM instruments ORDER BY symbol').pluck().all() as string[]).map((s) => Instrument.parse(JSON.parse(s)));
    const positions = this.db.prepare('SELECT symbol, qty, avg_cost AS avgCost, realized FROM positions').all() as { symbol: string; qty: number; avgCost: number; realized: number }[];
    const cash = this.db.prepare('SELECT currency, amount FROM cash').all() as { currency: string; amount: number }[];
    const raw = this.s.getState.pluck().get() as string | undefined;
    return { instruments, positions, cash, account: raw ? (JSON.parse(raw) as AccountState) : undefined };
  }

  saveInstrument(i: Instrument, ts: number): void {
    this.s.insInstrument.run(i.symbol, i.kind, JSON.stringify(i), ts);
  }

  /** Stores a fill with the position and cash it left, atomically. Returns the fill with its id. */
  recordFill(f: NewFill, pos: { qty: number; avgCost: number; realized: number }, cash: { currency: string; amount: number }): Fill {
    return this.db.transaction(() => {
      const id = this.s.insFill.pluck().get(f.ts, f.symbol, f.side, f.qty, f.price, f.fee, f.orderId, f.source) as number;
      this.savePosition(f.symbol, pos, f.ts);
      this.s.upCash.run(cash.currency, cash.amount, f.ts);
      return { id, ...f };
    })();
  }

  savePosition(symbol: string, pos: { qty: number; avgCost: number; realized: number }, ts: number): void {
    if (pos.qty === 0 && pos.realized === 0) this.s.delPosition.run(symbol);
    else this.s.upPosition.run(symbol, pos.qty, pos.avgCost, pos.realized, ts);
  }

  saveCash(currency: string, amount: number, ts: number): void {
    this.s.upCash.run(currency, amount, ts);
  }

  saveAccount(a: AccountState, ts: number): void {
    this.s.setState.run(JSON.stringify(a), ts);
  }

  /** Batched: many snapshot rows in one transaction. */
  writeSnapshots(rows: SnapshotRow[]): void {
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const r of rows) this.s.insSnap.run(r.resolution, r.ts, r.equity, r.dailyPnl, r.drawdown, r.hwm);
    })();
  }

  prune(now: number, r: Retention = DEFAULT_RETENTION): void {
    this.s.prune.run('1s', now - r.secondsMs);
    this.s.prune.run('1m', now - r.minutesMs);
  }

  snapshots(resolution: '1s' | '1m', from: number, to: number): SnapshotRow[] {
    return this.db
      .prepare('SELECT resolution, ts, equity, daily_pnl AS dailyPnl, drawdown, hwm FROM equity_snapshots WHERE resolution = ? AND ts BETWEEN ? AND ? ORDER BY ts')
      .all(resolution, from, to) as SnapshotRow[];
  }

  fills(limit: number): Fill[] {
    return this.s.fills.all(limit) as Fill[];
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
