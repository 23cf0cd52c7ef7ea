/**
 * E-mail over SMTP with nodemailer: one connection per message (alerts are rare; a pool would hold a
 * socket open for nothing). TLS: `secure` = implicit TLS (465); otherwise STARTTLS when offered
 * (`opportunistic`), demanded (`required`), or never (`off`, for a loopback relay).
 */
import { createTransport } from 'nodemailer';
import { cfgStr, plainBody, title, truncate, type Sender } from './types';

/** SMTP reply codes 5xx are permanent; 4xx and network errors may pass on a retry. */
const permanent = (e: { responseCode?: number; code?: string }): boolean => (e.responseCode !== undefined && e.responseCode >= 500) || e.code === 'EAUTH' || e.code === 'EENVELOPE';

export const sendEmail: Sender = async (m, cfg, secret, timeoutMs) => {
  const user = typeof cfg.username === 'string' && cfg.username !== '' ? cfg.username : undefined;
  const pass = secret('password');
  const startTls = cfg.startTls as 'opportunistic' | 'required' | 'off' | undefined;
  const transport = createTransport({
    host: cfgStr(cfg, 'host'),
    port: Number(cfg.port),
    secure: cfg.secure === true,
    requireTLS: startTls === 'required',
    ignoreTLS: startTls === 'off',
    ...(user !== undefined ? { auth: { user, pass: pass ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
  try {
    const info = (await transport.sendMail({
      from: cfgStr(cfg, 'from'),
      to: Array.isArray(cfg.to) ? cfg.to.filter((x): x is string => typeof x === 'string').join(', ') : cfgStr(cfg, 'to'),
      subject: truncate(`Bulwark ${title(m)}`, 200),
      text: plainBody(m),
      headers: { 'X-Bulwark-Alert-Id': m.id, 'X-Bulwark-Level': m.level },
    })) as { response?: string };
    return { ok: true, response: info.response ?? 'sent' };
  } catch (err) {
    const e = err as Error & { responseCode?: number; code?: string; response?: string };
    return { ok: false, error: `SMTP: ${e.message}`, retryable: !permanent(e), response: e.response ?? null };
  } finally {
    transport.close();
  }
};
