// Shared by the launch scripts: building only when sources changed, and running a child in the foreground.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when out/ is missing or older than anything under src/ or the build config. */
export function buildIsStale() {
  const marker = join(root, 'out/main/server.js');
  if (!existsSync(marker) || !existsSync(join(root, 'out/renderer/index.html'))) return true;
  const built = statSync(marker).mtimeMs;
  return newest(join(root, 'src')) > built || statSync(join(root, 'electron.vite.config.ts')).mtimeMs > built;
}

export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export async function buildIfStale() {
  if (!buildIsStale()) return 0;
  process.stdout.write('Building Bulwark…\n');
  return run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn']);
}
