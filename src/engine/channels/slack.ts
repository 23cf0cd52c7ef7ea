/** Slack incoming webhook: `{text, blocks}`; `text` is the notification fallback. */
import { postHttp } from './http';
import { figures, title, truncate, type AlertMessage, type Sender } from './types';

export function slackPayload(m: AlertMessage): Record<string, unknown> {
  const context = [`Level: *${m.level}*`, figures(m), new Date(m.ts).toISOString()].filter((x) => x !== undefined).join(' · ');
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title(m), 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(m.mitigation ? `${m.message}\n_${m.mitigation}_` : m.message, 3000) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(context, 3000) }] },
  ];
  return { text: truncate(title(m), 3000), blocks };
}

export const sendSlack: Sender = (m, _cfg, secret, timeoutMs) => {
  const url = secret('webhookUrl');
  if (url === undefined) return Promise.resolve({ ok: false, error: 'webhookUrl: not set', retryable: false, response: null });
  return postHttp({ url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(slackPayload(m)) }, timeoutMs);
};
