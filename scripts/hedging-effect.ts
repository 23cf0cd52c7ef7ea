/**
 * Measured protection of the hedging flow: replays the S&P 500 2008 and 2020 windows and a calm
 * 2017 control (src/engine/backtest/hedging-report.ts) unhedged, with the live hedging flow in
 * `auto` mode, and with a signal-only what-if; prints JSON, then the markdown tables quoted in
 * docs/hedging.md ("Measured protection").
 *
 *   npx tsx scripts/hedging-effect.ts [--csv path] [--json-only | --md-only]
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOhlcCsv } from '../src/engine/backtest/data';
import { renderHedgingMarkdown, WINDOWS, windowReport } from '../src/engine/backtest/hedging-report';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const csvAt = args.indexOf('--csv');
const here = dirname(fileURLToPath(import.meta.url));
const csv = csvAt >= 0 && args[csvAt + 1] ? resolve(args[csvAt + 1]) : resolve(here, '../resources/data/sp500-2000.csv');

const started = performance.now();
const bars = parseOhlcCsv(readFileSync(csv, 'utf8'));
const books = [
  { name: 'levered 1.5×', spotWeight: 1, perpWeight: 0.5 },
  { name: 'unlevered 1.0×', spotWeight: 1, perpWeight: 0 },
];
const reports = WINDOWS.flatMap((w) => books.map((b) => windowReport(bars, w, b)));
const runtimeMs = Math.round(performance.now() - started);

if (!flag('--md-only')) console.log(JSON.stringify({ csv, runtimeMs, reports }, null, 2));
if (!flag('--json-only')) console.log(`\n${renderHedgingMarkdown(reports)}\n\nRuntime: ${(runtimeMs / 1000).toFixed(1)} s (Node ${process.version}).`);
