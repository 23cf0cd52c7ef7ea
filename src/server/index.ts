// Headless mode: the same engine worker in plain Node, the built renderer over HTTP, and the contract
// over a token-protected WebSocket at /api. Entry point built to out/main/server.js.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { EngineHost } from '../engine/host';
import { resolveDataDir } from '../engine/data-dir';
import { ApiSocket } from './api-socket';
import { parseServeArgs } from './args';
import { contentSecurityPolicy, staticHandler } from './static';
import { DEFAULT_METRICS_PORT, DEFAULT_STREAM_PORT, startDeskServers, type DeskServers } from './desk/index';

export interface HeadlessOptions {
  port: number;
  host: string;
  dataDir: string;
  token: string;
  version: string;
  rendererDir: string;
  workerFile?: string | URL;
  execArgv?: string[];
  feeds?: Record<string, string>;
  /** Desk interfaces (docs/desk-interfaces.md): ports null = off, 0 = any free port; absent = both off. */
  desk?: { streamPort: number | null; metricsPort: number | null; host?: string; streamBufferBytes?: number; log?: (line: string) => void };
}

export interface Headless {
  url: string;
  port: number;
  server: Server;
  engine: EngineHost;
  /** Risk stream, metrics and the REST API (served here under /api/…). */
  desk: DeskServers;
  close(): Promise<void>;
}

export async function startHeadless(o: HeadlessOptions): Promise<Headless> {
  const engine = new EngineHost({
    dataDir: o.dataDir,
    version: o.version,
    workerFile: o.workerFile ?? new URL('./engine-worker.js', import.meta.url),
    ...(o.feeds && Object.keys(o.feeds).length ? { feeds: o.feeds } : {}),
    ...(o.execArgv ? { execArgv: o.execArgv } : {}),
  });
  await engine.ready;
  const api = new ApiSocket({ token: o.token, request: (m, p) => engine.request(m, p) });
  engine.onPush((topic, data) => api.broadcast(topic, data));
  let port = o.port;
  const serveStatic = staticHandler(o.rendererDir, () => contentSecurityPolicy(`ws://${hostForUrl(o.host)}:${port}`));
  const d = o.desk;
  const desk = await startDeskServers({
    source: engine,
    token: o.token,
    streamPort: d?.streamPort ?? null,
    metricsPort: d?.metricsPort ?? null,
    ...(d?.host ? { host: d.host } : {}),
    ...(d?.streamBufferBytes ? { streamBufferBytes: d.streamBufferBytes } : {}),
    ...(d?.log ? { log: d.log } : {}),
  });
  const server = createServer((req, res) => void (desk.rest.owns(req.url) ? desk.rest.handle(req, res) : serveStatic(req, res)));
  server.on('upgrade', (req, socket, head) => api.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    url: `http://${hostForUrl(o.host)}:${port}/?token=${encodeURIComponent(o.token)}`,
    port,
    server,
    engine,
    desk,
    async close() {
      api.close();
      await desk.close();
      await new Promise<void>((r) => server.close(() => r()));
      await engine.close();
    },
  };
}

const hostForUrl = (h: string): string => (h.includes(':') ? `[${h}]` : h === '0.0.0.0' ? '127.0.0.1' : h);

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`bulwark serve: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const token = process.env.BULWARK_TOKEN || randomBytes(24).toString('base64url');
  if (args.host !== '127.0.0.1' && args.host !== 'localhost' && args.host !== '::1') {
    process.stderr.write(`warning: listening on ${args.host}: reachable beyond this machine (token still required)\n`);
  }
  const dataDir = resolveDataDir(args.dataDir);
  let h: Headless;
  try {
    h = await startHeadless({
      port: args.port,
      host: args.host,
      dataDir,
      token,
      version: readVersion(),
      rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
      feeds: args.feeds,
      desk: {
        streamPort: args.streamPort === undefined ? DEFAULT_STREAM_PORT : args.streamPort,
        metricsPort: args.metricsPort === undefined ? DEFAULT_METRICS_PORT : args.metricsPort,
        host: args.bindAll ? '0.0.0.0' : '127.0.0.1',
      },
    });
  } catch (err) {
    process.stderr.write(`bulwark serve: ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Bulwark headless on ${h.url}\n  data folder: ${dataDir}\n`);
  const dp = h.desk.ports;
  const dh = args.bindAll ? '0.0.0.0' : '127.0.0.1';
  process.stdout.write(
    `  REST API: ${h.url.split('/?')[0]}/api/openapi.json\n` +
      (dp.stream ? `  risk stream: ws://${dh}:${dp.stream}/\n` : '') +
      (dp.metrics ? `  metrics: http://${dh}:${dp.metrics}/metrics\n` : ''),
  );
  if (args.bindAll) process.stderr.write('warning: --bind-all: the risk stream and metrics are reachable beyond this machine (token still required)\n');
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void h.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
