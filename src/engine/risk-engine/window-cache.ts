/**
 * What does not change between two recomputes of the same day, cached per ReturnHistory and
 * invalidated by its `version` (bumped when a day rolls or a series is replaced):
 *   - ln(1 + r) of each full series (option repricing, covariance);
 *   - per (held underlyings, lookback): the Ledoit-Wolf covariance of log returns (Monte Carlo and
 *     diversification), the sample correlation of simple returns, its clustering and the pairwise
 *     statistics. Prices and quantities change every tick; the window only at the daily roll.
 * A WeakMap keyed by the history, so a dropped history takes its cache with it.
 */
import { clusterByCorrelation } from '../risk/cluster';
import { ledoitWolf, sampleCorrelation } from '../risk/covariance';
import type { SquareMatrix } from '../risk/linalg';
import type { ReturnHistory } from './history';

/** Correlation at or above which underlyings are cut into one cluster (distance √(½(1 − ρ))). */
export const CLUSTER_MIN_CORRELATION = 0.7;
/** Bound on cached windows per history (distinct books × lookbacks seen since the last roll). */
const MAX_WINDOWS = 16;

export interface WindowStats {
  /** Underlyings in the covariance's row order (sorted). */
  symbols: string[];
  /** Ledoit-Wolf (scaled-identity target) covariance of daily log returns over the window. */
  covariance: SquareMatrix;
  /** Sample Pearson correlation of daily simple returns over the window (row order = symbols). */
  correlation: SquareMatrix;
  /** Heatmap order (indices into symbols) and clusters at CLUSTER_MIN_CORRELATION. */
  order: number[];
  clusters: string[][];
  avgPairwise: number;
  maxPairwise: number;
}

interface Entry {
  version: number;
  logs: Map<string, Float64Array>;
  windows: Map<string, WindowStats>;
}

const caches = new WeakMap<ReturnHistory, Entry>();

function entry(h: ReturnHistory): Entry {
  let e = caches.get(h);
  if (!e || e.version !== h.version) {
    e = { version: h.version, logs: new Map(), windows: new Map() };
    caches.set(h, e);
  }
  return e;
}

/** ln(1 + r) of the full series (the symbol must already be in the history). */
export function logReturnsOf(h: ReturnHistory, symbol: string): Float64Array {
  const e = entry(h);
  let x = e.logs.get(symbol);
  if (!x) {
    const r = h.ensure(symbol);
    x = new Float64Array(r.length);
    for (let t = 0; t < r.length; t++) x[t] = Math.log1p(r[t]);
    e.logs.set(symbol, x);
  }
  return x;
}

/** Window statistics of the last `lookback` days for sorted `symbols` (cached, see module doc). */
export function windowStats(h: ReturnHistory, symbols: readonly string[], lookback: number): WindowStats {
  const e = entry(h);
  const key = `${lookback}|${symbols.join('\u0000')}`;
  const hit = e.windows.get(key);
  if (hit) return hit;
  const from = h.length - lookback;
  const simple = symbols.map((s) => h.ensure(s).subarray(from));
  const logs = symbols.map((s) => logReturnsOf(h, s).subarray(from));
  const covariance = ledoitWolf(logs).covariance;
  const correlation = sampleCorrelation(simple);
  const n = symbols.length;
  const cl = clusterByCorrelation(correlation, { minCorrelation: CLUSTER_MIN_CORRELATION });
  const byLabel = new Map<number, string[]>();
  for (const i of cl.order) {
    const g = byLabel.get(cl.labels[i]) ?? [];
    g.push(symbols[i]);
    byLabel.set(cl.labels[i], g);
  }
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const r = correlation.data[i * n + j];
      sum += r;
      max = Math.max(max, r);
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const stats: WindowStats = {
    symbols: [...symbols],
    covariance,
    correlation,
    order: cl.order,
    clusters: [...byLabel.values()],
    avgPairwise: pairs > 0 ? sum / pairs : 0,
    maxPairwise: pairs > 0 ? max : 0,
  };
  if (e.windows.size >= MAX_WINDOWS) e.windows.clear();
  e.windows.set(key, stats);
  return stats;
}
