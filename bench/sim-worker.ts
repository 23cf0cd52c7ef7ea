import { Worker } from 'node:worker_threads';
import type { SimulatorOptions } from '../src/engine/sim/index';

/** Starts src/engine/sim/worker.ts on a worker thread (tsx registered inside it, as Node 20 does
 *  not pass --import hooks to workers) and resolves with its URL and a close function. */
export async function simulatorWorker(opts: SimulatorOptions): Promise<{ url: string; post: (msg: unknown) => void; close: () => Promise<void> }> {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('../src/engine/sim/worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  const w = new Worker(code, { eval: true, workerData: opts });
  const url = await new Promise<string>((resolve, reject) => {
    w.on('message', (m: { type?: string; url?: string }) => {
      if (m.type === 'ready' && m.url) resolve(m.url);
    });
    w.once('error', reject);
    w.once('exit', (c) => reject(new Error(`simulator worker exited (${c})`)));
  });
  return {
    url,
    post: (msg) => w.postMessage(msg),
    close: () =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => void w.terminate().then(() => resolve()), 2000);
        w.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        w.postMessage({ type: 'close' });
      }),
  };
}

