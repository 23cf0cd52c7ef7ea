// The REST route table: one entry per route, from which both the dispatcher (rest.ts) and the OpenAPI
// document (openapi.ts) are built, so the two cannot drift apart. Each route maps onto contract
// requests through the DeskSource; engine errors become HTTP statuses with the engine's message.
import type { Result, RiskSnapshot } from '../../shared/contract/index';
import { recommendations } from './recommendations';
import type { DeskSource } from './source';

export type JsonSchema = Record<string, unknown>;

export interface RouteParam {
  description: string;
  schema: JsonSchema;
  required?: boolean;
}

export interface RouteContext {
  source: DeskSource;
  path: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  now: number;
}

/** A route's answer: status and JSON body. */
export interface Reply {
  status: number;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** OpenAPI path template, `{name}` for path parameters. */
  path: string;
  operationId: string;
  summary: string;
  tag: 'risk' | 'hedging' | 'meta';
  pathParams?: Record<string, RouteParam>;
  query?: Record<string, RouteParam>;
  body?: { description: string; schema: JsonSchema; required: boolean };
  /** The contract method whose result schema documents the 200 answer (when it is returned as is). */
  resultOf?: string;
  /** Hand-written 200 schema when the answer is composed here. */
  resultSchema?: JsonSchema;
  handle(ctx: RouteContext): Promise<Reply>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Unwraps an engine Result into a 200 reply, or throws the engine's error as an HTTP error. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new HttpError(statusOf(r.error.code), r.error.code, r.error.message, r.error.field);
}

export function statusOf(code: string): number {
  const map: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, NOT_FOUND: 404, CONFLICT: 409, UNKNOWN_METHOD: 501, TIMEOUT: 503, UNAVAILABLE: 503 };
  return map[code] ?? 500;
}

const call = async (ctx: RouteContext, method: string, params: unknown): Promise<Reply> => ({ status: 200, body: unwrap(await ctx.source.request(method, params)) });

/** `7d`, `12h`, `4w`, `1y`, or `all`; the span in ms (null for all). */
export function parsePeriod(p: string): number | null {
  if (p === 'all') return null;
  const m = /^([1-9]\d{0,3})([hdwy])$/.exec(p);
  if (!m) throw new HttpError(400, 'BAD_REQUEST', `period: expected a count and a unit h|d|w|y (1d, 7d, 30d, 12h, 4w, 1y) or "all", got "${p.slice(0, 32)}"`, 'period');
  const unit = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, y: 365 * 86_400_000 }[m[2] as 'h' | 'd' | 'w' | 'y'];
  const ms = Number(m[1]) * unit;
  if (ms > 10 * 365 * 86_400_000) throw new HttpError(400, 'BAD_REQUEST', `period: at most 10 years, got "${p}"`, 'period');
  return ms;
}

/** Integer query parameter within bounds, or the default; errors name the parameter. */
export function intQuery(q: URLSearchParams, name: string, min: number, max: number, dflt: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, 'BAD_REQUEST', `${name}: must be an integer ${min}-${max}, got "${raw.slice(0, 32)}"`, name);
  return n;
}

/** Lower-case, non-alphanumerics to '-': "Flash crash" → "flash-crash". */
export const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const idParam = (what: string): RouteParam => ({ description: `${what} id`, schema: { type: 'string', minLength: 1, maxLength: 64 }, required: true });
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({ type: 'object', properties, required });

async function latestSnapshot(ctx: RouteContext): Promise<RiskSnapshot> {
  const s = unwrap(await ctx.source.request('risk.snapshot', {})) as RiskSnapshot | null;
  if (!s) throw new HttpError(404, 'NOT_FOUND', 'no risk snapshot yet: the engine computes one once the book has prices');
  return s;
}

