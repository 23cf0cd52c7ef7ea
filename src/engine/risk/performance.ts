/**
 * Performance ratios on a series of simple returns (fractions per period).
 *
 * Conventions (quantstats-compatible unless stated):
 * - periodsPerYear annualises: 252 for trading days, 365 for calendar-day (crypto) series.
 * - riskFree is an ANNUAL rate, de-annualised geometrically to rf_p = (1 + rf)^{1/periodsPerYear} − 1
 *   and subtracted from every return (quantstats `_prepare_returns`). Default 0.
 * - Sharpe = mean(r − rf_p) / stdev(r − rf_p, ddof = 1) · √periodsPerYear.
 * - Sortino = mean(r − rf_p) / DD · √periodsPerYear with DD = √(Σ min(r − rf_p, 0)² / n) over ALL
 *   n observations (quantstats; some texts divide by the number of negative returns instead).
 * - CAGR = (Π(1 + r))^{1/years} − 1 with years = n / periodsPerYear (n = number of returns).
 *   quantstats uses calendar years between the first and last timestamps instead; for a daily
 *   series with no gaps the two agree to within a few basis points per year.
 * - Calmar = CAGR / maxDrawdown, the drawdown taken on the equity curve that starts at 1 before
 *   the first return (so a first-day loss counts; older quantstats versions start at the first
 *   return's close).
 */
import { equityCurve } from './returns';
import { maxDrawdown } from './drawdown';
import { quantileSorted, sortedCopy } from './stats';
import { checkPositive, checkSeries, isConstant, type Series } from './validate';

export interface AnnualisationOptions {
  /** Periods per year, default 252. */
  periodsPerYear?: number;
  /** Annual risk-free rate as a fraction, default 0. */
  riskFree?: number;
}

function options(fn: string, opts: AnnualisationOptions | undefined): { ppy: number; rfp: number } {
  const ppy = opts?.periodsPerYear ?? 252;
  const rf = opts?.riskFree ?? 0;
  checkPositive(ppy, fn, 'periodsPerYear');
  if (!(Number.isFinite(rf) && rf > -1))
    throw new RangeError(`${fn}: riskFree must be a finite annual rate > −1, got ${rf}`);
  return { ppy, rfp: Math.pow(1 + rf, 1 / ppy) - 1 };
}

/**
 * Annualised Sharpe ratio (ddof = 1; see module comment).
 * @throws RangeError if fewer than 2 returns, a non-finite value, or zero volatility.
 */
export function sharpe(returns: Series, opts?: AnnualisationOptions): number {
  checkSeries(returns, 'sharpe', 'returns', 2);
  const { ppy, rfp } = options('sharpe', opts);
  const n = returns.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += returns[i] - rfp;
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - rfp - m;
    ss += d * d;
  }
  if (isConstant(returns))
    throw new RangeError('sharpe: returns are constant (zero volatility), Sharpe is undefined');
  return (m / Math.sqrt(ss / (n - 1))) * Math.sqrt(ppy);
}

/**
 * Annualised Sortino ratio with downside deviation over all observations (see module comment).
 * @throws RangeError if fewer than 2 returns, a non-finite value, or no return below rf.
 */
export function sortino(returns: Series, opts?: AnnualisationOptions): number {
  checkSeries(returns, 'sortino', 'returns', 2);
  const { ppy, rfp } = options('sortino', opts);
  const n = returns.length;
  let s = 0,
    down = 0;
  for (let i = 0; i < n; i++) {
    const e = returns[i] - rfp;
    s += e;
    if (e < 0) down += e * e;
  }
  if (down === 0)
    throw new RangeError('sortino: no return is below the risk-free rate, Sortino is undefined');
  return (s / n / Math.sqrt(down / n)) * Math.sqrt(ppy);
}

/**
 * Compound annual growth rate, years = n / periodsPerYear. A series that loses everything
 * (terminal wealth <= 0) returns −1.
 * @throws RangeError on an empty or non-finite series or a bad periodsPerYear.
 */
export function cagr(returns: Series, opts?: Pick<AnnualisationOptions, 'periodsPerYear'>): number {
  checkSeries(returns, 'cagr', 'returns', 1);
  const ppy = opts?.periodsPerYear ?? 252;
  checkPositive(ppy, 'cagr', 'periodsPerYear');
  // Sum of log1p instead of a running product: no overflow/underflow on long series.
  let logW = 0;
  for (let i = 0; i < returns.length; i++) {
    const g = 1 + returns[i];
    if (g <= 0) return -1;
    logW += Math.log(g);
  }
  return Math.exp((logW * ppy) / returns.length) - 1;
}

/**
 * Calmar ratio CAGR / maxDrawdown. +Infinity if there is no drawdown and CAGR > 0 (0 if CAGR = 0).
 * @throws RangeError as cagr, or if a return is <= −1 (the equity curve must stay positive).
 */
export function calmar(returns: Series, opts?: Pick<AnnualisationOptions, 'periodsPerYear'>): number {
  const g = cagr(returns, opts);
  const dd = maxDrawdown(equityCurve(returns));
  if (dd === 0) return g > 0 ? Number.POSITIVE_INFINITY : 0;
  return g / dd;
}

