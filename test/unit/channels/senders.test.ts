import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sendDiscord } from '../../../src/engine/channels/discord';
import { sendEmail } from '../../../src/engine/channels/email';
import { sendSlack } from '../../../src/engine/channels/slack';
import { sendTelegram } from '../../../src/engine/channels/telegram';
import { sendTwilio } from '../../../src/engine/channels/twilio';
import type { AlertMessage } from '../../../src/engine/channels/types';
import { sendWebhook } from '../../../src/engine/channels/webhook';
import { httpSink, smtpSink, type HttpSink, type SmtpSink } from './sinks';

const ALERT: AlertMessage = {
  id: 'breaker:daily_loss#3',
  level: 'critical',
  message: 'daily loss breaker tripped <now>',
  mitigation: 'Trading restricted by the breaker; review positions.',
  metric: 'daily_loss',
  value: 0.0312,
  threshold: 0.02,
  ts: Date.UTC(2026, 0, 2, 3, 4, 5),
};
const secrets = (m: Record<string, string>) => (f: string): string | undefined => m[f];
const sinks: (HttpSink | SmtpSink)[] = [];
afterEach(async () => {
  for (const s of sinks.splice(0)) await s.close();
});
const sink = async (...a: Parameters<typeof httpSink>): Promise<HttpSink> => {
  const s = await httpSink(...a);
  sinks.push(s);
  return s;
};

