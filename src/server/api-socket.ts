import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { parseParams, parseRequestFrame, type Result } from '../shared/contract/index';

/** Past this many unsent bytes a client is too slow: pushes skip it until it drains. */
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;

export function tokenFromRequest(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.searchParams.get('token') ?? undefined;
}

export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ApiSocketOptions {
  token: string;
  request: (method: string, params: unknown) => Promise<Result<unknown>>;
}

/** The contract over WebSocket at /api: `{id, method, params}` in, `{id, ok, ...}` and `{topic, data}` out. */
export class ApiSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  /** Latest frame per topic, replayed to a client on connect so it never starts blank. */
  private readonly latest = new Map<string, string>();

  constructor(private readonly opts: ApiSocketOptions) {
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  /** Handles an HTTP upgrade; refuses with 401 without a valid token, 404 off /api. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api') return reject(socket, 404, 'Not Found');
    if (!tokenMatches(tokenFromRequest(req), this.opts.token)) return reject(socket, 401, 'Unauthorized');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  broadcast(topic: string, data: unknown): void {
    const frame = JSON.stringify({ topic, data });
    this.latest.set(topic, frame);
    if (this.wss.clients.size === 0) return;
    for (const ws of this.wss.clients) {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < SLOW_CLIENT_BYTES) ws.send(frame);
    }
  }

  clientCount(): number {
    return this.wss.clients.size;
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private onConnection(ws: WebSocket): void {
    for (const frame of this.latest.values()) ws.send(frame);
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return send(ws, { id: null, ok: false, error: { code: 'BAD_REQUEST', message: 'frame: must be text JSON' } });
      let msg: unknown;
      try {
        msg = JSON.parse(rawText(raw));
      } catch {
        return send(ws, { id: null, ok: false, error: { code: 'BAD_REQUEST', message: 'frame: not valid JSON' } });
      }
      const frame = parseRequestFrame(msg);
      if (!frame.ok) {
        const id = typeof (msg as { id?: unknown } | null)?.id === 'number' ? (msg as { id: number }).id : null;
        return send(ws, { id, ...frame });
      }
      const { id, method, params } = frame.value;
      const checked = parseParams(method, params);
      if (!checked.ok) return send(ws, { id, ...checked });
      void this.opts.request(method, params).then((r) => send(ws, { id, ...r }));
    });
    ws.on('error', () => ws.terminate());
  }
}

function rawText(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw).toString('utf8');
}

function send(ws: WebSocket, payload: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
  socket.destroy();
}
