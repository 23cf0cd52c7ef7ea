/**
 * Portfolio volatility and the forward drawdown risk, from the book's historical RETURN series
 * R_t = P&L_t / equity over the full history (1,000 days by default):
 *   - EWMA (λ 0.94, RiskMetrics) next-day vol, annualised by √periodsPerYear;
 *   - GARCH(1,1) Gaussian MLE (garch.ts); null when the fit fails (too short, constant) — caught;
 *   - drawdown forecast (forecast.ts): Monte Carlo of the GARCH variance path with ZERO drift
 *     (the historical mean of today's book is not a forecast), P(drawdown reaches the limit within
 *     the horizon) from `currentDrawdown`, and the drawdown cone (positive fractions; p95 is the bad
 *     tail). Without a GARCH fit the EWMA variance is used as a constant-vol model (α = β = 0).
 * Periods per year: 365 if the book holds any crypto (it trades every calendar day), else 252.
 */
import type { RiskSnapshot } from '../../shared/contract/risk';
import { ewmaVolatility } from '../risk/ewma';
import { forecastDrawdown, type DrawdownForecastInput } from '../risk/forecast';
import { fitGarch11, type GarchFit } from '../risk/garch';

export const FORECAST_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface VolatilityResult {
  /** Annualised EWMA vol (decimal). */
  ewmaVol: number;
  /** Daily EWMA variance (for the fallback forecast). */
  ewmaVariance: number;
  fit: GarchFit | null;
  garch: RiskSnapshot['garch'];
}

export function volatility(returns: Float64Array, periodsPerYear: number): VolatilityResult {
  const daily = returns.length >= 2 ? ewmaVolatility(returns) : 0;
  let fit: GarchFit | null = null;
  try {
    fit = fitGarch11(returns);
    if (!(Number.isFinite(fit.nextVariance) && fit.nextVariance > 0)) fit = null;
  } catch {
    fit = null; // too short or constant: nothing to model, the contract allows null
  }
  return {
    ewmaVol: daily * Math.sqrt(periodsPerYear),
    ewmaVariance: daily * daily,
    fit,
    garch: fit && {
      omega: fit.omega,
      alpha: fit.alpha,
      beta: fit.beta,
      nextVol: Math.sqrt(fit.nextVariance * periodsPerYear),
    },
  };
}

export interface ForecastSettings {
  limit: number;
  horizonDays: number;
  currentDrawdown: number;
  paths: number;
  seed: number;
}

/** A drawdown "forecast" for a book that cannot move: the drawdown stays where it is. */
export function flatForecast(s: ForecastSettings): RiskSnapshot['drawdownForecast'] {
  const days = Array.from({ length: s.horizonDays }, (_, k) => k + 1);
  const flat = (): number[] => days.map(() => s.currentDrawdown);
  return {
    limit: s.limit,
    horizonDays: s.horizonDays,
    probHitLimit: s.currentDrawdown >= s.limit ? 1 : 0,
    cone: { days, p05: flat(), p25: flat(), p50: flat(), p75: flat(), p95: flat() },
  };
}

/**
 * Forecast reuse. The forecast is a 20-day Monte Carlo of a GARCH model fitted to 1,000 days; a
 * recompute one tick later refits GARCH on a return series scaled by the price move, so its inputs
 * drift in the 3rd-4th digit while the answer cannot move by more than the forecast's own sampling
 * error (P(hit) standard error ≈ 1.1 pp at 2,000 paths; a 1 % change of vol moves P(hit) by
 * < 0.5 pp). So a cached forecast is reused while: limit, horizon, paths and seed are equal; the
 * current drawdown is within 0.001; α and β each within 0.01; the next-day and unconditional
 * vols each within 1 % relative. A new book, a rolled window or a real vol move misses.
 */
const FORECAST_CACHE_SIZE = 8;
const forecastCache: {
  model: DrawdownForecastInput;
  s: ForecastSettings;
  out: RiskSnapshot['drawdownForecast'];
}[] = [];

function close(
  a: DrawdownForecastInput,
  sa: ForecastSettings,
  b: DrawdownForecastInput,
  sb: ForecastSettings,
): boolean {
  const rel = (x: number, y: number): boolean => Math.abs(x - y) <= 0.01 * Math.max(Math.abs(x), Math.abs(y));
  const uncond = (m: DrawdownForecastInput): number => Math.sqrt(m.omega / (1 - m.alpha - m.beta));
  return (
    sa.limit === sb.limit &&
    sa.horizonDays === sb.horizonDays &&
    sa.paths === sb.paths &&
    sa.seed === sb.seed &&
    Math.abs(sa.currentDrawdown - sb.currentDrawdown) <= 0.001 &&
    a.mu === b.mu &&
    Math.abs(a.alpha - b.alpha) <= 0.01 &&
    Math.abs(a.beta - b.beta) <= 0.01 &&
    rel(Math.sqrt(a.nextVariance), Math.sqrt(b.nextVariance)) &&
    rel(uncond(a), uncond(b))
  );
}

export function drawdownForecast(v: VolatilityResult, s: ForecastSettings): RiskSnapshot['drawdownForecast'] {
  const model: DrawdownForecastInput | null = v.fit
    ? { omega: v.fit.omega, alpha: v.fit.alpha, beta: v.fit.beta, mu: 0, nextVariance: v.fit.nextVariance }
    : v.ewmaVariance > 0
      ? { omega: v.ewmaVariance, alpha: 0, beta: 0, mu: 0, nextVariance: v.ewmaVariance }
      : null;
  if (!model) return flatForecast(s);
  const hit = forecastCache.find((c) => close(c.model, c.s, model, s));
  if (hit) return copyForecast(hit.out);
  const f = forecastDrawdown(model, {
    horizon: s.horizonDays,
    limit: s.limit,
    seed: s.seed,
    paths: s.paths,
    currentDrawdown: s.currentDrawdown,
    quantiles: FORECAST_QUANTILES,
  });
  const cone = (i: number): number[] => Array.from(f.drawdownCone[i]);
  const out = {
    limit: s.limit,
    horizonDays: s.horizonDays,
    probHitLimit: f.probability,
    cone: {
      days: Array.from({ length: s.horizonDays }, (_, k) => k + 1),
      p05: cone(0),
      p25: cone(1),
      p50: cone(2),
      p75: cone(3),
      p95: cone(4),
    },
  };
  if (forecastCache.length >= FORECAST_CACHE_SIZE) forecastCache.shift();
  forecastCache.push({ model, s: { ...s }, out });
  return copyForecast(out);
}

/** Snapshots are handed to other code: never share the cached arrays. */
function copyForecast(f: RiskSnapshot['drawdownForecast']): RiskSnapshot['drawdownForecast'] {
  const c = f.cone;
  return {
    ...f,
    cone: {
      days: [...c.days],
      p05: [...c.p05],
      p25: [...c.p25],
      p50: [...c.p50],
      p75: [...c.p75],
      p95: [...c.p95],
    },
  };
}
