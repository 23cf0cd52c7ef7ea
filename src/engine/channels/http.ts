/**
 * One HTTP POST with a timeout. Errors never echo the request URL or body (both can hold secrets);
 * the caller redacts any secret that might still appear in a message.
 */
import type { AttemptOutcome } from './types';

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** 408 and 429 and 5xx are worth retrying; other 4xx mean the request itself is wrong. */
const retryableStatus = (s: number): boolean => s === 408 || s === 429 || s >= 500;

function retryAfterMs(h: string | null): number | undefined {
  if (h === null) return undefined;
  const s = Number(h);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

export async function postHttp(req: HttpRequest, timeoutMs: number, accept: (status: number, body: string) => string | undefined = () => undefined): Promise<AttemptOutcome> {
  let res: Response;
  try {
    res = await fetch(req.url, { method: 'POST', headers: { 'user-agent': 'Bulwark-alerts/1', ...req.headers }, body: req.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, error: `request failed: ${why}`, retryable: true, response: null };
  }
  const text = (await res.text().catch(() => '')).slice(0, 300);
  const response = `HTTP ${res.status}`;
  if (res.ok) {
    // Some APIs (Telegram) answer 200 with {ok:false}: the kind decides.
    const refusal = accept(res.status, text);
    return refusal === undefined ? { ok: true, response } : { ok: false, error: refusal, retryable: false, response };
  }
  const ra = retryAfterMs(res.headers.get('retry-after'));
  return { ok: false, error: `${response}${text ? `: ${text.replace(/\s+/g, ' ').trim()}` : ''}`, retryable: retryableStatus(res.status), response, ...(ra !== undefined ? { retryAfterMs: ra } : {}) };
}
