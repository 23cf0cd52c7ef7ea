// The Electron checklist as code: src/main/security.ts, exercised against a stand-in for the
// electron module (the real one needs the Electron binary), recording what main would pass to it.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  windows: [] as unknown[],
  opened: [] as string[],
}));

vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(readonly options: unknown) {
      fake.windows.push(options);
    }
  },
  shell: {
    openExternal: async (url: string): Promise<void> => {
      fake.opened.push(url);
    },
  },
}));

import type { Session, WebContents } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  createSecureWindow,
  denyPermissionCheck,
  denyPermissionRequest,
  externalLinkTarget,
  hardenSession,
  hardenWebContents,
  isAllowedNavigation,
} from '../../../src/main/security';

const PACKAGED = 'file:///opt/Bulwark/resources/app.asar/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

type Listener = (e: { preventDefault(): void; prevented?: boolean }, url: string) => void;

/** Records the handlers hardenWebContents installs so each can be fired like Electron would. */
function fakeContents() {
  const on = new Map<string, Listener>();
  let open: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, fn: Listener) => on.set(event, fn),
    setWindowOpenHandler: (fn: typeof open) => (open = fn),
  };
  const fire = (event: string, url: string): boolean => {
    const e = { prevented: false, preventDefault: () => (e.prevented = true) };
    const fn = on.get(event);
    if (!fn) throw new Error(`no ${event} handler installed`);
    fn(e, url);
    return e.prevented;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => open!({ url }) };
}

beforeEach(() => {
  fake.windows.length = 0;
  fake.opened.length = 0;
});

describe('window preferences', () => {
  it('isolates, sandboxes and strips node from every window, keeping the caller options', () => {
    createSecureWindow({ title: 'Bulwark', width: 1200 }, '/app/out/preload/index.cjs');
    expect(fake.windows).toHaveLength(1);
    const o = fake.windows[0] as { title: string; width: number; webPreferences: Record<string, unknown> };
    expect(o.title).toBe('Bulwark');
    expect(o.width).toBe(1200);
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(o.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('navigation', () => {
  it('allows only the renderer itself (packaged file, or the dev server origin)', () => {
    expect(isAllowedNavigation(PACKAGED, PACKAGED)).toBe(true);
    expect(isAllowedNavigation(`${PACKAGED}#/risk`, PACKAGED)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', PACKAGED)).toBe(false);
    expect(
      isAllowedNavigation('file:///opt/Bulwark/resources/app.asar/out/renderer/other.html', PACKAGED),
    ).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', PACKAGED)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/risk', DEV)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', DEV)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isAllowedNavigation('not a url', PACKAGED)).toBe(false);
  });

  it('blocks will-navigate and will-redirect away from the renderer and every webview', () => {
    const c = fakeContents();
    hardenWebContents(c.contents, PACKAGED);
    expect(c.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-navigate', 'file:///home/user/.ssh/id_rsa')).toBe(true);
    expect(c.fire('will-navigate', PACKAGED)).toBe(false);
    expect(c.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-attach-webview', PACKAGED)).toBe(true);
  });
});

describe('new windows and external links', () => {
  it('sends only credential-free https links to the OS browser', () => {
    expect(externalLinkTarget('https://www.bis.org/bcbs/publ/d457.htm')).toBe(
      'https://www.bis.org/bcbs/publ/d457.htm',
    );
    expect(externalLinkTarget('http://example.com/')).toBeUndefined();
    expect(externalLinkTarget('file:///etc/passwd')).toBeUndefined();
    expect(externalLinkTarget('javascript:alert(1)')).toBeUndefined();
    expect(externalLinkTarget('smb://share/x')).toBeUndefined();
    expect(externalLinkTarget('https://user:pw@example.com/')).toBeUndefined();
    expect(externalLinkTarget('https://')).toBeUndefined();
    expect(externalLinkTarget('')).toBeUndefined();
  });

  it('denies every window.open, handing https links to shell.openExternal and nothing else', async () => {
    const c = fakeContents();
    hardenWebContents(c.contents, PACKAGED);
    expect(c.open('https://example.com/docs')).toEqual({ action: 'deny' });
    expect(c.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(c.open(PACKAGED)).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(fake.opened).toEqual(['https://example.com/docs']);
  });
});

describe('permissions and CSP', () => {
  it('refuses every permission request and check', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'hid',
      'serial',
    ]) {
      let granted: boolean | undefined;
      denyPermissionRequest(undefined, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });

  it('installs the deny handlers and adds the CSP header on the session', () => {
    const installed: Record<string, unknown> = {};
    let headers:
      ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (fn: unknown) => (installed.request = fn),
      setPermissionCheckHandler: (fn: unknown) => (installed.check = fn),
      setDevicePermissionHandler: (fn: unknown) => (installed.device = fn),
      webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
    };
    hardenSession(session as unknown as Session);
    expect(installed.request).toBe(denyPermissionRequest);
    expect(installed.check).toBe(denyPermissionCheck);
    expect((installed.device as () => boolean)()).toBe(false);
    let out: unknown;
    headers!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (out = r));
    expect(out).toEqual({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('keeps the policy strict: no inline or eval script, no plugins, no framing, no foreign connections', () => {
    const d = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });
});
