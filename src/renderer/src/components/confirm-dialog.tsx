// The typed-confirmation dialog for the four emergency actions. It is mounted once by the app so the
// Halt shortcut (Ctrl+Shift+H) can open it from any page; the Controls page opens the others.
import { useState, type FormEvent } from 'react';
import type { OrderResult, TradingStateView } from '../../../shared/contract/index';
import { call } from '../api';
import { fmtDateTime, fmtPrice, fmtQty } from '../format';
import { useApp, type EmergencyKind } from '../store';
import { errText, ModeBadge } from './controls-ui';
import { Field, Modal } from './modal';

export const HALT_SHORTCUT = 'Ctrl+Shift+H';

interface Spec {
  word: string;
  title: string;
  action: string;
  what: string;
}

export const EMERGENCY: Record<EmergencyKind, Spec> = {
  flatten: {
    word: 'FLATTEN',
    title: 'Flatten all positions',
    action: 'Flatten all',
    what: 'Cancels every resting order, then closes every position at market at its exact size (largest liquidation risk first). The closes are reducing orders, so they pass even when trading is HALTED. The trading state is not changed.',
  },
  halt: {
    word: 'HALT',
    title: 'Halt trading',
    action: 'Halt trading',
    what: 'Sets the manual trading state to HALTED: every exposure-adding order is refused; orders that reduce a position still pass, so nothing is trapped. Leave the duration empty to halt until a trader resumes.',
  },
  reduce: {
    word: 'REDUCE',
    title: 'Reduce all positions',
    action: 'Reduce',
    what: 'Cuts every position by the fraction at market, rounded down to the lot step; never removes more than the fraction and never flips a position. Closest to liquidation first, then the largest exposure.',
  },
  cancel: {
    word: 'CANCEL',
    title: 'Cancel all resting orders',
    action: 'Cancel all orders',
    what: 'Cancels every resting (limit) order. Positions are not touched.',
  },
};

type Outcome = { kind: 'orders'; orders: OrderResult[]; state: TradingStateView } | { kind: 'state'; state: TradingStateView } | { kind: 'cancelled'; cancelled: number };

export function orderCounts(orders: OrderResult[]): { filled: number; rejected: number; resting: number } {
  return {
    filled: orders.filter((o) => o.status === 'filled').length,
    rejected: orders.filter((o) => o.status === 'rejected').length,
    resting: orders.filter((o) => o.status === 'resting').length,
  };
}

/** Renders the open emergency dialog, if any. */
export function EmergencyDialogHost() {
  const open = useApp((s) => s.emergency);
  const close = useApp((s) => s.closeEmergency);
  if (!open) return null;
  // Keyed by kind so switching dialogs starts clean (no typed word carries over).
  return <EmergencyDialog key={open.kind} kind={open.kind} initialFraction={open.fraction} onClose={close} />;
}

