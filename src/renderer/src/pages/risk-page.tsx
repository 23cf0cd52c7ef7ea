import { fmtPct } from '../format';
import { BacktestPanel } from '../components/risk/backtest-panel';
import { CorrelationPanel } from '../components/risk/correlation-panel';
import { ExposurePanel } from '../components/risk/exposure-panel';
import { AsOf, Metric, RiskBanner, usdShort, useRisk } from '../components/risk/shared';
import { VarModelsPanel } from '../components/risk/var-models-panel';

/** Risk: diversification and concentration, correlation, exposure, VaR models and their backtest. */
export function RiskPage() {
  const view = useRisk();
  const r = view.risk;
  return (
    <div className={`page page-risk ${view.stale ? 'rk-is-stale' : ''}`} data-ts={r?.ts}>
      <RiskBanner view={view} />
      {r && (
        <>
          <div className="kpis">
            <Metric
              label="Diversification"
              value={r.diversification.score.toFixed(0)}
              sub={`ratio ${r.diversification.ratio.toFixed(2)} · 0-100`}
              title="Choueifaty diversification ratio DR = Σ|wᵢ|σᵢ / σ_p (net exposure weights per underlying, Ledoit-Wolf covariance of the lookback window; 1 = no diversification); score = 100 × (1 − 1/DR²), DR² ≈ effective number of independent bets"
              testId="kpi-diversification"
            />
            <Metric
              label="Concentration (HHI)"
              value={r.hhi.toFixed(3)}
              sub={r.hhi > 0 ? `effective N ${(1 / r.hhi).toFixed(1)} underlyings` : 'no exposure'}
              title="Herfindahl-Hirschman index Σ sᵢ², sᵢ = |net exposure of underlying i| / Σ|…| (1/n … 1); effective number of bets = 1 / HHI"
              testId="kpi-hhi"
              tone={r.hhi > 0.4 ? 'warn' : ''}
            />
            <Metric
              label="Avg correlation"
              value={r.correlation.avgPairwise.toFixed(2)}
              sub={`max ${r.correlation.maxPairwise.toFixed(2)} · ${r.correlation.clusters.length} clusters`}
              title="Mean of the off-diagonal sample correlations of daily simple returns over the lookback window; clusters cut at ρ ≥ 0.7"
            />
            <Metric
              label="VaR 99% 1d · USD"
              value={usdShort(r.var.historical['0.99'].var)}
              sub={r.equity > 0 ? `${fmtPct(r.var.historical['0.99'].var / r.equity)} of equity · ${r.lookbackDays}d` : `${r.lookbackDays}d window`}
              title="Historical simulation of today's book over the adaptive lookback; numpy 'linear' quantile; positive loss, 1 day"
              testId="risk-var99"
            />
            <Metric
              label="Regime"
              value={r.regime}
              sub={`vol ratio ${r.volRatio.toFixed(2)} · EWMA ${fmtPct(r.ewmaVol, 1)}`}
              title="Volatility regime from the book's 20-day / 250-day realised volatility ratio: calm < 0.75 ≤ normal ≤ 1.5 < stressed (drives the 250/120/60-day VaR lookback); EWMA volatility λ 0.94, annualised"
              tone={r.regime === 'stressed' ? 'neg' : ''}
            />
            <Metric
              label="Net / gross · USD"
              value={usdShort(r.exposures.net)}
              sub={`gross ${usdShort(r.exposures.gross)} · ${r.exposures.gross > 0 ? fmtPct(r.exposures.net / r.exposures.gross, 0) : '—'} net`}
              title="Signed delta-adjusted exposure (net) and Σ|exposure| (gross), USD"
            />
          </div>
          <div className="rk-cols">
            <CorrelationPanel risk={r} />
            <ExposurePanel risk={r} />
          </div>
          <div className="rk-cols">
            <VarModelsPanel risk={r} />
            <BacktestPanel risk={r} />
          </div>
          <div className="rk-foot muted">
            Snapshot <AsOf risk={r} />. Money in USD; VaR and CVaR are positive one-day losses.
          </div>
        </>
      )}
    </div>
  );
}
