// Portfolio risk benches (risk library part B). Setup, identical for both figures:
//   a book of 200 positions over N = 20 underlyings (10 positions each), of which 50 are European
//   options (2-3 per underlying, calls and puts alternating, strikes 80-120 % of spot, expiries
//   1 week to 1 year, multiplier 100) and 150 linear (shares, long and short);
//   covariance: N×N, vols 15-55 %, one common factor (pairwise correlation 0.3-0.7), daily.
//   Cost scales as paths × (N²/2 + N + options): with N = 50 underlyings the same call takes
//   ~1.7× as long (see docs/risk-math-portfolio.md).
// mc_var.ms:      monteCarloVar, 50 000 paths (25 000 antithetic pairs), 1-day horizon, option ageing,
//                 confidence [0.95, 0.99], batch-means standard errors — the whole call, Cholesky included.
// stress_grid.ms: stressGrid, the default 7×5×5 = 175 scenarios, per-position P&L, full option revaluation.
import type { BenchFigure, BenchSuite } from './types';
import { figure, median } from './types';
import type { BookPosition } from '../src/engine/risk/book';
import { monteCarloVar } from '../src/engine/risk/mc-var';
import { createRng } from '../src/engine/risk/rng';
import { stressGrid } from '../src/engine/risk/stress';

export const BENCH_UNDERLYINGS = 20;

/** The deterministic bench book described above. */
export function benchBook(n = BENCH_UNDERLYINGS): {
  positions: BookPosition[];
  underlyings: string[];
  covariance: { n: number; data: Float64Array };
} {
  const rng = createRng(20240601);
  const underlyings = Array.from({ length: n }, (_, i) => `U${String(i).padStart(2, '0')}`);
  const spots = underlyings.map(() => 20 + rng.next() * 280);
  const vols = underlyings.map(() => 0.15 + rng.next() * 0.4);
  const loadings = underlyings.map(() => Math.sqrt(0.3 + rng.next() * 0.4));
  const positions: BookPosition[] = [];
  for (let i = 0; i < 200; i++) {
    const u = i % n;
    const p: BookPosition = {
      id: `P${i}`,
      underlying: underlyings[u],
      qty: Math.round((rng.next() - 0.3) * 400),
      spot: spots[u],
      beta: 0.5 + rng.next(),
      assetClass: u % 10 === 0 ? 'crypto' : 'equity',
      sector: `S${u % 8}`,
    };
    if (i < 50) {
      p.qty = Math.round((rng.next() - 0.5) * 40) || 1;
      p.multiplier = 100;
      p.option = {
        type: i % 2 === 0 ? 'call' : 'put',
        strike: spots[u] * (0.8 + 0.4 * rng.next()),
        expiryYears: 7 / 365 + rng.next(),
        vol: vols[u],
        rate: 0.04,
        dividendYield: 0.01,
      };
    }
    positions.push(p);
  }
  const data = new Float64Array(n * n);
  const h = 1 / 252;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const rho = i === j ? 1 : loadings[i] * loadings[j];
      data[i * n + j] = rho * vols[i] * vols[j] * h;
    }
  }
  return { positions, underlyings, covariance: { n, data } };
}

function time(fn: () => void, iterations: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const suite: BenchSuite = async (opts): Promise<BenchFigure[]> => {
  const { positions, underlyings, covariance } = benchBook();
  let seed = 1;
  const mc = time(
    () => {
      monteCarloVar({
        positions,
        underlyings,
        covariance,
        equity: 5_000_000,
        rng: createRng(seed++),
        paths: 50_000,
        horizonYears: 1 / 365,
      });
    },
    opts.quick ? 15 : 60,
    opts.quick ? 3 : 10,
  );
  const grid = time(
    () => {
      stressGrid(positions);
    },
    opts.quick ? 40 : 200,
    opts.quick ? 5 : 20,
  );
  return [
    figure('mc_var.ms', median(mc), 'ms', '<=', 50),
    figure('stress_grid.ms', median(grid), 'ms', '<=', 20),
  ];
};

export default suite;
