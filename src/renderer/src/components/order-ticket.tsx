// The order ticket: while the trader types, the engine's pre-trade validator (orders.check, debounced
// 150 ms) says what would happen — approve, reduce to a smaller size, or deny — with every reason and
// the sizing model's suggestion. Send says what it will do and is disabled when the check denies.
// Enter sends, Esc clears. The engine checks again on submit: it is the authority, this is a preview.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { create } from 'zustand';
import type { OrderCheckView, OrderResult } from '../../../shared/contract/index';
import { call } from '../api';
import { fmtMoney, fmtPrice, fmtQty } from '../format';
import { useApp } from '../store';
import { errText } from './controls-ui';

/** Lets the command palette open the ticket (optionally on a symbol) from anywhere. */
export const useTicket = create<{ symbol: string | undefined; pending: boolean }>(() => ({ symbol: undefined, pending: false }));
export function openTicket(symbol?: string): void {
  useApp.getState().setPage('positions');
  useTicket.setState({ symbol, pending: true });
}

const DECISION = {
  approve: { label: 'APPROVE', cls: 'dec-approve', help: 'The order passes every pre-trade check and will be sent as entered.' },
  reduce: { label: 'REDUCE', cls: 'dec-reduce', help: 'A limit binds: only the allowed quantity will be sent.' },
  deny: { label: 'DENY', cls: 'dec-deny', help: 'The order breaks a hard limit or the trading state: nothing will be sent.' },
} as const;

/** The last check reply, for the order (and book version) in `key`; a different key means "checking". */
type Check = { state: 'done'; key: string; view: OrderCheckView } | { state: 'error'; key: string; message: string } | undefined;

