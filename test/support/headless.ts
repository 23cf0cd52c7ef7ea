import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SERVER_JS = fileURLToPath(new URL('../../out/main/server.js', import.meta.url));

export interface RunningServer {
  proc: ChildProcess;
  url: string;
  port: number;
  token: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built headless server on a free loopback port and waits for its URL line. */
export async function startServer(opts: { dataDir: string; token?: string; timeoutMs?: number }): Promise<RunningServer> {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first`);
  const token = opts.token ?? 'test-token';
  const proc = spawn(process.execPath, [SERVER_JS, '--port', '0', '--stream-port', '0', '--metrics-port', '0', '--data-dir', opts.dataDir], {
    env: { ...process.env, BULWARK_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time\n${out}\n${err}`)), opts.timeoutMs ?? 20_000);
    proc.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${out}\n${err}`));
    });
  });
  const port = Number(new URL(url).port);
  return {
    proc,
    url,
    port,
    token,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
}
