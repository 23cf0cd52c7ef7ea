// One sentence per metric, shown as its tooltip wherever it appears (heatmap, detail, legend), so
// the convention a number follows is never more than a hover away. docs/portfolio.md and
// docs/risk-engine.md hold the full definitions.
export const CONVENTIONS = {
  exposure: 'Exposure: |qty × multiplier × mark| in USD; options delta-adjusted on the underlying.',
  pnlPct: 'P&L %: unrealised P&L ÷ cost basis (|qty × multiplier × avg cost|).',
  unrealized: 'Unrealised P&L: (mark − avg cost) × qty × multiplier, USD, at the last mark.',
  realized: 'Realised P&L: (fill − avg cost) × closed qty × multiplier on every reducing fill, USD.',
  contribution:
    'Risk contribution: Euler component of the parametric 1-day VaR 99 on the book’s historical P&L window (USD, positive adds risk, hedges negative); share = component ÷ total VaR, sums to 100%. Refreshed every 10 s.',
  liquidation:
    'Liquidation distance: (margin + unrealised − maintenance) ÷ |notional|, the adverse move of the mark that would liquidate (isolated-margin estimate); — if not leveraged.',
  exitCost:
    'Exit cost: units × half-spread (plus a full spread beyond the size at the touch), USD: what closing at market now would cost.',
  margin: 'Margin used: |notional| ÷ leverage, USD (perps and futures with a leverage).',
  mark: 'Mark: mid of best bid and ask (else last trade); perps/futures from the underlying; options by Black-Scholes from the underlying.',
  stop: 'Stop: the active protective stop level in price units; trailing stops move only in the position’s favour.',
  sizing:
    'Suggested size: the pre-trade sizer for a new trend-following entry in this symbol (risk per trade ÷ stop distance, scaled by the early-warning model), then checked against every limit.',
} as const;
