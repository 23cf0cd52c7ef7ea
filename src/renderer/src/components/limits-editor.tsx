// The limits editor: every limit with its base value (editable in place), the effective value after
// dynamic tightening, the current reading and its utilisation. Validation runs as you type and names
// the field exactly as the API does (`maxDailyLoss: …`); the engine validates again on save.
import { useEffect, useMemo, useState } from 'react';
import type { LimitsConfig, LimitsView } from '../../../shared/contract/index';
import { call } from '../api';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import { useApp } from '../store';
import { errText, fmtMetric, UtilBar } from './controls-ui';

type Scalar = Exclude<keyof LimitsConfig, 'sectorCaps'>;
type Unit = 'pct' | 'rho' | 'int' | 'money' | 'ms';
interface Meta {
  key: Scalar;
  label: string;
  unit: Unit;
  min: number;
  minOpen?: boolean;
  max: number;
  breach: '≥' | '>' | '';
  help: string;
}

const META: Meta[] = [
  { key: 'maxDailyLoss', label: 'Daily loss', unit: 'pct', min: 0, minOpen: true, max: 100, breach: '≥', help: 'Loss since the day start / day-start equity. Reaching it blocks new exposure.' },
  { key: 'maxDrawdown', label: 'Drawdown', unit: 'pct', min: 0, minOpen: true, max: 100, breach: '≥', help: 'Drop below the high-water mark. Never tightened (it would fire the close-all breaker).' },
  { key: 'varLimit', label: 'VaR 99 % 1-day', unit: 'pct', min: 0, minOpen: true, max: 100, breach: '≥', help: '1-day 99 % VaR / equity.' },
  { key: 'maxRiskPerPosition', label: 'Risk per position', unit: 'pct', min: 0, minOpen: true, max: 100, breach: '>', help: 'Equity at risk to the stop in one position (post-trade).' },
  { key: 'maxPortfolioRisk', label: 'Portfolio risk', unit: 'pct', min: 0, minOpen: true, max: 100, breach: '>', help: 'Sum of every position’s risk to its stop / equity.' },
  { key: 'maxConcentration', label: 'Concentration', unit: 'pct', min: 0, minOpen: true, max: 100, breach: '>', help: '|exposure| of one position / equity.' },
  { key: 'defaultSectorCap', label: 'Default sector cap', unit: 'pct', min: 0, minOpen: true, max: 1000, breach: '>', help: 'Gross sector |exposure| / equity for a sector without its own cap.' },
  { key: 'maxCorrelation', label: 'Correlation', unit: 'rho', min: 0, minOpen: true, max: 1, breach: '>', help: 'Largest ρ between a new exposure and a held position in the same direction (hedges pass).' },
  { key: 'maxPositions', label: 'Open positions', unit: 'int', min: 3, max: 20, breach: '>', help: 'Open positions; 3-20. Holding exactly the limit is allowed.' },
  { key: 'maxNotionalPerOrder', label: 'Notional per order', unit: 'money', min: 0, minOpen: true, max: Number.MAX_SAFE_INTEGER, breach: '>', help: 'Fat-finger guard: one order’s notional, USD.' },
  { key: 'maxOrdersPerMinute', label: 'Orders per minute', unit: 'int', min: 1, max: 10_000, breach: '>', help: 'Runaway-algo guard: exposure-adding orders per rolling 60 s.' },
  { key: 'maxPriceAgeMs', label: 'Max price age (ms)', unit: 'ms', min: 100, max: 3_600_000, breach: '', help: 'A quote older than this is stale: exposure-adding orders are denied.' },
];

const UNIT_HINT: Record<Unit, string> = { pct: '%', rho: 'ρ', int: '#', money: 'USD', ms: 'ms' };

/** Display text of a stored value in the editor's unit (fractions edited as percent). */
function toText(unit: Unit, v: number): string {
  if (unit === 'pct') return String(Math.round(v * 100 * 10_000) / 10_000);
  return String(v);
}
function fmtValue(unit: Unit, v: number): string {
  if (unit === 'pct') return fmtPct(v, 2);
  if (unit === 'rho') return v.toFixed(2);
  if (unit === 'money') return fmtMoney(v, { compact: true });
  return fmtInt(v);
}

function parse(m: Meta, text: string): { value?: number; error?: string } {
  const t = text.trim().replace(/[,_\s%]/g, '');
  const n = Number(t);
  const range = m.unit === 'pct' ? `above 0 % and at most ${m.max} %` : m.minOpen ? `above ${m.min} and at most ${fmtInt(m.max)}` : `from ${fmtInt(m.min)} to ${fmtInt(m.max)}`;
  if (t === '' || !Number.isFinite(n)) return { error: `${m.key}: must be a number ${range}` };
  if ((m.unit === 'int' || m.unit === 'ms') && !Number.isInteger(n)) return { error: `${m.key}: must be a whole number ${range}` };
  if ((m.minOpen ? n <= m.min : n < m.min) || n > m.max) return { error: `${m.key}: must be ${range}` };
  return { value: m.unit === 'pct' ? n / 100 : n };
}

