import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(800).max(10000),
  height: z.number().int().min(500).max(10000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_WINDOW: WindowState = { width: 1440, height: 900, maximized: false };

/** Reads the saved bounds; anything unreadable or implausible falls back to the default. */
export function loadWindowState(file: string): WindowState {
  try {
    const r = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return r.success ? r.data : DEFAULT_WINDOW;
  } catch {
    return DEFAULT_WINDOW;
  }
}

/** Keeps a saved position only if it is still on one of the current displays (monitors change). */
export function fitToDisplays(s: WindowState, displays: { x: number; y: number; width: number; height: number }[]): WindowState {
  if (s.x === undefined || s.y === undefined) return s;
  const visible = displays.some((d) => s.x! + 100 > d.x && s.x! < d.x + d.width - 100 && s.y! >= d.y && s.y! < d.y + d.height - 50);
  return visible ? s : { width: s.width, height: s.height, maximized: s.maximized };
}

export function saveWindowState(file: string, s: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(s));
  } catch {
    // Losing the window position is not worth interrupting a shutdown.
  }
}
