/** One figure printed by `npm run bench` as a JSON line. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target such as "<=50" or ">=200000". */
  target: string;
  pass: boolean;
}

export interface BenchOptions {
  /** `--quick`: fewer iterations; the whole bench must finish within a minute. */
  quick: boolean;
  /** `--soak`: long-running variants (30 min). */
  soak: boolean;
}

/** A bench module exports `default: BenchSuite`; bench/run.ts discovers `bench/*.bench.ts`. */
export type BenchSuite = (opts: BenchOptions) => Promise<BenchFigure[]>;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx];
}

export function figure(name: string, value: number, unit: string, op: '<=' | '>=', target: number): BenchFigure {
  return { name, value: Number(value.toPrecision(6)), unit, target: `${op}${target}`, pass: op === '<=' ? value <= target : value >= target };
}
