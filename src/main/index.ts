// Electron main: windows, menu and the IPC bridge to the engine worker. Deliberately thin.
import { app, BrowserWindow, ipcMain, Menu, safeStorage, screen, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EngineHost } from '../engine/host';
import { resolveDataDir } from '../engine/data-dir';
import { buildMenu } from './menu';
import { DesktopShell } from './shell';
import { electronNativeBinding } from './native';
import { desktopSecretKeyOrReason } from './secret-key';
import { handleRpc, PUSH_CHANNEL, RPC_CHANNEL } from './ipc';
import { startDesktopDesk } from '../server/desk/desktop';
import type { DeskServers } from '../server/desk/index';
import { createSecureWindow, hardenSession, hardenWebContents } from './security';
import { fitToDisplays, loadWindowState, saveWindowState } from './window-state';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererFile = join(here, '../renderer/index.html');
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererFile).href;
const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  let engine: EngineHost | undefined;
  let desk: DeskServers | undefined;
  const stateFile = () => join(app.getPath('userData'), 'window-state.json');

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Security: no new windows, no navigation away, no permissions, external links to the browser.
  // The rules live in ./security (unit tested); this only wires them.
  app.on('web-contents-created', (_e, contents) => {
    hardenWebContents(contents, rendererUrl);
  });

  const createWindow = (): void => {
    const saved = fitToDisplays(loadWindowState(stateFile()), screen.getAllDisplays().map((d) => d.workArea));
    win = createSecureWindow(
      {
        ...saved,
        minWidth: 1024,
        minHeight: 640,
        show: false,
        backgroundColor: '#0b0e13',
        title: 'Bulwark',
        icon: join(app.getAppPath(), 'resources', 'icons', 'icon.png'),
      },
      join(here, '../preload/index.cjs'),
    );
    if (saved.maximized) win.maximize();
    win.once('ready-to-show', () => win?.show());
    const persist = (): void => {
      if (!win || win.isDestroyed()) return;
      const b = win.getNormalBounds();
      saveWindowState(stateFile(), { ...b, maximized: win.isMaximized() });
    };
    win.on('close', persist);
    win.on('closed', () => (win = undefined));
    if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
    else void win.loadFile(rendererFile);
  };

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession); // permissions and devices denied, CSP header (./security)

    const dataDir = resolveDataDir(flag('--data-dir'), process.env, app.getPath('userData'));
    // The secret-store master key, unsealed with the OS keyring; without one the engine falls back to the 0600 key file.
    const secret = desktopSecretKeyOrReason(dataDir, safeStorage);
    if (secret.secretKey === undefined) console.warn(secret.reason);
    const nativeBinding = electronNativeBinding({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });
    engine = new EngineHost({
      dataDir,
      version: app.getVersion(),
      workerFile: new URL('./engine-worker.js', import.meta.url),
      ...(nativeBinding ? { nativeBinding } : {}),
      ...(secret.secretKey !== undefined ? { secretKey: secret.secretKey } : {}),
    });
    const send = (channel: string, data: unknown): void => {
      if (win && !win.isDestroyed()) win.webContents.send(channel, data);
    };
    const shell = new DesktopShell(join(app.getAppPath(), 'resources', 'icons'), () => win, (page) => send('bulwark:navigate', page));
    shell.start();
    engine.onPush((topic, data) => {
      send(PUSH_CHANNEL, { topic, data });
      shell.onPush(topic, data);
    });
    const host = engine;
    ipcMain.handle(RPC_CHANNEL, (event, payload: unknown) => handleRpc(event, payload, rendererUrl, (m, p) => host.request(m, p)));
    Menu.setApplicationMenu(buildMenu(() => win, send));
    createWindow();
    try {
      await engine.ready;
      // Risk stream, metrics and REST for the desk (docs/desk-interfaces.md); a busy port only logs.
      desk = await startDesktopDesk(engine, dataDir).catch((err: unknown) => {
        console.warn(`bulwark: desk interfaces not started: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      });
    } catch (err) {
      const { dialog } = await import('electron');
      dialog.showErrorBox('Bulwark could not start its engine', (err as Error).message);
      app.exit(1);
    }
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting || !engine) return;
    e.preventDefault();
    quitting = true;
    void (desk?.close() ?? Promise.resolve()).then(() => engine?.close()).finally(() => app.quit());
  });
}
