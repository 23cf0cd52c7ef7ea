// The desk risk stream: a WebSocket on its own port that pushes the engine's risk, alerts, positions
// and breakers to subscribers. It hangs off the host's coalesced pushes (≤ 4 Hz per topic), serialises
// each push once, and never waits for a client: a client whose unsent bytes pass the cap is dropped.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { authorised, type DeskSource } from './source';

/** Stream topic → the engine topic it carries and the request that fetches it when nothing was pushed yet. */
export const STREAM_TOPICS = {
  risk: { topic: 'risk.snapshot', method: 'risk.snapshot' },
  alerts: { topic: 'alerts.list', method: 'alerts.list' },
  positions: { topic: 'positions.snapshot', method: 'positions.list' },
  breakers: { topic: 'breakers.list', method: 'breakers.list' },
} as const;
export type StreamTopic = keyof typeof STREAM_TOPICS;
const NAMES = Object.keys(STREAM_TOPICS) as StreamTopic[];
const BY_ENGINE_TOPIC = new Map<string, StreamTopic>(NAMES.map((n) => [STREAM_TOPICS[n].topic, n]));
const isStreamTopic = (t: unknown): t is StreamTopic => typeof t === 'string' && Object.hasOwn(STREAM_TOPICS, t);

/** Close code sent to a client that fell too far behind (RFC 6455 leaves 4000-4999 to applications). */
export const SLOW_CONSUMER_CLOSE = 4008;

export interface RiskStreamOptions {
  source: DeskSource;
  token: string;
  /** A client with more unsent bytes than this is dropped (default 1 MiB). */
  maxBufferedBytes?: number;
  /** Connections beyond this are refused with 1013 (default 64). */
  maxClients?: number;
  now?: () => number;
}

export interface StreamStats {
  clients: number;
  /** Clients closed for being slow, since start. */
  droppedSlow: number;
  /** Messages handed to sockets, since start. */
  sent: number;
  /** Upgrades refused for a missing or wrong token. */
  unauthorised: number;
}

export class RiskStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly subs = new Map<WebSocket, Set<StreamTopic>>();
  private readonly latest = new Map<StreamTopic, string>();
  private readonly cap: number;
  private readonly now: () => number;
  private readonly unsubscribe: () => void;
  private readonly killTimers = new Set<NodeJS.Timeout>();
  readonly stats: StreamStats = { clients: 0, droppedSlow: 0, sent: 0, unauthorised: 0 };

  constructor(private readonly opts: RiskStreamOptions) {
    this.cap = opts.maxBufferedBytes ?? 1024 * 1024;
    this.now = opts.now ?? Date.now;
    this.unsubscribe = opts.source.onPush((topic, data) => this.publish(topic, data));
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  /** HTTP upgrade on the stream port: 401 without the token, 1013-style refusal when full. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!authorised(req, this.opts.token)) {
      this.stats.unauthorised++;
      return refuse(socket, 401, 'Unauthorized', { 'WWW-Authenticate': 'Bearer realm="bulwark"' });
    }
    if (this.subs.size >= (this.opts.maxClients ?? 64)) return refuse(socket, 503, 'Service Unavailable', { 'Retry-After': '5' });
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** An engine push: cached for new subscribers and fanned out to the topic's subscribers. */
  publish(engineTopic: string, data: unknown): void {
    const topic = BY_ENGINE_TOPIC.get(engineTopic);
    if (!topic) return;
    const frame = JSON.stringify({ topic, ts: this.now(), data });
    this.latest.set(topic, frame);
    for (const [ws, topics] of this.subs) if (topics.has(topic)) this.deliver(ws, frame);
  }

  close(): void {
    this.unsubscribe();
    for (const t of this.killTimers) clearTimeout(t);
    for (const ws of this.wss.clients) ws.terminate();
    this.subs.clear();
    this.wss.close();
  }

  private deliver(ws: WebSocket, frame: string): void {
    if (ws.readyState !== ws.OPEN) return;
    // bufferedAmount is what `ws` holds beyond what the kernel accepted: it only grows when the peer
    // stops reading, so it bounds our memory per client without any waiting on our side.
    if (ws.bufferedAmount + frame.length > this.cap) return this.drop(ws);
    ws.send(frame);
    this.stats.sent++;
  }

  private drop(ws: WebSocket): void {
    if (!this.subs.delete(ws)) return;
    this.stats.droppedSlow++;
    this.stats.clients = this.subs.size;
    ws.close(SLOW_CONSUMER_CLOSE, `slow consumer: over ${this.cap} unsent bytes`);
    // The close frame queues behind the unsent data a stalled peer will not read: cut it off shortly.
    const t = setTimeout(() => {
      this.killTimers.delete(t);
      ws.terminate();
    }, 1000);
    t.unref();
    this.killTimers.add(t);
  }

  private onConnection(ws: WebSocket): void {
    this.subs.set(ws, new Set());
    this.stats.clients = this.subs.size;
    const gone = (): void => {
      this.subs.delete(ws);
      this.stats.clients = this.subs.size;
    };
    ws.on('close', gone);
    ws.on('error', () => ws.terminate());
    ws.on('message', (raw, isBinary) => this.onMessage(ws, raw, isBinary));
  }

  private onMessage(ws: WebSocket, raw: RawData, isBinary: boolean): void {
    const topics = this.subs.get(ws);
    if (!topics) return;
    const cmd = parseCommand(raw, isBinary);
    if ('error' in cmd) return this.reply(ws, { type: 'error', error: cmd.error });
    if (cmd.op === 'ping') return this.reply(ws, { type: 'pong', ts: this.now() });
    const added: StreamTopic[] = [];
    for (const t of cmd.topics) {
      if (cmd.op === 'unsubscribe') topics.delete(t);
      else if (!topics.has(t)) {
        topics.add(t);
        added.push(t);
      }
    }
    this.reply(ws, { type: cmd.op === 'subscribe' ? 'subscribed' : 'unsubscribed', topics: [...topics] });
    for (const t of added) void this.snapshot(ws, t);
  }

  /** The current value of a topic for a new subscriber: the last push, else a fresh request. */
  private async snapshot(ws: WebSocket, topic: StreamTopic): Promise<void> {
    let frame = this.latest.get(topic);
    if (frame === undefined) {
      const r = await this.opts.source.request(STREAM_TOPICS[topic].method, {});
      if (!r.ok || r.value === null) return;
      // A push may have landed while we waited; it is newer than our answer.
      frame = this.latest.get(topic) ?? JSON.stringify({ topic, ts: this.now(), data: r.value });
    }
    if (this.subs.get(ws)?.has(topic)) this.deliver(ws, frame);
  }

  private reply(ws: WebSocket, body: unknown): void {
    this.deliver(ws, JSON.stringify(body));
  }
}