export const ROUTES: Route[] = [
  {
    method: 'GET',
    path: '/api/risk/current',
    operationId: 'riskCurrent',
    summary: 'The latest heavy-risk snapshot (VaR/CVaR, exposures, Greeks, stress, scenarios, risk score).',
    tag: 'risk',
    resultOf: 'risk.snapshot',
    handle: async (ctx) => ({ status: 200, body: await latestSnapshot(ctx) }),
  },
  {
    method: 'GET',
    path: '/api/risk/history/{period}',
    operationId: 'riskHistory',
    summary: 'Stored risk snapshots over the trailing period, oldest first (the latest `limit` when there are more).',
    tag: 'risk',
    pathParams: { period: { description: 'Trailing window: 12h, 1d, 7d, 30d, 4w, 1y … or all', schema: { type: 'string', pattern: '^([1-9][0-9]{0,3}[hdwy]|all)$' }, required: true } },
    query: { limit: { description: 'Most points returned (1-10000, default 1000)', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1000 } } },
    resultSchema: obj({ period: { type: 'string' }, from: { type: 'integer' }, to: { type: 'integer' }, points: { type: 'array', items: { $ref: '#/components/schemas/RiskHistoryPoint' } } }, ['period', 'from', 'to', 'points']),
    handle: async (ctx) => {
      const span = parsePeriod(ctx.path.period);
      const limit = intQuery(ctx.query, 'limit', 1, 10_000, 1000);
      const from = span === null ? 0 : Math.max(0, ctx.now - span);
      const points = unwrap(await ctx.source.request('risk.history', { from, to: ctx.now, limit }));
      return { status: 200, body: { period: ctx.path.period, from, to: ctx.now, points } };
    },
  },
  {
    method: 'GET',
    path: '/api/risk/stress-test/{scenario}',
    operationId: 'riskStressTest',
    summary: "A named scenario's P&L on today's book from the latest snapshot (name or slug: flash-crash, volatility-spike, …; `worst` = the stress grid's worst cell).",
    tag: 'risk',
    pathParams: { scenario: { description: 'Scenario name or slug', schema: { type: 'string', minLength: 1, maxLength: 64 }, required: true } },
    resultSchema: obj(
      { scenario: { type: 'string' }, ts: { type: 'number' }, equity: { type: 'number' }, pnl: { type: 'number', description: 'USD, negative = loss' }, pnlPct: { type: 'number', description: 'pnl / equity' }, liquidityCost: { type: ['number', 'null'] } },
      ['scenario', 'ts', 'equity', 'pnl', 'pnlPct'],
    ),
    handle: async (ctx) => {
      const s = await latestSnapshot(ctx);
      const want = slug(ctx.path.scenario);
      const pct = (pnl: number): number => (s.equity > 0 ? pnl / s.equity : 0);
      if (want === 'worst') return { status: 200, body: { scenario: 'worst', ts: s.ts, equity: s.equity, pnl: s.stress.worst.pnl, pnlPct: pct(s.stress.worst.pnl), liquidityCost: null, shock: { price: s.stress.worst.price, vol: s.stress.worst.vol, rate: s.stress.worst.rate } } };
      const sc = s.scenarios.find((x) => slug(x.name) === want);
      if (!sc) throw new HttpError(404, 'NOT_FOUND', `scenario: no scenario "${ctx.path.scenario.slice(0, 64)}" (known: ${[...s.scenarios.map((x) => slug(x.name)), 'worst'].join(', ')})`, 'scenario');
      return { status: 200, body: { scenario: sc.name, ts: s.ts, equity: s.equity, pnl: sc.pnl, pnlPct: pct(sc.pnl), liquidityCost: sc.liquidityCost } };
    },
  },
  {
    method: 'POST',
    path: '/api/risk/alerts/acknowledge/{id}',
    operationId: 'alertAcknowledge',
    summary: 'Acknowledges an alert (journaled); answers the alert as it now stands.',
    tag: 'risk',
    pathParams: { id: idParam('Alert') },
    resultOf: 'alerts.ack',
    handle: (ctx) => call(ctx, 'alerts.ack', { id: ctx.path.id }),
  },
  {
    method: 'GET',
    path: '/api/risk/recommendations',
    operationId: 'riskRecommendations',
    summary: 'What the engine recommends now: trading mode, preservation level, tightened or near limits, ML sizing, unacknowledged alert mitigations, pending hedge proposals.',
    tag: 'risk',
    resultSchema: { $ref: '#/components/schemas/Recommendations' },
    handle: async (ctx) => ({ status: 200, body: await recommendations(ctx.source, ctx.now) }),
  },
  {
    method: 'GET',
    path: '/api/v1/hedging/status',
    operationId: 'hedgingStatus',
    summary: 'Tail-risk score, its components and trend, the last hedge signal, pending and active hedges.',
    tag: 'hedging',
    resultOf: 'hedging.status',
    handle: (ctx) => call(ctx, 'hedging.status', {}),
  },
  {
    method: 'GET',
    path: '/api/v1/hedging/proposals',
    operationId: 'hedgingProposals',
    summary: 'Hedge proposals, newest first.',
    tag: 'hedging',
    query: {
      status: { description: 'Only proposals in this status', schema: { type: 'string', enum: ['pending', 'approved', 'executed', 'rejected', 'expired', 'failed'] } },
      limit: { description: 'Most proposals returned (1-500, default 50)', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
    },
    resultOf: 'hedging.proposals',
    handle: (ctx) => {
      const status = ctx.query.get('status');
      return call(ctx, 'hedging.proposals', { ...(status ? { status } : {}), limit: intQuery(ctx.query, 'limit', 1, 500, 50) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/hedging/proposals/{id}/approve',
    operationId: 'hedgingApprove',
    summary: "Approves a pending proposal: its orders go through the pre-trade validator and the paper broker.",
    tag: 'hedging',
    pathParams: { id: idParam('Proposal') },
    resultOf: 'hedging.approve',
    handle: (ctx) => call(ctx, 'hedging.approve', { id: ctx.path.id }),
  },
  {
    method: 'POST',
    path: '/api/v1/hedging/proposals/{id}/reject',
    operationId: 'hedgingReject',
    summary: 'Rejects a pending proposal with a reason (journaled).',
    tag: 'hedging',
    pathParams: { id: idParam('Proposal') },
    body: { description: 'Why', schema: obj({ reason: { type: 'string', minLength: 3, maxLength: 500 } }, ['reason']), required: true },
    resultOf: 'hedging.reject',
    handle: (ctx) => call(ctx, 'hedging.reject', { id: ctx.path.id, reason: (ctx.body as { reason?: unknown }).reason }),
  },
  {
    method: 'GET',
    path: '/api/v1/hedging/config',
    operationId: 'hedgingConfigGet',
    summary: 'The hedging configuration (the narrative API key is reported as set or not, never returned).',
    tag: 'hedging',
    resultOf: 'hedging.config.get',
    handle: (ctx) => call(ctx, 'hedging.config.get', {}),
  },
  {
    method: 'PUT',
    path: '/api/v1/hedging/config',
    operationId: 'hedgingConfigSet',
    summary: 'A partial update of the hedging configuration: the body is the patch (errors name the field).',
    tag: 'hedging',
    body: { description: 'Fields to change', schema: { $ref: '#/components/schemas/HedgingConfigPatch' }, required: true },
    resultOf: 'hedging.config.set',
    handle: (ctx) => call(ctx, 'hedging.config.set', { patch: ctx.body }),
  },
  {
    method: 'GET',
    path: '/api/v1/hedging/monitor',
    operationId: 'hedgingMonitor',
    summary: 'Active hedges, their P&L and protection, cost drag, effectiveness and response times.',
    tag: 'hedging',
    resultOf: 'hedging.monitor',
    handle: (ctx) => call(ctx, 'hedging.monitor', {}),
  },
  {
    method: 'POST',
    path: '/api/v1/hedging/grid',
    operationId: 'hedgingGrid',
    summary: 'Builds a grid of hedge orders around a position; `execute: true` paper-trades it.',
    tag: 'hedging',
    body: { description: 'Grid parameters', schema: { $ref: '#/components/schemas/HedgingGridParams' }, required: true },
    resultOf: 'hedging.grid',
    handle: (ctx) => call(ctx, 'hedging.grid', ctx.body),
  },
];
