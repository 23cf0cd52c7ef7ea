/** Discord incoming webhook: `{content, embeds}` (content ≤ 2000 chars, embed description ≤ 4096). */
import { postHttp } from './http';
import { figures, title, truncate, type AlertMessage, type Sender } from './types';

/** Embed side-bar colour per level (decimal RGB, as Discord wants it). */
export const DISCORD_COLOR = { info: 0x3b82f6, warning: 0xf59e0b, critical: 0xef4444, emergency: 0x991b1b } as const;

export function discordPayload(m: AlertMessage, username?: string): Record<string, unknown> {
  const fields: { name: string; value: string; inline: boolean }[] = [{ name: 'Level', value: m.level, inline: true }];
  const f = figures(m);
  if (f) fields.push({ name: 'Figures', value: truncate(f, 1024), inline: true });
  return {
    content: truncate(title(m), 2000),
    ...(username ? { username } : {}),
    embeds: [
      {
        title: truncate(m.message, 256),
        description: truncate(m.mitigation ?? '', 4096),
        color: DISCORD_COLOR[m.level],
        timestamp: new Date(m.ts).toISOString(),
        fields,
        footer: { text: `Bulwark · ${m.id}` },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

export const sendDiscord: Sender = (m, cfg, secret, timeoutMs) => {
  const url = secret('webhookUrl');
  if (url === undefined) return Promise.resolve({ ok: false, error: 'webhookUrl: not set', retryable: false, response: null });
  const username = typeof cfg.username === 'string' && cfg.username !== '' ? cfg.username : undefined;
  return postHttp({ url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(discordPayload(m, username)) }, timeoutMs);
};
