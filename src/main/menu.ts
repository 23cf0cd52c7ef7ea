import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export const PAGES = ['overview', 'positions', 'risk', 'stress', 'greeks', 'controls', 'hedging', 'alerts', 'history', 'events', 'reports', 'settings'] as const;

/** The application menu: navigation with accelerators the renderer also honours (Ctrl+1..9). */
export function buildMenu(win: () => BrowserWindow | undefined, send: (channel: string, data: unknown) => void): Menu {
  const go = (page: string) => () => send('bulwark:navigate', page);
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: '&File', submenu: [{ role: process.platform === 'darwin' ? 'close' : 'quit' }] },
    { role: 'editMenu' },
    {
      label: '&Go',
      submenu: PAGES.map((p, i) => ({
        label: p[0].toUpperCase() + p.slice(1),
        ...(i < 9 ? { accelerator: `CmdOrCtrl+${i + 1}` } : {}),
        click: go(p),
      })),
    },
    {
      label: '&View',
      submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Bulwark', click: () => win()?.webContents.send('bulwark:navigate', 'settings') }] },
  ];
  return Menu.buildFromTemplate(template);
}
