import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The user data folder, the same one Electron's app.getPath('userData') gives for an app named
 * "Bulwark", so the desktop app and headless mode share one store by default.
 */
export function defaultDataDir(appName = 'Bulwark', env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName);
}

/** `--data-dir DIR` wins over `BULWARK_DATA_DIR`, which wins over the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, fallback = defaultDataDir()): string {
  if (flag) return resolve(flag);
  if (env.BULWARK_DATA_DIR) return resolve(env.BULWARK_DATA_DIR);
  return fallback;
}