describe('channel senders against a loopback HTTP sink', () => {
  it('webhook: POSTs the JSON alert with a verifiable HMAC-SHA256 signature over "<timestamp>.<body>"', async () => {
    const s = await sink();
    const r = await sendWebhook(ALERT, {}, secrets({ url: `${s.url}/hooks/risk?k=abc`, hmacSecret: 'shh-key' }), 2000);
    expect(r).toEqual({ ok: true, response: 'HTTP 200' });
    const req = s.requests[0];
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hooks/risk?k=abc');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-bulwark-timestamp']).toBe(String(ALERT.ts));
    const expected = createHmac('sha256', 'shh-key').update(`${ALERT.ts}.${req.body}`).digest('hex');
    expect(req.headers['x-bulwark-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(req.body)).toEqual({
      source: 'bulwark',
      id: 'breaker:daily_loss#3',
      level: 'critical',
      title: '[CRITICAL] daily loss breaker tripped <now>',
      message: 'daily loss breaker tripped <now>',
      mitigation: 'Trading restricted by the breaker; review positions.',
      metric: 'daily_loss',
      value: 0.0312,
      threshold: 0.02,
      summary: 'daily_loss: 0.0312 (threshold 0.02)',
      ts: '2026-01-02T03:04:05.000Z',
      test: false,
    });
  });

  it('webhook without an HMAC key sends no signature headers', async () => {
    const s = await sink();
    await sendWebhook(ALERT, {}, secrets({ url: `${s.url}/h` }), 2000);
    expect(s.requests[0].headers['x-bulwark-signature']).toBeUndefined();
  });

  it('discord: {content, embeds} with the level colour and figures; mentions disabled', async () => {
    const s = await sink(() => ({ status: 204 }));
    const r = await sendDiscord(ALERT, { username: 'Risk bot' }, secrets({ webhookUrl: `${s.url}/api/webhooks/123/tok` }), 2000);
    expect(r).toEqual({ ok: true, response: 'HTTP 204' });
    expect(s.requests[0].path).toBe('/api/webhooks/123/tok');
    const b = JSON.parse(s.requests[0].body) as { content: string; username: string; embeds: { color: number; title: string; description: string; timestamp: string; fields: { name: string; value: string }[] }[]; allowed_mentions: unknown };
    expect(b.content).toBe('[CRITICAL] daily loss breaker tripped <now>');
    expect(b.username).toBe('Risk bot');
    expect(b.embeds[0].color).toBe(15680580); // 0xef4444
    expect(b.embeds[0].description).toBe('Trading restricted by the breaker; review positions.');
    expect(b.embeds[0].timestamp).toBe('2026-01-02T03:04:05.000Z');
    expect(b.embeds[0].fields).toEqual([
      { name: 'Level', value: 'critical', inline: true },
      { name: 'Figures', value: 'daily_loss: 0.0312 (threshold 0.02)', inline: true },
    ]);
    expect(b.allowed_mentions).toEqual({ parse: [] });
  });

  it('slack: {text, blocks} with header, section and context', async () => {
    const s = await sink(() => ({ status: 200, body: 'ok' }));
    await sendSlack(ALERT, {}, secrets({ webhookUrl: `${s.url}/services/T0/B0/XYZ` }), 2000);
    expect(s.requests[0].path).toBe('/services/T0/B0/XYZ');
    const b = JSON.parse(s.requests[0].body) as { text: string; blocks: { type: string; text?: { type: string; text: string }; elements?: { text: string }[] }[] };
    expect(b.text).toBe('[CRITICAL] daily loss breaker tripped <now>');
    expect(b.blocks.map((x) => x.type)).toEqual(['header', 'section', 'context']);
    expect(b.blocks[0].text).toEqual({ type: 'plain_text', text: '[CRITICAL] daily loss breaker tripped <now>' });
    expect(b.blocks[1].text?.text).toBe('daily loss breaker tripped <now>\n_Trading restricted by the breaker; review positions._');
    expect(b.blocks[2].elements?.[0].text).toBe('Level: *critical* · daily_loss: 0.0312 (threshold 0.02) · 2026-01-02T03:04:05.000Z');
  });

  it('telegram: POST {base}/bot<token>/sendMessage with chat_id, HTML text (escaped) and parse_mode', async () => {
    const s = await sink(() => ({ status: 200, body: '{"ok":true,"result":{"message_id":1}}' }));
    const r = await sendTelegram(ALERT, { chatId: '-100123', baseUrl: `${s.url}/` }, secrets({ botToken: '123456:ABC-def' }), 2000);
    expect(r.ok).toBe(true);
    expect(s.requests[0].path).toBe('/bot123456:ABC-def/sendMessage');
    expect(JSON.parse(s.requests[0].body)).toEqual({
      chat_id: '-100123',
      text: '<b>[CRITICAL] daily loss breaker tripped &lt;now&gt;</b>\ndaily_loss: 0.0312 (threshold 0.02)\n<i>Trading restricted by the breaker; review positions.</i>',
      parse_mode: 'HTML',
      disable_web_page_preview: true,
    });
  });

  it('telegram: a 200 with {ok:false} and a 401 are refusals that retrying cannot fix', async () => {
    const s = await sink((n) => (n === 0 ? { status: 200, body: '{"ok":false,"description":"Bad Request: chat not found"}' } : { status: 401, body: '{"ok":false,"description":"Unauthorized"}' }));
    const a = await sendTelegram(ALERT, { chatId: '1', baseUrl: s.url }, secrets({ botToken: '1:x' }), 2000);
    expect(a).toEqual({ ok: false, error: 'Telegram refused: Bad Request: chat not found', retryable: false, response: 'HTTP 200' });
    const b = await sendTelegram(ALERT, { chatId: '1', baseUrl: s.url }, secrets({ botToken: '1:x' }), 2000);
    expect(b).toMatchObject({ ok: false, retryable: false, response: 'HTTP 401', error: 'HTTP 401: {"ok":false,"description":"Unauthorized"}' });
  });

  it('twilio: form-encoded To/From/Body to /2010-04-01/Accounts/{sid}/Messages.json with basic auth sid:token', async () => {
    const s = await sink(() => ({ status: 201, body: '{"sid":"SM1"}' }));
    const sid = `AC${'0123456789abcdef'.repeat(2)}`;
    const r = await sendTwilio(ALERT, { accountSid: sid, from: '+15550001111', to: '+447700900123', baseUrl: s.url }, secrets({ authToken: 'tw-token-1' }), 2000);
    expect(r).toEqual({ ok: true, response: 'HTTP 201' });
    const req = s.requests[0];
    expect(req.path).toBe(`/2010-04-01/Accounts/${sid}/Messages.json`);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Buffer.from(String(req.headers.authorization).replace(/^Basic /, ''), 'base64').toString()).toBe(`${sid}:tw-token-1`);
    const form = new URLSearchParams(req.body);
    expect(form.get('To')).toBe('+447700900123');
    expect(form.get('From')).toBe('+15550001111');
    expect(form.get('Body')).toBe('Bulwark [CRITICAL] daily loss breaker tripped <now> daily_loss: 0.0312 (threshold 0.02)');
  });

  it('a 503 is retryable and honours Retry-After; a refused connection is retryable with a cause, not the URL', async () => {
    const s = await sink(() => ({ status: 503, body: 'busy', headers: { 'retry-after': '2' } }));
    const r = await sendSlack(ALERT, {}, secrets({ webhookUrl: `${s.url}/x` }), 2000);
    expect(r).toEqual({ ok: false, error: 'HTTP 503: busy', retryable: true, response: 'HTTP 503', retryAfterMs: 2000 });
    const port = Number(new URL(s.url).port);
    await s.close();
    sinks.pop();
    const dead = await sendSlack(ALERT, {}, secrets({ webhookUrl: `http://127.0.0.1:${port}/secret-path-T0K3N` }), 2000);
    expect(dead).toMatchObject({ ok: false, retryable: true, response: null });
    expect(!dead.ok && dead.error).toMatch(/^request failed: ECONNREFUSED/);
    expect(!dead.ok && dead.error).not.toContain('T0K3N');
  });
});

