import type { BulwarkBridge } from '../../preload/api';

/** How the renderer reaches the engine: the preload bridge on the desktop, the /api WebSocket otherwise. */
export interface Transport {
  kind: 'ipc' | 'websocket';
  /** Resolves with the raw reply `{ok, value} | {ok:false, error}`; never rejects. */
  invoke(method: string, params: unknown): Promise<unknown>;
  onPush(listener: (topic: string, data: unknown) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
}

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

declare global {
  interface Window {
    bulwark?: BulwarkBridge;
  }
}

export function ipcTransport(bridge: BulwarkBridge): Transport {
  return {
    kind: 'ipc',
    invoke: (method, params) =>
      bridge.invoke(method, params).catch((e: unknown) => ({ ok: false, error: { code: 'UNAVAILABLE', message: String(e) } })),
    onPush: (l) => bridge.onPush((f) => l(f.topic, f.data)),
    onState: (l) => {
      l('open');
      return () => {};
    },
  };
}

/** The token travels in the page URL (`?token=`); kept for the session so reloads and routes keep it. */
export function pageToken(loc: Location = window.location, store: Storage = window.sessionStorage): string {
  const fromUrl = new URLSearchParams(loc.search).get('token');
  if (fromUrl) {
    store.setItem('bulwark.token', fromUrl);
    return fromUrl;
  }
  return store.getItem('bulwark.token') ?? '';
}

interface Pending {
  resolve: (r: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function wsTransport(url: string, timeoutMs = 15_000): Transport {
  const pending = new Map<number, Pending>();
  const pushListeners = new Set<(topic: string, data: unknown) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const queue: string[] = [];
  let nextId = 1;
  let ws: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let retry = 0;

  const setState = (s: ConnectionState): void => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const connect = (): void => {
    setState('connecting');
    const sock = new WebSocket(url);
    ws = sock;
    let opened = false;
    sock.onopen = () => {
      opened = true;
      retry = 0;
      setState('open');
      for (const f of queue.splice(0)) sock.send(f);
    };
    sock.onmessage = (ev: MessageEvent<string>) => {
      let msg: { id?: number | null; topic?: string; data?: unknown };
      try {
        msg = JSON.parse(ev.data) as typeof msg;
      } catch {
        return;
      }
      if (typeof msg.topic === 'string') {
        for (const l of pushListeners) l(msg.topic, msg.data);
      } else if (typeof msg.id === 'number') {
        const p = pending.get(msg.id);
        if (p) {
          pending.delete(msg.id);
          clearTimeout(p.timer);
          p.resolve(msg);
        }
      }
    };
    sock.onclose = () => {
      // A refused upgrade closes before opening: with a bad token that is final, not worth retrying fast.
      if (!opened && retry >= 2) setState('unauthorized');
      else setState('closed');
      const delay = Math.min(10_000, 250 * 2 ** retry++) * (0.5 + Math.random() / 2);
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    kind: 'websocket',
    invoke(method, params) {
      const id = nextId++;
      const frame = JSON.stringify({ id, method, params: params ?? {} });
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'TIMEOUT', message: `${method}: no answer within ${timeoutMs} ms` } });
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(frame);
        else queue.push(frame);
      });
    },
    onPush(l) {
      pushListeners.add(l);
      return () => pushListeners.delete(l);
    },
    onState(l) {
      stateListeners.add(l);
      l(state);
      return () => stateListeners.delete(l);
    },
  };
}

export function createTransport(): Transport {
  if (window.bulwark) return ipcTransport(window.bulwark);
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return wsTransport(`${proto}//${window.location.host}/api?token=${encodeURIComponent(pageToken())}`);
}
