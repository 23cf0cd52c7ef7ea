/**
 * Measured effect of the controls: replays the bundled S&P 500 2000-2020 through the demo book
 * with the controls off and on (src/engine/backtest) and prints the report as JSON, then as the
 * markdown tables quoted in docs/controls.md ("Measured effect").
 *
 *   npx tsx scripts/controls-effect.ts [--csv path] [--no-sensitivity] [--json-only | --md-only]
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOhlcCsv } from '../src/engine/backtest/data';
import { runExperiment } from '../src/engine/backtest/experiment';
import { renderMarkdown } from '../src/engine/backtest/report';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const csvAt = args.indexOf('--csv');
const here = dirname(fileURLToPath(import.meta.url));
const csv =
  csvAt >= 0 && args[csvAt + 1]
    ? resolve(args[csvAt + 1])
    : resolve(here, '../resources/data/sp500-2000.csv');

const started = performance.now();
const bars = parseOhlcCsv(readFileSync(csv, 'utf8'));
const report = runExperiment(bars, { sensitivity: !flag('--no-sensitivity') });
const runtimeMs = Math.round(performance.now() - started);

if (!flag('--md-only')) console.log(JSON.stringify({ csv, runtimeMs, ...report }, null, 2));
if (!flag('--json-only'))
  console.log(
    `\n${renderMarkdown(report)}\n\nRuntime: ${(runtimeMs / 1000).toFixed(1)} s (${bars.length} days, Node ${process.version}).`,
  );
