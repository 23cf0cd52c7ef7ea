import { useState } from 'react';
import type { BreakerViewSchema } from '../../../shared/contract/index';
import { call } from '../api';
import { fmtDateTime, fmtTime } from '../format';
import { useApp } from '../store';
import { BreakerStatusBadge, Countdown, errText, fmtMetric, ModeBadge, Nil } from './controls-ui';
import { breakerLabel, OverrideDialog } from './override-dialog';

const RULES: Record<BreakerViewSchema['id'], string> = {
  volatility_spike: 'Realised / normal vol ≥ 3 → reduce all positions 50 %, REDUCING until it clears + 30 min cool-down',
  drawdown: 'Drawdown ≥ 10 % → close all, HALTED until it clears + 1 h cool-down',
  daily_loss: 'Daily loss ≥ 2 % of day-start equity → HALTED for 24 h',
  correlation_spike: 'Average pairwise ρ > 0.9 → reduce correlated positions 50 %, REDUCING until it clears + 30 min',
  loss_streak: '≥ 5 consecutive losing trades/days → REDUCING for 12 h',
  anomaly: 'Data errors, P&L mismatch > 0.5 % or a feed silent > 60 s → safe mode (REDUCING) until it clears + 5 min',
};

export function BreakersTable() {
  const breakers = useApp((s) => s.breakers);
  const at = useApp((s) => s.breakersAt);
  const [overriding, setOverriding] = useState<BreakerViewSchema['id'] | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();
  const target = breakers?.find((b) => b.id === overriding);

  const revoke = async (b: BreakerViewSchema): Promise<void> => {
    setBusy(b.id);
    setMsg(undefined);
    try {
      const r = await call('breakers.revoke', { id: b.id, reason: 'revoked from the Controls page' });
      useApp.getState().setBreakers(await call('breakers.list', {}));
      setMsg({ ok: true, text: `${breakerLabel(b.id)} override revoked; breaker ${r.status.replace('_', ' ')} and re-evaluated.` });
    } catch (err) {
      setMsg({ ok: false, text: errText(err) });
    } finally {
      setBusy(undefined);
    }
  };

  const active = breakers?.filter((b) => b.status !== 'armed').length ?? 0;
  return (
    <section className="panel" aria-label="Circuit breakers">
      <div className="panel-head">
        <h2>Circuit breakers</h2>
        <span className="muted">{breakers ? `${breakers.length} · ${active} not armed` : ''}</span>
        <div className="spacer" />
        <span className="muted">overrides expire on their own and re-arm the breaker; all actions are journaled</span>
      </div>
      {msg && (
        <div className={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </div>
      )}
      <div className="table-wrap">
        <table className="grid breakers-grid" aria-label="Circuit breakers">
          <thead>
            <tr>
              <th>Breaker</th>
              <th>Status</th>
              <th title="Trading mode the breaker demands now">Imposes</th>
              <th title="Metric at the last trip">Last trip</th>
              <th className="num" title="Metric value at the trip">Value</th>
              <th className="num" title="Threshold at the trip">Threshold</th>
              <th className="num" title="Time of the last trip (UTC)">Tripped</th>
              <th className="num" title="Time until the trip, cool-down or override ends; ticks every second">Remaining</th>
              <th className="wide">Override</th>
              <th className="num">Action</th>
            </tr>
          </thead>
          <tbody>
            {breakers?.map((b) => {
              const t = b.lastTrip;
              const canOverride = b.overridable && (b.status === 'armed' || b.status === 'tripped' || b.status === 'cooling_down');
              return (
                <tr key={b.id} data-testid="breaker-row" data-breaker={b.id} data-status={b.status} className={b.status === 'tripped' ? 'row-bad' : b.status === 'overridden' ? 'row-warn' : undefined}>
                  <td title={RULES[b.id]}>
                    <span className="breaker-name">{breakerLabel(b.id)}</span>
                  </td>
                  <td>
                    <BreakerStatusBadge status={b.status} />
                  </td>
                  <td>{b.mode ? <ModeBadge mode={b.mode} /> : <Nil />}</td>
                  <td>{t ? <span className="mono muted">{t.metric}</span> : <Nil />}</td>
                  <td className="num">{t ? fmtMetric(t.metric, t.value, 3) : <Nil />}</td>
                  <td className="num muted">{t ? fmtMetric(t.metric, t.threshold, 3) : <Nil />}</td>
                  <td className="num" title={t ? `${fmtDateTime(t.at)} UTC` : undefined}>
                    {t ? fmtTime(t.at, true) : <Nil />}
                  </td>
                  <td className="num">
                    <Countdown remainingMs={b.remainingMs} at={at} testId={`remaining-${b.id}`} />
                  </td>
                  <td className="wide override-cell">
                    {b.override ? (
                      <span title={`by ${b.override.user} at ${fmtDateTime(b.override.at)} UTC, expires ${fmtDateTime(b.override.expiresAt)} UTC`}>
                        <b>{b.override.user}</b>: {b.override.reason} <span className="muted">· until {fmtTime(b.override.expiresAt, true)} UTC</span>
                      </span>
                    ) : (
                      <span className="muted">{b.note ?? ''}</span>
                    )}
                  </td>
                  <td className="num actions">
                    {b.status === 'overridden' ? (
                      <button type="button" className="btn btn-xs" disabled={busy === b.id} onClick={() => void revoke(b)} aria-label={`Revoke ${breakerLabel(b.id)} override`}>
                        Revoke
                      </button>
                    ) : !b.overridable ? (
                      <span className="not-overridable" title="The engine does not allow overriding this breaker (allowDrawdownOverride is off)">
                        not overridable
                      </span>
                    ) : (
                      <button type="button" className="btn btn-xs" disabled={!canOverride} onClick={() => setOverriding(b.id)} aria-label={`Override ${breakerLabel(b.id)}`}>
                        Override…
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
            {!breakers && (
              <tr>
                <td colSpan={10} className="empty">
                  Waiting for the breakers…
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {target && <OverrideDialog breaker={target} onClose={() => setOverriding(undefined)} />}
    </section>
  );
}
