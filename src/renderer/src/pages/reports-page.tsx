// Risk reports: generate a PDF/XLSX/CSV for a date range (progress from the `reports.progress` topic),
// the list of generated reports with a Download action, and the daily schedule. A download goes
// through `reports.read` (base64 → Blob → <a download>), the same in a browser and on the desktop,
// where Electron shows its save dialog for it.
import { useCallback, useEffect, useState } from 'react';
import type { ReportFile, ReportFormat, ReportProgress, ReportsSchedule } from '../../../shared/contract/index';
import { ReportProgress as ProgressSchema } from '../../../shared/contract/reports';
import { call, getTransport } from '../api';
import { errText } from '../components/controls-ui';
import { fmtBytes, fmtDateTime } from '../format';

const FORMATS: { id: ReportFormat; label: string; help: string }[] = [
  { id: 'pdf', label: 'PDF', help: 'Risk pack: cover, charts and tables' },
  { id: 'xlsx', label: 'XLSX', help: 'One sheet per table, typed numbers' },
  { id: 'csv', label: 'CSV', help: 'All tables in one file with a table column' },
];

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * The report period as ISO dates (yyyy-mm-dd, UTC days), typed rather than picked: the native date
 * picker shows the OS locale's MM/DD/YYYY in an otherwise ISO/UTC app. Returns the first problem,
 * naming the field, or undefined.
 */
export function dateRangeError(from: string, to: string): string | undefined {
  const bad = (field: string, v: string): string | undefined => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (!m) return `${field}: must be a date written yyyy-mm-dd`;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return `${field}: ${v} is not a calendar date`;
    return undefined;
  };
  const e = bad('From', from) ?? bad('To', to);
  if (e) return e;
  if (from > to) return `To: must not be before From (${from})`;
  return undefined;
}

/** Client-side checks mirror the engine's (which stays the authority and names the field too). */
export function scheduleError(s: ReportsSchedule): string | undefined {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.timeUtc)) return 'Time: must be a UTC time written HH:MM (00:00 to 23:59)';
  if (s.folder !== '' && !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(s.folder)) return 'Folder: must be an absolute path, or empty for the default folder';
  return undefined;
}

