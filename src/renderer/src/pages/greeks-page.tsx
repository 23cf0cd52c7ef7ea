import { useMemo } from 'react';
import { fmtMoney } from '../format';
import { GREEK_UNITS, GreeksHeatmap } from '../components/greeks/greeks-heatmap';
import { GREEK_COLS, GreekHeads, OptionTable, greekTone } from '../components/greeks/option-table';
import { HedgePanel } from '../components/greeks/hedge-panel';
import { AsOf, EmptyNote, Metric, Panel, RiskBanner, useRisk } from '../components/risk/shared';

const cols = GREEK_COLS;

/** Greeks: book totals, by underlying, per option (strike × expiry), and the delta hedge. */
export function GreeksPage() {
  const view = useRisk();
  const r = view.risk;
  const byU = useMemo(() => (r ? Object.entries(r.greeks.byUnderlying).sort((a, b) => Math.abs(b[1].delta) - Math.abs(a[1].delta)) : []), [r]);
  return (
    <div className={`page page-greeks ${view.stale ? 'rk-is-stale' : ''}`} data-ts={r?.ts}>
      <RiskBanner view={view} />
      {r && (
        <>
          <div className="kpis rk-kpis-5">
            {cols.map((g) => (
              <Metric key={g} label={`${GREEK_UNITS[g].label} · USD`} value={fmtMoney(r.greeks[g], { sign: true, compact: true })} title={`Book total. ${GREEK_UNITS[g].title}`} tone={greekTone(g, r.greeks[g])} testId={`kpi-${g}`} />
            ))}
            <Metric
              label="β-weighted delta · USD"
              value={fmtMoney(r.greeks.betaWeightedDelta, { sign: true, compact: true })}
              sub={<AsOf risk={r} />}
              title="Σ USD delta × β of each instrument to the benchmark (S&P 500): the USD of benchmark exposure with the same first-order risk"
            />
          </div>
          <div className="rk-cols">
            <Panel title="By underlying · USD">
              {byU.length === 0 ? (
                <EmptyNote>No positions.</EmptyNote>
              ) : (
                <table className="grid rk-table" aria-label="Greeks by underlying">
                  <thead>
                    <tr>
                      <th>Underlying</th>
                      <GreekHeads />
                    </tr>
                  </thead>
                  <tbody>
                    {byU.map(([u, g]) => (
                      <tr key={u} data-testid="greeks-row">
                        <td>{u}</td>
                        {cols.map((c) => (
                          <td key={c} className={`num ${greekTone(c, g[c])}`} data-testid={`greek-${c}-${u}`}>
                            {fmtMoney(g[c], { sign: true })}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Panel>
            <GreeksHeatmap rows={r.optionGreeks} />
          </div>
          <HedgePanel hedges={r.hedges} />
          <Panel title="Option positions · USD">
            {r.optionGreeks.length === 0 ? <EmptyNote>No option positions.</EmptyNote> : <OptionTable rows={r.optionGreeks} />}
          </Panel>
        </>
      )}
    </div>
  );
}
