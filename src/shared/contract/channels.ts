import { z } from 'zod';

/**
 * Alert channels: where alerts go besides the app (webhook, Discord, Slack, Telegram, Twilio SMS,
 * e-mail). Secret fields (tokens, webhook URLs that embed a key, passwords) are write-only: `set`
 * accepts them, no reply ever contains them; views carry `{hasSecret, hint}` instead.
 */
export const CHANNEL_KINDS = ['webhook', 'discord', 'slack', 'telegram', 'twilio', 'email'] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;

export const ChannelLevel = z.enum(['info', 'warning', 'critical', 'emergency']);
export type ChannelLevel = z.infer<typeof ChannelLevel>;

const req = (what: string) => ({ error: (iss: { input: unknown }) => (iss.input === undefined ? 'required' : `must be ${what}`) });

const isLoopback = (host: string): boolean => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
/** https:// anywhere; plain http:// only to this machine (test sinks, local relays): secrets travel in these requests. */
const urlCheck = (s: string): boolean => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname));
  } catch {
    return false;
  }
};
const URL_RULE = 'must be an https:// URL (http:// only for 127.0.0.1/localhost)';
const httpUrl = z.string(req('a URL')).trim().max(2048).refine(urlCheck, URL_RULE);
/** A URL that embeds a key (webhooks): secret, write-only; '' clears it. */
const secretUrl = z.string('must be a string').trim().max(2048).refine((s) => s === '' || urlCheck(s), URL_RULE);
const secret = z.string('must be a string').max(4096, 'too long (max 4096 characters)');
const email = z.string(req('an e-mail address')).trim().max(320).regex(/^[^\s@<>]+@[^\s@<>]+$/, 'must be an e-mail address');

/** Secret fields per kind (write-only). */
export const SECRET_FIELDS = {
  webhook: ['url', 'hmacSecret'],
  discord: ['webhookUrl'],
  slack: ['webhookUrl'],
  telegram: ['botToken'],
  twilio: ['authToken'],
  email: ['password'],
} as const satisfies Record<ChannelKind, readonly string[]>;
/** Secret fields a channel cannot work without (checked on create, or when the stored one is missing). */
export const REQUIRED_SECRETS = {
  webhook: ['url'],
  discord: ['webhookUrl'],
  slack: ['webhookUrl'],
  telegram: ['botToken'],
  twilio: ['authToken'],
  email: [],
} as const satisfies Record<ChannelKind, readonly string[]>;

export const WebhookConfig = z
  .object({
    url: secretUrl.optional(),
    /** HMAC-SHA256 key: when set, requests carry `X-Bulwark-Signature: sha256=<hex>`. */
    hmacSecret: secret.optional(),
  })
  .strict();
export const DiscordConfig = z.object({ webhookUrl: secretUrl.optional(), username: z.string().trim().max(80).optional() }).strict();
export const SlackConfig = z.object({ webhookUrl: secretUrl.optional() }).strict();
export const TelegramConfig = z
  .object({
    botToken: secret.regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC-def').optional(),
    chatId: z.string(req('a chat id')).trim().regex(/^(-?\d+|@[A-Za-z0-9_]{5,})$/, 'must be a numeric chat id or @channelname'),
    baseUrl: httpUrl.default('https://api.telegram.org'),
  })
  .strict();
const phone = z.string(req('a phone number')).trim().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +15551234567');
export const TwilioConfig = z
  .object({
    accountSid: z.string(req('an account SID')).trim().regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits'),
    authToken: secret.optional(),
    from: phone,
    to: phone,
    baseUrl: httpUrl.default('https://api.twilio.com'),
  })
  .strict();
