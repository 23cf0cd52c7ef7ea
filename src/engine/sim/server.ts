/**
 * Loopback market-data simulator speaking the Binance spot stream protocol
 * (https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams):
 *
 *  - raw streams at /ws/<stream> and /ws (+ SUBSCRIBE), combined streams at /stream?streams=a/b
 *    wrapped as {"stream","data"}; SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / SET_PROPERTY /
 *    GET_PROPERTY with the documented responses and error messages;
 *  - a protocol ping every `pingIntervalMs` (20 s) expecting a pong with the same payload within
 *    `pongTimeoutMs` (60 s); at most `maxIncomingPerSec` (5) incoming frames per second, pongs
 *    included, else the connection is closed; a forced close after `maxConnectionMs` (24 h);
 *  - bound to 127.0.0.1 by default; port 0 picks a free port.
 *
 * Market data comes from FeedEngine; scenarios and faults are driven through the handle.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRng } from '../risk/rng';
import { combinedFrame, serverShutdownPayload } from './binance-format';
import { FeedEngine, type EngineStats } from './feed-engine';
import { DEFAULT_MODEL, MarketModel } from './models/market';
import { Scenarios, type ScenarioName, type ScenarioOptions } from './models/scenarios';
import { loadSp500 } from './models/sp500';
import { DEFAULT_UNIVERSE, type InstrumentSpec } from './models/universe';
import { handleRequest, type ClientState } from './protocol';

export type FaultKind =
  'disconnect' | 'stall' | 'malformed' | 'duplicate' | 'out-of-order' | 'server-shutdown';
export const FAULT_KINDS: readonly FaultKind[] = [
  'disconnect',
  'stall',
  'malformed',
  'duplicate',
  'out-of-order',
  'server-shutdown',
];

export interface FaultOptions {
  /** malformed / duplicate / out-of-order: how many messages to affect (default 10). */
  count?: number;
  /** stall: how long market data stops (default 5000 ms). */
  durationMs?: number;
  /** stall: also stop protocol pings, so the connection goes completely silent. */
  silent?: boolean;
  /** disconnect: 'terminate' drops TCP without a close frame (default), 'close' sends one. */
  mode?: 'terminate' | 'close';
  /** disconnect (mode close): close code (default 1001). */
  code?: number;
  /** server-shutdown: delay between the serverShutdown event and the close (default 100 ms). */
  delayMs?: number;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  universe?: readonly InstrumentSpec[];
  seed?: number;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  maxConnectionMs?: number;
  /** Total messages per second across all streams (default 1000). */
  rate?: number;
  /** Generation timer period; each tick sends a batch (default 5 ms). */
  batchIntervalMs?: number;
  maxIncomingPerSec?: number;
  maxStreamsPerConnection?: number;
  /** Simulated seconds per wall second for the GBM (default 1). */
  timeScale?: number;
  /** Wall ms per replayed S&P 500 trading day (default 1000). */
  replayDayMs?: number;
  /** Candidate paths for the S&P 500 CSV (default: resources/data/sp500-2000.csv, …). */
  sp500Paths?: string[];
}

export interface SimulatorStats extends EngineStats {
  connections: number;
  framesSent: number;
  pingsSent: number;
  pongs: number;
  /** Pongs whose payload did not echo the ping's payload. */
  pongMismatches: number;
  rateLimitCloses: number;
  lifetimeCloses: number;
  requests: number;
}

