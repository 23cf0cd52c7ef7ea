import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PreservationEvent } from '../../../shared/contract/index';
import { call } from '../api';
import { errText, fmtMetric } from '../components/controls-ui';
import { CsvButton, toCsv } from '../components/csv-export';
import { BreakerEvents, fetchBreakerRows, type BreakerRow } from '../components/history/breaker-events';
import { filledOf, Outcome, outcomeHelp, PreservationDetail } from '../components/history/preservation-detail';
import { fmtDateTime } from '../format';

// The breaker-events panel and the event detail live in components/history/; this page keeps the
// one refresh loop for both tables, the preservation filters and the preservation events table.

const TRIGGERS = ['drawdown', 'volatility', 'correlation', 'loss_streak', 'tail_risk', 'liquidity'] as const;
const REFRESH_MS = 3000;

export function HistoryPage() {
  const [trigger, setTrigger] = useState('');
  const [direction, setDirection] = useState<'' | 'escalate' | 'recover'>('');
  const [events, setEvents] = useState<PreservationEvent[] | undefined>();
  const [breakerRows, setBreakerRows] = useState<BreakerRow[] | undefined>();
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
      setBreakerRows(await fetchBreakerRows());
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

      <BreakerEvents rows={breakerRows} error={breakerError} />
    </div>
  );
}
