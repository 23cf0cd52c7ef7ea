/**
 * Seeds the demo `ReturnHistory` — PARTLY SYNTHETIC, see docs/risk-engine.md:
 *   - `SPX-USD`: the last `length` (1,000) REAL daily simple returns of the bundled S&P 500 file
 *     (resources/data/sp500-2000.csv, `close` column, 2000-01-03..2020-04-17, so the window ends
 *     2020-04-17 and includes the March 2020 crash);
 *   - every crypto symbol of the simulator universe: the one-factor synthetic series of history.ts,
 *     whose factor z is the standardised S&P return of the same row. Real tails and crisis days,
 *     synthetic levels of vol and correlation. Not market data for crypto.
 * The parser is a pure function of the text; `loadDemoHistory` is the thin file-reading wrapper.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_UNIVERSE } from '../sim/models/universe';
import { toCanonical } from '../feeds/symbols';
import { BENCHMARK_SYMBOL, DEFAULT_HISTORY_DAYS, ReturnHistory, standardise } from './history';

export interface DailyCloses {
  dates: string[];
  closes: Float64Array;
}

/**
 * Parses a daily CSV with a header naming `date` and `close` columns (any order, extra columns
 * ignored; blank lines skipped). Strict: a risk history with a silently dropped day would misalign
 * every other series, so a bad row throws.
 * @throws RangeError naming the line and column ("line 17: close 'abc' is not a price > 0").
 */
export function parseDailyCloses(text: string): DailyCloses {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const dateCol = header.indexOf('date');
  const closeCol = header.indexOf('close');
  if (dateCol < 0 || closeCol < 0)
    throw new RangeError(
      `parseDailyCloses: header must name 'date' and 'close' columns, got '${lines[0] ?? ''}'`,
    );
  const dates: string[] = [];
  const closes: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const date = (cells[dateCol] ?? '').trim();
    const raw = (cells[closeCol] ?? '').trim();
    const px = Number(raw);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new RangeError(`parseDailyCloses: line ${i + 1}: date '${date}' is not YYYY-MM-DD`);
    if (raw === '' || !(Number.isFinite(px) && px > 0))
      throw new RangeError(`parseDailyCloses: line ${i + 1}: close '${raw}' is not a price > 0`);
    if (dates.length > 0 && date <= dates[dates.length - 1])
      throw new RangeError(
        `parseDailyCloses: line ${i + 1}: date ${date} is not after ${dates[dates.length - 1]}`,
      );
    dates.push(date);
    closes.push(px);
  }
  if (closes.length < 2) throw new RangeError(`parseDailyCloses: need at least 2 rows, got ${closes.length}`);
  return { dates, closes: Float64Array.from(closes) };
}

/** Simple returns of the last `count` days: r_t = P_t/P_{t−1} − 1, oldest first. */
export function lastReturns(closes: Float64Array, count: number): Float64Array {
  if (!Number.isInteger(count) || count < 1 || count > closes.length - 1)
    throw new RangeError(`lastReturns: count must be an integer in [1, ${closes.length - 1}], got ${count}`);
  const out = new Float64Array(count);
  const off = closes.length - 1 - count;
  for (let i = 0; i < count; i++) out[i] = closes[off + i + 1] / closes[off + i] - 1;
  return out;
}

/** Canonical symbols of the simulator universe (BTCUSDT → BTC-USDT, SPXUSD → SPX-USD). */
export function universeSymbols(): string[] {
  return DEFAULT_UNIVERSE.map((s) => toCanonical(s.symbol, 'concat'));
}

/**
 * The demo window ends on the last trading day of 2019. The file runs into the March 2020 crash;
 * ending there would start every new user in a stressed regime with crisis correlations (≈0.95),
 * tripping capital preservation before they had done anything. The crash stays available to the
 * stress tests' historical replay.
 */
export const DEMO_HISTORY_END = '2019-12-31';

/**
 * The demo history from the S&P file's text (pure): SPX-USD real, universe crypto synthetic
 * (module doc), over the `length` returns ending at `end` (inclusive).
 * @throws RangeError if the file is malformed or has fewer than `length` + 1 closes up to `end`.
 */
export function buildDemoHistory(sp500Csv: string, length = DEFAULT_HISTORY_DAYS, end = DEMO_HISTORY_END): ReturnHistory {
  const parsed = parseDailyCloses(sp500Csv);
  let last = parsed.dates.length;
  while (last > 0 && parsed.dates[last - 1] > end) last--;
  const closes = parsed.closes.subarray(0, last);
  if (closes.length < length + 1)
    throw new RangeError(`buildDemoHistory: the S&P file has ${closes.length} closes up to ${end}, need ${length + 1}`);
  const spx = lastReturns(closes, length);
  const { z, mean, sd } = standardise(spx);
  const h = new ReturnHistory({ length, factor: z, factorScale: { mean, sd } });
  h.set(BENCHMARK_SYMBOL, spx);
  for (const sym of universeSymbols()) h.ensure(sym);
  return h;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Where the S&P file is looked for: the working directory's resources, then the repo's. */
export function defaultSp500Path(): string[] {
  return [
    resolve(process.cwd(), 'resources/data/sp500-2000.csv'),
    resolve(here, '../../../resources/data/sp500-2000.csv'),
  ];
}

/**
 * Reads the S&P file (first candidate path that can be read) and builds the demo history.
 * @throws Error listing the paths tried if none can be read; RangeError if the file is malformed.
 */
export function loadDemoHistory(
  paths: readonly string[] = defaultSp500Path(),
  length = DEFAULT_HISTORY_DAYS,
): ReturnHistory {
  const errors: string[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (e) {
      errors.push(`${p}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    return buildDemoHistory(text, length);
  }
  throw new Error(`loadDemoHistory: cannot read the S&P 500 file; tried ${errors.join('; ')}`);
}
