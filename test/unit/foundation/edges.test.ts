import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../../src/engine/data-dir';
import { handleRpc, isTrustedSender } from '../../../src/main/ipc';
import { fitToDisplays } from '../../../src/main/window-state';
import { notificationFor, trayIconFile, trayTooltip } from '../../../src/main/shell-state';
import { parseServeArgs } from '../../../src/server/args';
import { tokenMatches } from '../../../src/server/api-socket';
import { contentSecurityPolicy } from '../../../src/server/static';

describe('IPC bridge (main)', () => {
  const file = 'file:///opt/Bulwark/resources/app.asar/out/renderer/index.html';
  it('trusts only our renderer', () => {
    expect(isTrustedSender(`${file}#/events`, file)).toBe(true);
    expect(isTrustedSender('file:///tmp/evil.html', file)).toBe(false);
    expect(isTrustedSender('https://example.com/', file)).toBe(false);
    expect(isTrustedSender(undefined, file)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('refuses untrusted senders and invalid payloads before they reach the engine', async () => {
    const calls: string[] = [];
    const forward = async (m: string) => {
      calls.push(m);
      return { ok: true as const, value: null };
    };
    const frame = (url: string) => ({ senderFrame: { url } }) as Parameters<typeof handleRpc>[0];
    expect(await handleRpc(frame('https://evil.example/'), { method: 'system.status', params: {} }, file, forward)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await handleRpc(frame(file), { method: 'events.note', params: { text: 5 } }, file, forward)).toMatchObject({ ok: false, error: { field: 'params.text' } });
    expect(await handleRpc(frame(file), 'junk', file, forward)).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
    expect(await handleRpc(frame(file), { method: 'system.status', params: {} }, file, forward)).toEqual({ ok: true, value: null });
    expect(calls).toEqual(['system.status']);
  });
});

describe('headless server pieces', () => {
  it('parses serve arguments and names a bad flag', () => {
    expect(parseServeArgs(['--port', '5999', '--data-dir', '/tmp/x', '--feed', 'binance=ws://127.0.0.1:9000/ws'])).toEqual({
      port: 5999,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      feeds: { binance: 'ws://127.0.0.1:9000/ws' },
    });
    expect(parseServeArgs(['--port=0']).port).toBe(0);
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow(/--port: must be an integer/);
    expect(() => parseServeArgs(['--data-dir'])).toThrow(/--data-dir: needs a value/);
    expect(() => parseServeArgs(['--verbose'])).toThrow(/--verbose: unknown option/);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });

  it('serves a strict CSP', () => {
    const csp = contentSecurityPolicy('ws://127.0.0.1:5999');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('connect-src \'self\' ws://127.0.0.1:5999');
    expect(csp).not.toMatch(/unsafe-eval/);
  });
});

describe('data folder', () => {
  it('follows flag > env > platform default', () => {
    expect(resolveDataDir('/a', { BULWARK_DATA_DIR: '/b' }, '/c')).toBe('/a');
    expect(resolveDataDir(undefined, { BULWARK_DATA_DIR: '/b' }, '/c')).toBe('/b');
    expect(resolveDataDir(undefined, {}, '/c')).toBe('/c');
    expect(defaultDataDir('Bulwark', { XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/Bulwark');
    expect(defaultDataDir('Bulwark', { APPDATA: 'C:/Users/t/AppData/Roaming' }, 'win32')).toMatch(/Roaming[\\/]Bulwark$/);
  });
});

describe('window state', () => {
  it('drops a saved position that is no longer on any display', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(fitToDisplays({ x: 100, y: 100, width: 1200, height: 800, maximized: false }, displays)).toMatchObject({ x: 100, y: 100 });
    const off = fitToDisplays({ x: 3000, y: 100, width: 1200, height: 800, maximized: true }, displays);
    expect(off).toEqual({ width: 1200, height: 800, maximized: true });
  });
});

describe('desktop shell mapping', () => {
  it('colours the tray by trading state and explains a restriction', () => {
    expect(trayIconFile('ACTIVE')).toBe('tray-active.png');
    expect(trayIconFile('REDUCING')).toBe('tray-reducing.png');
    expect(trayIconFile('HALTED')).toBe('tray-halted.png');
    expect(trayTooltip({ mode: 'HALTED', reason: 'daily loss breaker' })).toBe('Bulwark — trading HALTED: daily loss breaker');
    expect(trayTooltip({ mode: 'ACTIVE', reason: 'x' })).toBe('Bulwark — trading ACTIVE');
  });

  it('notifies the OS only for critical and emergency alerts', () => {
    const base = { id: 'a1', message: 'daily loss breaker tripped', mitigation: 'Trading halted; review positions.' };
    expect(notificationFor({ ...base, level: 'warning' })).toBeNull();
    expect(notificationFor({ ...base, level: 'critical' })).toEqual({ title: 'Bulwark CRITICAL: daily loss breaker tripped', body: 'Trading halted; review positions.', urgency: 'normal' });
    expect(notificationFor({ ...base, level: 'emergency' })?.urgency).toBe('critical');
  });
});
