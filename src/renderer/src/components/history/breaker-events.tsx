/**
 * The "Overrides & breaker events" panel of the History page: breaker trips, overrides and revokes
 * read back from the journal, with a kind filter and CSV export. Split from pages/history-page.tsx
 * because it is independent of the preservation events; the page keeps one refresh loop for both
 * and hands this panel its rows.
 */
import { useMemo, useState } from 'react';
import type { EventRecord } from '../../../../shared/contract/index';
import { call } from '../../api';
import { fmtMetric, tidyReason } from '../controls-ui';
import { CsvButton, toCsv } from '../csv-export';
import { fmtDateTime } from '../../format';

const BREAKER_KINDS = ['breaker.activated', 'breaker.overridden', 'breaker.override_revoked'] as const;

/** A breaker journal entry reduced to the columns of the table and its CSV. */
export interface BreakerRow {
  id: number;
  ts: number;
  kind: string;
  breaker: string;
  by: string;
  detail: string;
  metric: string;
  value: number | null;
  threshold: number | null;
  expiresAt: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function toBreakerRow(e: EventRecord): BreakerRow {
  const p = e.payload;
  const trip = (p.trip ?? (p.override as Record<string, unknown> | undefined)?.trip ?? null) as Record<string, unknown> | null;
  const override = p.override as Record<string, unknown> | undefined;
  const by = e.source.startsWith('user:') ? e.source.slice(5) : str(p.user) || e.source;
  let detail = '';
  if (e.kind === 'breaker.activated') detail = tidyReason(str(p.reason));
  else if (e.kind === 'breaker.overridden') detail = `${str(p.reason)} (was ${str(p.previousStatus).replace('_', ' ') || '—'})`;
  else detail = `${str(p.reason) || 'revoked'}${override ? ` · override was: ${str(override.reason)}` : ''}`;
  return {
    id: e.id,
    ts: e.ts,
    kind: e.kind,
    breaker: str(p.breaker),
    by,
    detail,
    metric: trip ? str(trip.metric) : '',
    value: trip ? num(trip.value) : null,
    threshold: trip ? num(trip.threshold) : null,
    expiresAt: num(p.expiresAt) ?? (override ? num(override.expiresAt) : null),
  };
}

const KIND_LABEL: Record<string, string> = { 'breaker.activated': 'tripped', 'breaker.overridden': 'overridden', 'breaker.override_revoked': 'revoked' };

/** The three journal kinds, newest first (one page of 200 each). */
export async function fetchBreakerRows(): Promise<BreakerRow[]> {
  const pages = await Promise.all(BREAKER_KINDS.map((kind) => call('events.list', { limit: 200, kind })));
  return pages
    .flatMap((p) => p.items)
    .sort((a, b) => b.id - a.id)
    .map(toBreakerRow);
}

export function BreakerEvents({ rows: breakerRows, error: breakerError }: { rows: BreakerRow[] | undefined; error: string | undefined }) {
  const [kindFilter, setKindFilter] = useState('');
  const shownBreakers = useMemo(() => (breakerRows ?? []).filter((r) => !kindFilter || r.kind === kindFilter), [breakerRows, kindFilter]);

  const breakerCsv = (): string =>
    toCsv(
      ['event_id', 'time_utc', 'kind', 'breaker', 'by', 'detail', 'metric', 'value', 'threshold', 'expires_at_utc'],
      shownBreakers.map((r) => [r.id, fmtDateTime(r.ts), r.kind, r.breaker, r.by, r.detail, r.metric, r.value, r.threshold, r.expiresAt ? fmtDateTime(r.expiresAt) : '']),
    );

  return (
    <section className="panel history-breakers" aria-label="Overrides and breaker events">
      <div className="panel-head">
        <h2>Overrides &amp; breaker events</h2>
        <span className="muted">{breakerRows ? `${shownBreakers.length} event${shownBreakers.length === 1 ? '' : 's'} · from the journal` : ''}</span>
        <div className="spacer" />
        <label className="field-label" htmlFor="hist-kind">
          Kind
        </label>
        <select id="hist-kind" className="input input-sm" value={kindFilter} onChange={(e) => setKindFilter(e.target.value)}>
          <option value="">all</option>
          {BREAKER_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <CsvButton filename="bulwark-breaker-events" build={breakerCsv} disabled={shownBreakers.length === 0} />
      </div>
      {breakerError && (
        <div className="form-error" role="alert">
          {breakerError}
        </div>
      )}
      <div className="table-wrap">
        <table className="grid" aria-label="Breaker events">
          <thead>
            <tr>
              <th className="num">#</th>
              <th className="num">Time (UTC)</th>
              <th>Event</th>
              <th>Breaker</th>
              <th>By</th>
              <th className="num">Value</th>
              <th className="num">Threshold</th>
              <th className="num">Expires (UTC)</th>
              <th className="wide">Detail</th>
            </tr>
          </thead>
          <tbody>
            {shownBreakers.map((r) => (
              <tr key={r.id} data-testid="breaker-event-row" data-kind={r.kind}>
                <td className="num muted">{r.id}</td>
                <td className="num">{fmtDateTime(r.ts)}</td>
                <td>
                  <span className={`bevent bevent-${KIND_LABEL[r.kind] ?? 'other'}`}>{KIND_LABEL[r.kind] ?? r.kind}</span>
                </td>
                <td>{r.breaker.replace(/_/g, ' ')}</td>
                <td className="mono">{r.by}</td>
                <td className="num">{r.metric ? fmtMetric(r.metric, r.value, 3) : '—'}</td>
                <td className="num muted">{r.metric ? fmtMetric(r.metric, r.threshold, 3) : '—'}</td>
                <td className="num">{r.expiresAt ? fmtDateTime(r.expiresAt) : '—'}</td>
                <td className="wide">{r.detail}</td>
              </tr>
            ))}
            {breakerRows && shownBreakers.length === 0 && (
              <tr>
                <td colSpan={9} className="empty">
                  No breaker trips or overrides in the journal.
                </td>
              </tr>
            )}
            {!breakerRows && !breakerError && (
              <tr>
                <td colSpan={9} className="empty">
                  Loading…
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
