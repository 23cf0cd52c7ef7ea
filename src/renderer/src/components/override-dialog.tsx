import { useState, type FormEvent } from 'react';
import type { BreakerViewSchema } from '../../../shared/contract/index';
import { call } from '../api';
import { fmtDateTime } from '../format';
import { useApp } from '../store';
import { BreakerStatusBadge, errText, fmtMetric } from './controls-ui';
import { Field, Modal } from './modal';

/**
 * The engine refuses an override longer than its maxOverrideMs (4 h by default). The contract does not
 * publish that figure, so the dialog states the default and shows the engine's message if it differs.
 */
export const MAX_OVERRIDE_MIN = 240;

export const breakerLabel = (id: string): string => id.replace(/_/g, ' ');

export function OverrideDialog({ breaker, onClose }: { breaker: BreakerViewSchema; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const min = Number(minutes);
  const minutesOk = minutes.trim() !== '' && Number.isInteger(min) && min >= 1 && min <= MAX_OVERRIDE_MIN;
  const reasonOk = reason.trim().length >= 3 && reason.length <= 500;
  const ready = reasonOk && minutesOk && understood && !busy;
  const label = breakerLabel(breaker.id);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('breakers.override', { id: breaker.id, reason: reason.trim(), expiresInMinutes: min, confirm: true });
      useApp.getState().setBreakers(await call('breakers.list', {}));
      useApp.getState().setTradingState(await call('trading.state', {}));
      onClose();
    } catch (err) {
      setError(errText(err));
      setBusy(false);
    }
  };

  const t = breaker.lastTrip;
  return (
    <Modal title={`Override the ${label} breaker`} onClose={onClose} testId="override-dialog">
      <dl className="facts modal-facts">
        <dt>Status</dt>
        <dd>
          <BreakerStatusBadge status={breaker.status} />
        </dd>
        <dt>Last trip</dt>
        <dd className="num">
          {t ? (
            <>
              {t.metric} {fmtMetric(t.metric, t.value, 3)} vs {fmtMetric(t.metric, t.threshold, 3)} at {fmtDateTime(t.at)} UTC
            </>
          ) : (
            <span className="muted">never tripped (an override suspends it in advance)</span>
          )}
        </dd>
      </dl>
      <p className="modal-text">
        While overridden the breaker imposes nothing. When the override expires (or is revoked) the breaker is re-armed and re-evaluated at once, so it trips again if its
        condition still holds. The override, your user name and the reason are journaled.
      </p>
      <form className="modal-form" onSubmit={(e) => void submit(e)}>
        <Field label="Reason" hint="required, 3-500 characters">
          {(a) => (
            <textarea
              {...a}
              className="input textarea"
              rows={2}
              data-autofocus
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reason !== '' && !reasonOk}
              placeholder="Why is the breaker wrong right now?"
            />
          )}
        </Field>
        <Field
          label="Expires in (minutes)"
          bad={!minutesOk}
          hint={minutesOk ? `whole minutes, 1 to ${MAX_OVERRIDE_MIN} (max ${MAX_OVERRIDE_MIN / 60} h)` : `expiresInMinutes: must be a whole number from 1 to ${MAX_OVERRIDE_MIN}`}
        >
          {(a) => (
            <input {...a} className="input num input-num" type="number" min={1} max={MAX_OVERRIDE_MIN} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-invalid={!minutesOk} />
          )}
        </Field>
        <label className="check confirm-check">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
          <span>
            I understand that trading resumes without the {label} breaker&apos;s protection until the override expires.
          </span>
        </label>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-warn" disabled={!ready}>
            {busy ? 'Overriding…' : 'Override breaker'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
