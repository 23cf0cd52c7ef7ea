import { useState, type FormEvent } from 'react';
import type { OrderResult } from '../../../shared/contract/index';
import { ApiError, call } from '../api';
import { fmtMoney, fmtPrice, fmtQty } from '../format';

export function OrderEntry({ symbols }: { symbols: string[] }) {
  const [symbol, setSymbol] = useState('');
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [qty, setQty] = useState('');
  const [type, setType] = useState<'market' | 'limit'>('market');
  const [limit, setLimit] = useState('');
  const [result, setResult] = useState<OrderResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const params = { symbol: symbol.trim().toUpperCase(), side, qty: Number(qty), type, ...(type === 'limit' ? { limitPrice: Number(limit) } : {}) };
      const r = await call('orders.submit', params);
      if (r.status === 'rejected') setError(r.reason ?? 'rejected');
      else setResult(r);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-label="Paper order">
      <div className="panel-head">
        <h2>Paper order</h2>
        <span className="muted">fills against live prices · slippage and fees modelled</span>
      </div>
      <form className="order-form" onSubmit={(e) => void submit(e)}>
        <label>
          <span className="field-label">Symbol</span>
          <input className="input" list="order-symbols" value={symbol} onChange={(e) => setSymbol(e.target.value)} required placeholder="BTC-USDT" />
          <datalist id="order-symbols">{symbols.map((s) => <option key={s} value={s} />)}</datalist>
        </label>
        <div className="seg" role="group" aria-label="Side">
          <button type="button" className={side === 'buy' ? 'seg-btn on buy' : 'seg-btn'} aria-pressed={side === 'buy'} onClick={() => setSide('buy')}>Buy</button>
          <button type="button" className={side === 'sell' ? 'seg-btn on sell' : 'seg-btn'} aria-pressed={side === 'sell'} onClick={() => setSide('sell')}>Sell</button>
        </div>
        <label>
          <span className="field-label">Qty</span>
          <input className="input" inputMode="decimal" value={qty} onChange={(e) => setQty(e.target.value)} required />
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
            <input className="input" inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} required />
          </label>
        )}
        <button className={`btn ${side === 'buy' ? 'btn-buy' : 'btn-sell'}`} type="submit" disabled={busy}>
          {side === 'buy' ? 'Buy' : 'Sell'}
        </button>
      </form>
      {error && <div className="form-error" role="alert">{error}</div>}
      {result?.fill && (
        <div className="form-ok" role="status">
          Filled {result.fill.side} {fmtQty(result.fill.qty)} {result.fill.symbol} @ {fmtPrice(result.fill.price)} · fee {fmtMoney(result.fill.fee)}
        </div>
      )}
      {result?.status === 'resting' && <div className="form-ok" role="status">Limit order {result.orderId} resting</div>}
    </section>
  );
}
