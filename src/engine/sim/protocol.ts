/**
 * Binance live subscribe/unsubscribe protocol for one simulator connection. Requests and the
 * error messages follow the "Live Subscribing/Unsubscribing to streams" and "Error Messages"
 * sections of the Binance spot stream docs.
 */
import type { WebSocket } from 'ws';

export interface ClientState {
  ws: WebSocket;
  combined: boolean;
  /** The connection asked for `timeUnit=MICROSECOND`. */
  micros: boolean;
  streams: Set<string>;
  /** Receive times of recent incoming frames (rate limit window). */
  incoming: number[];
  lastPing: string | undefined;
  /** Payloads of pings not yet answered, oldest first (bounded). */
  outstanding: string[];
  lastPongAt: number;
}

export interface StreamIndex {
  add(c: ClientState, stream: string): void;
  remove(c: ClientState, stream: string): void;
}

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'] as const;
type Id = number | string | null;

const err = (code: number, msg: string, id?: Id): string =>
  id === undefined ? JSON.stringify({ code, msg }) : JSON.stringify({ code, msg, id });

function validId(v: unknown): v is Id {
  if (v === null) return true;
  if (typeof v === 'number') return Number.isSafeInteger(v);
  return typeof v === 'string' && v.length <= 36 && /^[A-Za-z0-9-]*$/.test(v);
}

/** Handles one text frame; returns the reply frame (undefined = nothing to send). */
export function handleRequest(
  raw: string,
  c: ClientState,
  index: StreamIndex,
  maxStreams: number,
): string | undefined {
  let req: unknown;
  try {
    req = JSON.parse(raw);
  } catch {
    return err(3, 'Invalid JSON: expected value at line 1 column 1');
  }
  if (typeof req !== 'object' || req === null || Array.isArray(req)) {
    return err(2, 'Invalid request: request must be a JSON object');
  }
  const r = req as Record<string, unknown>;
  if (!('method' in r))
    return err(2, `Invalid request: missing field \`method\` at line 1 column ${raw.length}`);
  if (!('id' in r) || !validId(r.id))
    return err(2, 'Invalid request: request ID must be an unsigned integer');
  const id = r.id;
  const method = r.method;
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    return err(
      2,
      `Invalid request: unknown variant \`${String(method)}\`, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\` at line 1 column 28`,
      id,
    );
  }
  const params = r.params;
  switch (method) {
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE': {
      if (!Array.isArray(params) || params.some((p) => typeof p !== 'string' || p.length === 0)) {
        return err(2, 'Invalid request: params must be a list of stream names', id);
      }
      const names = params as string[];
      if (method === 'SUBSCRIBE') {
        const fresh = names.filter((n) => !c.streams.has(n));
        if (c.streams.size + new Set(fresh).size > maxStreams) {
          return err(2, `Invalid request: too many streams (max ${maxStreams})`, id);
        }
        for (const n of fresh) {
          c.streams.add(n);
          index.add(c, n);
        }
      } else {
        for (const n of names) if (c.streams.delete(n)) index.remove(c, n);
      }
      return JSON.stringify({ result: null, id });
    }
    case 'LIST_SUBSCRIPTIONS':
      return JSON.stringify({ result: [...c.streams], id });
    case 'SET_PROPERTY': {
      if (!Array.isArray(params) || typeof params[0] !== 'string') {
        return err(2, 'Invalid request: property name must be a string');
      }
      if (params[0] !== 'combined') return err(0, 'Unknown property', id);
      if (typeof params[1] !== 'boolean') return err(1, 'Invalid value type: expected Boolean');
      if (params.length > 2) return err(2, 'Invalid request: too many parameters');
      c.combined = params[1];
      return JSON.stringify({ result: null, id });
    }
    case 'GET_PROPERTY': {
      if (!Array.isArray(params) || typeof params[0] !== 'string') {
        return err(2, 'Invalid request: property name must be a string');
      }
      if (params[0] !== 'combined') return err(0, 'Unknown property', id);
      return JSON.stringify({ result: c.combined, id });
    }
  }
  return undefined;
}
