// OpenAPI 3.1 document generated from the route table (routes.ts) and the contract's zod schemas, so
// every documented route exists and every route is documented (a unit test checks both ways).
import { z } from 'zod';
import { HedgingConfigPatch, RiskHistoryPoint, requests } from '../../shared/contract/index';
import { ROUTES, type JsonSchema, type Route } from './routes';

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } } },
  },
};

const RECOMMENDATIONS_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['ts', 'tradingMode', 'hedgingAvailable', 'items'],
  properties: {
    ts: { type: 'number' },
    tradingMode: { type: ['string', 'null'] },
    hedgingAvailable: { type: 'boolean' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'priority', 'message', 'action', 'data'],
        properties: {
          kind: { enum: ['trading', 'preservation', 'limits', 'limit', 'sizing', 'alert', 'hedge'] },
          priority: { enum: [1, 2, 3] },
          message: { type: 'string' },
          action: { type: 'string' },
          data: { type: 'object' },
        },
      },
    },
  },
};

/** JSON Schema of a zod type; parts JSON Schema cannot express (preprocess, refinements) are left open. */
function jsonSchema(t: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const s = z.toJSONSchema(t, { target: 'draft-2020-12', unrepresentable: 'any', io }) as JsonSchema;
  delete s.$schema;
  return s;
}

type Entry = { params: z.ZodType; result: z.ZodType } | undefined;
const entry = (method: string): Entry => (requests as Record<string, Entry>)[method];
const contractResult = (method: string): JsonSchema | undefined => {
  const e = entry(method);
  return e ? jsonSchema(e.result, 'output') : undefined;
};
const contractParams = (method: string): JsonSchema => {
  const e = entry(method);
  return e ? jsonSchema(e.params, 'input') : { type: 'object' };
};

export const OPENAPI_ROUTE: Route = {
  method: 'GET',
  path: '/api/openapi.json',
  operationId: 'openapi',
  summary: 'This document.',
  tag: 'meta',
  resultSchema: { type: 'object' },
  handle: () => Promise.resolve({ status: 200, body: openApiDocument() }),
};

/** Every REST route, the document's own included. */
export const ALL_ROUTES: readonly Route[] = [...ROUTES, OPENAPI_ROUTE];

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ALL_ROUTES) {
    const parameters = [
      ...Object.entries(r.pathParams ?? {}).map(([name, p]) => ({ name, in: 'path', required: true, description: p.description, schema: p.schema })),
      ...Object.entries(r.query ?? {}).map(([name, p]) => ({ name, in: 'query', required: p.required ?? false, description: p.description, schema: p.schema })),
    ];
    const ok = (r.resultOf ? contractResult(r.resultOf) : undefined) ?? r.resultSchema ?? {};
    const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
    const responses: Record<string, unknown> = {
      '200': { description: 'OK', content: { 'application/json': { schema: ok } } },
      '400': err('Bad input: the message and `field` name the parameter or body field and the reason'),
      '401': err('Missing or wrong token'),
      '404': err('Unknown route, or the named resource does not exist'),
      '503': err('The engine is not running or did not answer in time'),
    };
    if (r.body) responses['413'] = err('Body over the 64 KiB limit');
    if (r.resultOf?.startsWith('hedging.')) responses['501'] = err('This build has no hedging manager');
    paths[r.path] ??= {};
    paths[r.path][r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: r.body.required, description: r.body.description, content: { 'application/json': { schema: r.body.schema } } } } : {}),
      responses,
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Bulwark desk REST API',
      version: '1',
      description: 'Risk, alerts, recommendations and hedging of one Bulwark workstation. Money is USD; VaR/CVaR are 1-day positive losses; times are UTC ms. See docs/desk-interfaces.md.',
    },
    servers: [{ url: 'http://127.0.0.1:5173', description: 'headless mode (same port as the UI)' }],
    security: [{ bearer: [] }, { token: [] }],
    tags: [{ name: 'risk' }, { name: 'hedging' }, { name: 'meta' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The workstation token (BULWARK_TOKEN).' },
        token: { type: 'apiKey', in: 'query', name: 'token' },
      },
      schemas: {
        Error: ERROR_SCHEMA,
        Recommendations: RECOMMENDATIONS_SCHEMA,
        RiskHistoryPoint: jsonSchema(RiskHistoryPoint, 'output'),
        HedgingConfigPatch: jsonSchema(HedgingConfigPatch, 'input'),
        HedgingGridParams: contractParams('hedging.grid'),
      },
    },
  };
  return cached;
}
