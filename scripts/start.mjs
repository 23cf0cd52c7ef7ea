#!/usr/bin/env node
// `npm start`: builds and launches the desktop app; where the Electron binary is absent (offline
// install, ELECTRON_SKIP_BINARY_DOWNLOAD=1) it says so in one line and runs headless mode instead.
import { join } from 'node:path';
import { findElectron } from './electron-path.mjs';
import { buildIfStale, root, run } from './lib.mjs';

const args = process.argv.slice(2);
const { path: bin, reason } = findElectron();
const built = await buildIfStale();
if (built !== 0) process.exit(built);

if (!bin) {
  process.stdout.write(
    `No desktop window: ${reason}. Fix: run \`node node_modules/electron/install.js\` on a connected machine. Starting headless mode instead.\n`,
  );
  process.exit(await run(process.execPath, [join(root, 'out/main/server.js'), ...args]));
}
const native = await run(process.execPath, [join(root, 'scripts/electron-native.mjs')]);
if (native !== 0) process.exit(native);
process.exit(await run(bin, ['.', ...args]));
