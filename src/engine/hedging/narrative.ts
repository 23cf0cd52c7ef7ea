/**
 * Optional narrative for a proposal from an OpenAI-compatible endpoint (`POST {baseUrl}/chat/completions`).
 * Off by default. It only ever adds text: the caller attaches it after the proposal exists, so a
 * slow, failing or garbled endpoint can neither block nor change a proposal. Every failure resolves
 * to `{ ok: false, error }`; this function never throws.
 */

export interface NarrativeConfig {
  baseUrl: string;
  model: string;
  apiKey: string;
  timeoutMs: number;
}

export type NarrativeResult = { ok: true; text: string } | { ok: false; error: string };

const MAX_CHARS = 4000;

export async function requestNarrative(cfg: NarrativeConfig, rationale: string, facts: Record<string, unknown>): Promise<NarrativeResult> {
  if (!cfg.baseUrl) return { ok: false, error: 'baseUrl: not configured' };
  const url = `${cfg.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), cfg.timeoutMs);
  try {
    const res = await fetch(url, {
      method: 'POST',
      signal: ctl.signal,
      headers: { 'content-type': 'application/json', ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}) },
      body: JSON.stringify({
        model: cfg.model || 'default',
        temperature: 0.2,
        max_tokens: 400,
        messages: [
          { role: 'system', content: 'You explain a portfolio hedge proposal to a trader in plain language, in at most 120 words. Use only the numbers given; do not invent figures or recommend other trades.' },
          { role: 'user', content: `${rationale}\n\nFacts: ${JSON.stringify(facts)}` },
        ],
      }),
    });
    const raw = await res.text();
    if (!res.ok) return { ok: false, error: `HTTP ${res.status}: ${raw.slice(0, 200)}` };
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return { ok: false, error: 'response: not JSON' };
    }
    const text = (body as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
    if (typeof text !== 'string' || text.trim() === '') return { ok: false, error: 'response: choices[0].message.content missing' };
    return { ok: true, text: text.trim().slice(0, MAX_CHARS) };
  } catch (err) {
    return { ok: false, error: ctl.signal.aborted ? `timeout after ${cfg.timeoutMs} ms` : `request failed: ${(err as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}
