// Approve (shows every order that will be sent) and Reject (a reason is required) for one proposal.
import { useState } from 'react';
import type { HedgeProposal } from '../../../../shared/contract/index';
import { call } from '../../api';
import { fmtMoney, fmtPct, fmtQty } from '../../format';
import { errText } from '../controls-ui';
import { Modal } from '../modal';
import { ReasonDialog } from './reason-dialog';

export function OrdersTable({ p, label }: { p: HedgeProposal; label: string }) {
  return (
    <table className="grid grid-compact hg-orders" aria-label={label}>
      <thead>
        <tr>
          <th>Side</th>
          <th className="num">Qty</th>
          <th>Instrument</th>
          <th>Type</th>
          <th title="The pre-trade validator's decision when the proposal was made; approval re-checks every order">Pre-trade</th>
        </tr>
      </thead>
      <tbody>
        {p.orders.map((o, i) => {
          const chk = p.checks[i]?.symbol === o.symbol ? p.checks[i] : p.checks.find((c) => c.symbol === o.symbol);
          return (
            <tr key={`${o.symbol}-${i}`} data-testid="hedge-order">
              <td>
                <span className={`rk-side ${o.side}`}>{o.side.toUpperCase()}</span>
              </td>
              <td className="num">{fmtQty(o.qty)}</td>
              <td className="mono">{o.symbol}</td>
              <td>{o.type ?? 'market'}</td>
              <td title={chk?.reasons.join('\n') || 'no reasons'}>{chk ? <span className={`dec dec-${chk.decision}`}>{chk.decision}</span> : <span className="muted">—</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ApproveDialog({ p, onClose, onDone }: { p: HedgeProposal; onClose: () => void; onDone: (r: HedgeProposal) => void }) {
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string>();
  const approve = async (): Promise<void> => {
    setBusy(true);
    setErr(undefined);
    try {
      onDone(await call('hedging.approve', { id: p.id }));
    } catch (e) {
      setErr(errText(e));
      setBusy(false);
    }
  };
  return (
    <Modal title={`Approve hedge ${p.id}`} onClose={onClose} className="hg-modal" testId="hedge-approve-dialog">
      <p className="modal-text">
        These orders go through the pre-trade validator and the paper broker now, at market. Cost <b className="num">{fmtMoney(p.totalCost)} USD</b> ({fmtPct(p.equity > 0 ? p.totalCost / p.equity : NaN, 2)} of equity); tail loss at the shock{' '}
        <b className="num">{fmtMoney(p.tailLossBefore, { compact: true })}</b> → <b className="num">{fmtMoney(p.tailLossAfter, { compact: true })} USD</b>.
      </p>
      <OrdersTable p={p} label="Orders to execute" />
      {err && (
        <div className="form-error" role="alert">
          {err}
        </div>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void approve()} disabled={busy} data-autofocus>
          {busy ? 'Executing…' : `Approve and execute ${p.orders.length} order${p.orders.length === 1 ? '' : 's'}`}
        </button>
      </div>
    </Modal>
  );
}

export function RejectDialog({ p, onClose, onDone }: { p: HedgeProposal; onClose: () => void; onDone: (r: HedgeProposal) => void }) {
  return (
    <ReasonDialog
      title={`Reject hedge ${p.id}`}
      testId="hedge-reject-dialog"
      placeholder="Why not? (journaled)"
      submitLabel="Reject proposal"
      busyLabel="Rejecting…"
      run={async (reason) => onDone(await call('hedging.reject', { id: p.id, reason }))}
      onClose={onClose}
    />
  );
}
