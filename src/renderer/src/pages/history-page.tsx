import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EventRecord, PreservationEvent } from '../../../shared/contract/index';
import { call } from '../api';
import { errText, fmtMetric, tidyReason } from '../components/controls-ui';
import { CsvButton, toCsv } from '../components/csv-export';
import { fmtDateTime, fmtMoney, fmtPrice, fmtQty } from '../format';

const TRIGGERS = ['drawdown', 'volatility', 'correlation', 'loss_streak', 'tail_risk', 'liquidity'] as const;
const BREAKER_KINDS = ['breaker.activated', 'breaker.overridden', 'breaker.override_revoked'] as const;
const REFRESH_MS = 3000;

const outcomeHelp = 'P&L the removed exposure would have made over the outcome horizon (24 h): positive = loss avoided, negative = cost of protection.';

function Outcome({ e }: { e: PreservationEvent }) {
  if (e.direction === 'recover') return <span className="muted">n/a (no orders)</span>;
  if (e.outcome === null) return <span className="outcome-pending" title={outcomeHelp}>pending</span>;
  return e.outcome >= 0 ? (
    <span className="outcome-good" title={outcomeHelp}>
      loss avoided {fmtMoney(e.outcome, { sign: true })}
    </span>
  ) : (
    <span className="outcome-bad" title={outcomeHelp}>
      cost of protection {fmtMoney(e.outcome, { sign: true })}
    </span>
  );
}

const filledOf = (e: PreservationEvent): number => e.orders.filter((o) => o.status === 'filled').length;

