// electron-builder `beforePack` hook: refuses to package without the Electron-ABI better-sqlite3
// that extraResources copies to <resources>/native/ (src/main/native.ts loads it from there).
// The binary is made by scripts/electron-native.mjs for the machine it runs on, so packaging for
// another platform or arch would ship a binary that cannot load: that is refused too.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// electron-builder's Arch enum (builder-util): the hook receives the number.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * Returns why packaging must stop, or null when the native binary fits the target.
 * @param {{ platform: string, arch: string, hostPlatform: string, hostArch: string, binaryExists: boolean, stamp: string | undefined, electronVersion: string, sqliteVersion: string }} o
 * @returns {string | null}
 */
export function nativeBinaryProblem(o) {
  const fix =
    'run `node scripts/electron-native.mjs` on a connected machine of the target platform and arch (docs/installers.md)';
  if (!o.binaryExists) return `.cache/electron-native/better_sqlite3.node is missing: ${fix}`;
  if (o.platform !== o.hostPlatform || o.arch !== o.hostArch) {
    return `target ${o.platform}-${o.arch} differs from this machine (${o.hostPlatform}-${o.hostArch}); the Electron-ABI better-sqlite3 is built for this machine only: ${fix}`;
  }
  let stamp = null;
  try {
    stamp = JSON.parse(o.stamp ?? 'null');
  } catch {
    stamp = null;
  }
  if (!stamp || stamp.electron !== o.electronVersion || stamp.betterSqlite3 !== o.sqliteVersion) {
    return `.cache/electron-native/stamp.json does not match Electron ${o.electronVersion} / better-sqlite3 ${o.sqliteVersion}: ${fix}`;
  }
  return null;
}

/** @param {{ packager: { projectDir: string }, electronPlatformName: string, arch: number }} context */
export default async function beforePack(context) {
  const root = context.packager.projectDir;
  const cache = join(root, '.cache', 'electron-native');
  const version = (dir) =>
    JSON.parse(readFileSync(join(root, 'node_modules', dir, 'package.json'), 'utf8')).version;
  const stampFile = join(cache, 'stamp.json');
  const problem = nativeBinaryProblem({
    platform: context.electronPlatformName,
    arch: ARCH_NAMES[context.arch] ?? String(context.arch),
    hostPlatform: process.platform,
    hostArch: process.arch,
    binaryExists: existsSync(join(cache, 'better_sqlite3.node')),
    stamp: existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : undefined,
    electronVersion: version('electron'),
    sqliteVersion: version('better-sqlite3'),
  });
  if (problem) throw new Error(`beforePack: ${problem}`);
}
