import { describe, expect, it } from 'vitest';
import { ALL_ROUTES, openApiDocument } from '../../../src/server/desk/openapi';

type Op = { operationId: string; parameters?: { name: string; in: string }[]; responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } } }>; requestBody?: unknown };

describe('OpenAPI document', () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, unknown> } };

  it('is OpenAPI 3.1 and lists exactly the routes of the table, both ways', () => {
    expect(doc.openapi).toBe('3.1.0');
    const fromTable = ALL_ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    const fromDoc = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(fromDoc).toEqual(fromTable);
    // The routes the dashboard spec names are all there.
    for (const r of ['GET /api/risk/current', 'GET /api/risk/history/{period}', 'GET /api/risk/stress-test/{scenario}', 'POST /api/risk/alerts/acknowledge/{id}', 'GET /api/risk/recommendations', 'GET /api/openapi.json']) expect(fromTable).toContain(r);
    expect(fromTable.filter((r) => r.includes(' /api/v1/hedging/')).length).toBeGreaterThanOrEqual(7);
  });

  it('declares every path template parameter, unique operation ids, and resolvable $refs', () => {
    const ids = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect((op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name)).toEqual(names);
        expect(op.responses['401']).toBeDefined();
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(doc.components.schemas[r], r).toBeDefined();
  });

  it('documents contract results from the zod schemas (not hand-copied)', () => {
    const current = doc.paths['/api/risk/current'].get.responses['200'].content!['application/json'].schema as { anyOf?: unknown[]; properties?: Record<string, unknown> };
    // risk.snapshot's result is nullable: anyOf [object, null]; the object carries the snapshot fields.
    const obj = (current.anyOf?.[0] ?? current) as { properties: Record<string, unknown> };
    expect(Object.keys(obj.properties)).toEqual(expect.arrayContaining(['equity', 'var', 'scenarios', 'riskScore']));
    const ack = doc.paths['/api/risk/alerts/acknowledge/{id}'].post.responses['200'].content!['application/json'].schema as { properties: Record<string, unknown> };
    expect(Object.keys(ack.properties)).toEqual(expect.arrayContaining(['id', 'acknowledged', 'mitigation']));
  });
});
