import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import type { ChannelView, Result } from '../../src/shared/contract/index';
import { httpSink, smtpSink, type HttpSink, type SmtpSink } from '../unit/channels/sinks';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-channels-'));
const sinks: (HttpSink | SmtpSink)[] = [];
let engine: Engine | undefined;
let mainHook: HttpSink | undefined;
afterAll(async () => {
  await engine?.close();
  for (const s of sinks) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const make = (opts: { secretKey?: string } = {}): Engine =>
  new Engine({ dataDir: dir, version: 't', push: () => {}, seedDemo: true, channels: { baseDelayMs: 20, timeoutMs: 2000 }, ...opts });
const val = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};
async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const SID = `AC${'f'.repeat(32)}`;

describe('escalation reaches the channels', () => {
  it('a critical limit breach left unacknowledged for 15 min goes out again as emergency', async () => {
    const d2 = mkdtempSync(join(tmpdir(), 'bulwark-channels-esc-'));
    const hook = await httpSink();
    sinks.push(hook);
    let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
    const e = new Engine({ dataDir: d2, version: 't', push: () => {}, seedDemo: true, now: () => clock, channels: { baseDelayMs: 20 } });
    try {
      val(await e.handle('channels.set', { kind: 'webhook', name: 'Escalations', minLevel: 'emergency', webhook: { url: `${hook.url}/esc` } }));
      val(await e.handle('limits.set', { patch: { maxPositions: 3 } }));
      e.controls.everySecond(clock); // critical: below this channel's level
      clock += 15 * 60_000 + 1000;
      e.controls.everySecond(clock); // unacknowledged 15 min → emergency
      await until(() => e.channels.list()[0].status.sent === 1, 3000, 'escalation delivered');
      expect(hook.requests).toHaveLength(1);
      expect(JSON.parse(hook.requests[0].body)).toMatchObject({ id: 'limit:maxPositions#1', level: 'emergency', message: 'maxPositions limit breached', ts: new Date(clock).toISOString() });
    } finally {
      await e.close();
      rmSync(d2, { recursive: true, force: true });
    }
  });
});

describe('alert channels through the engine', () => {
  it('validates, stores secrets encrypted, never returns or journals them, and delivers a limit breach to a webhook', async () => {
    const hook = await httpSink();
    sinks.push(hook);
    mainHook = hook;
    engine = make();
    const e = engine;

    // Validation names the field and the reason.
    const bad = async (params: unknown): Promise<string> => {
      const r = await e.handle('channels.set', params);
      if (r.ok) throw new Error('accepted');
      return r.error.message;
    };
    expect(await bad({ kind: 'telegram', name: 'tg', telegram: { botToken: '1:a' } })).toBe('params.telegram.chatId: required');
    expect(await bad({ kind: 'webhook', name: 'w', webhook: {} })).toBe('params.webhook.url: required');
    expect(await bad({ kind: 'webhook', name: 'w', webhook: { url: 'http://example.com/x' } })).toBe('params.webhook.url: must be an https:// URL (http:// only for 127.0.0.1/localhost)');
    expect(await bad({ kind: 'webhook', name: 'w' })).toBe('params.webhook: required for a webhook channel');
    expect(await bad({ kind: 'webhook', name: 'w', webhook: { url: 'https://a.b/c' }, slack: {} })).toBe('params.slack: not allowed for a webhook channel');
    expect(await bad({ kind: 'twilio', name: 't', twilio: { accountSid: 'AC1', authToken: 'x', from: '+15550001111', to: '+15550002222' } })).toBe('params.twilio.accountSid: must be AC followed by 32 hex digits');
    expect(await bad({ kind: 'email', name: 'm', email: { host: 'h', port: 25, from: 'a@b.c', to: [] } })).toBe('params.email.to: needs at least one address');
    expect(await bad({ kind: 'email', name: 'm', email: { host: 'h', port: 25, from: 'a@b.c', to: ['x@y.z'], username: 'u' } })).toBe('params.email.password: required when a username is set');
    expect(await bad({ id: 'ch-9', kind: 'slack', name: 's', slack: {} })).toBe('params.id: no channel "ch-9"');

    const url = `${hook.url}/hooks/T0KEN-abcdef-123456`;
    const created = val<ChannelView>(await e.handle('channels.set', { kind: 'webhook', name: 'Risk hook', minLevel: 'critical', ratePerMinute: 30, webhook: { url, hmacSecret: 'hmac-key-987654' } }));
    expect(created).toMatchObject({ id: 'ch-1', kind: 'webhook', enabled: true, minLevel: 'critical', ratePerMinute: 30, maxAttempts: 4, config: {} });
    expect(created.secrets).toEqual({ url: { hasSecret: true, hint: '••••3456' }, hmacSecret: { hasSecret: true, hint: '••••7654' } });

    // The clear values are nowhere: not in replies, the journal, or the database file.
    const listed = val<ChannelView[]>(await e.handle('channels.list', {}));
    const events = JSON.stringify(val(await e.handle('events.list', { limit: 500 })));
    for (const text of [JSON.stringify(listed), events]) {
      expect(text).not.toContain('T0KEN-abcdef');
      expect(text).not.toContain('hmac-key-987654');
    }
    expect(events).toContain('"secretsChanged":["url","hmacSecret"]');
    e.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(dir, 'bulwark.db')).toString('latin1');
    expect(file).not.toContain('T0KEN-abcdef');
    expect(file).not.toContain('hmac-key-987654');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);

    // Test button: one message now, counted in the status.
    const t = val<{ ok: boolean; response: string }>(await e.handle('channels.test', { id: 'ch-1' }));
    expect(t).toMatchObject({ ok: true, attempts: 1, response: 'HTTP 200', error: null });
    expect(hook.requests[0].path).toBe('/hooks/T0KEN-abcdef-123456');
    expect(JSON.parse(hook.requests[0].body)).toMatchObject({ level: 'info', test: true, message: 'Test message from Bulwark to "Risk hook"' });

    // A limit breach raised by the controls reaches the sink (critical ≥ the channel's minLevel).
    val(await e.handle('limits.set', { patch: { maxPositions: 3 } }));
    e.controls.everySecond(Date.now());
    await until(() => hook.requests.some((r) => r.body.includes('maxPositions limit breached')), 3000, 'limit alert at the sink');
    const got = JSON.parse(hook.requests.find((r) => r.body.includes('maxPositions limit breached'))!.body) as Record<string, unknown>;
    expect(got).toMatchObject({ source: 'bulwark', level: 'critical', metric: 'maxPositions', threshold: 3, test: false, id: 'limit:maxPositions#1' });
    expect(got.value).toBe(e.portfolio.positions().length);
    // Lower-level alerts (the feed-stale warning of a market-less engine) were filtered out.
    expect(hook.requests.every((r) => !r.body.includes('"level":"warning"'))).toBe(true);
    await until(() => e.channels.list()[0].status.sent === 2, 3000, 'delivery recorded');
    const status = val<ChannelView[]>(await e.handle('channels.list', {}))[0].status;
    expect(status).toMatchObject({ sent: 2, failed: 0, dropped: 0, lastError: null });
  });

  it('an update without secret fields keeps them; a restart keeps channel and secrets; the wrong key fails clearly', async () => {
    const e = engine!;
    const hook = mainHook!;
    const upd = val<ChannelView>(await e.handle('channels.set', { id: 'ch-1', kind: 'webhook', name: 'Renamed', minLevel: 'warning', webhook: {} }));
    expect(upd).toMatchObject({ id: 'ch-1', name: 'Renamed', minLevel: 'warning' });
    expect(upd.secrets.url.hasSecret).toBe(true);
    expect(await e.handle('channels.set', { id: 'ch-1', kind: 'slack', name: 'x', slack: {} })).toMatchObject({ ok: false, error: { field: 'params.kind' } });
    // Clearing the required URL is refused.
    expect(await e.handle('channels.set', { id: 'ch-1', kind: 'webhook', name: 'x', webhook: { url: '' } })).toMatchObject({ ok: false, error: { message: 'params.webhook.url: required' } });

    await e.close();
    engine = make();
    const n = hook.requests.length;
    expect(val<{ ok: boolean }>(await engine.handle('channels.test', { id: 'ch-1' })).ok).toBe(true);
    expect(hook.requests).toHaveLength(n + 1);
    await engine.close();

    // Another master key (e.g. a sealed desktop key that did not come along): a clear error, nothing crashes.
    engine = make({ secretKey: Buffer.alloc(32, 1).toString('base64') });
    const r = val<{ ok: boolean; error: string }>(await engine.handle('channels.test', { id: 'ch-1' }));
    expect(r).toMatchObject({ ok: false, attempts: 1, error: 'secret "channel:ch-1:url": cannot be decrypted (wrong master key, or the stored value was altered); set it again' });
    expect(hook.requests).toHaveLength(n + 1);
    const list = val<ChannelView[]>(await engine.handle('channels.list', {}));
    expect(list[0].status).toMatchObject({ failed: 1, lastError: r.error });
    await engine.close();
    engine = make();
  });

  it('every kind end to end: set through the API, then Test delivers to its loopback sink', async () => {
    const e = engine!;
    const http = await httpSink((_n, req) => (req.path.includes('/bot') ? { status: 200, body: '{"ok":true}' } : { status: 200, body: '{}' }));
    const smtp = await smtpSink('desk', 'mail-pass-1');
    sinks.push(http, smtp);
    const defs = [
      { kind: 'discord', name: 'Discord', discord: { webhookUrl: `${http.url}/api/webhooks/1/disc-token-1` } },
      { kind: 'slack', name: 'Slack', slack: { webhookUrl: `${http.url}/services/T/B/slack-token-1` } },
      { kind: 'telegram', name: 'Telegram', telegram: { botToken: '42:tg-token-1', chatId: '@risk_desk', baseUrl: http.url } },
      { kind: 'twilio', name: 'SMS', twilio: { accountSid: SID, authToken: 'twilio-token-1', from: '+15550001111', to: '+15550002222', baseUrl: http.url } },
      { kind: 'email', name: 'Mail', email: { host: '127.0.0.1', port: smtp.port, startTls: 'off', username: 'desk', password: 'mail-pass-1', from: 'bulwark@x.io', to: ['risk@x.io'] } },
    ];
    for (const d of defs) {
      const v = val<ChannelView>(await e.handle('channels.set', d));
      const t = val<{ ok: boolean; error: string | null }>(await e.handle('channels.test', { id: v.id }));
      expect(t.error, d.kind).toBeNull();
      expect(t.ok).toBe(true);
    }
    expect(http.requests.map((r) => r.path)).toEqual(['/api/webhooks/1/disc-token-1', '/services/T/B/slack-token-1', '/bot42:tg-token-1/sendMessage', `/2010-04-01/Accounts/${SID}/Messages.json`]);
    expect(Buffer.from(String(http.requests[3].headers.authorization).slice(6), 'base64').toString()).toBe(`${SID}:twilio-token-1`);
    expect(smtp.auths).toEqual([{ user: 'desk', pass: 'mail-pass-1', ok: true }]);
    expect(smtp.mails[0].to).toEqual(['risk@x.io']);
    const views = val<ChannelView[]>(await e.handle('channels.list', {}));
    expect(views.map((v) => `${v.kind}:${v.status.sent}`)).toEqual(['webhook:0', 'discord:1', 'slack:1', 'telegram:1', 'twilio:1', 'email:1']);
    expect(views.find((v) => v.kind === 'telegram')!.config).toEqual({ chatId: '@risk_desk', baseUrl: http.url });
    expect(views.find((v) => v.kind === 'email')!.secrets).toEqual({ password: { hasSecret: true, hint: '••••ss-1' } });
    const text = JSON.stringify(views) + JSON.stringify(val(await e.handle('events.list', { limit: 500 })));
    for (const s of ['disc-token-1', 'slack-token-1', 'tg-token-1', 'twilio-token-1', 'mail-pass-1']) expect(text).not.toContain(s);

    // Removing a channel removes its secrets.
    val(await e.handle('channels.remove', { id: 'ch-2' }));
    const db = new Database(join(dir, 'bulwark.db'), { readonly: true });
    const names = (db.prepare('SELECT name FROM secrets ORDER BY name').pluck().all() as string[]).filter((x) => x.startsWith('channel:ch-2:'));
    db.close();
    expect(names).toEqual([]);
    expect(await e.handle('channels.remove', { id: 'ch-2' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'params.id' } });
  });
});