/** A breaker journal entry reduced to the columns of the table and its CSV. */
interface BreakerRow {
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

export function HistoryPage() {
  const [trigger, setTrigger] = useState('');
  const [direction, setDirection] = useState<'' | 'escalate' | 'recover'>('');
  const [events, setEvents] = useState<PreservationEvent[] | undefined>();
  const [breakerRows, setBreakerRows] = useState<BreakerRow[] | undefined>();
  const [kindFilter, setKindFilter] = useState('');
  const [selected, setSelected] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [breakerError, setBreakerError] = useState<string | undefined>();

  const load = useCallback(async (): Promise<void> => {
    try {
      setEvents(await call('preservation.history', { limit: 200, ...(trigger ? { trigger } : {}) }));
      setError(undefined);
    } catch (e) {
      setError(errText(e));
    }
    try {
      const pages = await Promise.all(BREAKER_KINDS.map((kind) => call('events.list', { limit: 200, kind })));
      setBreakerRows(
        pages
          .flatMap((p) => p.items)
          .sort((a, b) => b.id - a.id)
          .map(toBreakerRow),
      );
      setBreakerError(undefined);
    } catch (e) {
      setBreakerError(errText(e));
    }
  }, [trigger]);

  useEffect(() => {
    let alive = true;
    const run = (): void => {
      if (alive) void load();
    };
    run();
    const t = setInterval(run, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [load]);

  const rows = useMemo(() => (events ?? []).filter((e) => !direction || e.direction === direction), [events, direction]);
  const shownBreakers = useMemo(() => (breakerRows ?? []).filter((r) => !kindFilter || r.kind === kindFilter), [breakerRows, kindFilter]);
  const detail = rows.find((e) => e.id === selected);

  const presCsv = (): string =>
    toCsv(
      ['id', 'time_utc', 'from_level', 'to_level', 'direction', 'trigger', 'trigger_value', 'metrics', 'orders', 'orders_filled', 'orders_detail', 'outcome', 'outcome_at_utc'],
      rows.map((e) => [
        e.id,
        fmtDateTime(e.ts),
        e.fromLevel,
        e.toLevel,
        e.direction,
        e.trigger ?? '',
        e.trigger ? (e.metrics[e.trigger] ?? null) : null,
        Object.entries(e.metrics)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
        e.orders.length,
        filledOf(e),
        e.orders.map((o) => `${o.side} ${o.qty} ${o.symbol} ${o.status}${o.price !== null ? ` @ ${o.price}` : ''}`).join('; '),
        e.outcome,
        e.outcomeAt ? fmtDateTime(e.outcomeAt) : '',
      ]),
    );

  const breakerCsv = (): string =>
    toCsv(
      ['event_id', 'time_utc', 'kind', 'breaker', 'by', 'detail', 'metric', 'value', 'threshold', 'expires_at_utc'],
      shownBreakers.map((r) => [r.id, fmtDateTime(r.ts), r.kind, r.breaker, r.by, r.detail, r.metric, r.value, r.threshold, r.expiresAt ? fmtDateTime(r.expiresAt) : '']),
    );

  return (
    <div className="page page-history">
      <div className={detail ? 'history-split' : 'history-split history-single'}>
        <section className="panel history-main" aria-label="Capital preservation events">
          <div className="panel-head">
            <h2>Capital preservation</h2>
            <span className="muted">{events ? `${rows.length} event${rows.length === 1 ? '' : 's'}` : ''}</span>
            <div className="spacer" />
            <label className="field-label" htmlFor="hist-trigger">
              Trigger
            </label>
            <select id="hist-trigger" className="input input-sm" value={trigger} onChange={(e) => setTrigger(e.target.value)}>
              <option value="">all</option>
              {TRIGGERS.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <label className="field-label" htmlFor="hist-direction">
              Direction
            </label>
            <select id="hist-direction" className="input input-sm" value={direction} onChange={(e) => setDirection(e.target.value as typeof direction)}>
              <option value="">all</option>
              <option value="escalate">escalate</option>
              <option value="recover">recover</option>
            </select>
            <CsvButton filename="bulwark-preservation" build={presCsv} disabled={rows.length === 0} />
          </div>
          {error && (
            <div className="form-error" role="alert">
              {error}
            </div>
          )}
          <div className="table-wrap">
            <table className="grid" aria-label="Capital preservation events">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th className="num">Time (UTC)</th>
                  <th>Level</th>
                  <th>Direction</th>
                  <th>Trigger</th>
                  <th className="num" title="The trigger metric when the level changed">
                    Reading
                  </th>
                  <th className="num" title="Orders filled / placed">
                    Orders
                  </th>
                  <th className="wide" title={outcomeHelp}>
                    Outcome
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr
                    key={e.id}
                    data-testid="preservation-row"
                    className={`clickable${e.id === selected ? ' selected' : ''}`}
                    tabIndex={0}
                    aria-selected={e.id === selected}
                    onClick={() => setSelected(e.id)}
                    onKeyDown={(k) => {
                      if (k.key === 'Enter' || k.key === ' ') {
                        k.preventDefault();
                        setSelected(e.id);
                      }
                    }}
                  >
                    <td className="num muted">{e.id}</td>
                    <td className="num">{fmtDateTime(e.ts)}</td>
                    <td className="num">
                      <span className={`lvl lvl-${e.fromLevel}`}>L{e.fromLevel}</span> → <span className={`lvl lvl-${e.toLevel}`}>L{e.toLevel}</span>
                    </td>
                    <td className={e.direction === 'escalate' ? 'neg' : 'pos'}>{e.direction === 'escalate' ? '▲ escalate' : '▼ recover'}</td>
                    <td className="mono">{e.trigger ?? '—'}</td>
                    <td className="num">{e.trigger ? fmtMetric(e.trigger, e.metrics[e.trigger]) : '—'}</td>
                    <td className="num">
                      {filledOf(e)} / {e.orders.length}
                    </td>
                    <td className="wide">
                      <Outcome e={e} />
                    </td>
                  </tr>
                ))}
                {events && rows.length === 0 && (
                  <tr>
                    <td colSpan={8} className="empty">
                      {events.length === 0 && !trigger ? 'No capital-preservation events yet. Level changes (L0-L3), their orders and outcomes appear here.' : 'No events match these filters.'}
                    </td>
                  </tr>
                )}
                {!events && !error && (
                  <tr>
                    <td colSpan={8} className="empty">
                      Loading…
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
        {detail && <PreservationDetail e={detail} onClose={() => setSelected(undefined)} />}
      </div>

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
    </div>
  );
}

function PreservationDetail({ e, onClose }: { e: PreservationEvent; onClose: () => void }) {
  const filled = filledOf(e);
  return (
    <aside className="panel history-detail" aria-label={`Preservation event ${e.id}`} data-testid="preservation-detail">
      <div className="panel-head">
        <h2>Event #{e.id}</h2>
        <span className={e.direction === 'escalate' ? 'neg' : 'pos'}>
          L{e.fromLevel} → L{e.toLevel}
        </span>
        <div className="spacer" />
        <button type="button" className="btn btn-xs" onClick={onClose} aria-label="Close detail">
          ×
        </button>
      </div>
      <dl className="facts">
        <dt>Time</dt>
        <dd className="num">{fmtDateTime(e.ts)} UTC</dd>
        <dt>Trigger</dt>
        <dd className="mono">{e.trigger ?? '—'}</dd>
        <dt>Direction</dt>
        <dd>{e.direction}</dd>
        <dt>Outcome</dt>
        <dd data-testid="preservation-outcome">
          <Outcome e={e} />
          {e.outcomeAt && <span className="muted"> · measured {fmtDateTime(e.outcomeAt)} UTC</span>}
        </dd>
      </dl>
      <h3 className="sub-head">Metrics</h3>
      <table className="grid" aria-label="Metrics at the event">
        <tbody>
          {Object.entries(e.metrics).map(([k, v]) => (
            <tr key={k} className={k === e.trigger ? 'row-warn' : undefined}>
              <td className="mono">{k}</td>
              <td className="num">{fmtMetric(k, v)}</td>
            </tr>
          ))}
          {Object.keys(e.metrics).length === 0 && (
            <tr>
              <td className="empty">No metrics recorded.</td>
            </tr>
          )}
        </tbody>
      </table>
      <h3 className="sub-head">
        Orders <span className="muted">{filled} filled of {e.orders.length}</span>
      </h3>
      <div className="detail-orders">
        <table className="grid" aria-label="Orders placed">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Side</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {e.orders.map((o, i) => (
              <tr key={i}>
                <td className="mono">{o.symbol}</td>
                <td className={o.side === 'buy' ? 'pos' : 'neg'}>{o.side}</td>
                <td className="num">{fmtQty(o.qty)}</td>
                <td className="num">{fmtPrice(o.price)}</td>
                <td>
                  <span className={`ostat ostat-${o.status}`}>{o.status}</span>
                </td>
              </tr>
            ))}
            {e.orders.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  No orders: stepping down never buys back.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </aside>
  );
}
