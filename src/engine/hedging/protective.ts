/**
 * Which orders count as protective for the pre-trade validator (docs/hedging.md, "Validator").
 *
 * A hedge usually opens a position (a put, a short perp), so by the validator's definition it adds
 * exposure — and the loss-based limits (daily loss, drawdown, VaR, correlation, position count)
 * would refuse it exactly when the book needs it. An order is protective when, under the house tail
 * scenario, it gains while the book loses, and the book's tail loss shrinks without turning into a
 * net tail gain (which would mean the "hedge" is a new short bet). Protective orders are exempt from
 * those limits and from the REDUCING state; HALTED still refuses them, and every size limit, the
 * price checks and the rate limit still apply.
 */
export function isProtective(bookTailPnl: number, orderTailPnl: number): boolean {
  return Number.isFinite(bookTailPnl) && Number.isFinite(orderTailPnl) && bookTailPnl < 0 && orderTailPnl > 0 && bookTailPnl + orderTailPnl <= 0;
}
