// The sizing suggestion of the position detail: what the pre-trade sizer and validator say about a
// new trend-following entry in this symbol (orders.check; nothing is sent).
import type { OrderCheckView } from '../../../../shared/contract/index';
import { fmtPct, fmtPrice, fmtQty } from '../../format';
import { CONVENTIONS } from './conventions';

type Load<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

const DECISION: Record<OrderCheckView['decision'], string> = {
  approve: 'limits allow it',
  reduce: 'limits would reduce it',
  deny: 'limits would refuse it',
};

export function SizingPanel({ check }: { check: Load<OrderCheckView> }) {
  return (
    <section className="drawer-section" aria-label="Sizing suggestion" data-testid="detail-sizing">
      <div className="drawer-section-head">
        <h3 title={CONVENTIONS.sizing}>Sizing suggestion</h3>
        {check.state === 'ok' && (
          <span className={`decision decision-${check.value.decision}`}>
            {DECISION[check.value.decision]}
          </span>
        )}
      </div>
      {check.state === 'loading' && <p className="muted">Asking the sizer…</p>}
      {check.state === 'error' && (
        <p className="form-err" role="alert">
          The pre-trade check failed: {check.message}
        </p>
      )}
      {check.state === 'ok' && <Body c={check.value} />}
    </section>
  );
}

function Body({ c }: { c: OrderCheckView }) {
  const s = c.sizing;
  return (
    <>
      {s ? (
        <dl className="sizing-facts" title={CONVENTIONS.sizing}>
          <dt>Suggested qty</dt>
          <dd className="num" data-testid="sizing-qty">
            {fmtQty(s.targetQty)}
          </dd>
          <dt>Model</dt>
          <dd>
            {s.model}
            {s.model !== s.requestedModel && <span className="muted"> (asked {s.requestedModel})</span>}
          </dd>
          <dt>Entry · stop · target</dt>
          <dd className="num">
            {fmtPrice(s.entry)} · <span className="neg">{fmtPrice(s.stop)}</span> ·{' '}
            <span className="pos">{fmtPrice(s.takeProfit)}</span>
          </dd>
          <dt>Risk / unit · R:R</dt>
          <dd className="num">
            {fmtPrice(s.riskPerUnit)} · {s.rewardToRisk.toFixed(2)}
          </dd>
          <dt>Early-warning scale</dt>
          <dd className="num" title="Multiplier the early-warning model applies to the target (1 = none)">
            ×{s.mlScale.toFixed(2)}
            {s.diversificationScore !== null && (
              <span className="muted"> · diversification {fmtPct(s.diversificationScore, 0)}</span>
            )}
          </dd>
        </dl>
      ) : (
        <p className="muted">
          The sizer has no suggestion for this symbol yet (it needs a volatility estimate).
        </p>
      )}
      {c.decision === 'reduce' && c.allowedQty !== undefined && (
        <p className="muted">The limits would allow {fmtQty(c.allowedQty)} now.</p>
      )}
      {c.reasons.length > 0 && (
        <ul className="reasons">
          {c.reasons.slice(0, 4).map((r) => (
            <li key={r.code}>
              <span className="mono">{r.code}</span> {r.message}
            </li>
          ))}
        </ul>
      )}
      {s?.note && <p className="muted">{s.note}</p>}
    </>
  );
}
