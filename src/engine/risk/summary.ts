/**
 * The standard single-asset risk summary (what `bulwark-risk metrics` prints and the bench times):
 * historical, parametric and Cornish-Fisher VaR/CVaR at each confidence, next-period EWMA and
 * GARCH(1,1) volatility, drawdown, and the annualised ratios. Inputs are prices; everything is
 * computed on simple returns (fractions), VaR/CVaR as positive losses. Conventions are those of
 * the individual modules (docs/risk-math.md collects them).
 */
import { simpleReturns } from './returns';
import { sortedCopy, checkQuantileMethod, moments, type QuantileMethod } from './stats';
import { historicalFromSorted, gaussianVarCvar, cornishFisherZ, type VarCvar } from './var';
import { ewmaVolatility } from './ewma';
import { fitGarch11 } from './garch';
import { drawdownStats } from './drawdown';
import { sharpe, sortino, cagr } from './performance';
import { checkProbability, checkPositive, type Series } from './validate';

export interface RiskSummaryOptions {
  /** Default 252. */
  periodsPerYear?: number;
  /** VaR confidences, default [0.95, 0.99]. */
  confidences?: readonly number[];
  /** Historical quantile method, default `linear`. */
  quantileMethod?: QuantileMethod;
  /** Annual risk-free rate for Sharpe/Sortino, default 0. */
  riskFree?: number;
}

export interface RiskSummary {
  n: number;
  quantileMethod: QuantileMethod;
  historical: Record<string, VarCvar>;
  parametric: Record<string, VarCvar>;
  cornishFisher: Record<string, { var: number }>;
  /** Next-period EWMA volatility (λ = 0.94), per period. */
  ewmaVol: number;
  garch: { omega: number; alpha: number; beta: number; logLik: number; nextVariance: number };
  drawdown: {
    max: number;
    peakDate: string | null;
    troughDate: string | null;
    recoveryDate: string | null;
    longestDays: number | null;
  };
  sharpe: number;
  sortino: number;
  calmar: number;
  cagr: number;
}

/**
 * Computes the risk summary for a price series.
 * @param dates ISO dates aligned with prices, or undefined (date fields are then null).
 * @throws RangeError on bad prices (see simpleReturns), fewer than 100 returns (GARCH), bad options.
 */
export function riskSummary(
  prices: Series,
  dates: readonly string[] | undefined,
  opts?: RiskSummaryOptions,
): RiskSummary {
  const ppy = opts?.periodsPerYear ?? 252;
  const confidences = opts?.confidences ?? [0.95, 0.99];
  const method = opts?.quantileMethod ?? 'linear';
  checkPositive(ppy, 'riskSummary', 'periodsPerYear');
  checkQuantileMethod(method, 'riskSummary');
  if (confidences.length === 0) throw new RangeError('riskSummary: confidences is empty');
  for (const c of confidences) checkProbability(c, 'riskSummary', 'confidence');

  const r = simpleReturns(prices);
  const sorted = sortedCopy(r); // one sort shared by every confidence
  const m = moments(r);
  const historical: Record<string, VarCvar> = {};
  const parametric: Record<string, VarCvar> = {};
  const cornishFisher: Record<string, { var: number }> = {};
  for (const c of confidences) {
    const key = String(c);
    historical[key] = historicalFromSorted(sorted, c, method);
    parametric[key] = gaussianVarCvar(m.mean, m.stdev, c);
    cornishFisher[key] = { var: -(m.mean + m.stdev * cornishFisherZ(1 - c, m.skewness, m.excessKurtosis)) };
  }
  const g = fitGarch11(r);
  const dd = drawdownStats(prices, dates);
  const growth = cagr(r, { periodsPerYear: ppy });
  const annual = { periodsPerYear: ppy, riskFree: opts?.riskFree ?? 0 };
  return {
    n: r.length,
    quantileMethod: method,
    historical,
    parametric,
    cornishFisher,
    ewmaVol: ewmaVolatility(r),
    garch: { omega: g.omega, alpha: g.alpha, beta: g.beta, logLik: g.logLik, nextVariance: g.nextVariance },
    drawdown: {
      max: dd.maxDrawdown,
      peakDate: dd.peakDate,
      troughDate: dd.troughDate,
      recoveryDate: dd.recoveryDate,
      longestDays: dd.longestDays,
    },
    sharpe: sharpe(r, annual),
    sortino: sortino(r, annual),
    // Drawdown of the price path equals that of the equity curve built from r (same ratios).
    calmar: dd.maxDrawdown === 0 ? (growth > 0 ? Number.POSITIVE_INFINITY : 0) : growth / dd.maxDrawdown,
    cagr: growth,
  };
}
