/**
 * Grid hedging (docs/hedging.md, "Grid hedges"): a symmetric grid of resting limit orders on the
 * hedge instrument around the current price.
 *   spacing = k × σ_daily × price                      (k = `spacingVol`, σ from the history)
 *   sell levels at price + i·spacing, i = 1..n, kept ≤ the recent high (the range's top)
 *   buy  levels at price − i·spacing, i = 1..n, kept ≥ the recent low
 *   each level trades coverage × |position units| / n.
 * For a long position the sells add short hedge as the price climbs to the top of its range and the
 * buys take it back off near the bottom; for a short position the sides are the same (the grid is
 * symmetric), the hedge simply starts from the other side. Levels beyond the recent range are
 * dropped: the grid trades the range the market has actually visited.
 */

export interface GridInput {
  price: number;
  /** Daily return volatility (decimal). */
  dailyVol: number;
  /** Recent closes (oldest first) for the range. */
  closes: ArrayLike<number>;
  /** Signed position in underlying units. */
  positionUnits: number;
  levels: number;
  coverage: number;
  spacingVol: number;
}

export interface GridPlan {
  spacing: number;
  high: number;
  low: number;
  levels: { price: number; side: 'buy' | 'sell'; qty: number }[];
}

export function buildGrid(g: GridInput): GridPlan {
  if (!(g.price > 0)) throw new RangeError(`buildGrid: price must be > 0, got ${g.price}`);
  if (!(g.dailyVol > 0)) throw new RangeError(`buildGrid: dailyVol must be > 0, got ${g.dailyVol}`);
  if (!(Number.isInteger(g.levels) && g.levels >= 1)) throw new RangeError(`buildGrid: levels must be an integer >= 1, got ${g.levels}`);
  if (!(g.coverage > 0 && g.coverage <= 1)) throw new RangeError(`buildGrid: coverage must be in (0, 1], got ${g.coverage}`);
  if (!(g.spacingVol > 0)) throw new RangeError(`buildGrid: spacingVol must be > 0, got ${g.spacingVol}`);
  let high = g.price,
    low = g.price;
  for (let i = 0; i < g.closes.length; i++) {
    const c = g.closes[i];
    if (c > high) high = c;
    if (c < low) low = c;
  }
  const spacing = g.spacingVol * g.dailyVol * g.price;
  const qty = (g.coverage * Math.abs(g.positionUnits)) / g.levels;
  const levels: GridPlan['levels'] = [];
  if (!(qty > 0)) return { spacing, high, low, levels };
  for (let i = 1; i <= g.levels; i++) {
    const up = g.price + i * spacing;
    const down = g.price - i * spacing;
    if (up <= high) levels.push({ price: up, side: 'sell', qty });
    if (down >= low && down > 0) levels.push({ price: down, side: 'buy', qty });
  }
  return { spacing, high, low, levels };
}

/** Closes reconstructed backwards from today's price and daily simple returns (last `days`). */
export function closesFromReturns(price: number, returns: ArrayLike<number>, days: number): number[] {
  const n = Math.min(days, returns.length);
  const out = new Array<number>(n + 1);
  out[n] = price;
  for (let i = n - 1; i >= 0; i--) out[i] = out[i + 1] / (1 + returns[returns.length - n + i]);
  return out;
}
