/**
 * SMS through the Twilio REST API (or any service speaking it): `POST {base}/2010-04-01/Accounts/{sid}/Messages.json`,
 * form-encoded `To`, `From`, `Body`, HTTP basic auth `sid:authToken`. SMS bodies are kept short (≤ 320 chars, two segments).
 */
import { postHttp } from './http';
import { cfgStr, figures, title, truncate, type AlertMessage, type Sender } from './types';

export const smsBody = (m: AlertMessage): string => truncate(['Bulwark', title(m), figures(m)].filter((x) => x !== undefined).join(' '), 320);

export const sendTwilio: Sender = (m, cfg, secret, timeoutMs) => {
  const token = secret('authToken');
  if (token === undefined) return Promise.resolve({ ok: false, error: 'authToken: not set', retryable: false, response: null });
  const sid = cfgStr(cfg, 'accountSid');
  const base = cfgStr(cfg, 'baseUrl', 'https://api.twilio.com').replace(/\/+$/, '');
  const body = new URLSearchParams({ To: cfgStr(cfg, 'to'), From: cfgStr(cfg, 'from'), Body: smsBody(m) }).toString();
  return postHttp(
    {
      url: `${base}/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}` },
      body,
    },
    timeoutMs,
  );
};
