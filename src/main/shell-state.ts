/** Pure mapping from engine pushes to what the desktop shell shows (tested without Electron). */
export type Mode = 'ACTIVE' | 'REDUCING' | 'HALTED';

export function trayIconFile(mode: Mode): string {
  return mode === 'HALTED' ? 'tray-halted.png' : mode === 'REDUCING' ? 'tray-reducing.png' : 'tray-active.png';
}

export function trayTooltip(s: { mode: Mode; reason: string }): string {
  return `Bulwark — trading ${s.mode}${s.mode === 'ACTIVE' ? '' : `: ${s.reason}`}`.slice(0, 127);
}

export interface AlertNotice {
  id: string;
  level: 'info' | 'warning' | 'critical' | 'emergency';
  message: string;
  mitigation: string;
}

/** Only critical and emergency alerts interrupt the trader with an OS notification. */
export function notificationFor(a: AlertNotice): { title: string; body: string; urgency: 'normal' | 'critical' } | null {
  if (a.level !== 'critical' && a.level !== 'emergency') return null;
  return { title: `Bulwark ${a.level.toUpperCase()}: ${a.message}`.slice(0, 120), body: a.mitigation, urgency: a.level === 'emergency' ? 'critical' : 'normal' };
}
