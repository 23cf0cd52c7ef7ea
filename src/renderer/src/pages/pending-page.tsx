import { PAGES, type PageId } from '../store';

// What each page will hold; shown until its engine capability is connected, so the shell is honest.
const ABOUT: Partial<Record<PageId, string>> = {
  positions: 'Every position marked against live prices: average cost, realised and unrealised P&L, margin, liquidity cost, stale markers.',
  risk: 'Correlation matrix by cluster, diversification, exposure by asset class, sector and venue, VaR model comparison and the live VaR backtest.',
  stress: 'Price × volatility grid, named scenarios and historical replay of 2000-02, 2008 and 2020 on today’s book.',
  greeks: 'Delta, gamma, vega and theta by underlying; strike × expiry heatmap; hedge suggestion.',
  controls: 'Trading state, circuit breakers with manual override and countdown, limits and their utilisation, emergency actions.',
  hedging: 'Tail-risk score, hedge proposals to approve or reject, active hedges and their measured protection.',
  alerts: 'Active alerts by priority, acknowledgement and escalation.',
  history: 'Capital-preservation events with their triggers, actions and measured outcomes; overrides; alerts.',
  reports: 'End-of-day risk report as PDF, XLSX and CSV, on demand or on a schedule.',
  settings: 'Venues and endpoints, limits, hedging, alert channels, theme and data folder.',
};

export function PendingPage({ page }: { page: PageId }) {
  const label = PAGES.find((p) => p.id === page)?.label ?? page;
  return (
    <div className="page">
      <section className="panel empty-state" aria-label={`${label} not yet connected`}>
        <h2>{label}</h2>
        <p>{ABOUT[page]}</p>
        <p className="muted">This view connects once its engine capability is enabled in this build.</p>
      </section>
    </div>
  );
}
