import { useEffect, useState } from 'react';
import { LimitsEditor } from '../components/limits-editor';
import type { Settings, SettingsPatch } from '../../../shared/contract/index';
import { ApiError, call } from '../api';
import { useApp } from '../store';
import { AlertChannelsSettings } from '../components/alert-channels-settings';
import { DataFolder, HedgingSettings } from '../components/hedging-settings';
import { useVenueKeys, VenueKeysCell } from '../components/venue-keys-dialog';

const VENUES = [
  { id: 'binance', label: 'Binance spot', hint: 'wss://stream.binance.com:9443 — replaces the simulator as the price source' },
  { id: 'binance-usdm', label: 'Binance USD-M futures', hint: 'wss://fstream.binance.com' },
  { id: 'coinbase', label: 'Coinbase Exchange', hint: 'wss://ws-feed.exchange.coinbase.com' },
  { id: 'kraken', label: 'Kraken v2', hint: 'wss://ws.kraken.com/v2' },
  { id: 'bybit', label: 'Bybit v5 spot', hint: 'wss://stream.bybit.com/v5/public/spot' },
  { id: 'okx', label: 'OKX v5', hint: 'wss://ws.okx.com:8443/ws/v5/public' },
] as const;

const SCENARIOS = [
  { id: 'flash-crash', label: 'Flash crash', hint: '−20% in 60 s, then a partial recovery' },
  { id: 'vol-spike', label: 'Volatility spike', hint: 'Volatility ×3' },
  { id: 'liquidity-crisis', label: 'Liquidity crisis', hint: 'Spreads ×10 and price gaps' },
  { id: 'correlation-spike', label: 'Correlation spike', hint: 'Everything moves together' },
  { id: 'normal', label: 'Back to normal', hint: 'End the running scenario' },
] as const;

const FAULTS = [
  { id: 'disconnect', label: 'Disconnect', hint: 'Drop every connection' },
  { id: 'stall', label: 'Stall', hint: 'Stop market data for 5 s' },
  { id: 'malformed', label: 'Malformed frames', hint: 'Send 10 bad frames' },
  { id: 'duplicate', label: 'Duplicates', hint: 'Repeat 10 messages' },
  { id: 'out-of-order', label: 'Out of order', hint: 'Reorder 10 messages' },
  { id: 'server-shutdown', label: 'Server shutdown', hint: 'Announce shutdown and close' },
] as const;

/** Applies the theme everywhere: the root element carries it, the stylesheet switches palettes. */
export function applyTheme(theme: 'dark' | 'light'): void {
  document.documentElement.dataset.theme = theme;
}