export interface SimulatorHandle {
  url: string;
  port: number;
  scenario(name: ScenarioName, opts?: ScenarioOptions): void;
  fault(kind: FaultKind, opts?: FaultOptions): void;
  setRate(msgsPerSec: number): void;
  /** Current mid prices by venue symbol. */
  prices(): Record<string, number>;
  /** Streams each connected client is subscribed to (for tests and diagnostics). */
  clientStreams(): string[][];
  stats(): SimulatorStats;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const host = opts.host ?? '127.0.0.1';
  const universe = opts.universe ?? DEFAULT_UNIVERSE;
  const pingIntervalMs = opts.pingIntervalMs ?? 20_000;
  const pongTimeoutMs = opts.pongTimeoutMs ?? 60_000;
  const maxConnectionMs = opts.maxConnectionMs ?? 24 * 3600 * 1000;
  const maxIncoming = opts.maxIncomingPerSec ?? 5;
  const maxStreams = opts.maxStreamsPerConnection ?? 1024;
  const rng = createRng(opts.seed ?? 1);
  const scenarios = new Scenarios();
  const model = new MarketModel(universe, rng, scenarios, {
    ...DEFAULT_MODEL,
    timeScale: opts.timeScale ?? DEFAULT_MODEL.timeScale,
    replayDayMs: opts.replayDayMs ?? DEFAULT_MODEL.replayDayMs,
    sp500: universe.some((u) => u.model === 'sp500') ? loadSp500(opts.sp500Paths) : undefined,
  });
  const clients = new Set<ClientState>();
  const byStream = new Map<string, Set<ClientState>>();
  const counters = {
    framesSent: 0,
    pingsSent: 0,
    pongs: 0,
    pongMismatches: 0,
    rateLimitCloses: 0,
    lifetimeCloses: 0,
    requests: 0,
  };
  let pingsSilentUntil = -Infinity;

  const index = {
    add(c: ClientState, stream: string): void {
      let set = byStream.get(stream);
      if (!set) byStream.set(stream, (set = new Set()));
      set.add(c);
    },
    remove(c: ClientState, stream: string): void {
      const set = byStream.get(stream);
      if (set?.delete(c) && set.size === 0) byStream.delete(stream);
    },
  };

