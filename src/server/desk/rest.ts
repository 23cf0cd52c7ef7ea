// The REST dispatcher: matches a request against the route table, checks the token, reads and parses
// the body (size-capped), runs the route and answers JSON. Every failure is a JSON error naming the
// reason; nothing a client sends can throw out of here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ALL_ROUTES } from './openapi';
import { HttpError, type Route } from './routes';
import { BodyError, authorised, readJsonBody, sendError, sendJson, type DeskSource } from './source';

export const MAX_BODY_BYTES = 64 * 1024;

interface Compiled {
  route: Route;
  re: RegExp;
  names: string[];
}

function compile(r: Route): Compiled {
  const names: string[] = [];
  const re = new RegExp(
    '^' +
      r.path
        .split('/')
        .map((seg) => {
          const m = /^\{(\w+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1]);
          return '([^/]+)';
        })
        .join('/') +
      '/?$',
  );
  return { route: r, re, names };
}

export interface RestOptions {
  source: DeskSource;
  token: string;
  now?: () => number;
  routes?: readonly Route[];
}

export class RestApi {
  private readonly compiled: Compiled[];
  private readonly now: () => number;
  requests = 0;
  unauthorised = 0;

  constructor(private readonly opts: RestOptions) {
    this.compiled = (opts.routes ?? ALL_ROUTES).map(compile);
    this.now = opts.now ?? Date.now;
  }

  /** True for paths this API answers (the headless server hands everything else to the static files). */
  owns(url: string | undefined): boolean {
    const path = (url ?? '/').split('?')[0];
    return path === '/api' || path.startsWith('/api/');
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    try {
      await this.dispatch(req, res);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) sendError(res, err.status, err.code, err.message, err.field);
      else if (err instanceof BodyError) sendError(res, err.status, err.status === 413 ? 'PAYLOAD_TOO_LARGE' : err.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST', err.message, 'body');
      else sendError(res, 500, 'INTERNAL', `internal error: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The token is checked before anything else, so an unauthorised client learns nothing about routes.
    if (!authorised(req, this.opts.token)) {
      this.unauthorised++;
      return sendError(res, 401, 'UNAUTHORIZED', 'a valid token is required (Authorization: Bearer <token> or ?token=)');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'url: not a valid request target');
    }
    const hits: { c: Compiled; m: RegExpExecArray }[] = [];
    for (const c of this.compiled) {
      const m = c.re.exec(url.pathname);
      if (m) hits.push({ c, m });
    }
    if (hits.length === 0) throw new HttpError(404, 'NOT_FOUND', `no route ${url.pathname.slice(0, 200)} (see /api/openapi.json)`);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const hit = hits.find((h) => h.c.route.method === method);
    if (!hit) {
      const allow = [...new Set(hits.map((h) => h.c.route.method))].join(', ');
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method ?? '?'} ${url.pathname.slice(0, 200)}: method not allowed (allowed: ${allow})`);
    }
    const path: Record<string, string> = {};
    for (let i = 0; i < hit.c.names.length; i++) {
      const name = hit.c.names[i];
      try {
        path[name] = decodeURIComponent(hit.m[i + 1]);
      } catch {
        throw new HttpError(400, 'BAD_REQUEST', `${name}: not valid percent-encoding`, name);
      }
      if (path[name].length > 128) throw new HttpError(400, 'BAD_REQUEST', `${name}: longer than 128 characters`, name);
    }
    const r = hit.c.route;
    let body: unknown = {};
    if (r.body) {
      body = await readJsonBody(req, MAX_BODY_BYTES);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'BAD_REQUEST', 'body: must be a JSON object', 'body');
    }
    const reply = await r.handle({ source: this.opts.source, path, query: url.searchParams, body, now: this.now() });
    sendJson(res, reply.status, reply.body);
  }
}
