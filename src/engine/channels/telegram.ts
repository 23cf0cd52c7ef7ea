/** Telegram Bot API: `POST {base}/bot<token>/sendMessage` with `{chat_id, text, parse_mode: "HTML"}` (text ≤ 4096). */
import { postHttp } from './http';
import { cfgStr, figures, title, truncate, type AlertMessage, type Sender } from './types';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function telegramText(m: AlertMessage): string {
  const f = figures(m);
  const lines = [`<b>${esc(title(m))}</b>`, ...(f ? [esc(f)] : []), ...(m.mitigation ? [`<i>${esc(m.mitigation)}</i>`] : [])];
  return truncate(lines.join('\n'), 4096);
}

export const sendTelegram: Sender = (m, cfg, secret, timeoutMs) => {
  const token = secret('botToken');
  if (token === undefined) return Promise.resolve({ ok: false, error: 'botToken: not set', retryable: false, response: null });
  const base = cfgStr(cfg, 'baseUrl', 'https://api.telegram.org').replace(/\/+$/, '');
  const body = JSON.stringify({ chat_id: cfgStr(cfg, 'chatId'), text: telegramText(m), parse_mode: 'HTML', disable_web_page_preview: true });
  return postHttp({ url: `${base}/bot${token}/sendMessage`, headers: { 'content-type': 'application/json' }, body }, timeoutMs, (_s, text) => {
    try {
      const r = JSON.parse(text) as { ok?: unknown; description?: unknown };
      return r.ok === false ? `Telegram refused: ${typeof r.description === 'string' ? r.description : 'no reason given'}` : undefined;
    } catch {
      return undefined;
    }
  });
};
