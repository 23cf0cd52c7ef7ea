// Finds the Electron binary WITHOUT requiring the `electron` package: requiring it tries to download
// the binary when it is missing, which hangs or fails offline.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {{ path?: string, reason?: string }} */
export function findElectron() {
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const exe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, exe || 'electron');
    return existsSync(p) ? { path: p } : { reason: `no Electron binary at ELECTRON_OVERRIDE_DIST_PATH (${p})` };
  }
  if (!exe) return { reason: 'the Electron binary was never downloaded (offline install or ELECTRON_SKIP_BINARY_DOWNLOAD=1)' };
  const full = join(pkgDir, 'dist', exe);
  return existsSync(full) ? { path: full } : { reason: `the Electron binary is missing from ${full}` };
}
