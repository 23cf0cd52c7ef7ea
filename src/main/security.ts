// Electron security checklist in one place, as small decisions that can be unit tested
// (test/unit/security/electron-checklist.test.ts); src/main/index.ts only wires them to Electron.
// Why each setting: docs/security.md, "Electron checklist".
import {
  BrowserWindow,
  shell,
  type BrowserWindowConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import { isTrustedSender } from './ipc';

/**
 * Every Bulwark window is made here. The webPreferences stay a literal inside `new BrowserWindow`
 * on purpose: that is what electronegativity's checks read (scripts/electronegativity.mjs).
 */
export function createSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  preload: string,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload,
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
      // Middle-click would otherwise ask for a new window; the open handler denies it anyway, this
      // removes the event at the source (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}

/** Header CSP for everything the desktop session loads; index.html carries the same policy as a meta tag. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The renderer may only (re)load itself: the packaged file, or the dev server's origin in development. */
export function isAllowedNavigation(target: string, rendererUrl: string): boolean {
  return isTrustedSender(target, rendererUrl);
}

/**
 * A link the renderer asks to open in a new window: never a new Electron window; an https link
 * (no embedded credentials) goes to the OS browser, anything else (file:, http:, javascript:,
 * custom schemes) is dropped. Returns the URL to hand to shell.openExternal, or undefined.
 */
export function externalLinkTarget(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || !u.hostname || u.username || u.password) return undefined;
  return u.href;
}

/** Every permission (camera, notifications, geolocation, clipboard, HID, …) is refused. */
export const denyPermissionRequest = (
  _wc: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false);
export const denyPermissionCheck = (): boolean => false;

/** Wires the navigation, new-window and webview rules onto every web contents Electron creates. */
export function hardenWebContents(contents: WebContents, rendererUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url);
    // Only a parsed https URL without credentials reaches the OS (see externalLinkTarget).
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  const guard = (e: { preventDefault(): void }, url: string): void => {
    if (!isAllowedNavigation(url, rendererUrl)) e.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

/** Session-wide rules: deny every permission and device request, add the CSP header. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, cb) => {
    cb({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
