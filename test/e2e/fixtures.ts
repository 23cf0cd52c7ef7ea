import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/headless';

/** Each test file gets its own headless server and empty data folder. */
export const test = base.extend<object, { server: RunningServer }>({
  server: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-'));
      const server = await startServer({ dataDir: dir, token: `e2e-${process.pid}` });
      await use(server);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});
export { expect } from '@playwright/test';
