// Starts the desk interfaces beside an engine host: the risk stream and the Prometheus endpoint on
// their own ports and, where asked (the desktop app), the REST API on its own loopback port. Used by
// both the headless server and Electron main. A port in use costs that interface only: one line on
// the log, and the app runs on without it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DeskMetrics } from './metrics';
import { RestApi } from './rest';
import { authorised, sendError, type DeskSource } from './source';
import { RiskStream } from './stream';

export { DeskMetrics } from './metrics';
export { RestApi } from './rest';
export { RiskStream } from './stream';
export type { DeskSource } from './source';

export const DEFAULT_STREAM_PORT = 8765;
export const DEFAULT_METRICS_PORT = 9090;

export interface DeskServerOptions {
  source: DeskSource;
  token: string;
  /** Interface to bind (default 127.0.0.1; 0.0.0.0 only on the user's explicit opt-in). */
  host?: string;
  /** null disables; 0 picks a free port (tests). The command line maps its "0 disables" onto null. */
  streamPort: number | null;
  metricsPort: number | null;
  /** Own port for REST (desktop app); null/undefined: none (headless serves REST on its main port). */
  restPort?: number | null;
  /** One line per problem (a port in use, …). */
  log?: (line: string) => void;
  streamBufferBytes?: number;
}

export interface DeskServers {
  stream: RiskStream | undefined;
  metrics: DeskMetrics;
  rest: RestApi;
  /** Bound ports (undefined where the interface is off or could not start). */
  ports: { stream?: number; metrics?: number; rest?: number };
  close(): Promise<void>;
}

export async function startDeskServers(o: DeskServerOptions): Promise<DeskServers> {
  const host = o.host ?? '127.0.0.1';
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const servers: Server[] = [];
  const ports: DeskServers['ports'] = {};
  const stream = o.streamPort !== null ? new RiskStream({ source: o.source, token: o.token, ...(o.streamBufferBytes ? { maxBufferedBytes: o.streamBufferBytes } : {}) }) : undefined;
  const metrics = new DeskMetrics({ source: o.source, stream: () => stream?.stats });
  const rest = new RestApi({ source: o.source, token: o.token });

  const listen = async (name: string, port: number, s: Server): Promise<number | undefined> => {
    try {
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.code === 'EADDRINUSE' ? 'is already in use' : e.code === 'EACCES' ? 'is not allowed' : `failed (${e.message})`;
      log(`bulwark: ${name} not started: ${host}:${port} ${why}; the app runs on without it`);
      return undefined;
    }
    servers.push(s);
    const a = s.address();
    return typeof a === 'object' && a ? a.port : port;
  };

  if (stream && o.streamPort !== null) {
    const s = createServer((req, res) => (authorised(req, o.token) ? sendError(res, 426, 'UPGRADE_REQUIRED', 'this port speaks WebSocket: connect with ws:// and send {"op":"subscribe","topics":[…]}') : sendError(res, 401, 'UNAUTHORIZED', 'a valid token is required')));
    s.on('upgrade', (req, socket, head) => stream.handleUpgrade(req, socket, head));
    ports.stream = await listen('risk stream', o.streamPort, s);
  }
  if (o.metricsPort !== null) {
    const s = createServer((req, res) => void metricsHandler(metrics, o.token, req, res));
    ports.metrics = await listen('metrics', o.metricsPort, s);
  }
  if (o.restPort !== undefined && o.restPort !== null) {
    const s = createServer((req, res) => void rest.handle(req, res));
    ports.rest = await listen('REST API', o.restPort, s);
  }
  return {
    stream,
    metrics,
    rest,
    ports,
    async close() {
      stream?.close();
      metrics.close();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      );
    },
  };
}

/** GET /metrics with the token (Prometheus sends it with `authorization` / `bearer_token_file`). */
async function metricsHandler(metrics: DeskMetrics, token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!authorised(req, token)) return sendError(res, 401, 'UNAUTHORIZED', 'a valid token is required (Authorization: Bearer <token>)');
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/metrics') return sendError(res, 404, 'NOT_FOUND', `no route ${path.slice(0, 200)} (metrics are at /metrics)`);
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'metrics: only GET', undefined);
  try {
    const text = await metrics.scrape();
    res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  } catch (err) {
    sendError(res, 500, 'INTERNAL', `metrics: ${(err as Error).message}`);
  }
}
