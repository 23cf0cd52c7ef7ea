import type { Database } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  RpcFailure,
  fail,
  isMethod,
  ok,
  parseParams,
  type Heartbeat,
  type Method,
  type ParamsOf,
  type Result,
  type ResultOf,
} from '../shared/contract/index';
import { DB_FILE, openDatabase } from './db/open';
import { Journal } from './db/journal';
import { userVersion } from './db/migrate';

export interface EngineOptions {
  dataDir: string;
  version: string;
  nativeBinding?: string;
  /** Wall clock, injectable for tests. */
  now?: () => number;
  /** Pushes a topic to the host (which coalesces). */
  push: (topic: string, data: unknown) => void;
  heartbeatMs?: number;
}

type Handler<M extends Method> = (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;
type Handlers = { [M in Method]: Handler<M> };

/**
 * The engine: owns the database and every piece of live state. It runs inside a worker thread
 * (see worker.ts) but has no dependency on being in one, so tests drive it directly.
 */
export class Engine {
  readonly db: Database;
  readonly journal: Journal;
  private readonly now: () => number;
  private readonly startedMono = performance.now();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private beat = 0;
  private readonly handlers: Handlers;

  constructor(private readonly opts: EngineOptions) {
    this.now = opts.now ?? Date.now;
    this.db = openDatabase(opts);
    this.journal = new Journal(this.db, this.now);
    this.handlers = {
      'system.status': () => this.status(),
      'events.list': (p) => this.journal.list(p),
      'events.kinds': () => this.journal.kinds(),
      'events.note': (p) => this.append({ kind: 'note', severity: 'info', source: 'trader', payload: { text: p.text } }),
    };
  }

  start(): void {
    this.append({ kind: 'system.started', severity: 'info', source: 'engine', payload: { version: this.opts.version } });
    const every = this.opts.heartbeatMs ?? 1000;
    this.heartbeatTimer = setInterval(() => this.opts.push('system.heartbeat', this.heartbeat()), every);
    this.heartbeatTimer.unref();
    this.opts.push('system.heartbeat', this.heartbeat());
  }

  append(e: Parameters<Journal['append']>[0]) {
    const rec = this.journal.append(e);
    this.opts.push('events.appended', rec);
    return rec;
  }

  status(): ResultOf<'system.status'> {
    return {
      version: this.opts.version,
      schemaVersion: userVersion(this.db),
      uptimeMs: Math.round(performance.now() - this.startedMono),
      dataDir: this.opts.dataDir,
      eventCount: this.journal.size(),
    };
  }

  heartbeat(): Heartbeat {
    let dbSizeBytes = 0;
    try {
      dbSizeBytes = statSync(join(this.opts.dataDir, DB_FILE)).size;
    } catch {
      // The file can be mid-checkpoint; a missing size is not worth failing a heartbeat for.
    }
    return { ...this.status(), ts: this.now(), seq: this.beat++, dbSizeBytes, walMode: true };
  }

  /** Validates and dispatches one request. Never throws: every failure is a Result. */
  async handle(method: string, params: unknown): Promise<Result<unknown>> {
    if (!isMethod(method)) return fail('UNKNOWN_METHOD', `method: unknown method "${String(method).slice(0, 64)}"`, 'method');
    const parsed = parseParams(method, params);
    if (!parsed.ok) return parsed;
    try {
      const h = this.handlers[method] as Handler<Method>;
      return ok(await h(parsed.value as never));
    } catch (err) {
      if (err instanceof RpcFailure) return { ok: false, error: err.toRpcError() };
      return fail('INTERNAL', `${method}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  close(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    try {
      this.append({ kind: 'system.stopped', severity: 'info', source: 'engine', payload: { uptimeMs: this.status().uptimeMs } });
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
