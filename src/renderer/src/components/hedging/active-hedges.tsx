// The active hedge legs with their live P&L and protection; closed and rolled legs are counted below.
import { useState } from 'react';
import type { ActiveHedge, HedgeMonitor } from '../../../../shared/contract/index';
import { CloseHedgeDialog } from './close-hedge-dialog';
import { fmtDateTime, fmtMoney, fmtPrice, fmtQty, pnlClass } from '../../format';
import { EmptyNote, Panel } from '../risk/shared';

const TYPE_LABEL: Record<HedgeMonitor['hedges'][number]['type'], string> = {
  put_options: 'put',
  futures_short: 'short perp',
  inverse_etf: 'inverse',
  volatility: 'vol',
  cppi: 'CPPI',
};

export function ActiveHedgesPanel({ monitor, rollBeforeMs, nextReviewAt }: { monitor: HedgeMonitor | undefined; rollBeforeMs: number | undefined; nextReviewAt: number | null }) {
  const [closing, setClosing] = useState<ActiveHedge>();
  const [closed, setClosed] = useState<string>();
  const active = monitor?.hedges.filter((h) => h.status === 'active') ?? [];
  const done = monitor ? monitor.hedges.length - active.length : 0;
  return (
    <Panel
      title="Active hedges"
      className="hg-active"
      aside={
        monitor && (
          <span className="rk-asof num" title="Sum of the P&L of every hedge leg, active and closed (USD)">
            total P&L <b className={pnlClass(monitor.totalPnl)}>{fmtMoney(monitor.totalPnl, { sign: true })}</b> USD
          </span>
        )
      }
    >
      {monitor === undefined ? (
        <EmptyNote>Loading hedges…</EmptyNote>
      ) : active.length === 0 ? (
        <EmptyNote>No active hedge. Approved proposals appear here with their live P&L.</EmptyNote>
      ) : (
        <table className="grid grid-compact" aria-label="Active hedges">
          <thead>
            <tr>
              <th>Instrument</th>
              <th className="num" title="Signed quantity: negative = short">Qty</th>
              <th className="num" title="Average fill price of the hedge (USD)">Entry</th>
              <th className="num" title="Current mark (options: model value from the underlying's last price)">Mark</th>
              <th className="num" title="qty × multiplier × (mark − entry) − fees, USD">P&L · USD</th>
              <th className="num" title="Loss this leg removes at the tail shock (its own P&L under the shock, full revaluation), USD">Protection · USD</th>
              <th title="Options: expiry and the roll date (expiry − roll-before setting, UTC). Linear hedges: re-sized at the next scheduled review">Expiry / roll</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {active.map((h) => (
              <tr key={h.id} data-testid="active-hedge" data-symbol={h.symbol}>
                <td>
                  <span className="mono">{h.symbol}</span> <span className="tag">{TYPE_LABEL[h.type]}</span>
                </td>
                <td className={`num ${pnlClass(h.qty)}`}>{fmtQty(h.qty)}</td>
                <td className="num">{fmtPrice(h.entryPrice)}</td>
                <td className="num">{fmtPrice(h.mark)}</td>
                <td className={`num ${pnlClass(h.pnl)}`} data-testid="hedge-pnl" data-value={h.pnl}>
                  {fmtMoney(h.pnl, { sign: true })}
                </td>
                <td className="num">{fmtMoney(h.protection, { compact: true })}</td>
                <td className="num">
                  {h.expiryMs !== null ? (
                    <>
                      {fmtDateTime(h.expiryMs).slice(0, 10)}
                      {rollBeforeMs !== undefined && <span className="muted"> · roll {fmtDateTime(h.expiryMs - rollBeforeMs).slice(0, 10)}</span>}
                    </>
                  ) : (
                    <span className="muted">review {nextReviewAt !== null ? `${fmtDateTime(nextReviewAt).slice(11, 16)} UTC` : '—'}</span>
                  )}
                </td>
                <td className="num">
                  <button type="button" className="btn btn-sm" aria-label={`Close hedge ${h.symbol}`} onClick={() => setClosing(h)}>
                    Close…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {closed && (
        <p className="rk-foot" role="status">
          {closed}
        </p>
      )}
      {closing && (
        <CloseHedgeDialog
          h={closing}
          onClose={() => setClosing(undefined)}
          onDone={(r) => {
            setClosing(undefined);
            setClosed(`Closed ${r.symbol}: the leg's P&L is now realised.`);
          }}
        />
      )}
      {done > 0 && <p className="rk-foot">{done} closed or rolled leg{done === 1 ? '' : 's'} count in the total P&L.</p>}
    </Panel>
  );
}
