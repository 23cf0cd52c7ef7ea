// Synthetic inputs shared by the early-warning tests (not a test file itself).
import { simulateGarch } from '../../../src/engine/risk/garch';
import { createRng } from '../../../src/engine/risk/rng';

/** Closes of a GARCH(1,1) path (daily S&P-like parameters), starting at 100. */
export function garchCloses(n: number, seed = 7): Float64Array {
  const { returns } = simulateGarch({ omega: 2e-6, alpha: 0.09, beta: 0.89 }, n - 1, createRng(seed), {
    mu: 3e-4,
  });
  const c = new Float64Array(n);
  c[0] = 100;
  for (let i = 1; i < n; i++) c[i] = c[i - 1] * (1 + returns[i - 1]);
  return c;
}

/**
 * Fake but well-formed ISO dates: 252 "trading days" a year from `firstYear`, months of 21 days
 * (YYYY-MM-DD, strictly increasing), so the walk-forward can split by year.
 */
export function tradingDates(n: number, firstYear = 2000): string[] {
  return Array.from({ length: n }, (_, i) => {
    const y = firstYear + Math.floor(i / 252);
    const d = i % 252;
    const mm = String(1 + Math.floor(d / 21)).padStart(2, '0');
    const dd = String(1 + (d % 21)).padStart(2, '0');
    return `${y}-${mm}-${dd}`;
  });
}
