/**
 * One capital-preservation event in full (metrics, orders, outcome) and the outcome cell the
 * events table shares with it. Split from pages/history-page.tsx, which keeps the loading and the
 * events table; these pieces only render an event already fetched.
 */
import type { PreservationEvent } from '../../../../shared/contract/index';
import { fmtMetric } from '../controls-ui';
import { fmtDateTime, fmtMoney, fmtPrice, fmtQty } from '../../format';

export const outcomeHelp = 'P&L the removed exposure would have made over the outcome horizon (24 h): positive = loss avoided, negative = cost of protection.';

export function Outcome({ e }: { e: PreservationEvent }) {
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

export const filledOf = (e: PreservationEvent): number => e.orders.filter((o) => o.status === 'filled').length;

export function PreservationDetail({ e, onClose }: { e: PreservationEvent; onClose: () => void }) {
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
