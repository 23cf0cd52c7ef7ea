import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestNarrative } from '../../../src/engine/hedging/narrative';

let server: Server;
let base = '';
const seen: { path: string; auth: string | undefined; body: { model: string; messages: { role: string; content: string }[] } }[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const mode = req.url?.split('/')[1];
      seen.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(raw) as (typeof seen)[number]['body'] });
      if (mode === 'ok') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: '  Puts halve the crash loss.  ' } }] }));
      } else if (mode === 'fail') {
        res.writeHead(500);
        res.end('upstream exploded');
      } else if (mode === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"choices": [oops');
      } else if (mode === 'empty') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"choices": []}');
      }
      // 'slow': never answers
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const cfg = (mode: string, timeoutMs = 2000) => ({ baseUrl: `${base}/${mode}/v1/`, model: 'stub-model', apiKey: 'sk-test', timeoutMs });

describe('narrative client (OpenAI-compatible)', () => {
  it('posts the rationale to /chat/completions and returns the trimmed text', async () => {
    const r = await requestNarrative(cfg('ok'), 'The score is 0.08.', { score: 0.08 });
    expect(r).toEqual({ ok: true, text: 'Puts halve the crash loss.' });
    const req = seen.at(-1)!;
    expect(req.path).toBe('/ok/v1/chat/completions');
    expect(req.auth).toBe('Bearer sk-test');
    expect(req.body.model).toBe('stub-model');
    expect(req.body.messages[1].content).toContain('The score is 0.08.');
  });

  it('reports a 500 without throwing', async () => {
    const r = await requestNarrative(cfg('fail'), 'x', {});
    expect(r).toEqual({ ok: false, error: 'HTTP 500: upstream exploded' });
  });

  it('reports garbage JSON and a missing message', async () => {
    expect(await requestNarrative(cfg('garbage'), 'x', {})).toEqual({ ok: false, error: 'response: not JSON' });
    expect(await requestNarrative(cfg('empty'), 'x', {})).toEqual({ ok: false, error: 'response: choices[0].message.content missing' });
  });

  it('gives up after the timeout', async () => {
    const t0 = Date.now();
    const r = await requestNarrative(cfg('slow', 300), 'x', {});
    const took = Date.now() - t0;
    expect(r).toEqual({ ok: false, error: 'timeout after 300 ms' });
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(2000);
  });

  it('refuses an unconfigured endpoint', async () => {
    expect(await requestNarrative({ ...cfg('ok'), baseUrl: '' }, 'x', {})).toEqual({ ok: false, error: 'baseUrl: not configured' });
  });
});
