// Entry point of the engine worker thread (built to out/main/engine-worker.js).
import { parentPort, workerData } from 'node:worker_threads';
import { parseRequestFrame } from '../shared/contract/index';
import { FutureDatabaseError } from './db/migrate';
import { Engine } from './engine';
import type { EngineWorkerData } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('engine worker must run in a worker thread');
const data = workerData as EngineWorkerData;

let engine: Engine;
try {
  engine = new Engine({ ...data, push: (topic, d) => port.postMessage({ topic, data: d }) });
  await engine.start();
  port.postMessage({ ready: { schemaVersion: engine.status().schemaVersion, dataDir: data.dataDir } });
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  port.postMessage({ fatal: { code: err instanceof FutureDatabaseError ? 'CONFLICT' : 'UNAVAILABLE', message } });
  process.exit(1);
}

port.on('message', (msg: unknown) => {
  if (typeof msg === 'object' && msg !== null && (msg as { shutdown?: unknown }).shutdown === true) {
    void engine.close().finally(() => port.close());
    return;
  }
  const frame = parseRequestFrame(msg);
  if (!frame.ok) {
    const id = typeof msg === 'object' && msg !== null ? (msg as { id?: unknown }).id : undefined;
    if (typeof id === 'number') port.postMessage({ id, ok: false, error: frame.error });
    return;
  }
  void engine.handle(frame.value.method, frame.value.params).then((r) => port.postMessage({ id: frame.value.id, ...r }));
});
