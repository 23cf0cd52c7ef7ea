// Settings → Hedging (the hedge manager's configuration, validated here and again by the engine,
// errors shown next to the field they name) and the data-folder line with a Copy button.
// Units as a trader reads them: max cost in % of equity, the review period in minutes, sizes in USD;
// converted to the contract's fractions and milliseconds on save. Only changed fields are sent, so
// the journal records exactly what changed. The narrative API key is write-only.
import { useEffect, useState, type FormEvent } from 'react';
import type { HedgeMode, HedgeType, HedgingConfigPatch, HedgingConfigView } from '../../../shared/contract/index';
import { ApiError, call } from '../api';
import { errText } from './controls-ui';

const TYPES: { id: HedgeType; label: string; hint: string }[] = [
  { id: 'put_options', label: 'Put options', hint: 'Buy out-of-the-money puts on the largest underlyings (premium paid upfront)' },
  { id: 'futures_short', label: 'Short perpetuals', hint: 'Sell perpetual futures sized by beta (funding is the carry)' },
  { id: 'inverse_etf', label: 'Inverse proxy', hint: 'Reduce or short the reference asset as an inverse-ETF stand-in' },
  { id: 'volatility', label: 'Volatility', hint: 'Long straddles as a volatility hedge' },
  { id: 'cppi', label: 'CPPI', hint: 'Constant-proportion portfolio insurance: exposure = m × (value − floor)' },
];

interface Draft {
  enabled: boolean;
  mode: HedgeMode;
  threshold: string;
  maxCostPct: string;
  hedgeTypes: HedgeType[];
  rehedgeMin: string;
  minSize: string;
  nEnabled: boolean;
  nBaseUrl: string;
  nModel: string;
  nApiKey: string;
  nTimeout: string;
}

const draftOf = (c: HedgingConfigView): Draft => ({
  enabled: c.enabled,
  mode: c.mode,
  threshold: String(c.tailRiskThreshold),
  maxCostPct: String(Number((c.maxHedgeCost * 100).toPrecision(10))),
  hedgeTypes: [...c.hedgeTypes],
  rehedgeMin: String(Number((c.rehedgeFrequencyMs / 60_000).toPrecision(10))),
  minSize: String(c.minHedgeSize),
  nEnabled: c.narrative.enabled,
  nBaseUrl: c.narrative.baseUrl,
  nModel: c.narrative.model,
  nApiKey: '',
  nTimeout: String(c.narrative.timeoutMs),
});

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));

/**
 * The patch of changed fields, or the first field error (keyed like the contract path below
 * `params.patch`, e.g. `tailRiskThreshold`, `narrative.baseUrl`). Mirrors the contract's bounds so
 * a typo is caught before the round trip; the engine stays the authority.
 */
export function buildPatch(d: Draft, c: HedgingConfigView): { patch: HedgingConfigPatch } | { field: string; message: string } {
  const thr = num(d.threshold);
  if (!(thr > 0 && thr <= 1)) return { field: 'tailRiskThreshold', message: 'tailRiskThreshold: must be a number above 0 and at most 1' };
  const cost = num(d.maxCostPct);
  if (!(cost > 0 && cost <= 50)) return { field: 'maxHedgeCost', message: 'maxHedgeCost: must be above 0 % and at most 50 % of equity' };
  if (d.hedgeTypes.length === 0) return { field: 'hedgeTypes', message: 'hedgeTypes: must name at least one hedge type' };
  const mins = num(d.rehedgeMin);
  if (!(mins >= 0.01 && mins <= 10_080)) return { field: 'rehedgeFrequencyMs', message: 'rehedgeFrequencyMs: must be from 0.01 to 10080 minutes (7 days)' };
  const size = num(d.minSize);
  if (!(size >= 0 && Number.isFinite(size))) return { field: 'minHedgeSize', message: 'minHedgeSize: must be a number of USD ≥ 0' };
  const timeout = num(d.nTimeout);
  if (!(Number.isInteger(timeout) && timeout >= 100 && timeout <= 60_000)) return { field: 'narrative.timeoutMs', message: 'narrative.timeoutMs: must be a whole number of ms from 100 to 60000' };
  const url = d.nBaseUrl.trim();
  if (url !== '' && !/^https?:\/\/[^\s/]+/i.test(url)) return { field: 'narrative.baseUrl', message: 'narrative.baseUrl: must be an http:// or https:// URL' };
  if (d.nEnabled && url === '') return { field: 'narrative.baseUrl', message: 'narrative.baseUrl: required when the narrative is enabled' };

  const p: HedgingConfigPatch = {};
  if (d.enabled !== c.enabled) p.enabled = d.enabled;
  if (d.mode !== c.mode) p.mode = d.mode;
  if (thr !== c.tailRiskThreshold) p.tailRiskThreshold = thr;
  const costFrac = Number((cost / 100).toPrecision(12));
  if (costFrac !== c.maxHedgeCost) p.maxHedgeCost = costFrac;
  if (d.hedgeTypes.join() !== c.hedgeTypes.join()) p.hedgeTypes = d.hedgeTypes;
  const ms = Math.round(mins * 60_000);
  if (ms !== c.rehedgeFrequencyMs) p.rehedgeFrequencyMs = ms;
  if (size !== c.minHedgeSize) p.minHedgeSize = size;
  const n: NonNullable<HedgingConfigPatch['narrative']> = {};
  if (d.nEnabled !== c.narrative.enabled) n.enabled = d.nEnabled;
  if (url !== c.narrative.baseUrl) n.baseUrl = url;
  if (d.nModel.trim() !== c.narrative.model) n.model = d.nModel.trim();
  if (d.nApiKey !== '') n.apiKey = d.nApiKey;
  if (timeout !== c.narrative.timeoutMs) n.timeoutMs = timeout;
  if (Object.keys(n).length > 0) p.narrative = n;
  return { patch: p };
}

