/**
 * The bundled S&P 500 daily series (resources/data/sp500-2000.csv, from vega-datasets) replayed
 * on an accelerated clock: one trading day per `dayMs` of wall time, log-linear interpolation
 * between closes so consecutive ticks move smoothly, looping (continuously) at the end.
 *
 * The file is read by header name: a `price` column if present, else `close`/`adjclose`. Missing
 * or unreadable files return undefined and the caller falls back to the GBM model — the
 * simulator must start even on a checkout without the data file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DailySeries {
  dates: string[];
  prices: number[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** Where the series is looked for, in order (repo resources first; the source package as a fallback). */
export function defaultSp500Paths(): string[] {
  return [
    resolve(process.cwd(), 'resources/data/sp500-2000.csv'),
    resolve(here, '../../../../resources/data/sp500-2000.csv'),
    resolve(process.cwd(), 'node_modules/vega-datasets/data/sp500-2000.csv'),
  ];
}

export function parseDailyCsv(text: string): DailySeries | undefined {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (lines.length < 3) return undefined;
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const dateCol = header.indexOf('date');
  let priceCol = header.indexOf('price');
  if (priceCol < 0) priceCol = header.indexOf('close');
  if (priceCol < 0) priceCol = header.indexOf('adjclose');
  if (dateCol < 0 || priceCol < 0) return undefined;
  const dates: string[] = [];
  const prices: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    const p = Number(cells[priceCol]);
    // Skip bad rows rather than failing the whole replay.
    if (!Number.isFinite(p) || p <= 0) continue;
    dates.push((cells[dateCol] ?? '').trim());
    prices.push(p);
  }
  return prices.length >= 2 ? { dates, prices } : undefined;
}

export function loadSp500(paths: readonly string[] = defaultSp500Paths()): DailySeries | undefined {
  for (const p of paths) {
    try {
      if (!existsSync(p)) continue;
      const s = parseDailyCsv(readFileSync(p, 'utf8'));
      if (s) return s;
    } catch {
      // Unreadable file: try the next candidate.
    }
  }
  return undefined;
}

export class DailyReplay {
  constructor(
    private readonly series: DailySeries,
    private readonly dayMs: number,
  ) {
    if (!(dayMs > 0)) throw new RangeError('dayMs must be > 0');
  }

  /** Price after `elapsedMs` of wall time since the replay started. */
  priceAt(elapsedMs: number): number {
    const p = this.series.prices;
    const span = p.length - 1;
    const days = Math.max(0, elapsedMs) / this.dayMs;
    const whole = Math.floor(days);
    const i = whole % span;
    const frac = days - whole;
    // Each pass after the first continues from where the previous one ended (the series' returns
    // are replayed, not its levels), so looping never produces a jump back to the 2000 level.
    const cycles = Math.floor(whole / span);
    const level = cycles === 0 ? 1 : Math.pow(p[span] / p[0], cycles);
    return level * p[i] * Math.pow(p[i + 1] / p[i], frac);
  }

  dateAt(elapsedMs: number): string {
    const span = this.series.prices.length - 1;
    return this.series.dates[Math.floor(Math.max(0, elapsedMs) / this.dayMs) % span] ?? '';
  }

  get first(): number {
    return this.series.prices[0];
  }
}
