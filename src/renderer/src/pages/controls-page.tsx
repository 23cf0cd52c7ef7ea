import { useState } from 'react';
import { call } from '../api';
import { BreakersTable } from '../components/breakers-table';
import { EMERGENCY, HALT_SHORTCUT } from '../components/confirm-dialog';
import { errText, ModeBadge, MODE_HELP, tidyReason, Until, type Mode } from '../components/controls-ui';
import { LimitsEditor } from '../components/limits-editor';
import { fmtDateTime, fmtPct } from '../format';
import { useApp, type EmergencyKind } from '../store';

const MODES: Mode[] = ['ACTIVE', 'REDUCING', 'HALTED'];

function TradingStatePanel() {
  const s = useApp((st) => st.tradingState);
  const pres = useApp((st) => st.preservation);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();

  const minNum = Number(minutes);
  const minOk = minutes.trim() === '' || (Number.isInteger(minNum) && minNum >= 1 && minNum <= 10_080);
  const reasonOk = reason.trim().length >= 3;

  const set = async (mode: Mode): Promise<void> => {
    if (!reasonOk || !minOk) return;
    setBusy(true);
    setMsg(undefined);
    try {
      const v = await call('trading.setState', { mode, reason: reason.trim(), confirm: true, ...(minutes.trim() ? { untilMinutes: minNum } : {}) });
      useApp.getState().setTradingState(v);
      setReason('');
      setMinutes('');
      const held = v.mode !== mode ? ` Effective mode stays ${v.mode}: ${v.setBy} demands it (the strictest source wins).` : '';
      setMsg({ ok: true, text: `Manual state set to ${mode}.${held}` });
    } catch (err) {
      setMsg({ ok: false, text: errText(err) });
    } finally {
      setBusy(false);
    }
  };

  const src = s?.sources;
  const sourceCell = (name: string, mode: Mode | null | undefined, help: string) => (
    <div className={`source${s && mode === s.mode && mode !== 'ACTIVE' ? ' source-demands' : ''}`} title={help} data-testid={`source-${name}`}>
      <span className="field-label">{name}</span>
      <ModeBadge mode={mode ?? null} empty="none" />
    </div>
  );

  return (
    <section className="panel" aria-label="Trading state">
      <div className="panel-head">
        <h2>Trading state</h2>
        <span className="muted">effective = strictest of manual, breakers and preservation</span>
      </div>
      {!s ? (
        <div className="empty">Waiting for the engine…</div>
      ) : (
        <div className="ts-grid">
          <div className="ts-mode" data-testid="controls-mode" data-mode={s.mode}>
            <ModeBadge mode={s.mode} big />
          </div>
          <dl className="facts ts-facts">
            <dt>Reason</dt>
            <dd className="ellipsis" title={s.reason} data-testid="controls-reason">
              {tidyReason(s.reason)}
            </dd>
            <dt>Set by</dt>
            <dd className="mono">{s.setBy}</dd>
            <dt>Since</dt>
            <dd className="num">{fmtDateTime(s.since)} UTC</dd>
            <dt>Until</dt>
            <dd className="num">
              {s.until ? (
                <>
                  {fmtDateTime(s.until)} UTC <span className="muted">·</span> <Until ts={s.until} />
                </>
              ) : (
                <span className="muted">until changed</span>
              )}
            </dd>
          </dl>
          <div className="sources" aria-label="Sources">
            {sourceCell('manual', src?.manual, 'The state a trader (or an emergency halt) set')}
            {sourceCell('breakers', src?.breakers, 'The strictest mode any tripped or cooling-down breaker demands (none: no demand)')}
            {sourceCell('preservation', src?.preservation, `Capital preservation${pres ? ` (level L${pres.level})` : ''}: L3 demands HALTED (none: no demand)`)}
          </div>
        </div>
      )}
      <form className="ts-form" onSubmit={(e) => e.preventDefault()} aria-label="Set the manual trading state">
        <label className="grow-label">
          <span className="field-label">Reason</span>
          <input className="input" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="required (≥ 3 characters), journaled" aria-describedby="ts-hint" />
        </label>
        <label>
          <span className="field-label">For (min)</span>
          <input className="input input-num num" value={minutes} inputMode="numeric" placeholder="∞" onChange={(e) => setMinutes(e.target.value)} aria-invalid={!minOk} title="Optional: the state reverts to ACTIVE after this many minutes (1-10080)" />
        </label>
        <div className="seg" role="group" aria-label="Set manual mode">
          {MODES.map((m) => (
            <button key={m} type="button" className={`seg-btn seg-${m}${src?.manual === m ? ' on' : ''}`} aria-pressed={src?.manual === m} disabled={busy || !reasonOk || !minOk} title={MODE_HELP[m]} onClick={() => void set(m)}>
              {m}
            </button>
          ))}
        </div>
      </form>
      <div id="ts-hint" className={msg ? (msg.ok ? 'form-ok' : 'form-error') : 'field-hint'} role={msg ? (msg.ok ? 'status' : 'alert') : undefined}>
        {msg ? msg.text : !minOk ? 'untilMinutes: must be a whole number from 1 to 10080' : 'Anyone can tighten; loosening changes only the manual source, breakers and preservation still apply.'}
      </div>
    </section>
  );
}

