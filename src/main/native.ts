import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron-ABI better-sqlite3 binary. Tests and headless mode use the Node-ABI build in
 * node_modules; the desktop app loads this one through better-sqlite3's `nativeBinding` option.
 * Packaged: resources/native/; development: .cache/electron-native/ (made by scripts/electron-native.mjs).
 */
export function electronNativeBinding(opts: { packaged: boolean; resourcesPath: string; appPath: string }): string | undefined {
  const candidates = opts.packaged
    ? [join(opts.resourcesPath, 'native', 'better_sqlite3.node')]
    : [join(opts.appPath, '.cache', 'electron-native', 'better_sqlite3.node')];
  return candidates.find((p) => existsSync(p));
}
