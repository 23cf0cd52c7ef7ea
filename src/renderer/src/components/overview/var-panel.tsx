// VaR and CVaR at 95 % and 99 % by every method the engine computes, with the Monte Carlo standard
// error as a ±1.96·SE confidence band and the VaR-limit utilisation from the controls' limits view.
import type { LimitsView, RiskSnapshot } from '../../../../shared/contract/index';
import { fmtInt, fmtPct } from '../../format';
import { UtilBar } from '../controls-ui';

const LEVELS = ['0.95', '0.99'] as const;
/** Two-sided 95 % normal quantile: MC estimate ± Z95·SE covers the true value 95 % of the time. */
const Z95 = 1.959963984540054;

export function VarPanel({ risk, limits }: { risk: RiskSnapshot | undefined; limits: LimitsView | undefined }) {
  const eq = risk && risk.equity > 0 ? risk.equity : undefined;
  const pct = (x: number): string => (eq ? fmtPct(x / eq) : '—');
  const varRow = limits?.utilisation.find((u) => u.name === 'varLimit');
  // Whole dollars: cents are noise on a 1-day loss estimate, and the table must fit beside the controls.
  const m = (x: number): string => fmtInt(Math.round(x));
  return (
    <section className="panel" aria-label="Value at risk">
      <div className="panel-head">
        <h2 title="1-day horizon, USD, positive = loss. Historical: today's book over the adaptive lookback, numpy 'linear' quantile. Parametric: Gaussian on the same window. Cornish-Fisher: skew/kurtosis-adjusted. Monte Carlo: 20,000 antithetic paths of the EWMA covariance, seeded.">
          Value at risk · 1 day
        </h2>
        <span className="muted">{risk ? `${risk.lookbackDays}d window · ${risk.regime}` : ''}</span>
      </div>
      {!risk ? (
        <div className="ov-empty">Awaiting the first risk snapshot…</div>
      ) : (
        <table className="grid ov-var" aria-label="VaR and CVaR by method">
          <thead>
            <tr>
              <th>Level</th>
              <th className="num" title="Historical-simulation VaR (USD, positive loss)">VaR</th>
              <th className="num" title="Historical CVaR / expected shortfall: mean loss beyond VaR (USD)">CVaR</th>
              <th className="num" title="Historical VaR as a fraction of equity">% eq.</th>
              <th className="num" title="Monte Carlo VaR ± 1.96 × its standard error (95 % confidence band of the estimate)">MC VaR ± CI</th>
              <th className="num" title="Monte Carlo CVaR ± 1.96 × its standard error (95 % confidence band)">MC CVaR ± CI</th>
              <th className="num" title="Gaussian VaR: z·σ − μ of the same window">Param.</th>
              <th className="num" title="Cornish-Fisher VaR: the Gaussian quantile corrected for the window's skew and excess kurtosis">C-F</th>
            </tr>
          </thead>
          <tbody>
            {LEVELS.map((l) => {
              const h = risk.var.historical[l];
              const mc = risk.var.monteCarlo[l];
              const tag = l === '0.95' ? '95' : '99';
              return (
                <tr key={l}>
                  <td className="num">{tag}%</td>
                  <td className="num" data-testid={`var-hist-${tag}`}>{m(h.var)}</td>
                  <td className="num" data-testid={`cvar-hist-${tag}`}>{m(h.cvar)}</td>
                  <td className="num">{pct(h.var)}</td>
                  <td className="num" data-testid={`var-mc-${tag}`}>
                    {m(mc.var)} <span className="muted">± {m(Z95 * mc.varSe)}</span>
                  </td>
                  <td className="num" data-testid={`cvar-mc-${tag}`}>
                    {m(mc.cvar)} <span className="muted">± {m(Z95 * mc.cvarSe)}</span>
                  </td>
                  <td className="num">{m(risk.var.parametric[l].var)}</td>
                  <td className="num">{m(risk.var.cornishFisher[l].var)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="ov-util" title="VaR-limit utilisation = 1-day 99 % VaR / equity ÷ the effective VaR limit (Controls → limits). Green < 80 %, amber 80-100 %, red ≥ 100 %.">
        <span className="field-label">VaR 99 vs limit</span>
        {varRow ? (
          <>
            <UtilBar u={varRow.utilisation} label="VaR limit" />
            <span className="num muted" data-testid="var-limit-util">
              {fmtPct(varRow.value)} of {fmtPct(varRow.limit)}
            </span>
          </>
        ) : (
          <span className="muted">awaiting limits</span>
        )}
      </div>
    </section>
  );
}
