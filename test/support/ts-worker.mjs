// Runs the engine worker from TypeScript source (tsx registered inside the worker thread), so
// worker tests need no build. Node 20 does not apply `--import` hooks from a Worker's execArgv.
import { register } from 'tsx/esm/api';

register();
await import('../../src/engine/worker.ts');