function download(name: string, mime: string, base64: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the browser reads the blob asynchronously after the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function Generate({ onDone }: { onDone: () => void }) {
  const [from, setFrom] = useState(todayUtc);
  const [to, setTo] = useState(todayUtc);
  const [busy, setBusy] = useState<ReportFormat | undefined>();
  const [progress, setProgress] = useState<ReportProgress | undefined>();
  const [result, setResult] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(
    () =>
      getTransport().onPush((topic, data) => {
        if (topic !== 'reports.progress') return;
        const p = ProgressSchema.safeParse(data);
        if (p.success) setProgress(p.data);
      }),
    [],
  );

  const run = async (format: ReportFormat): Promise<void> => {
    setBusy(format);
    setError(undefined);
    setResult(undefined);
    setProgress({ id: '', stage: 'starting', pct: 0, format });
    try {
      const r = await call('reports.export', { format, from, to });
      setProgress({ id: r.id, stage: 'done', pct: 100, format, name: r.name });
      setResult(`${r.name} · ${fmtBytes(r.bytes)}${r.pages ? ` · ${r.pages} pages` : ''} · ${(r.ms / 1000).toFixed(1)} s`);
      onDone();
    } catch (e) {
      setError(errText(e));
      setProgress(undefined);
    } finally {
      setBusy(undefined);
    }
  };

  const pct = progress ? Math.round(progress.pct) : 0;
  const rangeError = dateRangeError(from, to);
  return (
    <section className="panel" aria-label="Generate a report">
      <div className="panel-head">
        <h2 className="panel-title">Generate</h2>
        <span className="muted">End-of-day risk report for UTC trading days (the period includes both dates).</span>
      </div>
      <div className="report-form">
        <label className="field">
          <span className="field-label">From (UTC)</span>
          <input className="input input-date num" value={from} placeholder="yyyy-mm-dd" maxLength={10} spellCheck={false} onChange={(e) => setFrom(e.target.value.trim())} aria-invalid={rangeError?.startsWith('From') ?? false} aria-describedby={rangeError ? 'report-range-error' : undefined} data-testid="report-from" />
        </label>
        <label className="field">
          <span className="field-label">To (UTC)</span>
          <input className="input input-date num" value={to} placeholder="yyyy-mm-dd" maxLength={10} spellCheck={false} onChange={(e) => setTo(e.target.value.trim())} aria-invalid={rangeError?.startsWith('To') ?? false} aria-describedby={rangeError ? 'report-range-error' : undefined} data-testid="report-to" />
        </label>
        {FORMATS.map((f) => (
          <button key={f.id} className={f.id === 'pdf' ? 'btn btn-primary' : 'btn'} disabled={busy !== undefined || rangeError !== undefined} title={f.help} onClick={() => void run(f.id)} data-testid={`report-${f.id}`}>
            {busy === f.id ? `${f.label}…` : `Generate ${f.label}`}
          </button>
        ))}
      </div>
      {rangeError && (
        <div id="report-range-error" className="form-error" role="alert" data-testid="report-range-error">
          {rangeError}
        </div>
      )}
      {progress && (
        <div className="report-progress" aria-live="polite">
          <div className="report-bar" role="progressbar" aria-label="Report progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="report-progress">
            <div className="report-bar-fill" style={{ width: `${pct}%` }} />
          </div>
          <span className="num report-pct" data-testid="report-progress-pct">
            {pct}%
          </span>
          <span className="muted">{progress.stage}</span>
        </div>
      )}
      {result && (
        <div className="form-ok" data-testid="report-result">
          Written: {result}
        </div>
      )}
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}

function ReportList({ items, folder, error, onDownload }: { items: ReportFile[] | undefined; folder: string; error: string | undefined; onDownload: (f: ReportFile) => void }) {
  return (
    <section className="panel panel-fill" aria-label="Generated reports">
      <div className="panel-head">
        <h2 className="panel-title">Reports</h2>
        <span className="muted mono path">{folder}</span>
      </div>
      {error && <div className="form-error">{error}</div>}
      <div className="table-wrap">
        <table className="grid" data-testid="report-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Format</th>
              <th className="num">Size</th>
              <th>Created (UTC)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items?.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  No reports yet.
                </td>
              </tr>
            )}
            {items?.map((f) => (
              <tr key={f.path} data-testid="report-row">
                <td className="mono">{f.name}</td>
                <td>{f.format.toUpperCase()}</td>
                <td className="num">{fmtBytes(f.bytes)}</td>
                <td className="num">{fmtDateTime(f.createdAt)}</td>
                <td>
                  <button className="btn btn-sm" onClick={() => onDownload(f)} aria-label={`Download ${f.name}`}>
                    Download
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Schedule() {
  const [s, setS] = useState<ReportsSchedule | undefined>();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();

  useEffect(() => {
    call('settings.get', {}).then(
      (v) => setS(v.reports.schedule),
      (e: unknown) => setMsg({ ok: false, text: errText(e) }),
    );
  }, []);

  if (!s) return null;
  const invalid = scheduleError(s);
  const save = async (): Promise<void> => {
    if (invalid) return;
    try {
      const v = await call('settings.set', { reports: { schedule: s } });
      setS(v.reports.schedule);
      setMsg({ ok: true, text: v.reports.schedule.enabled ? `Saved: a ${v.reports.schedule.format.toUpperCase()} report daily at ${v.reports.schedule.timeUtc} UTC.` : 'Saved: schedule off.' });
    } catch (e) {
      setMsg({ ok: false, text: errText(e) });
    }
  };
  return (
    <section className="panel" aria-label="Report schedule">
      <div className="panel-head">
        <h2 className="panel-title">Daily schedule</h2>
        <span className="muted">Writes the day's report once a day at the set UTC time (or at start-up, if the time has passed).</span>
      </div>
      <div className="report-form">
        <label className="field field-inline">
          <input type="checkbox" checked={s.enabled} onChange={(e) => setS({ ...s, enabled: e.target.checked })} data-testid="schedule-enabled" />
          <span>Enabled</span>
        </label>
        <label className="field">
          <span className="field-label">Time (UTC)</span>
          <input className="input input-time num" value={s.timeUtc} placeholder="HH:MM" onChange={(e) => setS({ ...s, timeUtc: e.target.value.trim() })} aria-invalid={invalid?.startsWith('Time') ?? false} data-testid="schedule-time" />
        </label>
        <label className="field">
          <span className="field-label">Format</span>
          <select className="input" value={s.format} onChange={(e) => setS({ ...s, format: e.target.value as ReportFormat })}>
            {FORMATS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field report-folder">
          <span className="field-label">Folder</span>
          <input className="input url-input" value={s.folder} placeholder="default: <data folder>/reports" onChange={(e) => setS({ ...s, folder: e.target.value })} aria-invalid={invalid?.startsWith('Folder') ?? false} data-testid="schedule-folder" />
        </label>
        <button className="btn" disabled={invalid !== undefined} onClick={() => void save()} data-testid="schedule-save">
          Save
        </button>
      </div>
      {invalid && <div className="form-error">{invalid}</div>}
      {!invalid && msg && <div className={msg.ok ? 'form-ok' : 'form-error'}>{msg.text}</div>}
    </section>
  );
}

export function ReportsPage() {
  const [items, setItems] = useState<ReportFile[] | undefined>();
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async (): Promise<void> => {
    try {
      const r = await call('reports.list', {});
      setItems(r.items);
      setFolder(r.folder);
      setError(undefined);
    } catch (e) {
      setError(errText(e));
    }
  }, []);

  useEffect(() => {
    let alive = true;
    const run = (): void => {
      if (alive) void load();
    };
    run();
    return () => {
      alive = false;
    };
  }, [load]);

  const onDownload = (f: ReportFile): void => {
    call('reports.read', { path: f.path }).then(
      (r) => download(r.name, r.mime, r.base64),
      (e: unknown) => setError(errText(e)),
    );
  };

  return (
    <div className="page page-reports">
      <Generate onDone={() => void load()} />
      <Schedule />
      <ReportList items={items} folder={folder} error={error} onDownload={onDownload} />
    </div>
  );
}
