import { Worker } from 'node:worker_threads';
import { createCoalescer, type Coalescer } from '../shared/coalescer';
import { fail, type Method, type ParamsIn, type Result, type ResultOf, type RpcError } from '../shared/contract/index';
import type { EngineWorkerData } from './worker-protocol';

export interface EngineHostOptions extends EngineWorkerData {
  /** The built worker script (default: engine-worker.js beside the bundle that imports this). */
  workerFile?: string | URL;
  execArgv?: string[];
  /** Pushed topics are coalesced to the latest value per topic at this rate (default 4 Hz). */
  pushRateHz?: number;
  requestTimeoutMs?: number;
}

type Pending = { resolve: (r: Result<unknown>) => void; timer: NodeJS.Timeout; method: string };

/**
 * The engine as seen from main or the headless server: starts the worker, correlates requests by id,
 * times them out with a clear error, and coalesces pushes so a slow consumer never backs up the engine.
 */
export class EngineHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(topic: string, data: unknown) => void>();
  private readonly coalescer: Coalescer;
  private nextId = 1;
  private exited = false;
  readonly ready: Promise<{ schemaVersion: number; dataDir: string }>;

  constructor(private readonly opts: EngineHostOptions) {
    const file = opts.workerFile ?? new URL('./engine-worker.js', import.meta.url);
    const { workerFile: _w, execArgv, pushRateHz: _r, requestTimeoutMs: _t, ...data } = opts;
    this.worker = new Worker(file, { workerData: data, ...(execArgv ? { execArgv } : {}) });
    this.coalescer = createCoalescer(opts.pushRateHz ?? 4, (topic, d) => {
      for (const l of this.listeners) l(topic, d);
    });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (msg: Record<string, unknown>) => {
        if ('ready' in msg) resolve(msg.ready as { schemaVersion: number; dataDir: string });
        else if ('fatal' in msg) reject(new Error((msg.fatal as RpcError).message));
        else if ('topic' in msg) this.coalescer.push(msg.topic as string, msg.data);
        else if (typeof msg.id === 'number') this.settle(msg.id, msg as unknown as Result<unknown>);
      });
      this.worker.on('error', (err) => {
        reject(err);
        this.failAll(`engine worker crashed: ${err.message}`);
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        reject(new Error(`engine worker exited with code ${code} before it was ready`));
        this.failAll(`engine worker exited (code ${code})`);
      });
    });
  }

  onPush(listener: (topic: string, data: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Typed call. */
  call<M extends Method>(method: M, params: ParamsIn<M>): Promise<Result<ResultOf<M>>> {
    return this.request(method, params) as Promise<Result<ResultOf<M>>>;
  }

  /** Untyped call for bridges (IPC, WebSocket) that forward already-validated frames. */
  request(method: string, params: unknown): Promise<Result<unknown>> {
    if (this.exited) return Promise.resolve(fail('UNAVAILABLE', 'the engine is not running'));
    const id = this.nextId++;
    const timeoutMs = this.opts.requestTimeoutMs ?? 10_000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(fail('TIMEOUT', `${method}: the engine did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, timer, method });
      this.worker.postMessage({ id, method, params });
    });
  }

  private settle(id: number, r: Result<unknown>): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    const { ok: isOk } = r;
    p.resolve(isOk ? { ok: true, value: r.value } : { ok: false, error: r.error });
  }

  private failAll(message: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(fail('UNAVAILABLE', `${p.method}: ${message}`));
      this.pending.delete(id);
    }
  }

  /** Asks the worker to close the database cleanly, then waits for it to exit. */
  async close(timeoutMs = 5000): Promise<void> {
    this.coalescer.stop();
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.worker.once('exit', () => r()));
    this.worker.postMessage({ shutdown: true });
    const t = setTimeout(() => void this.worker.terminate(), timeoutMs);
    await exited;
    clearTimeout(t);
  }
}