type Command = { op: 'subscribe' | 'unsubscribe'; topics: StreamTopic[] } | { op: 'ping' } | { error: { code: 'BAD_REQUEST'; message: string; field?: string } };

/** Parses `{"op":"subscribe"|"unsubscribe","topics":[…]}` or `{"op":"ping"}`; errors name the field. */
export function parseCommand(raw: RawData, isBinary: boolean): Command {
  const bad = (message: string, field?: string): Command => ({ error: field === undefined ? { code: 'BAD_REQUEST', message } : { code: 'BAD_REQUEST', message, field } });
  if (isBinary) return bad('frame: must be text JSON');
  let msg: unknown;
  try {
    msg = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : Array.isArray(raw) ? Buffer.concat(raw).toString('utf8') : Buffer.from(raw).toString('utf8'));
  } catch {
    return bad('frame: not valid JSON');
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return bad('frame: must be a JSON object');
  const { op, topics } = msg as { op?: unknown; topics?: unknown };
  if (op === 'ping') return { op };
  if (op !== 'subscribe' && op !== 'unsubscribe') return bad('op: must be "subscribe", "unsubscribe" or "ping"', 'op');
  if (!Array.isArray(topics) || topics.length === 0) return bad('topics: must be a non-empty array of topic names', 'topics');
  const out: StreamTopic[] = [];
  for (let i = 0; i < topics.length; i++) {
    const t: unknown = topics[i];
    if (!isStreamTopic(t)) return bad(`topics.${i}: unknown topic "${String(t).slice(0, 40)}" (expected ${NAMES.join(', ')})`, `topics.${i}`);
    out.push(t);
  }
  return { op, topics: out };
}

function refuse(socket: Duplex, status: number, text: string, headers: Record<string, string>): void {
  const body = JSON.stringify({ ok: false, error: { code: status === 401 ? 'UNAUTHORIZED' : 'UNAVAILABLE', message: status === 401 ? 'a valid token is required (Authorization: Bearer … or ?token=)' : 'too many stream clients' } });
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  socket.destroy();
}