function FieldErr({ id, err }: { id: string; err: { field: string; message: string } | undefined }) {
  if (err?.field !== id) return null;
  return (
    <span className="field-hint bad" role="alert" data-testid={`hedging-error-${id}`}>
      {err.message}
    </span>
  );
}

export function HedgingSettings() {
  const [cfg, setCfg] = useState<HedgingConfigView>();
  const [d, setD] = useState<Draft>();
  const [err, setErr] = useState<{ field: string; message: string }>();
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('hedging.config.get', {}).then(
      (c) => {
        setCfg(c);
        setD(draftOf(c));
      },
      (e: unknown) => setMsg({ ok: false, text: `hedging.config.get: ${errText(e)}` }),
    );
  }, []);

  if (!cfg || !d)
    return (
      <section className="panel" aria-label="Hedging">
        <div className="panel-head"><h2>Hedging</h2></div>
        <div className={msg ? 'form-error' : 'muted'} role={msg ? 'alert' : 'status'}>{msg?.text ?? 'Loading hedging settings…'}</div>
      </section>
    );

  const set = (p: Partial<Draft>): void => setD({ ...d, ...p });
  const bad = (f: string): boolean => err?.field === f;
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setMsg(undefined);
    const r = buildPatch(d, cfg);
    if ('field' in r) {
      setErr(r);
      return;
    }
    setErr(undefined);
    if (Object.keys(r.patch).length === 0) {
      setMsg({ ok: true, text: 'Nothing changed' });
      return;
    }
    setBusy(true);
    try {
      const c = await call('hedging.config.set', { patch: r.patch });
      setCfg(c);
      setD(draftOf(c));
      setMsg({ ok: true, text: `Hedging settings saved (${Object.keys(r.patch).join(', ')})` });
    } catch (x) {
      // The engine names the field as params.patch.<path>; show it next to that field.
      const field = x instanceof ApiError && x.field ? x.field.replace(/^params\.patch\./, '') : '';
      if (field) setErr({ field, message: x instanceof ApiError ? x.message.replace(/^params\.patch\./, '') : errText(x) });
      else setMsg({ ok: false, text: errText(x) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-label="Hedging">
      <div className="panel-head">
        <h2>Hedging</h2>
        <span className="muted">the tail-risk hedge manager; changes apply at once and are journaled with old and new values</span>
      </div>
      <form className="hg-settings" onSubmit={(e) => void save(e)} noValidate>
        <div className="hg-settings-grid">
          <label className="check" title="Off: the score is still computed, but nothing is ever proposed">
            <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Hedging enabled
          </label>
          <label className="field" title="off: score only · propose: wait for approval · auto: execute at once through the validator and the paper broker">
            <span className="field-label">Mode</span>
            <select className="input" value={d.mode} onChange={(e) => set({ mode: e.target.value as HedgeMode })} aria-label="Hedging mode setting">
              <option value="off">off</option>
              <option value="propose">propose</option>
              <option value="auto">auto</option>
            </select>
          </label>
          <label className="field" title="Tail-risk score (a fraction of equity) above which a HEDGE signal is raised; re-arms 10 % below">
            <span className="field-label">Threshold (score)</span>
            <input className="input num" inputMode="decimal" value={d.threshold} aria-invalid={bad('tailRiskThreshold')} onChange={(e) => set({ threshold: e.target.value })} aria-label="Tail-risk threshold" />
            <FieldErr id="tailRiskThreshold" err={err} />
          </label>
          <label className="field" title="Budget for one hedge set: premium plus one year of funding/carry, as % of equity">
            <span className="field-label">Max cost (% of equity)</span>
            <input className="input num" inputMode="decimal" value={d.maxCostPct} aria-invalid={bad('maxHedgeCost')} onChange={(e) => set({ maxCostPct: e.target.value })} aria-label="Max hedge cost (% of equity)" />
            <FieldErr id="maxHedgeCost" err={err} />
          </label>
          <label className="field" title="Scheduled review: roll options near expiry and re-size while the score stays above the threshold">
            <span className="field-label">Re-hedge every (min)</span>
            <input className="input num" inputMode="decimal" value={d.rehedgeMin} aria-invalid={bad('rehedgeFrequencyMs')} onChange={(e) => set({ rehedgeMin: e.target.value })} aria-label="Re-hedge frequency (minutes)" />
            <FieldErr id="rehedgeFrequencyMs" err={err} />
          </label>
          <label className="field" title="Smallest hedge notional worth proposing, USD">
            <span className="field-label">Min hedge size (USD)</span>
            <input className="input num" inputMode="decimal" value={d.minSize} aria-invalid={bad('minHedgeSize')} onChange={(e) => set({ minSize: e.target.value })} aria-label="Minimum hedge size (USD)" />
            <FieldErr id="minHedgeSize" err={err} />
          </label>
        </div>
        <fieldset className="hg-types" aria-invalid={bad('hedgeTypes')}>
          <legend className="field-label">Hedge types</legend>
          {TYPES.map((t) => (
            <label key={t.id} className="check" title={t.hint}>
              <input type="checkbox" checked={d.hedgeTypes.includes(t.id)} onChange={(e) => set({ hedgeTypes: e.target.checked ? TYPES.map((x) => x.id).filter((x) => x === t.id || d.hedgeTypes.includes(x)) : d.hedgeTypes.filter((x) => x !== t.id) })} /> {t.label}
            </label>
          ))}
          <FieldErr id="hedgeTypes" err={err} />
        </fieldset>
        <fieldset className="hg-narrative-set">
          <legend className="field-label" title="Optional text from an OpenAI-compatible endpoint; the numbers never depend on it">Narrative endpoint</legend>
          <label className="check">
            <input type="checkbox" checked={d.nEnabled} onChange={(e) => set({ nEnabled: e.target.checked })} /> Ask for a narrative
          </label>
          <label className="field hg-url">
            <span className="field-label">Base URL</span>
            <input className="input mono" value={d.nBaseUrl} placeholder="http://127.0.0.1:11434/v1" aria-invalid={bad('narrative.baseUrl')} onChange={(e) => set({ nBaseUrl: e.target.value })} aria-label="Narrative base URL" />
            <FieldErr id="narrative.baseUrl" err={err} />
          </label>
          <label className="field">
            <span className="field-label">Model</span>
            <input className="input" value={d.nModel} maxLength={100} onChange={(e) => set({ nModel: e.target.value })} aria-label="Narrative model" />
          </label>
          <label className="field">
            <span className="field-label">
              API key <span className={cfg.narrative.apiKeySet ? 'secret-set' : 'secret-unset'}>{cfg.narrative.apiKeySet ? '(set)' : '(not set)'}</span>
            </span>
            <input className="input" type="password" value={d.nApiKey} autoComplete="off" placeholder={cfg.narrative.apiKeySet ? 'leave empty to keep' : ''} onChange={(e) => set({ nApiKey: e.target.value })} aria-label="Narrative API key" />
          </label>
          <label className="field">
            <span className="field-label">Timeout (ms)</span>
            <input className="input num" inputMode="numeric" value={d.nTimeout} aria-invalid={bad('narrative.timeoutMs')} onChange={(e) => set({ nTimeout: e.target.value })} aria-label="Narrative timeout (ms)" />
            <FieldErr id="narrative.timeoutMs" err={err} />
          </label>
        </fieldset>
        <div className="hg-settings-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save hedging settings'}
          </button>
          <button type="button" className="btn" onClick={() => { setD(draftOf(cfg)); setErr(undefined); setMsg(undefined); }}>
            Revert
          </button>
          {err && !['tailRiskThreshold', 'maxHedgeCost', 'rehedgeFrequencyMs', 'minHedgeSize', 'hedgeTypes', 'narrative.baseUrl', 'narrative.timeoutMs'].includes(err.field) && (
            <span className="form-error" role="alert">{err.message}</span>
          )}
          {msg && <span className={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</span>}
        </div>
      </form>
    </section>
  );
}

/** The data folder (from `system.status`) with a Copy button; the clipboard may be refused, then the path is selected for a manual copy. */
export function DataFolder({ initial }: { initial?: string | undefined }) {
  const [loaded, setDir] = useState<string>();
  // The heartbeat's copy shows at once; system.status is the authority once it answers.
  const dir = loaded ?? initial;
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  useEffect(() => {
    call('system.status', {}).then(
      (s) => setDir(s.dataDir),
      (e: unknown) => setNote({ ok: false, text: errText(e) }),
    );
  }, []);
  const copy = async (): Promise<void> => {
    if (!dir) return;
    try {
      await navigator.clipboard.writeText(dir);
      setNote({ ok: true, text: 'Copied' });
    } catch {
      const el = document.getElementById('data-folder-path');
      if (el) window.getSelection()?.selectAllChildren(el);
      setNote({ ok: false, text: 'Clipboard refused: the path is selected, press Ctrl+C' });
    }
  };
  return (
    <span className="hg-datadir">
      <span id="data-folder-path" className="mono path" data-testid="data-folder">
        {dir ?? '—'}
      </span>
      <button type="button" className="btn btn-xs" onClick={() => void copy()} disabled={!dir} aria-label="Copy data folder path">
        Copy
      </button>
      {note && <span className={note.ok ? 'form-ok hg-copy-note' : 'form-error hg-copy-note'} role="status">{note.text}</span>}
    </span>
  );
}
