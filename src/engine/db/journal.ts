import type { Database, Statement } from 'better-sqlite3';
import type { EventRecord, EventsPage, ParamsOf, Severity } from '../../shared/contract/index';

interface Row {
  id: number;
  ts: number;
  kind: string;
  severity: Severity;
  source: string;
  payload: string;
}

export interface NewEvent {
  kind: string;
  severity: Severity;
  source: string;
  payload?: Record<string, unknown>;
  ts?: number;
}

const toRecord = (r: Row): EventRecord => ({
  id: r.id,
  ts: r.ts,
  kind: r.kind,
  severity: r.severity,
  source: r.source,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
});

/** The append-only events journal. Statements are prepared once; paging is keyset (id) based. */
export class Journal {
  private readonly insert: Statement;
  private readonly countStmt: Statement;
  private readonly pages = new Map<string, Statement>();
  private count: number;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare(
      'INSERT INTO events (ts, kind, severity, source, payload) VALUES (?, ?, ?, ?, ?) RETURNING id, ts, kind, severity, source, payload',
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM events');
    this.count = (this.countStmt.get() as { n: number }).n;
  }

  append(e: NewEvent): EventRecord {
    const row = this.insert.get(e.ts ?? this.now(), e.kind, e.severity, e.source, JSON.stringify(e.payload ?? {})) as Row;
    this.count++;
    return toRecord(row);
  }

  /** Served from the (kind, id) index: a skip-scan over distinct keys, not the table. */
  kinds(): string[] {
    return this.db.prepare('SELECT DISTINCT kind FROM events ORDER BY kind').pluck().all() as string[];
  }

  size(): number {
    return this.count;
  }

  /** The SQL used for a page with the given filters; exposed so a test can read its query plan. */
  static pageSql(f: { before?: number | undefined; kind?: string | undefined; severity?: string | undefined }): string {
    const where: string[] = [];
    if (f.before !== undefined) where.push('id < @before');
    if (f.kind !== undefined) where.push('kind = @kind');
    if (f.severity !== undefined) where.push('severity = @severity');
    return (
      'SELECT id, ts, kind, severity, source, payload FROM events' +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY id DESC LIMIT @limit'
    );
  }

  /** Newest first. Fetches one extra row to know whether an older page exists. */
  list(p: ParamsOf<'events.list'>): EventsPage {
    const sql = Journal.pageSql(p);
    let stmt = this.pages.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.pages.set(sql, stmt);
    }
    const bind: Record<string, unknown> = { limit: p.limit + 1 };
    if (p.before !== undefined) bind.before = p.before;
    if (p.kind !== undefined) bind.kind = p.kind;
    if (p.severity !== undefined) bind.severity = p.severity;
    const rows = stmt.all(bind) as Row[];
    const more = rows.length > p.limit;
    const items = (more ? rows.slice(0, p.limit) : rows).map(toRecord);
    return { items, nextCursor: more ? items[items.length - 1].id : null };
  }
}
