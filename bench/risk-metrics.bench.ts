// metrics_suite.ms: the full single-asset risk summary (historical/parametric/Cornish-Fisher
// VaR+CVaR at 95/99 %, EWMA, GARCH(1,1) MLE fit, drawdown, Sharpe/Sortino/Calmar/CAGR) on the
// bundled S&P 500 file (5,105 closes → 5,104 returns). CSV parsing is outside the timed region:
// the figure is the math, which is what the app runs on every refresh.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, median, type BenchSuite } from './types';
import { riskSummary } from '../src/engine/risk/summary';

const here = dirname(fileURLToPath(import.meta.url));

function loadSp500(): { dates: string[]; prices: Float64Array } {
  const lines = readFileSync(join(here, '..', 'resources', 'data', 'sp500-2000.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const d = header.indexOf('date'),
    c = header.indexOf('close');
  const rows = lines.slice(1).map((l) => l.split(','));
  return { dates: rows.map((r) => r[d]), prices: Float64Array.from(rows, (r) => Number(r[c])) };
}

const suite: BenchSuite = async ({ quick }) => {
  const { dates, prices } = loadSp500();
  const warmup = quick ? 5 : 20;
  const iterations = quick ? 21 : 101;
  let sink = 0; // keeps the optimiser from discarding the work
  for (let i = 0; i < warmup; i++) sink += riskSummary(prices, dates).garch.logLik;
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    sink += riskSummary(prices, dates).garch.logLik;
    times.push(performance.now() - t0);
  }
  if (!Number.isFinite(sink)) throw new Error('metrics suite produced a non-finite log-likelihood');
  return [figure('metrics_suite.ms', median(times), 'ms', '<=', 50)];
};

export default suite;