function EmergencyDialog({ kind, initialFraction, onClose }: { kind: EmergencyKind; initialFraction: number | undefined; onClose: () => void }) {
  const spec = EMERGENCY[kind];
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [pct, setPct] = useState(String(Math.round((initialFraction ?? 0.25) * 1000) / 10));
  const [minutes, setMinutes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const pctNum = Number(pct);
  const pctOk = kind !== 'reduce' || (pct.trim() !== '' && Number.isFinite(pctNum) && pctNum > 0 && pctNum <= 100);
  const minNum = Number(minutes);
  const minOk = kind !== 'halt' || minutes.trim() === '' || (Number.isInteger(minNum) && minNum >= 1 && minNum <= 10_080);
  const reasonOk = reason.trim().length >= 3;
  const wordOk = typed === spec.word;
  const ready = reasonOk && wordOk && pctOk && minOk && !busy && !outcome;

  const run = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    const { setTradingState, setLastEmergency } = useApp.getState();
    const at = fmtDateTime(Date.now());
    try {
      const r = reason.trim();
      if (kind === 'flatten' || kind === 'reduce') {
        const res = kind === 'flatten' ? await call('emergency.flatten', { reason: r, confirm: true }) : await call('emergency.reduce', { fraction: pctNum / 100, reason: r, confirm: true });
        setTradingState(res.state);
        setOutcome({ kind: 'orders', orders: res.orders, state: res.state });
        const c = orderCounts(res.orders);
        setLastEmergency(`${at} · ${kind === 'flatten' ? 'Flatten all' : `Reduce ${pctNum}%`}: ${res.orders.length} orders · ${c.filled} filled · ${c.rejected} rejected`);
      } else if (kind === 'halt') {
        const state = await call('emergency.halt', { reason: r, confirm: true, ...(minutes.trim() ? { untilMinutes: minNum } : {}) });
        setTradingState(state);
        setOutcome({ kind: 'state', state });
        setLastEmergency(`${at} · Halt: trading ${state.mode}`);
      } else {
        const res = await call('emergency.cancelAll', { reason: r, confirm: true });
        setOutcome({ kind: 'cancelled', cancelled: res.cancelled });
        setLastEmergency(`${at} · Cancel all: ${res.cancelled} orders cancelled`);
      }
    } catch (err) {
      setError(errText(err));
    } finally {
      setBusy(false);
    }
  };

  const title = kind === 'reduce' && pctOk ? `Reduce all positions by ${pctNum}%` : spec.title;
  return (
    <Modal title={title} onClose={onClose} className="modal-danger" testId={`emergency-${kind}`}>
      <p className="modal-text">{spec.what}</p>
      {kind === 'halt' && (
        <p className="modal-text muted">
          Shortcut: <kbd className="kbd">{HALT_SHORTCUT}</kbd> opens this dialog from any page.
        </p>
      )}
      <form className="modal-form" onSubmit={(e) => void run(e)}>
        {kind === 'reduce' && (
          <Field label="Reduce by (%)" hint={pctOk ? 'of every position, 0 < x ≤ 100' : 'fraction: must be a number above 0 and at most 100'} bad={!pctOk}>
            {(a) => <input {...a} className="input num input-num" inputMode="decimal" value={pct} onChange={(e) => setPct(e.target.value)} aria-invalid={!pctOk} disabled={!!outcome} />}
          </Field>
        )}
        {kind === 'halt' && (
          <Field label="Auto-resume after (min)" hint={minOk ? 'optional, 1-10080 (7 days); empty = until a trader resumes' : 'untilMinutes: must be a whole number from 1 to 10080'} bad={!minOk}>
            {(a) => <input {...a} className="input num input-num" inputMode="numeric" value={minutes} placeholder="∞" onChange={(e) => setMinutes(e.target.value)} aria-invalid={!minOk} disabled={!!outcome} />}
          </Field>
        )}
        <Field label="Reason" hint="required, at least 3 characters; journaled with your user name">
          {(a) => <input {...a} className="input" data-autofocus value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="Why? (journaled)" disabled={!!outcome} />}
        </Field>
        <Field
          label={
            <>
              Type <b className="confirm-word">{spec.word}</b> to confirm
            </>
          }
          hint="exactly, in capitals"
        >
          {(a) => (
            <input {...a} className="input mono confirm-input" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} aria-invalid={typed !== '' && !wordOk} disabled={!!outcome} />
          )}
        </Field>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        {outcome && <OutcomeView outcome={outcome} />}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            {outcome ? 'Close' : 'Cancel'}
          </button>
          {!outcome && (
            <button type="submit" className="btn btn-danger" disabled={!ready}>
              {busy ? 'Working…' : kind === 'reduce' && pctOk ? `Reduce ${pctNum}%` : spec.action}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'cancelled') {
    return (
      <div className="form-ok" role="status" data-testid="emergency-result">
        Cancelled {outcome.cancelled} resting order{outcome.cancelled === 1 ? '' : 's'}.
      </div>
    );
  }
  if (outcome.kind === 'state') {
    return (
      <div className="form-ok" role="status" data-testid="emergency-result">
        Trading is now <ModeBadge mode={outcome.state.mode} /> <span className="muted">({outcome.state.reason})</span>
      </div>
    );
  }
  const c = orderCounts(outcome.orders);
  return (
    <div className="outcome" role="status" data-testid="emergency-result">
      <div className={c.rejected ? 'form-error' : 'form-ok'}>
        {outcome.orders.length} order{outcome.orders.length === 1 ? '' : 's'}: <b className="num">{c.filled}</b> filled · <b className="num">{c.rejected}</b> rejected
        {c.resting ? ` · ${c.resting} resting` : ''} · trading <ModeBadge mode={outcome.state.mode} />
      </div>
      {outcome.orders.length > 0 && (
        <div className="outcome-table">
          <table className="grid" aria-label="Emergency orders">
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
              {outcome.orders.map((o, i) => (
                <tr key={o.orderId || i}>
                  <td className="mono">{o.fill?.symbol ?? '—'}</td>
                  <td className={o.fill?.side === 'buy' ? 'pos' : 'neg'}>{o.fill?.side ?? '—'}</td>
                  <td className="num">{o.fill ? fmtQty(o.fill.qty) : '—'}</td>
                  <td className="num">{o.fill ? fmtPrice(o.fill.price) : '—'}</td>
                  <td title={o.reason}>
                    <span className={`ostat ostat-${o.status}`}>{o.status}</span>
                    {o.reason && <span className="muted"> {o.reason}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
