/**
 * Runs the simulator on a worker thread, so a benchmark or test client on the main thread does
 * not share its event loop or heap (the simulator's own work would otherwise show up as client
 * latency). Start with `new Worker(url, { workerData: SimulatorOptions })`; the worker posts
 * `{ type: 'ready', url, port }`, accepts `{ type: 'close' }` and then posts `{ type: 'closed' }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SCENARIOS, type ScenarioName } from './models/scenarios';
import { startSimulator, type SimulatorOptions } from './server';

const port = parentPort;
if (port) {
  const sim = await startSimulator((workerData ?? {}) as SimulatorOptions);
  port.postMessage({ type: 'ready', url: sim.url, port: sim.port });
  port.on('message', (m: { type?: string; rate?: number; name?: string }) => {
    if (m?.type === 'rate' && typeof m.rate === 'number') sim.setRate(m.rate);
    if (m?.type === 'scenario' && typeof m.name === 'string' && (SCENARIOS as readonly string[]).includes(m.name)) sim.scenario(m.name as ScenarioName);
    if (m?.type === 'close') {
      void sim.close().then(() => {
        port.postMessage({ type: 'closed' });
        port.close();
      });
    }
  });
}
