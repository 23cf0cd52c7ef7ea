/** Loopback sinks for channel tests: an HTTP server and an SMTP server on 127.0.0.1, port 0. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Captured {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

export type Reply = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

export interface HttpSink {
  url: string;
  requests: Captured[];
  close(): Promise<void>;
}

/** `reply(n)` decides the answer to the n-th request (0-based); default 200 `{"ok":true}`. */
export async function httpSink(reply: (n: number, req: Captured) => Reply = () => ({ status: 200, body: '{"ok":true}' })): Promise<HttpSink> {
  const requests: Captured[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const cap: Captured = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
      const r = reply(requests.length, cap);
      requests.push(cap);
      if (r === 'hang') return; // never answer: the client's timeout must fire
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Mail {
  from: string;
  to: string[];
  data: string;
  user: string | undefined;
}

export interface SmtpSink {
  port: number;
  mails: Mail[];
  auths: { user: string; pass: string; ok: boolean }[];
  close(): Promise<void>;
}

/** An SMTP server that accepts AUTH only with `user`/`pass` and captures every message. */
export async function smtpSink(user: string, pass: string): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const auths: SmtpSink['auths'] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, cb) {
      const ok = auth.username === user && auth.password === pass;
      auths.push({ user: auth.username ?? '', pass: auth.password ?? '', ok });
      if (ok) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, auths, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