export const EmailConfig = z
  .object({
    host: z.string(req('a host name')).trim().min(1, 'required').max(253),
    port: z.number(req('a port number')).int('must be an integer').min(1).max(65535),
    /** Implicit TLS from the first byte (port 465); otherwise STARTTLS per `startTls`. */
    secure: z.boolean().default(false),
    startTls: z.enum(['opportunistic', 'required', 'off']).default('opportunistic'),
    username: z.string().trim().max(320).optional(),
    password: secret.optional(),
    from: email,
    to: z.array(email, req('a list of addresses')).min(1, 'needs at least one address').max(20),
  })
  .strict();

const kindSections = {
  webhook: WebhookConfig.optional(),
  discord: DiscordConfig.optional(),
  slack: SlackConfig.optional(),
  telegram: TelegramConfig.optional(),
  twilio: TwilioConfig.optional(),
  email: EmailConfig.optional(),
};

export const ChannelSetParams = z
  .object({
    /** Absent: create. Present: replace that channel's settings (secrets left out are kept). */
    id: z.string().regex(/^ch-[a-z0-9]{1,24}$/, 'must be a channel id such as ch-1').optional(),
    kind: ChannelKind,
    name: z.string(req('a name')).trim().min(1, 'required').max(80),
    enabled: z.boolean().default(true),
    minLevel: ChannelLevel.default('warning'),
    /** Token bucket: this many alerts per minute, bursting up to the same number. */
    ratePerMinute: z.number().int().min(1).max(600).default(10),
    /** Attempts per alert (1 = no retry), with exponential backoff and jitter between them. */
    maxAttempts: z.number().int().min(1).max(8).default(4),
    ...kindSections,
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p[p.kind] === undefined) ctx.addIssue({ code: 'custom', path: [p.kind], message: `required for a ${p.kind} channel` });
    for (const k of CHANNEL_KINDS) if (k !== p.kind && p[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: `not allowed for a ${p.kind} channel` });
  });
export type ChannelSetParams = z.infer<typeof ChannelSetParams>;

export const SecretHint = z.object({ hasSecret: z.boolean(), hint: z.string().nullable() });

export const ChannelStatus = z.object({
  sent: z.number().int(),
  failed: z.number().int(),
  /** Rate-limited or pushed out of a full queue. */
  dropped: z.number().int(),
  queued: z.number().int(),
  lastOkAt: z.number().nullable(),
  lastErrorAt: z.number().nullable(),
  lastError: z.string().nullable(),
  /** Attempts the last delivery took. */
  lastAttempts: z.number().int().nullable(),
});
export type ChannelStatus = z.infer<typeof ChannelStatus>;

export const ChannelView = z.object({
  id: z.string(),
  kind: ChannelKind,
  name: z.string(),
  enabled: z.boolean(),
  minLevel: ChannelLevel,
  ratePerMinute: z.number().int(),
  maxAttempts: z.number().int(),
  /** The kind's non-secret settings. */
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  /** Each secret field: whether it is set, and a masked hint. */
  secrets: z.record(z.string(), SecretHint),
  status: ChannelStatus,
  updatedAt: z.number(),
});
export type ChannelView = z.infer<typeof ChannelView>;

export const ChannelTestResult = z.object({
  ok: z.boolean(),
  attempts: z.number().int(),
  durationMs: z.number(),
  /** HTTP status (HTTP channels) or SMTP response line (e-mail), when the far end answered. */
  response: z.string().nullable(),
  error: z.string().nullable(),
});
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;

const channelId = z.object({ id: z.string(req('a channel id')).min(1, 'required').max(32) }).strict();

export const channelsRequests = {
  /** Every channel without its secrets, with delivery status. */
  'channels.list': { params: z.object({}).strict(), result: z.array(ChannelView) },
  /** Creates or updates a channel; secret fields are write-only. Journaled without secrets. */
  'channels.set': { params: ChannelSetParams, result: ChannelView },
  'channels.remove': { params: channelId, result: z.object({ removed: z.string() }) },
  /** Sends a test message now (one attempt, ignores level and rate limit) and returns the outcome. */
  'channels.test': { params: channelId, result: ChannelTestResult },
} as const;