export function SettingsPage() {
  const hb = useApp((s) => s.heartbeat);
  const [settings, setSettings] = useState<Settings | undefined>();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();
  const venueKeys = useVenueKeys();

  useEffect(() => {
    call('settings.get', {}).then(
      (s) => {
        setSettings(s);
        setUrls({ ...s.feeds.urls });
      },
      (e: unknown) => setMsg({ ok: false, text: e instanceof ApiError ? e.message : String(e) }),
    );
  }, []);

  const save = async (patch: SettingsPatch, done: string): Promise<void> => {
    try {
      const s = await call('settings.set', patch);
      setSettings(s);
      setUrls({ ...s.feeds.urls });
      applyTheme(s.ui.theme);
      setMsg({ ok: true, text: done });
    } catch (e) {
      setMsg({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  };

  const runSim = async (what: { scenario: (typeof SCENARIOS)[number]['id'] } | { fault: (typeof FAULTS)[number]['id'] }, done: string): Promise<void> => {
    try {
      if ('scenario' in what) await call('sim.scenario', { name: what.scenario });
      else await call('sim.fault', { kind: what.fault });
      setMsg({ ok: true, text: done });
    } catch (e) {
      setMsg({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  };

  if (!settings) return <div className="page muted">{msg?.text ?? 'Loading settings…'}</div>;
  return (
    <div className="page page-settings">
      {msg && <div className={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</div>}
      <section className="panel" aria-label="Market data">
        <div className="panel-head">
          <h2>Market data</h2>
          <span className="muted">changes reconnect the feeds at once</span>
        </div>
        <div className="settings-grid">
          <label className="check">
            <input type="checkbox" checked={settings.feeds.simulator} onChange={(e) => void save({ feeds: { simulator: e.target.checked } }, 'Simulator setting saved')} />
            Built-in exchange simulator (Binance protocol, loopback)
          </label>
          <label>
            <span className="field-label">Simulator rate (msg/s)</span>
            <input className="input" type="number" defaultValue={settings.feeds.simRate} min={10} max={50000} onBlur={(e) => void save({ feeds: { simRate: Number(e.target.value) } }, 'Simulator rate saved')} />
          </label>
          <label>
            <span className="field-label">Stale after (ms)</span>
            <input className="input" type="number" defaultValue={settings.feeds.staleMs} min={500} onBlur={(e) => void save({ feeds: { staleMs: Number(e.target.value) } }, 'Staleness window saved')} />
          </label>
        </div>
        <table className="grid" aria-label="Venue endpoints">
          <thead>
            <tr>
              <th>Venue</th>
              <th className="wide">Endpoint URL</th>
              <th />
              <th>Keys</th>
            </tr>
          </thead>
          <tbody>
            {VENUES.map((v) => (
              <tr key={v.id}>
                <td>{v.label}</td>
                <td className="wide">
                  <input
                    className="input grow url-input mono"
                    aria-label={`${v.label} URL`}
                    placeholder={v.hint}
                    value={urls[v.id] ?? ''}
                    onChange={(e) => setUrls({ ...urls, [v.id]: e.target.value })}
                  />
                </td>
                <td>
                  <button className="btn" onClick={() => void save({ feeds: { urls: { [v.id]: (urls[v.id] ?? '').trim() } } }, `${v.label} endpoint saved`)}>
                    Save
                  </button>
                </td>
                <td>
                  <VenueKeysCell venue={v.id} label={v.label} view={venueKeys.views[v.id]} onChanged={venueKeys.refresh} onMessage={setMsg} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-label="Simulator">
        <div className="panel-head">
          <h2>Simulator</h2>
          <span className="muted">scripted market scenarios and feed faults on the built-in exchange (journaled)</span>
        </div>
        <div className="btn-row">
          {SCENARIOS.map((sc) => (
            <button key={sc.id} className="btn" title={sc.hint} onClick={() => void runSim({ scenario: sc.id }, `${sc.label} started`)}>
              {sc.label}
            </button>
          ))}
        </div>
        <div className="btn-row">
          {FAULTS.map((f) => (
            <button key={f.id} className="btn btn-ghost" title={f.hint} onClick={() => void runSim({ fault: f.id }, `${f.label} injected`)}>
              {f.label}
            </button>
          ))}
        </div>
      </section>
      <LimitsEditor />
      <AlertChannelsSettings />
      <HedgingSettings />
      <div className="cols cols-even">
        <section className="panel" aria-label="Appearance">
          <div className="panel-head"><h2>Appearance</h2></div>
          <div className="seg" role="group" aria-label="Theme">
            {(['dark', 'light'] as const).map((t) => (
              <button key={t} type="button" className={settings.ui.theme === t ? 'seg-btn on theme' : 'seg-btn'} aria-pressed={settings.ui.theme === t} onClick={() => void save({ ui: { theme: t } }, `Theme: ${t}`)}>
                {t === 'dark' ? 'Dark' : 'Light'}
              </button>
            ))}
          </div>
        </section>
        <section className="panel" aria-label="Data">
          <div className="panel-head"><h2>Data</h2></div>
          <dl className="facts">
            <dt>Data folder</dt>
            <dd>
              <DataFolder initial={hb?.dataDir} />
            </dd>
            <dt>Day starts</dt>
            <dd>
              <select className="input input-sm" aria-label="Day start hour (UTC)" value={settings.portfolio.dayStartHourUtc} onChange={(e) => void save({ portfolio: { dayStartHourUtc: Number(e.target.value) } }, 'Day start saved')}>
                {Array.from({ length: 24 }, (_, h) => (
                  <option key={h} value={h}>{String(h).padStart(2, '0')}:00 UTC</option>
                ))}
              </select>
            </dd>
          </dl>
        </section>
      </div>
    </div>
  );
}
