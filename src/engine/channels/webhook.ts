/**
 * Generic webhook: POST application/json. With an HMAC key the request carries
 * `X-Bulwark-Timestamp: <ms>` and `X-Bulwark-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`,
 * so a receiver can check origin and refuse replays of old requests.
 */
import { createHmac } from 'node:crypto';
import { postHttp } from './http';
import { figures, title, type AlertMessage, type Sender } from './types';

export function webhookPayload(m: AlertMessage): Record<string, unknown> {
  return {
    source: 'bulwark',
    id: m.id,
    level: m.level,
    title: title(m),
    message: m.message,
    mitigation: m.mitigation ?? null,
    metric: m.metric ?? null,
    value: m.value ?? null,
    threshold: m.threshold ?? null,
    summary: figures(m) ?? null,
    ts: new Date(m.ts).toISOString(),
    test: m.test === true,
  };
}

export const signBody = (key: string, timestamp: string, body: string): string => `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;

export const sendWebhook: Sender = (m, _cfg, secret, timeoutMs) => {
  const url = secret('url');
  if (url === undefined) return Promise.resolve({ ok: false, error: 'url: not set', retryable: false, response: null });
  const body = JSON.stringify(webhookPayload(m));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = secret('hmacSecret');
  if (key !== undefined && key !== '') {
    const ts = String(m.ts);
    headers['x-bulwark-timestamp'] = ts;
    headers['x-bulwark-signature'] = signBody(key, ts, body);
  }
  return postHttp({ url, headers, body }, timeoutMs);
};
