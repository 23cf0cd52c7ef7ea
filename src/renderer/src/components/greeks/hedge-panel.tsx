// Delta-hedge suggestion per underlying: the trade in the underlying itself that zeroes the net USD
// delta, and — said plainly — what it leaves: gamma, vega and theta unchanged. Delta, gamma and vega
// are exposures (neutral colour); only the ±1 % residual, a P&L, is coloured.
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { fmtMoney, fmtPrice, fmtQty } from '../../format';
import { EmptyNote, Panel, tone } from '../risk/shared';

const HEDGE_TITLE =
  'Trade the underlying (spot or perp: Δ = 1, no gamma, no vega). Quantity = −net USD delta / spot, in units of the underlying. Delta-neutral at today’s spot only: gamma, vega and theta do not change, so the hedge drifts as the price moves and must be redone.';

const qtyText = (q: number): string => {
  const a = Math.abs(q);
  return fmtQty(Number(a.toPrecision(a >= 1 ? 6 : 4)));
};

export function HedgePanel({ hedges }: { hedges: RiskSnapshot['hedges'] }) {
  return (
    <Panel title="Delta hedge suggestion">
      {hedges.length === 0 ? (
        <EmptyNote>No delta to hedge.</EmptyNote>
      ) : (
        <>
          <table className="grid rk-table" aria-label="Delta hedge suggestion">
            <thead>
              <tr>
                <th>Underlying</th>
                <th className="num" title="Net USD delta of every position on the underlying">Net delta</th>
                <th title={HEDGE_TITLE}>Hedge trade</th>
                <th className="num" title="Hedge quantity × spot (USD) = − net delta">Notional</th>
                <th className="num" title="Gamma after the hedge = before (USD delta change per +1 % move)">Gamma after</th>
                <th className="num" title="Vega after the hedge = before (USD per vol point)">Vega after</th>
                <th className="num" title="P&L of the hedged book on a ±1 % move: ½ × gamma × 0.01 (USD; positive = long gamma gains either way)">±1% after</th>
              </tr>
            </thead>
            <tbody>
              {hedges.map((h) => (
                <tr key={h.underlying} data-testid="hedge-row" title={HEDGE_TITLE}>
                  <td>{h.underlying}</td>
                  <td className="num" data-testid={`hedge-delta-${h.underlying}`}>{fmtMoney(h.delta, { sign: true, compact: true })}</td>
                  <td data-testid={`hedge-trade-${h.underlying}`}>
                    <span className={`rk-side ${h.hedgeQty > 0 ? 'buy' : 'sell'}`}>{h.hedgeQty > 0 ? 'BUY' : 'SELL'}</span> <span className="num">{qtyText(h.hedgeQty)}</span> @ <span className="num">{fmtPrice(h.spot)}</span>
                  </td>
                  <td className="num">{fmtMoney(h.hedgeNotional, { sign: true, compact: true })}</td>
                  <td className="num">{fmtMoney(h.gamma, { sign: true })}</td>
                  <td className="num">{fmtMoney(h.vega, { sign: true })}</td>
                  <td className={`num ${tone(h.residual1pct)}`}>{fmtMoney(h.residual1pct, { sign: true })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="rk-foot">
            The trade makes the book delta-neutral <b>at today’s price only</b>. It does not touch gamma, vega or theta: a short-gamma book still loses on a move in either
            direction, a long-vega book still loses if implied vol falls. Re-hedge as the price moves.
          </p>
        </>
      )}
    </Panel>
  );
}
