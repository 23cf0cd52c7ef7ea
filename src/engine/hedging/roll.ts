import { niceStrike, PUT_STRIKES } from './candidates';

/**
 * The strike a rolled option leg moves to (docs/hedging.md, "Automation and review"). A put keeps
 * its strike while it stays inside the band the manager buys (80-95 % of spot); outside it, it is
 * re-struck to the nearest edge of the band: a put that went deep in the money after a fall is
 * rolled down (the gain is realised and the cover is reset below the market), one left far out of
 * the money by a rally is rolled up (else it protects nothing). Volatility legs (straddles) are
 * re-centred at the money. Without a spot the old strike is kept.
 */
export function rollStrike(kind: 'put' | 'call', volatilityLeg: boolean, oldStrike: number, spot: number | undefined): number {
  if (spot === undefined || !(spot > 0)) return oldStrike;
  if (volatilityLeg) return niceStrike(spot);
  if (kind !== 'put') return oldStrike;
  const lo = PUT_STRIKES[0];
  const hi = PUT_STRIKES[PUT_STRIKES.length - 1];
  const m = oldStrike / spot;
  return m < lo || m > hi ? niceStrike(spot * Math.min(hi, Math.max(lo, m))) : oldStrike;
}

/**
 * Which active hedges to close so that the book stops gaining in the tail scenario (an over-hedge
 * is a new bet, not protection): given the book's tail P&L (> 0 = over-hedged) and each hedge's own
 * tail P&L, close whole hedges, largest first, as long as closing one does not leave the book short
 * of cover (its tail P&L must not exceed the remaining excess). Returns the ids to close.
 */
export function overHedgeToClose(bookTailPnl: number, hedges: readonly { id: string; tailPnl: number }[]): string[] {
  if (!(bookTailPnl > 0)) return [];
  let excess = bookTailPnl;
  const out: string[] = [];
  for (const h of [...hedges].filter((x) => x.tailPnl > 0).sort((a, b) => b.tailPnl - a.tailPnl)) {
    if (h.tailPnl <= excess * (1 + 1e-9)) {
      out.push(h.id);
      excess -= h.tailPnl;
    }
  }
  return out;
}
