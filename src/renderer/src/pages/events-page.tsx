import { useEffect, useState, type FormEvent } from 'react';
import type { EventRecord, EventsPage as Page, Severity } from '../../../shared/contract/index';
import { ApiError, call } from '../api';
import { fmtDateTime, fmtPayload } from '../format';
import { useApp } from '../store';

const SEVERITIES: Severity[] = ['debug', 'info', 'warning', 'critical', 'emergency'];
const PAGE_SIZE = 50;

/** The detail cell: a note's text, or the payload with its floats rounded for reading. */
function summary(e: EventRecord): string {
  const p = e.payload;
  if (typeof p.text === 'string') return p.text;
  const s = fmtPayload(p);
  return s === '{}' ? '' : s;
}

/** Tooltip of the detail cell: the payload exactly as journaled (full-precision numbers). */
function rawPayload(e: EventRecord): string | undefined {
  const s = JSON.stringify(e.payload);
  return s === '{}' ? undefined : s;
}

export function EventsPage() {
  const lastEvent = useApp((s) => s.lastEvent);
  const [kind, setKind] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  // Cursor stack: [undefined] is the newest page; each "Older" pushes the page's nextCursor.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [kinds, setKinds] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const lastKind = lastEvent?.kind;
  useEffect(() => {
    void call('events.kinds', {}).then(setKinds, () => setKinds([]));
  }, [lastKind]);

  const [reloads, setReloads] = useState(0);

  // Live on the newest page; older pages stay still while the trader reads them.
  const liveKey = cursor === undefined ? lastEvent?.id : undefined;
  useEffect(() => {
    let current = true;
    const params: { limit: number; before?: number; kind?: string; severity?: Severity } = { limit: PAGE_SIZE };
    if (cursor !== undefined) params.before = cursor;
    if (kind.trim()) params.kind = kind.trim();
    if (severity) params.severity = severity;
    call('events.list', params).then(
      (p) => {
        if (!current) return;
        setPage(p);
        setError(undefined);
      },
      (e: unknown) => current && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [cursor, kind, severity, liveKey, reloads]);

  const addNote = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaving(true);
    try {
      await call('events.note', { text: note });
      setNote('');
      setNoteError(undefined);
      setCursors([undefined]);
      setReloads((n) => n + 1);
    } catch (err) {
      setNoteError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="page page-events">
      <section className="panel">
        <form className="note-form" onSubmit={(e) => void addNote(e)}>
          <label htmlFor="note-text" className="field-label">
            Journal note
          </label>
          <input
            id="note-text"
            className="input grow"
            placeholder="Annotate the day: rationale, market colour, what you are watching…"
            value={note}
            maxLength={4000}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? 'note-error' : undefined}
          />
          <button className="btn btn-primary" type="submit" disabled={saving || note.trim() === ''}>
            Add note
          </button>
        </form>
        {noteError && (
          <div id="note-error" className="form-error" role="alert">
            {noteError}
          </div>
        )}
      </section>

      <section className="panel panel-fill">
        <div className="panel-head">
          <h2>Journal</h2>
          <span className="muted">append-only · newest first</span>
          <div className="spacer" />
          <label className="field-label" htmlFor="filter-kind">Kind</label>
          <input
            id="filter-kind"
            className="input input-sm"
            placeholder="all"
            list="event-kinds"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setCursors([undefined]);
            }}
          />
          <datalist id="event-kinds">
            {kinds.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          <label className="field-label" htmlFor="filter-severity">Severity</label>
          <select
            id="filter-severity"
            className="input input-sm"
            value={severity}
            onChange={(e) => {
              setSeverity(e.target.value as Severity | '');
              setCursors([undefined]);
            }}
          >
            <option value="">all</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        {error && <div className="form-error" role="alert">{error}</div>}
        <div className="table-wrap">
          <table className="grid" aria-label="Events journal">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Time (UTC)</th>
                <th>Severity</th>
                <th>Kind</th>
                <th>Source</th>
                <th className="wide">Detail</th>
              </tr>
            </thead>
            <tbody>
              {page?.items.map((e) => (
                <tr key={e.id} data-testid="event-row">
                  <td className="num muted">{e.id}</td>
                  <td className="num">{fmtDateTime(e.ts)}</td>
                  <td>
                    <span className={`sev sev-${e.severity}`}>{e.severity}</span>
                  </td>
                  <td className="mono">{e.kind}</td>
                  <td className="muted">{e.source}</td>
                  <td className="wide" title={rawPayload(e)}>
                    {summary(e)}
                  </td>
                </tr>
              ))}
              {page && page.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty">
                    No events match these filters.
                  </td>
                </tr>
              )}
              {!page && !error && (
                <tr>
                  <td colSpan={6} className="empty">
                    Loading…
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <div className="pager">
          <button className="btn" disabled={cursors.length === 1} onClick={() => setCursors([undefined])}>
            Newest
          </button>
          <button className="btn" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            ‹ Newer
          </button>
          <span className="muted">page {cursors.length}</span>
          <button className="btn" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}>
            Older ›
          </button>
        </div>
      </section>
    </div>
  );
}