/**
 * Tail ratio |Q(0.95) / Q(0.05)| with the linear (numpy default) quantile, as quantstats.
 * +Infinity if Q(0.05) = 0.
 * @throws RangeError if fewer than 2 returns or a non-finite value.
 */
export function tailRatio(returns: Series): number {
  checkSeries(returns, 'tailRatio', 'returns', 2);
  const s = sortedCopy(returns);
  const lo = quantileSorted(s, 0.05),
    hi = quantileSorted(s, 0.95);
  return lo === 0 ? Number.POSITIVE_INFINITY : Math.abs(hi / lo);
}

/**
 * Win rate: #(r > 0) / #(r ≠ 0) — flat periods are ignored, as quantstats. 0 if every return is 0.
 * @throws RangeError on an empty or non-finite series.
 */
export function winRate(returns: Series): number {
  checkSeries(returns, 'winRate', 'returns', 1);
  let wins = 0,
    nonZero = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (r !== 0) nonZero++;
    if (r > 0) wins++;
  }
  return nonZero === 0 ? 0 : wins / nonZero;
}

/**
 * Profit factor Σ{r >= 0} / |Σ{r < 0}| (quantstats). +Infinity with no losses (0 if also no gains).
 * @throws RangeError on an empty or non-finite series.
 */
export function profitFactor(returns: Series): number {
  checkSeries(returns, 'profitFactor', 'returns', 1);
  let gains = 0,
    losses = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (r >= 0) gains += r;
    else losses -= r;
  }
  if (losses === 0) return gains > 0 ? Number.POSITIVE_INFINITY : 0;
  return gains / losses;
}

export interface TradeSummary {
  trades: number;
  /** wins / trades (scratch trades with a 0 result count as trades but not wins). */
  winRate: number;
  /** Mean result of winning trades (0 if none). */
  avgWin: number;
  /** Mean loss of losing trades as a POSITIVE number (0 if none). */
  avgLoss: number;
  /** Expectancy per trade = winRate·avgWin − lossRate·avgLoss, which equals the mean trade result. */
  expectancy: number;
}

/**
 * Per-trade statistics from per-trade results (returns or P&L, any unit).
 * @throws RangeError on an empty or non-finite series.
 */
export function tradeSummary(tradeResults: Series): TradeSummary {
  checkSeries(tradeResults, 'tradeSummary', 'tradeResults', 1);
  const n = tradeResults.length;
  let wins = 0,
    losses = 0,
    winSum = 0,
    lossSum = 0;
  for (let i = 0; i < n; i++) {
    const r = tradeResults[i];
    if (r > 0) {
      wins++;
      winSum += r;
    } else if (r < 0) {
      losses++;
      lossSum -= r;
    }
  }
  const avgWin = wins ? winSum / wins : 0;
  const avgLoss = losses ? lossSum / losses : 0;
  return {
    trades: n,
    winRate: wins / n,
    avgWin,
    avgLoss,
    expectancy: (wins / n) * avgWin - (losses / n) * avgLoss,
  };
}

/** Expectancy per trade; see tradeSummary. */
export function expectancy(tradeResults: Series): number {
  return tradeSummary(tradeResults).expectancy;
}

export interface Excursion {
  /** Maximum favourable excursion, a POSITIVE fraction of the entry price (0 if never in profit). */
  mfe: number;
  /** Maximum adverse excursion, a POSITIVE fraction of the entry price (0 if never under water). */
  mae: number;
  /** Return at the last price of the path, signed for the side. */
  finalReturn: number;
}

/**
 * MFE / MAE of one trade from its price path: path[0] is the entry price, the last element the
 * exit price, everything between the marks while the trade was open. Excursions are measured
 * against the entry price: long e_t = P_t / P_0 − 1, short e_t = −(P_t / P_0 − 1).
 * @throws RangeError if the path has fewer than 2 prices or a price is not finite and > 0.
 */
export function tradeExcursion(path: Series, side: 'long' | 'short' = 'long'): Excursion {
  checkSeries(path, 'tradeExcursion', 'path', 2);
  const entry = path[0];
  const sign = side === 'short' ? -1 : 1;
  let best = 0,
    worst = 0;
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    if (p <= 0) throw new RangeError(`tradeExcursion: path[${i}] is ${p}, prices must be > 0`);
    const e = sign * (p / entry - 1);
    if (e > best) best = e;
    if (e < worst) worst = e;
  }
  return { mfe: best, mae: 0 - worst, finalReturn: sign * (path[path.length - 1] / entry - 1) };
}

/** MFE/MAE for many trades; `sides` defaults to all long. @throws RangeError on mismatched lengths. */
export function tradeExcursions(
  paths: readonly Series[],
  sides?: readonly ('long' | 'short')[],
): Excursion[] {
  if (sides && sides.length !== paths.length) {
    throw new RangeError(`tradeExcursions: sides has ${sides.length} entries but paths has ${paths.length}`);
  }
  return paths.map((p, i) => tradeExcursion(p, sides?.[i] ?? 'long'));
}
