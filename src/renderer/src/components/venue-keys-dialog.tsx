// Exchange API keys per venue (Settings → Market data → Keys column). The keys are write-only: the
// engine returns masked hints, so this dialog never shows a stored key, and it clears what was
// typed as soon as the engine has it.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { needsPassphrase, type VenueId, type VenueCredentialsView } from '../../../shared/contract/index';
import { ApiError, call } from '../api';
import { fmtDateTime } from '../format';
import { errText } from './controls-ui';
import { Field, Modal } from './modal';

const byVenue = (list: VenueCredentialsView[]): Partial<Record<VenueId, VenueCredentialsView>> => Object.fromEntries(list.map((v) => [v.venue, v]));

/** The venues' key views, loaded once and refreshed after every change. */
export function useVenueKeys(): { views: Partial<Record<VenueId, VenueCredentialsView>>; refresh: () => Promise<void>; error: string | undefined } {
  const [views, setViews] = useState<Partial<Record<VenueId, VenueCredentialsView>>>({});
  const [error, setError] = useState<string>();
  const refresh = useCallback(async (): Promise<void> => {
    try {
      setViews(byVenue(await call('venues.credentials.list', {})));
      setError(undefined);
    } catch (e) {
      setError(errText(e));
    }
  }, []);
  useEffect(() => {
    let live = true;
    call('venues.credentials.list', {}).then(
      (list) => live && setViews(byVenue(list)),
      (e: unknown) => live && setError(errText(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  return { views, refresh, error };
}

const hasKeys = (v: VenueCredentialsView | undefined): v is VenueCredentialsView => !!v && (v.apiKey.hasSecret || v.apiSecret.hasSecret);

/** The Keys cell of one venue row: the masked state and the button that opens the dialog. */
export function VenueKeysCell({ venue, label, view, onChanged, onMessage }: { venue: VenueId; label: string; view: VenueCredentialsView | undefined; onChanged: () => Promise<void>; onMessage: (m: { ok: boolean; text: string }) => void }) {
  const [open, setOpen] = useState(false);
  const done = async (text: string): Promise<void> => {
    setOpen(false);
    onMessage({ ok: true, text });
    await onChanged();
  };
  return (
    <div className="venue-keys-cell">
      <span className={hasKeys(view) ? 'venue-keys-state mono' : 'venue-keys-state muted'} data-testid={`venue-keys-${venue}`}>
        {/* No view yet (loading, or the list failed): say nothing rather than a wrong "not set". */}
        {view === undefined ? '—' : hasKeys(view) ? `set ${view.apiKey.hint ?? '••••'}` : 'not set'}
      </span>
      <button type="button" className="btn btn-ghost" aria-label={`${label} API keys`} onClick={() => setOpen(true)}>
        Keys…
      </button>
      {open && <VenueKeysDialog venue={venue} label={label} view={view} onClose={() => setOpen(false)} onDone={(t) => void done(t)} />}
    </div>
  );
}

type FieldName = 'apiKey' | 'apiSecret' | 'passphrase';

export function VenueKeysDialog({ venue, label, view, onClose, onDone }: { venue: VenueId; label: string; view: VenueCredentialsView | undefined; onClose: () => void; onDone: (message: string) => void }) {
  const withPass = needsPassphrase(venue);
  const [values, setValues] = useState<Record<FieldName, string>>({ apiKey: '', apiSecret: '', passphrase: '' });
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<{ text: string; field: string | undefined }>();
  const [confirmRemove, setConfirmRemove] = useState(false);
  // Pasted keys often carry a trailing newline; trimming the ends is safe, inner whitespace is refused by the engine.
  const v = { apiKey: values.apiKey.trim(), apiSecret: values.apiSecret.trim(), passphrase: values.passphrase.trim() };
  const ready = v.apiKey !== '' && v.apiSecret !== '' && (!withPass || v.passphrase !== '') && !busy;

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setErr(undefined);
    try {
      await call('venues.credentials.set', { venue, apiKey: v.apiKey, apiSecret: v.apiSecret, ...(withPass ? { passphrase: v.passphrase } : {}) });
      setValues({ apiKey: '', apiSecret: '', passphrase: '' });
      onDone(`${label} API keys saved`);
    } catch (x) {
      setErr({ text: errText(x), field: x instanceof ApiError ? x.field : undefined });
      setBusy(false);
    }
  };

  const remove = async (): Promise<void> => {
    setBusy(true);
    setErr(undefined);
    try {
      await call('venues.credentials.remove', { venue });
      onDone(`${label} API keys removed`);
    } catch (x) {
      setErr({ text: errText(x), field: undefined });
      setBusy(false);
      setConfirmRemove(false);
    }
  };

  const input = (name: FieldName, a: { id: string; 'aria-describedby'?: string }, autofocus = false) => (
    <input
      {...a}
      type="password"
      className="input mono"
      autoComplete="off"
      spellCheck={false}
      {...(autofocus ? { 'data-autofocus': true } : {})}
      value={values[name]}
      onChange={(e) => setValues((s) => ({ ...s, [name]: e.target.value }))}
      aria-invalid={err?.field === `params.${name}`}
      disabled={busy || confirmRemove}
    />
  );
  const storedHint = (h: { hasSecret: boolean; hint: string | null } | null | undefined): string => (h?.hasSecret ? `stored: ${h.hint ?? '••••'}; typing replaces it` : 'not set');

  return (
    <Modal title={`${label} API keys`} onClose={onClose} testId="venue-keys-dialog">
      <p className="modal-text">
        Market data needs no key. Keys are kept for private endpoints (account sync), encrypted on this machine; Bulwark never shows them again, only the last 4 characters.
      </p>
      {hasKeys(view) && (
        <p className="modal-text muted" data-testid="venue-keys-stored">
          Keys stored {view.updatedAt !== null ? `since ${fmtDateTime(view.updatedAt)}` : ''}: key {view.apiKey.hint ?? '••••'} · secret {view.apiSecret.hint ?? '••••'}
          {view.passphrase?.hasSecret ? ` · passphrase ${view.passphrase.hint ?? '••••'}` : ''}
        </p>
      )}
      <form className="modal-form" onSubmit={(e) => void save(e)}>
        <Field label="API key" hint={storedHint(view?.apiKey)}>
          {(a) => input('apiKey', a, true)}
        </Field>
        <Field label="API secret" hint={storedHint(view?.apiSecret)}>
          {(a) => input('apiSecret', a)}
        </Field>
        {withPass && (
          <Field label="Passphrase" hint={`${label} keys come with the passphrase chosen when the key was created`}>
            {(a) => input('passphrase', a)}
          </Field>
        )}
        {err && (
          <div className="form-error" role="alert">
            {err.text}
          </div>
        )}
        {confirmRemove ? (
          <div className="venue-keys-confirm" role="group" aria-label="Confirm removal">
            <span>Remove the stored {label} keys? This cannot be undone; you would need to paste them again.</span>
            <div className="modal-actions">
              <button type="button" className="btn" onClick={() => setConfirmRemove(false)} disabled={busy}>
                Keep
              </button>
              <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={busy}>
                {busy ? 'Removing…' : 'Remove keys'}
              </button>
            </div>
          </div>
        ) : (
          <div className="modal-actions">
            {hasKeys(view) && (
              <button type="button" className="btn btn-ghost venue-keys-remove" onClick={() => setConfirmRemove(true)} disabled={busy}>
                Remove…
              </button>
            )}
            <div className="spacer" />
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={!ready}>
              {busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        )}
      </form>
    </Modal>
  );
}
