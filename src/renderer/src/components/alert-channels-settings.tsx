// Settings → Alert channels: the table of channels with delivery status, an add/edit form per kind,
// and a Test button. Secret fields are write-only: the form shows whether one is set (and its last
// characters), never its value; leaving a secret field empty keeps the stored one.
import { useCallback, useEffect, useState } from 'react';
import type { ChannelKind, ChannelLevel, ChannelTestResult, ChannelView, ParamsIn } from '../../../shared/contract/index';
import { ApiError, call } from '../api';
import { fmtDateTime } from '../format';

type FieldType = 'text' | 'number' | 'checkbox' | 'list' | 'startTls';
interface Field {
  key: string;
  label: string;
  type?: FieldType;
  secret?: boolean;
  placeholder?: string;
  optional?: boolean;
}

const KINDS: { id: ChannelKind; label: string; fields: Field[] }[] = [
  {
    id: 'webhook',
    label: 'Webhook',
    fields: [
      { key: 'url', label: 'URL', secret: true, placeholder: 'https://example.com/hooks/…' },
      { key: 'hmacSecret', label: 'HMAC signing key', secret: true, optional: true, placeholder: 'optional: signs X-Bulwark-Signature' },
    ],
  },
  {
    id: 'discord',
    label: 'Discord',
    fields: [
      { key: 'webhookUrl', label: 'Webhook URL', secret: true, placeholder: 'https://discord.com/api/webhooks/…' },
      { key: 'username', label: 'Bot name', optional: true, placeholder: 'optional' },
    ],
  },
  { id: 'slack', label: 'Slack', fields: [{ key: 'webhookUrl', label: 'Webhook URL', secret: true, placeholder: 'https://hooks.slack.com/services/…' }] },
  {
    id: 'telegram',
    label: 'Telegram',
    fields: [
      { key: 'botToken', label: 'Bot token', secret: true, placeholder: '123456:ABC-def…' },
      { key: 'chatId', label: 'Chat id', placeholder: '-1001234567890 or @channel' },
      { key: 'baseUrl', label: 'API base URL', optional: true, placeholder: 'https://api.telegram.org' },
    ],
  },
  {
    id: 'twilio',
    label: 'SMS (Twilio)',
    fields: [
      { key: 'accountSid', label: 'Account SID', placeholder: 'AC…' },
      { key: 'authToken', label: 'Auth token', secret: true },
      { key: 'from', label: 'From', placeholder: '+15551234567' },
      { key: 'to', label: 'To', placeholder: '+15557654321' },
      { key: 'baseUrl', label: 'API base URL', optional: true, placeholder: 'https://api.twilio.com' },
    ],
  },
  {
    id: 'email',
    label: 'E-mail (SMTP)',
    fields: [
      { key: 'host', label: 'SMTP host', placeholder: 'smtp.example.com' },
      { key: 'port', label: 'Port', type: 'number', placeholder: '587' },
      { key: 'secure', label: 'Implicit TLS (port 465)', type: 'checkbox' },
      { key: 'startTls', label: 'STARTTLS', type: 'startTls' },
      { key: 'username', label: 'Username', optional: true },
      { key: 'password', label: 'Password', secret: true, optional: true },
      { key: 'from', label: 'From', placeholder: 'bulwark@example.com' },
      { key: 'to', label: 'To (comma-separated)', type: 'list', placeholder: 'risk@example.com' },
    ],
  },
];
const LEVELS: ChannelLevel[] = ['info', 'warning', 'critical', 'emergency'];
const kindOf = (k: ChannelKind) => KINDS.find((x) => x.id === k) ?? KINDS[0];

interface Form {
  id?: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  minLevel: ChannelLevel;
  ratePerMinute: number;
  maxAttempts: number;
  values: Record<string, string | boolean>;
}

const blank = (kind: ChannelKind = 'webhook'): Form => ({ kind, name: '', enabled: true, minLevel: 'warning', ratePerMinute: 10, maxAttempts: 4, values: kind === 'email' ? { port: '587', startTls: 'opportunistic', secure: false } : {} });

function fromView(v: ChannelView): Form {
  const values: Form['values'] = {};
  for (const [k, x] of Object.entries(v.config)) values[k] = typeof x === 'boolean' ? x : Array.isArray(x) ? x.join(', ') : String(x);
  return { id: v.id, kind: v.kind, name: v.name, enabled: v.enabled, minLevel: v.minLevel, ratePerMinute: v.ratePerMinute, maxAttempts: v.maxAttempts, values };
}

