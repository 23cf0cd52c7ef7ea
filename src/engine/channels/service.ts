/**
 * Alert channels in the engine: the `channels.*` requests, the table, the secrets and the dispatcher.
 * Channel settings go to `alert_channels`; secret fields go to the encrypted secret store under
 * `channel:<id>:<field>` and are never returned, journaled or logged.
 */
import type { Database, Statement } from 'better-sqlite3';
import { RpcFailure } from '../../shared/contract/errors';
import { REQUIRED_SECRETS, SECRET_FIELDS, type ChannelKind, type ChannelLevel, type ChannelSetParams, type ChannelTestResult, type ChannelView } from '../../shared/contract/channels';
import type { NewEvent } from '../db/journal';
import { SecretError } from '../secrets/cipher';
import type { SecretStore } from '../secrets/store';
import { ChannelDispatcher, type DispatcherOptions } from './dispatcher';
import type { AlertMessage, ChannelRecord, Sender } from './types';

interface Row {
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: number;
  min_level: ChannelLevel;
  config: string;
  updated_at: number;
}

export interface ChannelsDeps {
  db: Database;
  secrets: SecretStore;
  append: (e: NewEvent) => void;
  now: () => number;
  options?: DispatcherOptions;
  senders?: Readonly<Record<ChannelKind, Sender>>;
}

/** What the controls hand over when an alert should notify. */
export interface RaisedAlert {
  id: string;
  level: ChannelLevel;
  message: string;
  mitigation?: string;
  metric?: string;
  value?: number;
  threshold?: number;
}

const secretName = (id: string, field: string): string => `channel:${id}:${field}`;

export class ChannelsService {
  readonly dispatcher: ChannelDispatcher;
  private cache: ChannelRecord[];
  private readonly stmts: { all: Statement; upsert: Statement; del: Statement };

  constructor(private readonly d: ChannelsDeps) {
    this.stmts = {
      all: d.db.prepare('SELECT id, kind, name, enabled, min_level, config, updated_at FROM alert_channels ORDER BY created_at, id'),
      upsert: d.db.prepare(
        `INSERT INTO alert_channels (id, kind, name, enabled, min_level, config, created_at, updated_at) VALUES (@id, @kind, @name, @enabled, @minLevel, @config, @now, @now)
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, enabled = excluded.enabled, min_level = excluded.min_level, config = excluded.config, updated_at = excluded.updated_at`,
      ),
      del: d.db.prepare('DELETE FROM alert_channels WHERE id = ?'),
    };
    this.cache = this.load();
    this.dispatcher = new ChannelDispatcher({
      ...d.options,
      ...(d.senders ? { senders: d.senders } : {}),
      channels: () => this.cache,
      secret: (id, field) => d.secrets.reveal(secretName(id, field)),
      now: d.now,
      onFailure: (ch, error, attempts) =>
        d.append({ kind: 'channel.delivery_failed', severity: 'warning', source: 'channels', payload: { id: ch.id, name: ch.name, kind: ch.kind, attempts, error } }),
    });
  }

  private load(): ChannelRecord[] {
    return (this.stmts.all.all() as Row[]).map((r) => {
      const c = JSON.parse(r.config) as { ratePerMinute: number; maxAttempts: number; settings: Record<string, unknown> };
      return { id: r.id, kind: r.kind, name: r.name, enabled: r.enabled === 1, minLevel: r.min_level, ratePerMinute: c.ratePerMinute, maxAttempts: c.maxAttempts, config: c.settings, updatedAt: r.updated_at };
    });
  }

  private view(ch: ChannelRecord): ChannelView {
    const secrets: ChannelView['secrets'] = {};
    for (const f of SECRET_FIELDS[ch.kind]) secrets[f] = this.d.secrets.hint(secretName(ch.id, f));
    return { ...ch, config: ch.config as ChannelView['config'], secrets, status: this.dispatcher.status(ch.id) };
  }

  list(): ChannelView[] {
    return this.cache.map((c) => this.view(c));
  }

  private find(id: string): ChannelRecord {
    const ch = this.cache.find((c) => c.id === id);
    if (!ch) throw new RpcFailure('NOT_FOUND', `params.id: no channel "${id}"`, 'params.id');
    return ch;
  }

  private nextId(): string {
    const n = this.cache.reduce((m, c) => Math.max(m, Number(/^ch-(\d+)$/.exec(c.id)?.[1] ?? 0)), 0);
    return `ch-${n + 1}`;
  }

