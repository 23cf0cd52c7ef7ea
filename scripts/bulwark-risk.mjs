#!/usr/bin/env node
// The `bulwark-risk` command: runs the risk CLI from source through tsx.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = fileURLToPath(new URL('../src/engine/risk/cli/main.ts', import.meta.url));
const r = spawnSync(process.execPath, ['--import', require.resolve('tsx'), cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