/** The kind's section for channels.set: empty secrets are left out (kept), empty optional fields too. */
function toParams(f: Form): ParamsIn<'channels.set'> {
  const section: Record<string, unknown> = {};
  for (const fd of kindOf(f.kind).fields) {
    const v = f.values[fd.key];
    if (fd.type === 'checkbox') section[fd.key] = v === true;
    else if (typeof v !== 'string' || v.trim() === '') continue;
    else if (fd.type === 'number') section[fd.key] = Number(v);
    else if (fd.type === 'list') section[fd.key] = v.split(',').map((s) => s.trim()).filter(Boolean);
    else section[fd.key] = v.trim();
  }
  const base = { kind: f.kind, name: f.name, enabled: f.enabled, minLevel: f.minLevel, ratePerMinute: f.ratePerMinute, maxAttempts: f.maxAttempts, [f.kind]: section };
  return f.id ? { ...base, id: f.id } : base;
}

function StatusCell({ v }: { v: ChannelView }) {
  const s = v.status;
  const cls = s.lastErrorAt !== null && (s.lastOkAt === null || s.lastErrorAt > s.lastOkAt) ? 'pill pill-warn' : s.sent > 0 ? 'pill pill-ok' : 'pill';
  return (
    <span className={cls} data-testid="channel-status" title={s.lastError ?? undefined}>
      sent {s.sent} · failed {s.failed} · dropped {s.dropped}
      {s.queued > 0 ? ` · queued ${s.queued}` : ''}
    </span>
  );
}

function LastCell({ v }: { v: ChannelView }) {
  const s = v.status;
  const errLater = s.lastErrorAt !== null && (s.lastOkAt === null || s.lastErrorAt > s.lastOkAt);
  if (errLater) return <span className="channel-error">{`${fmtDateTime(s.lastErrorAt ?? 0)} ${s.lastError ?? ''}`}</span>;
  if (s.lastOkAt !== null) return <span className="mono">{`ok ${fmtDateTime(s.lastOkAt)}${s.lastAttempts !== null && s.lastAttempts > 1 ? ` (${s.lastAttempts} attempts)` : ''}`}</span>;
  return <span className="muted">never</span>;
}

