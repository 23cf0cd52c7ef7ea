// The desk interfaces in the desktop app: same servers as headless mode, with the REST API on its own
// loopback port (the desktop has no HTTP server of its own). The desktop shows no URL with a token,
// so the token is written to `<data dir>/desk-token` (0600): Prometheus reads it with
// `bearer_token_file`, scripts with `Authorization: Bearer $(cat …)`.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_METRICS_PORT, DEFAULT_STREAM_PORT, startDeskServers, type DeskServers, type DeskSource } from './index';

export const DEFAULT_REST_PORT = 8766;
export const TOKEN_FILE = 'desk-token';

/** `BULWARK_STREAM_PORT`-style overrides: an integer 0-65535, 0 = off; anything else is reported and ignored. */
export function portFromEnv(env: NodeJS.ProcessEnv, name: string, dflt: number, log: (l: string) => void): number | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    log(`bulwark: ${name}: must be an integer 0-65535 (0 disables), got "${raw.slice(0, 32)}"; using ${dflt}`);
    return dflt;
  }
  return n === 0 ? null : n;
}

/** The token: BULWARK_TOKEN, else the one kept in the data folder, else a new one saved there. */
export function desktopToken(dataDir: string, env: NodeJS.ProcessEnv): string {
  if (env.BULWARK_TOKEN) return env.BULWARK_TOKEN;
  const file = join(dataDir, TOKEN_FILE);
  try {
    const t = readFileSync(file, 'utf8').trim();
    if (t.length >= 16) return t;
  } catch {
    // No token yet: make one below.
  }
  const t = randomBytes(24).toString('base64url');
  writeFileSync(file, `${t}\n`, { mode: 0o600 });
  return t;
}

export function startDesktopDesk(source: DeskSource, dataDir: string, env: NodeJS.ProcessEnv = process.env, log: (l: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<DeskServers> {
  return startDeskServers({
    source,
    token: desktopToken(dataDir, env),
    host: env.BULWARK_DESK_BIND_ALL === '1' ? '0.0.0.0' : '127.0.0.1',
    streamPort: portFromEnv(env, 'BULWARK_STREAM_PORT', DEFAULT_STREAM_PORT, log),
    metricsPort: portFromEnv(env, 'BULWARK_METRICS_PORT', DEFAULT_METRICS_PORT, log),
    restPort: portFromEnv(env, 'BULWARK_REST_PORT', DEFAULT_REST_PORT, log),
    log,
  });
}
