import type { ChannelKind, ChannelLevel } from '../../shared/contract/channels';

/** One alert as the channels see it. */
export interface AlertMessage {
  id: string;
  level: ChannelLevel;
  message: string;
  mitigation?: string;
  metric?: string;
  value?: number;
  threshold?: number;
  /** Wall-clock ms when it was raised. */
  ts: number;
  /** A user-requested test message (Settings → Test). */
  test?: boolean;
}

/** A stored channel with its non-secret config; secrets are fetched at send time. */
export interface ChannelRecord {
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  minLevel: ChannelLevel;
  ratePerMinute: number;
  maxAttempts: number;
  config: Record<string, unknown>;
  updatedAt: number;
}

/** What one delivery attempt produced. `retryable` false: a retry cannot help (bad token, bad request). */
export type AttemptOutcome = { ok: true; response: string } | { ok: false; error: string; retryable: boolean; response: string | null; retryAfterMs?: number };

/** A sender for one channel kind: one attempt, no retries (the dispatcher owns those). */
export type Sender = (msg: AlertMessage, cfg: Record<string, unknown>, secret: (field: string) => string | undefined, timeoutMs: number) => Promise<AttemptOutcome>;

export const LEVEL_RANK: Readonly<Record<ChannelLevel, number>> = { info: 0, warning: 1, critical: 2, emergency: 3 };

/** One-line title, e.g. "[CRITICAL] daily loss breaker tripped". */
export const title = (m: AlertMessage): string => `${m.test ? '[TEST] ' : ''}[${m.level.toUpperCase()}] ${m.message}`;

const num = (x: number): string => (Math.abs(x) >= 1000 || x === 0 ? x.toLocaleString('en-US', { maximumFractionDigits: 2 }) : Number(x.toPrecision(4)).toString());

/** "metric: value 0.031 vs threshold 0.02", when the alert carries figures. */
export function figures(m: AlertMessage): string | undefined {
  if (m.value === undefined || m.threshold === undefined) return undefined;
  return `${m.metric ?? 'value'}: ${num(m.value)} (threshold ${num(m.threshold)})`;
}

/** Plain-text body shared by e-mail and SMS. */
export function plainBody(m: AlertMessage): string {
  return [m.message, figures(m), m.mitigation ? `Action: ${m.mitigation}` : undefined, `Level: ${m.level} · ${new Date(m.ts).toISOString()} · id ${m.id}`].filter((x) => x !== undefined).join('\n');
}

export const truncate = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** A string setting from a stored config (validated on the way in; the fallback covers older rows). */
export const cfgStr = (cfg: Record<string, unknown>, key: string, fallback = ''): string => {
  const v = cfg[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;
};
