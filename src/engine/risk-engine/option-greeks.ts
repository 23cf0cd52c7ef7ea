/**
 * Greeks page data: one row per option position (strike × expiry heatmap) and the delta hedge per
 * underlying. Units are the snapshot's trader units (sections.ts greeksSection): delta = USD delta
 * (units·Δ·S), gamma = change in USD delta for a +1 % move (units·Γ·S²·0.01), vega = USD per vol
 * point, theta = USD per calendar day.
 *
 * Hedge: trade the underlying itself (spot or perp: Δ = 1, Γ = vega = θ = 0), so
 *   hedgeQty = −delta / S   (units of the underlying; + = buy),  hedgeNotional = hedgeQty·S = −delta.
 * The hedged book is delta-flat at today's spot ONLY. Gamma, vega and theta do not change, so
 * after a move of m (fraction) the hedged book makes ≈ ½·units·Γ·(S·m)² = ½·gamma·m²/0.01 USD;
 * `residual1pct` is that for m = ±1 %: ½·gamma·0.01. Long gamma (> 0) gains either way, short
 * gamma loses either way, and the hedge must be redone as spot moves.
 */
import type { Instrument } from '../../shared/contract/portfolio';
import type { RiskSnapshot } from '../../shared/contract/risk';
import type { BookPosition } from '../risk/book';
import type { GreekParts } from './sections';

type OptionRow = RiskSnapshot['optionGreeks'][number];
type HedgeRow = RiskSnapshot['hedges'][number];

/** Option positions in trader units; expiry from the instrument (exact ms, not the year fraction). */
export function optionGreeksSection(
  positions: readonly BookPosition[],
  greeks: readonly GreekParts[],
  instruments: ReadonlyMap<string, Instrument>,
): OptionRow[] {
  const out: OptionRow[] = [];
  positions.forEach((p, i) => {
    const o = p.option;
    if (!o) return;
    const g = greeks[i];
    out.push({
      symbol: p.id,
      underlying: p.underlying,
      type: o.type,
      strike: o.strike,
      expiryMs: instruments.get(p.id)?.expiryMs ?? 0,
      qty: p.qty,
      delta: g.dollarDelta,
      gamma: g.gamma * p.spot * p.spot * 0.01,
      vega: g.vega,
      theta: g.theta,
    });
  });
  return out.sort((a, b) => a.underlying.localeCompare(b.underlying) || a.expiryMs - b.expiryMs || a.strike - b.strike);
}

/** One hedge row per underlying with a non-zero delta, largest |delta| first (module doc). */
export function hedgeSection(byUnderlying: RiskSnapshot['greeks']['byUnderlying'], spots: ReadonlyMap<string, number>): HedgeRow[] {
  const out: HedgeRow[] = [];
  for (const [underlying, g] of Object.entries(byUnderlying)) {
    const spot = spots.get(underlying);
    if (spot === undefined || !(spot > 0) || g.delta === 0) continue;
    const hedgeQty = -g.delta / spot;
    out.push({
      underlying,
      spot,
      delta: g.delta,
      gamma: g.gamma,
      vega: g.vega,
      hedgeQty,
      hedgeNotional: -g.delta,
      residual1pct: 0.5 * g.gamma * 0.01,
    });
  }
  return out.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
}