export function AlertChannelsSettings() {
  const [channels, setChannels] = useState<ChannelView[]>([]);
  const [form, setForm] = useState<Form | undefined>();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();
  const [tests, setTests] = useState<Record<string, ChannelTestResult | 'running'>>({});

  const refresh = useCallback(async (): Promise<void> => {
    try {
      setChannels(await call('channels.list', {}));
    } catch (e) {
      setMsg({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    // Delivery status changes in the background (retries, rate limit): keep the table current.
    const t = setInterval(() => void refresh(), 3000);
    return () => clearInterval(t);
  }, [refresh]);

  const save = async (): Promise<void> => {
    if (!form) return;
    try {
      const v = await call('channels.set', toParams(form));
      setMsg({ ok: true, text: `${v.name} saved` });
      setForm(undefined);
      await refresh();
    } catch (e) {
      setMsg({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  };

  const test = async (v: ChannelView): Promise<void> => {
    setTests((t) => ({ ...t, [v.id]: 'running' }));
    try {
      const r = await call('channels.test', { id: v.id });
      setTests((t) => ({ ...t, [v.id]: r }));
    } catch (e) {
      setTests((t) => ({ ...t, [v.id]: { ok: false, attempts: 0, durationMs: 0, response: null, error: e instanceof ApiError ? e.message : String(e) } }));
    }
    await refresh();
  };

  const remove = async (v: ChannelView): Promise<void> => {
    try {
      await call('channels.remove', { id: v.id });
      setMsg({ ok: true, text: `${v.name} removed` });
      await refresh();
    } catch (e) {
      setMsg({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  };

  const editing = form ? channels.find((c) => c.id === form.id) : undefined;
  const setValue = (k: string, v: string | boolean): void => setForm((f) => (f ? { ...f, values: { ...f.values, [k]: v } } : f));

  return (
    <section className="panel" aria-label="Alert channels">
      <div className="panel-head">
        <h2>Alert channels</h2>
        <span className="muted">alerts at or above each channel's level, with retries and a rate limit; secrets are stored encrypted</span>
        <button className="btn" onClick={() => setForm(blank())} disabled={form !== undefined}>
          Add channel
        </button>
      </div>
      {msg && <div className={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</div>}
      <table className="grid" aria-label="Alert channel list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            <th>Level</th>
            <th>Rate</th>
            <th>Delivery</th>
            <th className="wide">Last</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {channels.length === 0 && (
            <tr>
              <td className="empty" colSpan={7}>No alert channels: alerts show in the app only.</td>
            </tr>
          )}
          {channels.map((v) => {
            const t = tests[v.id];
            return (
              <tr key={v.id} data-testid="channel-row" className={v.enabled ? undefined : 'channel-off'}>
                <td>{v.name}</td>
                <td>{kindOf(v.kind).label}</td>
                <td>{v.minLevel}+</td>
                <td className="num">{v.ratePerMinute}/min</td>
                <td><StatusCell v={v} /></td>
                <td className="wide">
                  <LastCell v={v} />
                  {t !== undefined && (
                    <div className={t === 'running' ? 'muted' : t.ok ? 'form-ok' : 'form-error'} role="status" data-testid="channel-test-result">
                      {t === 'running' ? 'Sending test…' : t.ok ? `Test delivered: ${t.response ?? 'ok'} in ${t.durationMs} ms` : `Test failed: ${t.error ?? 'unknown error'}`}
                    </div>
                  )}
                </td>
                <td>
                  <div className="channel-actions">
                    <button className="btn" onClick={() => void test(v)} disabled={t === 'running'}>Test</button>
                    <button className="btn btn-ghost" onClick={() => setForm(fromView(v))}>Edit</button>
                    <button className="btn btn-ghost" onClick={() => void remove(v)}>Remove</button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {form && (
        <form
          className="channel-form"
          aria-label={form.id ? `Edit ${form.name}` : 'New alert channel'}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="settings-grid">
            <label>
              <span className="field-label">Kind</span>
              <select className="input" aria-label="Channel kind" value={form.kind} disabled={form.id !== undefined} onChange={(e) => setForm({ ...blank(e.target.value as ChannelKind), name: form.name })}>
                {KINDS.map((k) => (
                  <option key={k.id} value={k.id}>{k.label}</option>
                ))}
              </select>
            </label>
            <label>
              <span className="field-label">Name</span>
              <input className="input" aria-label="Channel name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </label>
            <label>
              <span className="field-label">Minimum level</span>
              <select className="input" aria-label="Minimum level" value={form.minLevel} onChange={(e) => setForm({ ...form, minLevel: e.target.value as ChannelLevel })}>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>{l}</option>
                ))}
              </select>
            </label>
            <label>
              <span className="field-label">Alerts per minute</span>
              <input className="input input-sm" type="number" min={1} max={600} aria-label="Alerts per minute" value={form.ratePerMinute} onChange={(e) => setForm({ ...form, ratePerMinute: Number(e.target.value) })} />
            </label>
            <label>
              <span className="field-label">Attempts</span>
              <input className="input input-sm" type="number" min={1} max={8} aria-label="Attempts" value={form.maxAttempts} onChange={(e) => setForm({ ...form, maxAttempts: Number(e.target.value) })} />
            </label>
            <label className="check">
              <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
              Enabled
            </label>
          </div>
          <div className="settings-grid">
            {kindOf(form.kind).fields.map((fd) => {
              const v = form.values[fd.key];
              if (fd.type === 'checkbox')
                return (
                  <label key={fd.key} className="check">
                    <input type="checkbox" checked={v === true} onChange={(e) => setValue(fd.key, e.target.checked)} />
                    {fd.label}
                  </label>
                );
              if (fd.type === 'startTls')
                return (
                  <label key={fd.key}>
                    <span className="field-label">{fd.label}</span>
                    <select className="input" aria-label={fd.label} value={typeof v === 'string' ? v : 'opportunistic'} onChange={(e) => setValue(fd.key, e.target.value)}>
                      <option value="opportunistic">when offered</option>
                      <option value="required">required</option>
                      <option value="off">off (loopback relay)</option>
                    </select>
                  </label>
                );
              const hint = fd.secret ? editing?.secrets[fd.key] : undefined;
              const placeholder = fd.secret && hint?.hasSecret ? `set (${hint.hint ?? '••••'}), leave empty to keep` : fd.placeholder;
              return (
                <label key={fd.key} className="channel-field">
                  <span className="field-label">
                    {fd.label}
                    {fd.secret && <span className={hint?.hasSecret ? 'secret-set' : 'secret-unset'}>{hint?.hasSecret ? ' · set' : ' · not set'}</span>}
                  </span>
                  <input
                    className="input mono"
                    aria-label={fd.label}
                    type={fd.secret ? 'password' : fd.type === 'number' ? 'number' : 'text'}
                    autoComplete="off"
                    placeholder={placeholder}
                    value={typeof v === 'string' ? v : ''}
                    onChange={(e) => setValue(fd.key, e.target.value)}
                  />
                </label>
              );
            })}
          </div>
          <div className="btn-row">
            <button className="btn" type="submit">Save channel</button>
            <button className="btn btn-ghost" type="button" onClick={() => setForm(undefined)}>Cancel</button>
          </div>
        </form>
      )}
    </section>
  );
}