  const sink = (stream: string, payload: string): void => {
    const subs = byStream.get(stream);
    if (!subs) return;
    let wrapped: string | undefined;
    let micro: string | undefined;
    let microWrapped: string | undefined;
    for (const c of subs) {
      if (c.ws.readyState !== c.ws.OPEN) continue;
      // A consumer this far behind is dead weight; Binance drops slow consumers too.
      if (c.ws.bufferedAmount > 64 * 1024 * 1024) {
        c.ws.terminate();
        continue;
      }
      if (c.micros) {
        micro ??= toMicros(payload);
        c.ws.send(c.combined ? (microWrapped ??= combinedFrame(stream, micro)) : micro);
      } else {
        c.ws.send(c.combined ? (wrapped ??= combinedFrame(stream, payload)) : payload);
      }
      counters.framesSent++;
    }
  };
  const engine = new FeedEngine(model, scenarios, rng, sink, (s) => byStream.has(s), opts.rate ?? 1000);

  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const route = routeOf(req.url ?? '');
    if (!route) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, route));
  });

  function onConnection(ws: WebSocket, route: { combined: boolean; streams: string[]; micros: boolean }): void {
    const c: ClientState = {
      ws,
      combined: route.combined,
      micros: route.micros,
      streams: new Set(),
      incoming: [],
      lastPing: undefined,
      outstanding: [],
      lastPongAt: Date.now(),
    };
    clients.add(c);
    for (const s of route.streams.slice(0, maxStreams)) {
      c.streams.add(s);
      index.add(c, s);
    }
    const lifetime = setTimeout(() => {
      counters.lifetimeCloses++;
      ws.close(1000, 'connection lifetime exceeded');
    }, maxConnectionMs);
    lifetime.unref();
    const countIncoming = (): boolean => {
      const now = Date.now();
      c.incoming.push(now);
      while (c.incoming.length && now - c.incoming[0] >= 1000) c.incoming.shift();
      if (c.incoming.length <= maxIncoming) return true;
      counters.rateLimitCloses++;
      ws.close(1008, 'Too many requests');
      return false;
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!countIncoming()) return;
      counters.requests++;
      const reply = handleRequest(isBinary ? '' : data.toString('utf8'), c, index, maxStreams);
      if (reply !== undefined && ws.readyState === ws.OPEN) ws.send(reply);
    });
    ws.on('pong', (data: Buffer) => {
      counters.pongs++;
      // A pong answers one of the pings still outstanding (it may trail a newer ping under load);
      // it matches that ping and retires it with every older one.
      const i = c.outstanding.indexOf(data.toString('utf8'));
      if (i < 0) counters.pongMismatches++;
      else c.outstanding.splice(0, i + 1);
      c.lastPongAt = Date.now();
      countIncoming();
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      clearTimeout(lifetime);
      clients.delete(c);
      for (const s of c.streams) index.remove(c, s);
    });
  }

  const pinger = setInterval(() => {
    const now = Date.now();
    for (const c of clients) {
      if (now - c.lastPongAt > pongTimeoutMs) {
        c.ws.terminate();
        continue;
      }
      if (now < pingsSilentUntil || c.ws.readyState !== c.ws.OPEN) continue;
      c.lastPing = String(now);
      c.outstanding.push(c.lastPing);
      if (c.outstanding.length > 8) c.outstanding.shift();
      c.ws.ping(c.lastPing);
      counters.pingsSent++;
    }
  }, pingIntervalMs);
  pinger.unref();

  let last = performance.now();
  const generator = setInterval(() => {
    const t = performance.now();
    engine.advance(t - last, Date.now());
    last = t;
  }, opts.batchIntervalMs ?? 5);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => resolve());
  });
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;

  const dropAll = (mode: 'terminate' | 'close', code: number, reason: string): void => {
    for (const c of clients) {
      if (mode === 'terminate') c.ws.terminate();
      else c.ws.close(code, reason);
    }
  };

  return {
    url: `ws://${host}:${port}`,
    port,
    scenario(name, o) {
      for (const s of scenarios.start(name, Date.now(), o)) model.settle(s.symbols, s.factor);
    },
    fault(kind, o = {}) {
      const count = o.count ?? 10;
      switch (kind) {
        case 'disconnect':
          dropAll(o.mode ?? 'terminate', o.code ?? 1001, 'simulated disconnect');
          break;
        case 'stall': {
          const until = Date.now() + (o.durationMs ?? 5000);
          engine.stall(until);
          if (o.silent) pingsSilentUntil = until;
          break;
        }
        case 'malformed':
          engine.injectMalformed(count);
          break;
        case 'duplicate':
          engine.injectDuplicates(count);
          break;
        case 'out-of-order':
          engine.injectReorders(count);
          break;
        case 'server-shutdown': {
          const payload = serverShutdownPayload(Date.now());
          for (const c of clients)
            if (c.ws.readyState === c.ws.OPEN)
              c.ws.send(c.combined ? combinedFrame('serverShutdown', payload) : payload);
          setTimeout(() => dropAll('close', 1001, 'server shutdown'), o.delayMs ?? 100).unref();
          break;
        }
      }
    },
    setRate: (n) => engine.setRate(n),
    prices() {
      const out: Record<string, number> = {};
      for (let i = 0; i < model.size; i++) out[model.spec(i).symbol] = model.mid(i);
      return out;
    },
    clientStreams: () => [...clients].map((c) => [...c.streams].sort()),
    stats: () => ({ ...engine.stats, ...counters, connections: clients.size }),
    async close() {
      clearInterval(generator);
      clearInterval(pinger);
      dropAll('terminate', 1001, 'closing');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/**
 * A payload with E (event time) in microseconds, as a `timeUnit=MICROSECOND` connection receives it.
 * E is re-stamped from the high-resolution clock at send time (generation and send are the same
 * batch), T (trade time) is the millisecond value × 1000.
 */
export function toMicros(payload: string): string {
  const nowUs = Math.round((performance.timeOrigin + performance.now()) * 1000);
  return payload.replace(/"E":\d+/, `"E":${nowUs}`).replace(/"T":(\d+)/, (_m, t: string) => `"T":${Number(t) * 1000}`);
}

/** Route of an upgrade URL, or undefined for a path Binance would not serve. */
export function routeOf(url: string): { combined: boolean; streams: string[]; micros: boolean } | undefined {
  let u: URL;
  try {
    u = new URL(url, 'http://localhost');
  } catch {
    return undefined;
  }
  const path = u.pathname.replace(/\/+$/, '');
  // Binance's `timeUnit` option (case-insensitive): MICROSECOND stamps E and T in microseconds.
  const micros = (u.searchParams.get('timeUnit') ?? '').toUpperCase() === 'MICROSECOND';
  if (path === '/stream') {
    const streams = (u.searchParams.get('streams') ?? '').split('/').filter((s) => s.length > 0);
    return { combined: true, streams, micros };
  }
  if (path === '/ws') return { combined: false, streams: [], micros };
  if (path.startsWith('/ws/')) {
    return {
      micros,
      combined: false,
      streams: path
        .slice(4)
        .split('/')
        .filter((s) => s.length > 0),
    };
  }
  return undefined;
}
