import { ActiveHedgesPanel } from '../components/hedging/active-hedges';
import { MonitorPanel } from '../components/hedging/monitor-panel';
import { DecidedPanel, ProposalsPanel } from '../components/hedging/proposals-panel';
import { ScorePanel } from '../components/hedging/score-panel';
import { useHedging, type HedgingData } from '../components/hedging/use-hedging';
import { fmtTime } from '../format';

/** Loading, error, disconnected and stale states; nothing when the figures are live. */
function HedgingBanner({ d }: { d: HedgingData }) {
  if (!d.status && d.error)
    return (
      <div className="rk-banner rk-bad" role="alert">
        Could not load hedging: {d.error}
        <div className="spacer" />
        <button type="button" className="btn btn-sm" onClick={() => void d.refresh()}>
          Retry
        </button>
      </div>
    );
  if (!d.status)
    return (
      <div className="rk-banner rk-loading" role="status" data-testid="hedging-loading">
        <span className="rk-spinner" aria-hidden="true" /> Loading hedging status…
      </div>
    );
  if (d.disconnected)
    return (
      <div className="rk-banner rk-bad" role="alert">
        Engine disconnected — showing the hedging status of {fmtTime(d.status.ts, true)} UTC.
      </div>
    );
  if (d.stale)
    return (
      <div className="rk-banner rk-warn" role="status" data-testid="hedging-stale">
        Stale — last hedging status {Math.round(d.statusAgeMs / 1000)} s ago (expected every second).
      </div>
    );
  if (d.error)
    return (
      <div className="rk-banner rk-warn" role="status">
        {d.error}
      </div>
    );
  return null;
}

/** Hedging: the tail-risk score and mode, proposals to approve or reject, the active hedges and the monitor. */
export function HedgingPage() {
  const d = useHedging();
  const s = d.status;
  return (
    <div className={`page page-hedging ${d.stale || d.disconnected ? 'rk-is-stale' : ''}`}>
      <HedgingBanner d={d} />
      {s && (
        <>
          <div className="hg-top">
            <ScorePanel status={s} onStatus={d.refresh} />
            <MonitorPanel monitor={d.monitor} />
          </div>
          <div className="hg-bottom">
            <ProposalsPanel proposals={d.proposals} mode={s.enabled ? s.mode : 'off'} onChanged={() => void d.refresh()} />
            <DecidedPanel proposals={d.proposals} />
          </div>
          <ActiveHedgesPanel monitor={d.monitor} rollBeforeMs={d.config?.rollBeforeMs} nextReviewAt={s.nextReviewAt} />
        </>
      )}
    </div>
  );
}
