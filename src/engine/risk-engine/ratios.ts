/**
 * Sharpe, Sortino and Calmar of the live book for the risk snapshot.
 *
 * Series: the historical 1-day P&L of TODAY's book (every position held at today's size over the
 * whole return history, ~1,000 days) divided by today's equity, i.e. daily simple returns on a
 * constant capital base. The live account's own equity curve is far too short (minutes to days) to
 * give a meaningful annual ratio; the same series drives VaR, so the ratios and the VaR describe
 * one book.
 *
 * Conventions (quantstats, through src/engine/risk/performance.ts):
 * - risk-free rate rf = 0 (annual) unless given: a paper book earns nothing on idle cash.
 * - annualisation: 365 periods per year when the book holds any crypto (crypto trades every calendar
 *   day, and the history rows are calendar days for it), 252 otherwise (exchange trading days).
 * - Sharpe = mean(r − rf_p) / stdev(r − rf_p, ddof = 1) · √ppy.
 * - Sortino = mean(r − rf_p) / √(Σ min(r − rf_p, 0)² / n) · √ppy (downside over all n days).
 * - Calmar = CAGR / max drawdown of the compounded curve starting at 1, CAGR over n / ppy years.
 * A ratio that is undefined (fewer than 2 days, zero volatility, no losing day, no drawdown) is null,
 * never Infinity, so it survives JSON and the UI can say "n/a" instead of showing a huge number.
 */
import { calmar, sharpe, sortino } from '../risk/performance';
import type { Series } from '../risk/validate';

export interface BookRatios {
  sharpe: number | null;
  sortino: number | null;
  calmar: number | null;
  /** Annualisation used: 365 (crypto in the book) or 252. */
  periodsPerYear: number;
  /** Annual risk-free rate, fraction. */
  riskFree: number;
  /** Number of daily returns the ratios were computed on. */
  days: number;
}

/** Undefined ratios (the library throws RangeError, or returns ±Infinity) become null. */
function orNull(f: () => number): number | null {
  try {
    const v = f();
    return Number.isFinite(v) ? v + 0 : null;
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * The three ratios of a daily return series (module doc for the conventions).
 * @throws RangeError if periodsPerYear is not a positive integer or riskFree is not a finite rate > −1,
 *   or a return is not finite (a bad input, not an undefined ratio).
 */
export function bookRatios(returns: Series, periodsPerYear: number, riskFree = 0): BookRatios {
  if (!(Number.isInteger(periodsPerYear) && periodsPerYear > 0))
    throw new RangeError(`bookRatios: periodsPerYear must be a positive integer, got ${periodsPerYear}`);
  if (!(Number.isFinite(riskFree) && riskFree > -1))
    throw new RangeError(`bookRatios: riskFree must be a finite annual rate > −1, got ${riskFree}`);
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isFinite(returns[i])) throw new RangeError(`bookRatios: returns[${i}] is ${returns[i]}, expected a finite number`);
  }
  const opts = { periodsPerYear, riskFree };
  const enough = returns.length >= 2;
  return {
    sharpe: enough ? orNull(() => sharpe(returns, opts)) : null,
    sortino: enough ? orNull(() => sortino(returns, opts)) : null,
    // Calmar has no risk-free term in quantstats; a return <= −1 (blown account) also gives null.
    calmar: enough ? orNull(() => calmar(returns, { periodsPerYear })) : null,
    periodsPerYear,
    riskFree,
    days: returns.length,
  };
}
