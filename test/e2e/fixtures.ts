import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/headless';

/**
 * One headless server (and empty data folder) per spec FILE. A worker runs many files in turn, and
 * a worker-scoped server would carry one file's book into the next (the heatmap spec's 500
 * positions into the positions spec); so the worker keeps the current file's server and replaces it
 * when the next file starts. Tests inside one file share it, in order.
 */
class ServerPerFile {
  private current: { file: string; server: RunningServer; dir: string } | undefined;

  async forFile(file: string): Promise<RunningServer> {
    if (this.current?.file === file) return this.current.server;
    await this.stop();
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-'));
    const server = await startServer({ dataDir: dir, token: `e2e-${process.pid}` });
    this.current = { file, server, dir };
    return server;
  }

  async stop(): Promise<void> {
    const c = this.current;
    this.current = undefined;
    if (!c) return;
    await c.server.stop();
    rmSync(c.dir, { recursive: true, force: true });
  }
}

export const test = base.extend<{ server: RunningServer }, { serverPerFile: ServerPerFile }>({
  serverPerFile: [
    async ({}, use) => {
      const pool = new ServerPerFile();
      await use(pool);
      await pool.stop();
    },
    { scope: 'worker' },
  ],
  server: async ({ serverPerFile }, use, testInfo) => {
    await use(await serverPerFile.forFile(testInfo.file));
  },
});
export { expect } from '@playwright/test';
