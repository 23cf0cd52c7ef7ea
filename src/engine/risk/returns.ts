/**
 * Price → return transforms. Returns are fractions (0.01 = +1 %), one per consecutive price pair,
 * so n prices give n − 1 returns and returns[i] belongs to the period ending at prices[i + 1].
 */
import { checkSeries, type Series } from './validate';

function checkPrices(prices: Series, fn: string): void {
  checkSeries(prices, fn, 'prices', 2);
  for (let i = 0; i < prices.length; i++) {
    if (prices[i] <= 0) throw new RangeError(`${fn}: prices[${i}] is ${prices[i]}, prices must be > 0`);
  }
}

/**
 * Simple (arithmetic) returns r_t = P_t / P_{t−1} − 1.
 * @throws RangeError if fewer than 2 prices, or any price is not finite or <= 0.
 */
export function simpleReturns(prices: Series): Float64Array {
  checkPrices(prices, 'simpleReturns');
  const out = new Float64Array(prices.length - 1);
  for (let i = 1; i < prices.length; i++) out[i - 1] = prices[i] / prices[i - 1] - 1;
  return out;
}

/**
 * Log (continuously compounded) returns r_t = ln(P_t / P_{t−1}).
 * @throws RangeError if fewer than 2 prices, or any price is not finite or <= 0.
 */
export function logReturns(prices: Series): Float64Array {
  checkPrices(prices, 'logReturns');
  const out = new Float64Array(prices.length - 1);
  for (let i = 1; i < prices.length; i++) out[i - 1] = Math.log(prices[i] / prices[i - 1]);
  return out;
}

/**
 * Equity curve from simple returns: V_0 = base, V_t = V_{t−1}(1 + r_t); length n + 1, so the
 * starting capital is the first point (a first-day loss is a drawdown from base).
 * @throws RangeError on an empty or non-finite series or a non-positive base.
 */
export function equityCurve(returns: Series, base = 1): Float64Array {
  checkSeries(returns, 'equityCurve', 'returns', 1);
  if (!(Number.isFinite(base) && base > 0))
    throw new RangeError(`equityCurve: base must be > 0, got ${base}`);
  const out = new Float64Array(returns.length + 1);
  out[0] = base;
  for (let i = 0; i < returns.length; i++) out[i + 1] = out[i] * (1 + returns[i]);
  return out;
}
