#!/usr/bin/env node
// Prepares an Electron-ABI build of better-sqlite3 in .cache/electron-native/ without touching
// node_modules (whose Node-ABI build serves tests and headless mode). The desktop app's engine
// worker loads it through better-sqlite3's `nativeBinding` option. Needs network access once per
// Electron version (prebuilt download, or Electron headers for a source build).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root, run } from './lib.mjs';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = join(root, 'node_modules/better-sqlite3');
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const cache = join(root, '.cache/electron-native');
const stamp = join(cache, 'stamp.json');
const want = JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion });

if (existsSync(join(cache, 'better_sqlite3.node')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
  process.exit(0);
}
process.stdout.write(`Preparing better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}…\n`);
const work = join(cache, 'src');
rmSync(work, { recursive: true, force: true });
mkdirSync(cache, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });

let code = await run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion], { cwd: work });
if (code !== 0) {
  process.stdout.write('No prebuilt binary; building from source against Electron headers…\n');
  code = await run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work });
}
if (code !== 0) {
  process.stderr.write('Could not prepare the Electron-ABI better-sqlite3 (offline?). See README, "Native module".\n');
  process.exit(code);
}
copyFileSync(join(work, 'build/Release/better_sqlite3.node'), join(cache, 'better_sqlite3.node'));
writeFileSync(stamp, want);
rmSync(work, { recursive: true, force: true });
process.stdout.write(`Ready: ${join(cache, 'better_sqlite3.node')}\n`);
