#!/usr/bin/env node
// `npm run serve -- [--port N] [--data-dir DIR] [--host H] [--feed VENUE=URL]`: headless mode.
import { join } from 'node:path';
import { buildIfStale, root, run } from './lib.mjs';

const code = await buildIfStale();
if (code !== 0) process.exit(code);
process.exit(await run(process.execPath, [join(root, 'out/main/server.js'), ...process.argv.slice(2)]));