export function OrderTicket({ symbols }: { symbols: string[] }) {
  const positions = useApp((s) => s.positions);
  const [symbol, setSymbol] = useState(() => (useTicket.getState().pending ? (useTicket.getState().symbol ?? '') : ''));
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [qty, setQty] = useState('');
  const [type, setType] = useState<'market' | 'limit'>('market');
  const [limit, setLimit] = useState('');
  const [check, setCheck] = useState<Check>(undefined);
  const [result, setResult] = useState<OrderResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  /** Bumped after a send: the book changed, so the same order is checked again. */
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  const symRef = useRef<HTMLInputElement>(null);
  const sendId = useId();
  const listId = useId();

  // Opened from the palette: focus the symbol field, prefilled when a symbol was given (on mount the
  // state initialiser took the symbol; while mounted the subscription does).
  useEffect(() => {
    const consume = (): void => {
      if (!useTicket.getState().pending) return;
      useTicket.setState({ pending: false });
      symRef.current?.focus();
      symRef.current?.scrollIntoView({ block: 'nearest' });
    };
    consume();
    return useTicket.subscribe((t) => {
      if (!t.pending) return;
      if (t.symbol) setSymbol(t.symbol);
      consume();
    });
  }, []);

  const sym = symbol.trim().toUpperCase();
  const q = Number(qty);
  const lp = Number(limit);
  const valid = sym.length > 0 && qty.trim() !== '' && Number.isFinite(q) && q > 0 && (type === 'market' || (limit.trim() !== '' && Number.isFinite(lp) && lp > 0));
  const order = { symbol: sym, side, qty: q, type, ...(type === 'limit' ? { limitPrice: lp } : {}) };
  const orderJson = JSON.stringify(order);
  const key = `${orderJson}#${nonce}`;

  useEffect(() => {
    if (!valid) return undefined;
    const my = ++seq.current;
    const t = setTimeout(() => {
      call('orders.check', JSON.parse(orderJson) as typeof order).then(
        (view) => my === seq.current && setCheck({ state: 'done', key, view }),
        (e: unknown) => my === seq.current && setCheck({ state: 'error', key, message: errText(e) }),
      );
    }, 150);
    return () => clearTimeout(t);
  }, [key, orderJson, valid]);

  const current = check?.key === key ? check : undefined;
  const view = current?.state === 'done' ? current.view : undefined;
  const pos = positions.find((p) => p.symbol === sym);
  const px = type === 'limit' ? lp : (pos?.mark ?? view?.sizing?.entry ?? null);
  const sendQty = view?.decision === 'reduce' && view.allowedQty !== undefined ? view.allowedQty : q;
  const denied = view?.decision === 'deny';
  // Send waits for the decision on what is typed now (the engine re-checks on submit anyway).
  const decided = view !== undefined;
  // `size` is the ORDER quantity that takes the position to the model's target, capped by the size
  // limits (0 for a reducing order); `targetQty` is the target position itself.
  const suggested = view?.sizing && view.sizing.size > 0 ? view.sizing.size : undefined;

  const clear = (): void => {
    setQty('');
    setLimit('');
    setResult(undefined);
    setError(undefined);
  };

  const submit = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (!valid || denied || !decided || busy) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const r = await call('orders.submit', order);
      if (r.status === 'rejected') setError(r.reason ?? 'rejected');
      else setResult(r);
    } catch (err) {
      setError(errText(err));
    } finally {
      setBusy(false);
      setNonce((n) => n + 1);
    }
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      clear();
    }
  };

  const what = !valid
    ? 'Enter a symbol and a quantity to see the pre-trade decision.'
    : denied
      ? 'Refused by the pre-trade check: nothing will be sent.'
      : `Will ${side} ${fmtQty(sendQty)}${view?.decision === 'reduce' ? ` of ${fmtQty(q)}` : ''} ${sym} ${type === 'limit' ? `limit ${fmtPrice(lp)}` : 'at market'}${px ? ` · ≈ ${fmtMoney(sendQty * px)} notional` : ''}${view ? (view.addsExposure ? ' · adds exposure' : ' · reduces exposure') : ''}`;

  return (
    <section className="panel ticket" aria-label="Order ticket">
      <div className="panel-head">
        <h2>Order ticket</h2>
        <span className="muted">paper · pre-trade checked · Enter sends · Esc clears</span>
      </div>
      <form className="order-form" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
        <label>
          <span className="field-label">Symbol</span>
          <input ref={symRef} className="input" list={listId} value={symbol} onChange={(e) => setSymbol(e.target.value)} required placeholder="BTC-USDT" autoComplete="off" spellCheck={false} />
          <datalist id={listId}>{symbols.map((s) => <option key={s} value={s} />)}</datalist>
        </label>
        <div className="seg" role="group" aria-label="Side">
          <button type="button" className={side === 'buy' ? 'seg-btn on buy' : 'seg-btn'} aria-pressed={side === 'buy'} onClick={() => setSide('buy')}>Buy</button>
          <button type="button" className={side === 'sell' ? 'seg-btn on sell' : 'seg-btn'} aria-pressed={side === 'sell'} onClick={() => setSide('sell')}>Sell</button>
        </div>
        <label>
          <span className="field-label">Qty</span>
          <input className="input input-num" inputMode="decimal" value={qty} onChange={(e) => setQty(e.target.value)} required aria-invalid={qty.trim() !== '' && !(q > 0)} />
        </label>
        <label>
          <span className="field-label">Type</span>
          <select className="input" value={type} onChange={(e) => setType(e.target.value as 'market' | 'limit')}>
            <option value="market">market</option>
            <option value="limit">limit</option>
          </select>
        </label>
        {type === 'limit' && (
          <label>
            <span className="field-label">Limit</span>
            <input className="input input-num" inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} required />
          </label>
        )}
        <div className="ticket-send">
          <button className={`btn ${side === 'buy' ? 'btn-buy' : 'btn-sell'}`} type="submit" disabled={busy || !valid || denied || !decided} aria-describedby={sendId} data-testid="ticket-send">
            {side === 'buy' ? 'Buy' : 'Sell'}
          </button>
        </div>
      </form>
      <div id={sendId} className={`ticket-what num ${denied ? 'neg' : ''}`} data-testid="ticket-what">
        {what}
      </div>
      <Decision check={current} view={view} valid={valid} suggested={suggested} onUseSuggested={() => suggested !== undefined && setQty(String(suggested))} />
      {error && <div className="form-error" role="alert" data-testid="ticket-refusal">Refused: {error}</div>}
      {result?.fill && (
        <div className="form-ok" role="status" data-testid="ticket-fill">
          Filled {result.fill.side} {fmtQty(result.fill.qty)} {result.fill.symbol} @ {fmtPrice(result.fill.price)} · fee {fmtMoney(result.fill.fee)}
        </div>
      )}
      {result?.status === 'resting' && <div className="form-ok" role="status">Limit order {result.orderId} resting</div>}
    </section>
  );
}

