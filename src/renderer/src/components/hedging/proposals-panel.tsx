// Pending hedge proposals, each with its orders, cost, protection, rationale, optional narrative and
// an expiry countdown; Approve and Reject open dialogs. Decided proposals have their own panel.
import { useState } from 'react';
import type { HedgeProposal } from '../../../../shared/contract/index';
import { fmtDateTime, fmtDuration, fmtMoney, fmtPct, fmtTime } from '../../format';
import { EmptyNote, Panel, usdShort } from '../risk/shared';
import { useNow } from '../use-now';
import { ApproveDialog, OrdersTable, RejectDialog } from './proposal-dialogs';
import { fmtScore } from './score-panel';

const TRIGGER: Record<HedgeProposal['trigger'], string> = {
  score: 'score crossed the threshold',
  preservation_l2: 'capital preservation level 2',
  review: 'scheduled review',
  manual: 'manual',
};

function ProposalCard({ p, now, onApprove, onReject }: { p: HedgeProposal; now: number; onApprove: () => void; onReject: () => void }) {
  const left = p.expiresAt - now;
  const reduction = p.tailLossBefore - p.tailLossAfter;
  const costPct = p.equity > 0 ? p.totalCost / p.equity : NaN;
  const denied = p.checks.some((c) => c.decision === 'deny');
  return (
    <article className="hg-card" aria-label={`Hedge proposal ${p.id}`} data-testid="hedge-proposal" data-id={p.id}>
      <header className="hg-card-head">
        <b className="mono">{p.id}</b>
        <span className="muted">
          {TRIGGER[p.trigger]} · {fmtTime(p.createdAt, true)} UTC
        </span>
        <div className="spacer" />
        <span className={`hg-expiry num ${left < 60_000 ? 'warn' : ''}`} title={`Expires ${fmtDateTime(p.expiresAt)} UTC unless approved or rejected`} data-testid="proposal-expiry">
          {left > 0 ? `expires in ${fmtDuration(left)}` : 'expired'}
        </span>
      </header>
      <div className="hg-card-figs">
        <div title="Premium plus carry over the hedge horizon, in USD and as a fraction of equity at the proposal; the budget is the max hedge cost setting × equity">
          <div className="kpi-label">Cost · USD</div>
          <div className="hg-fig num">{fmtMoney(p.totalCost)}</div>
          <div className="kpi-sub num">
            {fmtPct(costPct, 2)} of equity · budget {usdShort(p.budget)}
          </div>
        </div>
        <div title={`Book loss at the tail shock (every underlying moved by the configured shock, full revaluation) without and with the hedge legs; USD, positive = loss`}>
          <div className="kpi-label">Tail loss · USD</div>
          <div className="hg-fig num">
            <span className="neg">{usdShort(p.tailLossBefore)}</span> → <span>{usdShort(p.tailLossAfter)}</span>
          </div>
          <div className="kpi-sub num">protects {usdShort(reduction)} ({fmtPct(p.tailLossBefore > 0 ? reduction / p.tailLossBefore : NaN, 0)})</div>
        </div>
        <div title="Tail-risk score at the proposal and the score expected after the hedges (components scaled by loss after / loss before)">
          <div className="kpi-label">Score</div>
          <div className="hg-fig num">
            {fmtScore(p.score)} → {fmtScore(p.scoreAfter)}
          </div>
          <div className="kpi-sub num">threshold {fmtScore(p.threshold)}</div>
        </div>
      </div>
      <OrdersTable p={p} label={`Orders of ${p.id}`} />
      <p className="hg-rationale">{p.rationale}</p>
      {p.narrative && (
        <blockquote className="hg-narrative" title="Written by the configured language model from the numbers above; it never changes them">
          {p.narrative}
        </blockquote>
      )}
      <footer className="hg-card-actions">
        {denied && <span className="warn">The validator denied at least one order when proposed; approval re-checks and may fill less.</span>}
        <div className="spacer" />
        <button type="button" className="btn btn-sm" onClick={onReject} disabled={left <= 0}>
          Reject…
        </button>
        <button type="button" className="btn btn-sm btn-primary" onClick={onApprove} disabled={left <= 0}>
          Approve…
        </button>
      </footer>
    </article>
  );
}

export function ProposalsPanel({ proposals, mode, onChanged }: { proposals: HedgeProposal[] | undefined; mode: string; onChanged: () => void }) {
  const now = useNow(1000);
  const [dialog, setDialog] = useState<{ kind: 'approve' | 'reject'; p: HedgeProposal }>();
  const [done, setDone] = useState<string>();
  const pending = (proposals ?? []).filter((p) => p.status === 'pending');
  const finish = (r: HedgeProposal): void => {
    setDialog(undefined);
    const fills = r.results.filter((x) => x.status === 'filled').length;
    setDone(r.status === 'rejected' ? `Rejected ${r.id}` : `${r.id}: ${r.status} · ${fills}/${r.results.length} orders filled`);
    onChanged();
  };
  return (
    <Panel title="Pending proposals" className="hg-proposals" aside={<span className="muted">{pending.length} pending</span>}>
      {done && (
        <div className="form-ok hg-done" role="status" data-testid="proposal-outcome">
          {done}
        </div>
      )}
      {proposals === undefined ? (
        <EmptyNote>Loading proposals…</EmptyNote>
      ) : pending.length === 0 ? (
        <EmptyNote>{mode === 'off' ? 'Hedging mode is off: nothing is proposed.' : 'No pending proposal. One appears when the tail-risk score crosses the threshold.'}</EmptyNote>
      ) : (
        pending.map((p) => <ProposalCard key={p.id} p={p} now={now} onApprove={() => setDialog({ kind: 'approve', p })} onReject={() => setDialog({ kind: 'reject', p })} />)
      )}
      {dialog?.kind === 'approve' && <ApproveDialog p={dialog.p} onClose={() => setDialog(undefined)} onDone={finish} />}
      {dialog?.kind === 'reject' && <RejectDialog p={dialog.p} onClose={() => setDialog(undefined)} onDone={finish} />}
    </Panel>
  );
}

/** Decided proposals, newest first: executed, rejected (with the reason), expired or failed. */
export function DecidedPanel({ proposals }: { proposals: HedgeProposal[] | undefined }) {
  const decided = (proposals ?? []).filter((p) => p.status !== 'pending').slice(0, 12);
  return (
    <Panel title="Decided proposals" className="hg-decided">
      {decided.length === 0 ? (
        <EmptyNote>{proposals === undefined ? 'Loading…' : 'No decided proposal yet.'}</EmptyNote>
      ) : (
        <table className="grid grid-compact" aria-label="Decided proposals">
          <thead>
            <tr>
              <th>Proposal</th>
              <th>Decided</th>
              <th>Status</th>
              <th className="num" title="Premium plus carry over the horizon, USD">Cost · USD</th>
              <th>By</th>
              <th className="wide">Reason / result</th>
            </tr>
          </thead>
          <tbody>
            {decided.map((p) => (
              <tr key={p.id} data-testid="decided-proposal" data-id={p.id}>
                <td className="mono">{p.id}</td>
                <td className="num muted">{p.decidedAt ? `${fmtTime(p.decidedAt, true)}` : '—'}</td>
                <td>
                  <span className={`hg-status hg-status-${p.status}`}>{p.status}</span>
                </td>
                <td className="num">{fmtMoney(p.totalCost)}</td>
                <td className="muted">{p.decidedBy ?? '—'}</td>
                <td className="wide">{p.reason ?? (p.results.length ? `${p.results.filter((r) => r.status === 'filled').length}/${p.results.length} orders filled` : '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
