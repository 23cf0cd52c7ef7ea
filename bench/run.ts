// Runs every bench/*.bench.ts and prints one JSON line per figure. `--quick` for CI-sized runs,
// `--soak` for the 30-minute variants. A filter word limits the suites run (`npm run bench -- risk`).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSuite } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opts = { quick: args.includes('--quick'), soak: args.includes('--soak') };
const filters = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: BenchSuite };
  try {
    for (const fig of await mod.default(opts)) {
      if (!fig.pass) failed++;
      process.stdout.write(JSON.stringify(fig) + '\n');
    }
  } catch (err) {
    failed++;
    process.stderr.write(`bench ${f} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
}
process.exitCode = failed > 0 && args.includes('--strict') ? 1 : 0;
