import { Menu, Notification, Tray, nativeImage, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { notificationFor, trayIconFile, trayTooltip, type AlertNotice, type Mode } from './shell-state';

/** The tray icon (coloured by trading state) and OS notifications for critical alerts. */
export class DesktopShell {
  private tray: Tray | undefined;
  private mode: Mode | undefined;

  constructor(
    private readonly iconsDir: string,
    private readonly win: () => BrowserWindow | undefined,
    private readonly navigate: (page: string) => void,
  ) {}

  start(): void {
    this.tray = new Tray(nativeImage.createFromPath(join(this.iconsDir, trayIconFile('ACTIVE'))));
    this.tray.setToolTip('Bulwark');
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Show Bulwark', click: () => this.show() },
        { label: 'Controls…', click: () => this.show('controls') },
        { label: 'Alerts…', click: () => this.show('alerts') },
        { type: 'separator' },
        { role: 'quit' },
      ]),
    );
    this.tray.on('click', () => this.show());
  }

  private show(page?: string): void {
    const w = this.win();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
    if (page) this.navigate(page);
  }

  onPush(topic: string, data: unknown): void {
    if (topic === 'trading.state') {
      const s = data as { mode: Mode; reason: string };
      this.tray?.setToolTip(trayTooltip(s));
      if (s.mode !== this.mode) {
        this.mode = s.mode;
        this.tray?.setImage(nativeImage.createFromPath(join(this.iconsDir, trayIconFile(s.mode))));
      }
    } else if (topic === 'alerts.notify' && Notification.isSupported()) {
      const n = notificationFor(data as AlertNotice);
      if (!n) return;
      const note = new Notification({ title: n.title, body: n.body, urgency: n.urgency, icon: join(this.iconsDir, 'icon.png') });
      note.on('click', () => this.show('alerts'));
      note.show();
    }
  }
}
