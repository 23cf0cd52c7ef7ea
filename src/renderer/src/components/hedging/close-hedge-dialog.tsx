// Closing one active hedge by hand: a reducing order (it passes in every trading state), with a reason
// that is journaled with the user name.
import { useState, type FormEvent } from 'react';
import type { ActiveHedge } from '../../../../shared/contract/index';
import { call } from '../../api';
import { fmtMoney, fmtQty } from '../../format';
import { errText } from '../controls-ui';
import { Field, Modal } from '../modal';

export function CloseHedgeDialog({ h, onClose, onDone }: { h: ActiveHedge; onClose: () => void; onDone: (r: ActiveHedge) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string>();
  const ok = reason.trim().length >= 3;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!ok) {
      setErr('reason: must say why (at least 3 characters)');
      return;
    }
    setBusy(true);
    setErr(undefined);
    try {
      onDone(await call('hedging.close', { id: h.id, reason: reason.trim() }));
    } catch (x) {
      setErr(errText(x));
      setBusy(false);
    }
  };
  return (
    <Modal title={`Close hedge ${h.symbol}`} onClose={onClose} testId="hedge-close-dialog">
      <form className="modal-form" onSubmit={(e) => void submit(e)}>
        <p className="muted">
          Sends a market order for {fmtQty(-h.qty)} {h.symbol}. The book loses this leg&apos;s protection of {fmtMoney(h.protection, { compact: true })} at the tail shock.
        </p>
        <Field label="Reason" hint="required, at least 3 characters; journaled with your user name" bad={err !== undefined}>
          {(a) => <input {...a} className="input" data-autofocus value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="Why close it? (journaled)" aria-invalid={err !== undefined} />}
        </Field>
        {err && (
          <div className="form-error" role="alert">
            {err}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || !ok}>
            {busy ? 'Closing…' : 'Close hedge'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