function EmergencyPanel() {
  const open = useApp((s) => s.openEmergency);
  const last = useApp((s) => s.lastEmergency);
  const positions = useApp((s) => s.positions);
  const [pct, setPct] = useState('25');
  const n = Number(pct);
  const pctOk = pct.trim() !== '' && Number.isFinite(n) && n > 0 && n <= 100;
  const btn = (kind: EmergencyKind, label: string, sub: string, fraction?: number, disabled = false) => (
    <button type="button" className={`btn emg-btn emg-${kind}`} disabled={disabled} onClick={() => open(kind, fraction)} title={EMERGENCY[kind].what} aria-label={`${label}: ${sub}`}>
      <span className="emg-label">{label}</span>
      <span className="emg-sub">{sub}</span>
    </button>
  );
  return (
    <section className="panel panel-emergency" aria-label="Emergency actions">
      <div className="panel-head">
        <h2>Emergency</h2>
        <span className="muted">typed confirmation · journaled</span>
        <div className="spacer" />
        <span className="muted" title="Opens the Halt dialog from any page">
          <kbd className="kbd">{HALT_SHORTCUT}</kbd> halt
        </span>
      </div>
      <div className="emg-grid">
        {btn('flatten', 'Flatten all', `close ${positions.length} positions at market`)}
        {btn('halt', 'Halt', 'refuse all new exposure')}
        <div className="emg-reduce">
          {btn('reduce', pctOk ? `Reduce ${n}%` : 'Reduce', 'cut every position', pctOk ? n / 100 : undefined, !pctOk)}
          <label className="emg-pct" title="Fraction of every position to cut, in percent (0 < x ≤ 100)">
            <span className="field-label">By</span>
            <input className="input input-num num" aria-label="Reduce by percent" value={pct} inputMode="decimal" onChange={(e) => setPct(e.target.value)} aria-invalid={!pctOk} />
            <span className="muted">%</span>
          </label>
        </div>
        {btn('cancel', 'Cancel all', 'cancel resting orders')}
      </div>
      <div className="emg-last muted" data-testid="emergency-last">
        {last ?? `Last action: none this session. Reduce rounds down to the lot step${pctOk ? ` (${fmtPct(n / 100, 0)} of each)` : ''}.`}
      </div>
    </section>
  );
}

export function ControlsPage() {
  return (
    <div className="page page-controls">
      <div className="cols controls-top">
        <TradingStatePanel />
        <EmergencyPanel />
      </div>
      <BreakersTable />
      <LimitsEditor />
    </div>
  );
}
