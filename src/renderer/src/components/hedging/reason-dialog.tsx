// A dialog that needs a reason (at least 3 characters, journaled with the user name) before it acts:
// rejecting a proposal, closing a hedge.
import { useState, type FormEvent, type ReactNode } from 'react';
import { errText } from '../controls-ui';
import { Field, Modal } from '../modal';

export function ReasonDialog(props: {
  title: string;
  testId: string;
  intro?: ReactNode;
  placeholder: string;
  submitLabel: string;
  busyLabel: string;
  /** Performs the action; a thrown error is shown in the dialog, which stays open. */
  run: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
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
      await props.run(reason.trim());
    } catch (x) {
      setErr(errText(x));
      setBusy(false);
    }
  };
  return (
    <Modal title={props.title} onClose={props.onClose} testId={props.testId}>
      <form className="modal-form" onSubmit={(e) => void submit(e)}>
        {props.intro}
        <Field label="Reason" hint="required, at least 3 characters; journaled with your user name" bad={err !== undefined}>
          {(a) => <input {...a} className="input" data-autofocus value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder={props.placeholder} aria-invalid={err !== undefined} />}
        </Field>
        {err && (
          <div className="form-error" role="alert">
            {err}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || !ok}>
            {busy ? props.busyLabel : props.submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