describe('e-mail over SMTP against a loopback smtp-server', () => {
  it('authenticates with the stored password and delivers MAIL FROM / RCPT TO / subject / body', async () => {
    const s = await smtpSink('alerts@desk', 'smtp-pass-42');
    sinks.push(s);
    const cfg = { host: '127.0.0.1', port: s.port, secure: false, startTls: 'off', username: 'alerts@desk', from: 'bulwark@desk.example', to: ['risk@desk.example', 'cro@desk.example'] };
    const r = await sendEmail(ALERT, cfg, secrets({ password: 'smtp-pass-42' }), 5000);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(s.auths).toEqual([{ user: 'alerts@desk', pass: 'smtp-pass-42', ok: true }]);
    expect(s.mails).toHaveLength(1);
    const m = s.mails[0];
    expect(m.from).toBe('bulwark@desk.example');
    expect(m.to).toEqual(['risk@desk.example', 'cro@desk.example']);
    expect(m.user).toBe('alerts@desk');
    expect(m.data).toMatch(/^Subject: Bulwark \[CRITICAL\] daily loss breaker tripped <now>$/m);
    expect(m.data).toMatch(/^X-Bulwark-Level: critical$/m);
    expect(m.data).toMatch(/^Content-Transfer-Encoding: quoted-printable$/m);
    // Undo quoted-printable: soft line breaks, then =XX bytes (UTF-8).
    const qp = m.data.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/=\r\n/g, '');
    const body = Buffer.from(qp.replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    expect(body).toBe(
      'daily loss breaker tripped <now>\r\ndaily_loss: 0.0312 (threshold 0.02)\r\nAction: Trading restricted by the breaker; review positions.\r\nLevel: critical · 2026-01-02T03:04:05.000Z · id breaker:daily_loss#3\r\n',
    );
  });

  it('a wrong password is a permanent failure (no retry) and the error does not contain the password', async () => {
    const s = await smtpSink('u', 'right-password');
    sinks.push(s);
    const r = await sendEmail(ALERT, { host: '127.0.0.1', port: s.port, startTls: 'off', username: 'u', from: 'a@b.c', to: ['d@e.f'] }, secrets({ password: 'wrong-password' }), 5000);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.retryable).toBe(false);
    expect(!r.ok && r.error).toMatch(/^SMTP: Invalid login/);
    expect(!r.ok && r.error).not.toContain('wrong-password');
    expect(s.mails).toHaveLength(0);
  });
});