function Decision({ check, view, valid, suggested, onUseSuggested }: { check: Check; view: OrderCheckView | undefined; valid: boolean; suggested: number | undefined; onUseSuggested: () => void }) {
  if (!valid) return null;
  if (check?.state === 'error') {
    return (
      <div className="ticket-decision ticket-decision-row dec-deny-box" role="status" aria-live="polite" data-testid="ticket-decision" data-decision="error">
        <span className="dec dec-deny">ERROR</span> <span>{check.message}</span>
      </div>
    );
  }
  if (!view) {
    return (
      <div className="ticket-decision ticket-decision-row muted" role="status" aria-live="polite" data-testid="ticket-decision" data-decision="checking">
        <span className="dec dec-pending">CHECKING</span> running the pre-trade checks…
      </div>
    );
  }
  const d = DECISION[view.decision];
  const s = view.sizing;
  return (
    <div className={`ticket-decision ${d.cls}-box`} role="status" aria-live="polite" data-testid="ticket-decision" data-decision={view.decision}>
      <div className="dec-head">
        <span className={`dec ${d.cls}`} title={d.help} data-testid="ticket-decision-label">{d.label}</span>
        {view.decision === 'reduce' && view.allowedQty !== undefined && <span className="num">allowed qty <b data-testid="ticket-allowed">{fmtQty(view.allowedQty)}</b></span>}
        <span className="muted">{view.addsExposure ? 'adds exposure' : 'reduces exposure'}</span>
      </div>
      {view.reasons.length > 0 ? (
        <ul className="dec-reasons" aria-label="Reasons">
          {view.reasons.map((r) => (
            <li key={`${r.code}-${r.message}`}>
              <span className="mono reason-code">{r.code}</span>
              <span>{r.message}</span>
            </li>
          ))}
        </ul>
      ) : (
        <div className="muted">No limit binds.</div>
      )}
      {s && (
        <div className="dec-sizing num" title={`Sizing model ${s.model}${s.model !== s.requestedModel ? ` (requested ${s.requestedModel})` : ''}: the size that risks the per-position budget to the stop. ${s.note ?? ''}`}>
          <span>
            Suggested order <b data-testid="ticket-suggested">{suggested !== undefined ? suggested.toLocaleString('en-US', { maximumFractionDigits: 8 }) : '—'}</b>
            <span className="muted"> · target position {fmtQty(Number(s.targetQty.toPrecision(6)))}</span>
          </span>
          <span className="muted">
            {s.model} · entry {fmtPrice(s.entry)} · stop {fmtPrice(s.stop)} ({s.stopSource}) · TP {fmtPrice(s.takeProfit)} · R:R {s.rewardToRisk.toFixed(1)}
            {s.mlScale !== 1 ? ` · ML ×${s.mlScale.toFixed(2)}` : ''}
            {s.diversificationScore !== null ? ` · div. ${s.diversificationScore.toFixed(2)}` : ''}
          </span>
          {suggested !== undefined && (
            <button type="button" className="btn btn-xs" onClick={onUseSuggested}>
              Use suggested size
            </button>
          )}
        </div>
      )}
    </div>
  );
}
