// What the desk interfaces need from the engine: the host's request/push surface, nothing more, so
// unit tests can drive them with a fake and the apps hand them the real EngineHost.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../shared/contract/index';
import { tokenFromRequest, tokenMatches } from '../api-socket';

export interface DeskSource {
  request(method: string, params: unknown): Promise<Result<unknown>>;
  /** Subscribes to coalesced pushes; returns the unsubscribe function. */
  onPush(listener: (topic: string, data: unknown) => void): () => void;
}

export { tokenFromRequest, tokenMatches };

/** True when the request carries the token (`Authorization: Bearer …` or `?token=`). */
export const authorised = (req: IncomingMessage, token: string): boolean => tokenMatches(tokenFromRequest(req), token);

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The JSON error every desk HTTP interface answers with. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, field?: string): void {
  sendJson(res, status, { ok: false, error: field === undefined ? { code, message } : { code, message, field } }, status === 401 ? { 'WWW-Authenticate': 'Bearer realm="bulwark"' } : {});
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON body up to `maxBytes`; an empty body is `{}`. Throws BodyError (413 over the cap,
 * 415 for a non-JSON content type, 400 for a parse error naming the reason).
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) throw new BodyError(413, `body: ${declared} bytes is over the ${maxBytes}-byte limit`);
  const type = req.headers['content-type'];
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > maxBytes) throw new BodyError(413, `body: over the ${maxBytes}-byte limit`);
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  if (type !== undefined && !/^application\/json\b/i.test(type)) throw new BodyError(415, `body: content-type must be application/json, got "${type.slice(0, 64)}"`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BodyError(400, `body: not valid JSON (${(err as Error).message})`);
  }
}

/** Maps an engine error code onto an HTTP status. */
export function statusFor(code: string): number {
  switch (code) {
    case 'BAD_REQUEST':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'UNKNOWN_METHOD':
      return 501;
    case 'TIMEOUT':
    case 'UNAVAILABLE':
      return 503;
    default:
      return 500;
  }
}