  set(p: ChannelSetParams): ChannelView {
    const existing = p.id === undefined ? undefined : this.find(p.id);
    if (existing && existing.kind !== p.kind) throw new RpcFailure('CONFLICT', `params.kind: channel ${existing.id} is a ${existing.kind} channel; remove it and add a new one to change its kind`, 'params.kind');
    const id = existing?.id ?? this.nextId();
    const section = { ...(p[p.kind] as Record<string, unknown>) };
    // Secret fields: undefined keeps the stored value, '' clears it, anything else replaces it.
    const writes: [string, string | null][] = [];
    for (const f of SECRET_FIELDS[p.kind]) {
      const v = section[f];
      delete section[f];
      if (typeof v === 'string') writes.push([f, v === '' ? null : v]);
    }
    for (const f of REQUIRED_SECRETS[p.kind] as readonly string[]) {
      const w = writes.find(([k]) => k === f);
      const willHave = w ? w[1] !== null : this.d.secrets.hint(secretName(id, f)).hasSecret && existing !== undefined;
      if (!willHave) throw new RpcFailure('BAD_REQUEST', `params.${p.kind}.${f}: required`, `params.${p.kind}.${f}`);
    }
    if (p.kind === 'email' && section.username !== undefined && section.username !== '') {
      const w = writes.find(([k]) => k === 'password');
      const has = w ? w[1] !== null : existing !== undefined && this.d.secrets.hint(secretName(id, 'password')).hasSecret;
      if (!has) throw new RpcFailure('BAD_REQUEST', 'params.email.password: required when a username is set', 'params.email.password');
    }
    const now = this.d.now();
    const config = JSON.stringify({ ratePerMinute: p.ratePerMinute, maxAttempts: p.maxAttempts, settings: section });
    try {
      this.d.db.transaction(() => {
        this.stmts.upsert.run({ id, kind: p.kind, name: p.name, enabled: p.enabled ? 1 : 0, minLevel: p.minLevel, config, now });
        for (const [f, v] of writes) {
          if (v === null) this.d.secrets.delete(secretName(id, f));
          else this.d.secrets.set(secretName(id, f), v);
        }
      })();
    } catch (err) {
      if (err instanceof SecretError) throw new RpcFailure('UNAVAILABLE', `secret store: ${err.message}`);
      throw err;
    }
    this.cache = this.load();
    // The journal gets the non-secret settings and which secret fields changed, never their values.
    this.d.append({
      kind: existing ? 'channel.updated' : 'channel.created',
      severity: 'info',
      source: 'trader',
      payload: { id, kind: p.kind, name: p.name, enabled: p.enabled, minLevel: p.minLevel, ratePerMinute: p.ratePerMinute, maxAttempts: p.maxAttempts, settings: section, secretsChanged: writes.map(([f]) => f) },
    });
    return this.view(this.find(id));
  }

  remove(id: string): { removed: string } {
    const ch = this.find(id);
    this.d.db.transaction(() => {
      this.stmts.del.run(id);
      this.d.secrets.delete(`channel:${id}`);
    })();
    this.dispatcher.forget(id);
    this.cache = this.load();
    this.d.append({ kind: 'channel.removed', severity: 'info', source: 'trader', payload: { id, kind: ch.kind, name: ch.name } });
    return { removed: id };
  }

  async test(id: string): Promise<ChannelTestResult> {
    const ch = this.find(id);
    const now = this.d.now();
    const r = await this.dispatcher.test(ch, {
      id: `test-${now}`,
      level: 'info',
      message: `Test message from Bulwark to "${ch.name}"`,
      mitigation: 'No action needed: this confirms the channel works.',
      ts: now,
      test: true,
    });
    this.d.append({ kind: 'channel.tested', severity: r.ok ? 'info' : 'warning', source: 'trader', payload: { id, name: ch.name, kind: ch.kind, ok: r.ok, response: r.response, error: r.error } });
    return r;
  }

  /** Hook for the controls: an alert that should notify now. Returns at once. */
  notify(a: RaisedAlert, ts: number): void {
    const m: AlertMessage = { id: a.id, level: a.level, message: a.message, ts };
    if (a.mitigation !== undefined) m.mitigation = a.mitigation;
    if (a.metric !== undefined) m.metric = a.metric;
    if (a.value !== undefined) m.value = a.value;
    if (a.threshold !== undefined) m.threshold = a.threshold;
    this.dispatcher.dispatch(m);
  }

  close(): void {
    this.dispatcher.close();
  }
}