/** "store of value=30; oracles=20" ⇄ {"store of value": 0.3, oracles: 0.2} (caps in percent of equity). */
function capsToText(c: Record<string, number>): string {
  return Object.entries(c)
    .map(([k, v]) => `${k}=${toText('pct', v)}`)
    .join('; ');
}
function parseCaps(text: string): { value?: Record<string, number>; error?: string } {
  const out: Record<string, number> = {};
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const [name, v, extra] = part.split('=');
    const n = Number((v ?? '').trim().replace('%', ''));
    if (!name?.trim() || v === undefined || extra !== undefined) return { error: `sectorCaps: write "sector=percent; …" (got "${part.trim()}")` };
    if (!Number.isFinite(n) || n <= 0 || n > 1000) return { error: `sectorCaps.${name.trim()}: must be above 0 % and at most 1000 %` };
    out[name.trim()] = n / 100;
  }
  return { value: out };
}

export function LimitsEditor() {
  const view = useApp((s) => s.limitsView);
  const [drafts, setDrafts] = useState<Partial<Record<keyof LimitsConfig, string>>>({});
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();

  // limits.view is pushed after each heavy risk recompute; poll too so utilisation stays live without it.
  useEffect(() => {
    let alive = true;
    const load = (): void => {
      call('limits.get', {}).then(
        (v) => {
          if (!alive) return;
          useApp.getState().setLimitsView(v);
          setLoadError(undefined);
        },
        (e: unknown) => alive && setLoadError(errText(e)),
      );
    };
    load();
    const t = setInterval(load, 2000);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, []);

  const check = useMemo(() => (view ? validate(view, drafts) : undefined), [view, drafts]);

  if (!view) {
    return (
      <section className="panel" aria-label="Limits">
        <div className="panel-head">
          <h2>Limits</h2>
        </div>
        {loadError ? (
          <div className="form-error" role="alert">
            {loadError}
          </div>
        ) : (
          <div className="empty">Loading limits…</div>
        )}
      </section>
    );
  }

  const util = new Map(view.utilisation.map((u) => [u.name, u]));
  const sectorRows = view.utilisation.filter((u) => u.name.startsWith('sectorCaps.'));
  const tightened = view.factor < 1;
  const changed = check ? Object.keys(check.patch).length : 0;
  const errors = check?.errors ?? {};
  const invalid = Object.keys(errors).length > 0;

  const save = async (): Promise<void> => {
    if (!check || invalid || changed === 0) return;
    setBusy(true);
    setMsg(undefined);
    try {
      const v = await call('limits.set', { patch: check.patch });
      useApp.getState().setLimitsView(v);
      setDrafts({});
      setMsg({ ok: true, text: `Saved ${Object.keys(check.patch).join(', ')} (journaled as limit.updated)` });
    } catch (err) {
      setMsg({ ok: false, text: errText(err) });
    } finally {
      setBusy(false);
    }
  };

  const draftOf = (key: keyof LimitsConfig, base: string): string => drafts[key] ?? base;
  const edit = (key: keyof LimitsConfig, text: string): void => {
    setMsg(undefined);
    setDrafts((d) => ({ ...d, [key]: text }));
  };

  return (
    <section className="panel" aria-label="Limits">
      <div className="panel-head">
        <h2>Limits</h2>
        <span className={tightened ? 'factor factor-tight' : 'factor'} title={`Effective = base × factor for the scaled limits. ${view.reason}`} data-testid="limits-factor">
          ×{view.factor.toFixed(2)}
        </span>
        <span className="muted ellipsis" title={view.reason}>
          {view.reason}
        </span>
        <div className="spacer" />
        {changed > 0 && <span className="muted">{changed} unsaved</span>}
        <button type="button" className="btn btn-sm" disabled={busy || Object.keys(drafts).length === 0} onClick={() => setDrafts({})}>
          Revert
        </button>
        <button type="button" className="btn btn-sm btn-primary" disabled={busy || invalid || changed === 0} onClick={() => void save()}>
          Save limits
        </button>
      </div>
      {msg && (
        <div className={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'} data-testid="limits-message">
          {msg.text}
        </div>
      )}
      {invalid && (
        <div className="form-error" role="alert" data-testid="limits-errors">
          {Object.values(errors).join(' · ')}
        </div>
      )}
      <table className="grid limits-grid" aria-label="Limits">
        <colgroup>
          <col className="c-name" />
          <col className="c-base" />
          <col className="c-unit" />
          <col className="c-eff" />
          <col className="c-cur" />
          <col />
          <col className="c-breach" />
        </colgroup>
        <thead>
          <tr>
            <th>Limit</th>
            <th className="num" title="Base limit, editable. Fractions of equity are edited in percent (2 = 2 %).">
              Base
            </th>
            <th />
            <th className="num" title="What the pre-trade check enforces now: base × tightening factor for the scaled limits">
              Effective
            </th>
            <th className="num" title="Current reading of the metric">
              Current
            </th>
            <th title="Current / effective limit. Green < 80 %, amber 80-100 %, red ≥ 100 %">Utilisation</th>
            <th title="≥: reaching the limit is the breach (loss limits). >: only going beyond it (capacity limits).">Breach</th>
          </tr>
        </thead>
        <tbody>
          {META.map((m) => {
            const base = view.base[m.key];
            const eff = view.effective[m.key];
            const u = util.get(m.key);
            const text = draftOf(m.key, toText(m.unit, base));
            const err = errors[m.key];
            const dirty = m.key in check!.patch;
            return (
              <tr key={m.key} data-testid="limit-row" data-limit={m.key} className={dirty ? 'dirty' : undefined}>
                <td title={m.help}>
                  <span className="limit-label">{m.label}</span> <span className="mono muted">{m.key}</span>
                </td>
                <td className="num">
                  <input
                    className="input input-cell num"
                    aria-label={`${m.label} (${m.key}) base value in ${UNIT_HINT[m.unit]}`}
                    value={text}
                    inputMode="decimal"
                    onChange={(e) => edit(m.key, e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') void save();
                      if (e.key === 'Escape') setDrafts(({ [m.key]: _drop, ...rest }) => rest);
                    }}
                    aria-invalid={err ? true : undefined}
                    title={err ?? m.help}
                  />
                </td>
                <td className="unit muted">{UNIT_HINT[m.unit]}</td>
                <td className={`num${eff !== base ? ' tightened' : ''}`} title={eff !== base ? `Tightened from ${fmtValue(m.unit, base)} (×${view.factor.toFixed(2)}): ${view.reason}` : 'Same as base'}>
                  {fmtValue(m.unit, eff)}
                </td>
                <td className="num">{u ? fmtMetric(m.key, u.value) : <span className="muted">—</span>}</td>
                <td>{u ? <UtilBar u={u.utilisation} label={m.label} /> : <span className="muted">no reading</span>}</td>
                <td className="muted">{m.breach}</td>
              </tr>
            );
          })}
          <tr data-testid="limit-row" data-limit="sectorCaps" className={'sectorCaps' in check!.patch ? 'dirty' : undefined}>
            <td title="Per-sector caps on gross sector |exposure| / equity, in percent. Format: sector=percent; sector=percent">
              <span className="limit-label">Sector caps</span> <span className="mono muted">sectorCaps</span>
            </td>
            <td colSpan={4}>
              <input
                className="input input-cell input-wide"
                aria-label="Sector caps (sectorCaps), sector=percent separated by ;"
                placeholder="none: every sector uses the default cap"
                value={draftOf('sectorCaps', capsToText(view.base.sectorCaps))}
                onChange={(e) => edit('sectorCaps', e.target.value)}
                aria-invalid={errors.sectorCaps ? true : undefined}
              />
            </td>
            <td colSpan={2} className="muted">
              sector=percent; … · unlisted sectors use the default cap
            </td>
          </tr>
          {sectorRows.map((u) => (
            <tr key={u.name} className="subrow" data-testid="sector-row">
              <td>
                <span className="sub-indent">↳</span> {u.name.slice('sectorCaps.'.length)}
              </td>
              <td />
              <td />
              <td className="num">{fmtPct(u.limit, 2)}</td>
              <td className="num">{fmtPct(u.value, 2)}</td>
              <td>
                <UtilBar u={u.utilisation} label={u.name} />
              </td>
              <td className="muted">&gt;</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Parses every draft and runs the cross-field rules on the merged result: the patch and per-field errors. */
function validate(view: LimitsView, drafts: Partial<Record<keyof LimitsConfig, string>>): { patch: Partial<LimitsConfig>; errors: Partial<Record<keyof LimitsConfig, string>> } {
  const patch: Partial<LimitsConfig> = {};
  const errors: Partial<Record<keyof LimitsConfig, string>> = {};
  for (const m of META) {
    const text = drafts[m.key];
    if (text === undefined || text === toText(m.unit, view.base[m.key])) continue;
    const r = parse(m, text);
    if (r.error) errors[m.key] = r.error;
    else if (r.value !== view.base[m.key]) patch[m.key] = r.value;
  }
  if (drafts.sectorCaps !== undefined && drafts.sectorCaps !== capsToText(view.base.sectorCaps)) {
    const r = parseCaps(drafts.sectorCaps);
    if (r.error) errors.sectorCaps = r.error;
    else if (JSON.stringify(r.value) !== JSON.stringify(view.base.sectorCaps)) patch.sectorCaps = r.value!;
  }
  const merged = { ...view.base, ...patch };
  if (!errors.maxDailyLoss && !errors.maxDrawdown && merged.maxDailyLoss > merged.maxDrawdown) {
    errors.maxDailyLoss = `maxDailyLoss: must not exceed maxDrawdown (${fmtPct(merged.maxDrawdown, 2)})`;
  }
  if (!errors.maxRiskPerPosition && !errors.maxPortfolioRisk && merged.maxRiskPerPosition > merged.maxPortfolioRisk) {
    errors.maxRiskPerPosition = `maxRiskPerPosition: must not exceed maxPortfolioRisk (${fmtPct(merged.maxPortfolioRisk, 2)})`;
  }
  return { patch, errors };
}
