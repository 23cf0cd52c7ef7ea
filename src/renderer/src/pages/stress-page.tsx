import { fmtMoney, fmtPct } from '../format';
import { AsOf, Metric, RiskBanner, useRisk } from '../components/risk/shared';
import { ReplayPanel } from '../components/stress/replay-panel';
import { ScenariosPanel } from '../components/stress/scenarios-panel';
import { GRID_TITLE, StressGridPanel } from '../components/stress/stress-grid-panel';

/** Stress: the price × vol grid, the named scenarios and the historical replay. */
export function StressPage() {
  const view = useRisk();
  const r = view.risk;
  const worstScenario = r && r.scenarios.length > 0 ? r.scenarios.reduce((a, b) => (b.pnl < a.pnl ? b : a)) : undefined;
  const base = r && r.equity > 0 ? r.equity : 1;
  const center = r ? r.stress.grid[r.stress.priceShocks.indexOf(-0.1)]?.[r.stress.volShocks.indexOf(0)] : undefined;
  return (
    <div className={`page page-stress ${view.stale ? 'rk-is-stale' : ''}`} data-ts={r?.ts}>
      <RiskBanner view={view} />
      {r && (
        <>
          <div className="kpis rk-kpis-4">
            <Metric
              label="Worst grid cell · USD"
              value={fmtMoney(r.stress.worst.pnl, { sign: true, compact: true })}
              sub={`${fmtPct(r.stress.worst.pnl / base, 1)} of equity`}
              title={`Lowest P&L over all 175 price × vol × rate cells. ${GRID_TITLE}`}
              tone={r.stress.worst.pnl < 0 ? 'neg' : ''}
              testId="kpi-stress-worst"
            />
            <Metric
              label="Price −10% · USD"
              value={center === undefined ? '—' : fmtMoney(center, { sign: true, compact: true })}
              sub="vol unchanged, rates unchanged"
              title="Grid cell: every underlying −10 %, implied vols and rates unchanged; full revaluation"
              tone={center !== undefined && center < 0 ? 'neg' : ''}
            />
            <Metric
              label="Worst scenario · USD"
              value={worstScenario ? fmtMoney(worstScenario.pnl, { sign: true, compact: true }) : '—'}
              sub={worstScenario?.name ?? 'none'}
              title="The named scenario with the lowest P&L after liquidity cost"
              tone={worstScenario && worstScenario.pnl < 0 ? 'neg' : ''}
              testId="kpi-worst-scenario"
            />
            <Metric label="Equity · USD" value={fmtMoney(r.equity, { compact: true })} sub={<AsOf risk={r} />} title="Account equity at the snapshot; stress P&L is measured against it" />
          </div>
          <div className="rk-cols">
            <StressGridPanel risk={r} />
            <ScenariosPanel risk={r} />
          </div>
        </>
      )}
      <ReplayPanel />
    </div>
  );
}
