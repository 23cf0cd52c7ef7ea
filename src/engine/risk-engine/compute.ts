/**
 * The heavy-risk recompute: today's live book + the return history → one `RiskSnapshot`
 * (src/shared/contract/risk.ts). Methods, windows and conventions: docs/risk-engine.md.
 *
 * Pure apart from the caches (window-cache.ts, volatility.ts) and `ReturnHistory.ensure`, which
 * synthesises the history of an underlying the store has never seen. No clock inside: `now` is an
 * input and `computeMs` comes from the optional `clock`. Every Monte Carlo draw is seeded (default
 * seed constant), so the same inputs give the same snapshot, and two recomputes of an unchanged
 * book do not flicker from sampling noise (common random numbers).
 */
import { equityCurve } from '../risk/returns';
import { mlSizingScale, volMatchedSeries, type EarlyWarningModel } from '../risk/ml/early-warning';
import type { Instrument, PositionView } from '../../shared/contract/portfolio';
import type { RiskSnapshot } from '../../shared/contract/risk';
import { monteCarloVar, type McVarResult } from '../risk/mc-var';
import { diversification } from '../risk/portfolio';
import { detectRegime, adaptiveLookback, regimeFromRatio } from '../risk/regime';
import { createRng } from '../risk/rng';
import { riskScore, type RiskScore } from '../risk/score';
import { cornishFisherVar, historicalVarCvar, parametricVarCvar } from '../risk/var';
import { toBookPositions, type SkippedPosition } from './book';
import { bookContributions } from './contributions';
import { ReturnHistory } from './history';
import { backtestSection } from './backtest-section';
import { hedgeSection, optionGreeksSection } from './option-greeks';
import { historicalPnl } from './pnl';
import { exposureSection, greeksOf, greeksSection, scenariosSection, stressSection } from './sections';
import { drawdownForecast, flatForecast, volatility, type ForecastSettings } from './volatility';
import { bookRatios } from './ratios';
import { logReturnsOf, windowStats } from './window-cache';

export const RISK_ENGINE_DEFAULTS = Object.freeze({
  /** Monte Carlo VaR paths for the live recompute (the standalone mc_var bench uses 50,000). */
  mcPaths: 20_000,
  seed: 20_240_601,
  /** Drawdown-forecast paths: P(hit) standard error <= √(0.25/2,000) ≈ 1.1 pp. */
  forecastPaths: 2_000,
  horizonDays: 20,
  maxDrawdown: 0.1,
  /** Default 99 % VaR limit for the risk score, as a fraction of equity. */
  var99PctEquity: 0.05,
  /** Regime windows (detectRegime): recent 20 days vs long 250 days. */
  recentWindow: 20,
  longWindow: 250,
});

export interface RiskComputeInput {
  positions: readonly PositionView[];
  instruments: ReadonlyMap<string, Instrument>;
  /** Underlying prices (USD) for underlyings not held as their own position. */
  prices: ReadonlyMap<string, number>;
  equity: number;
  history: ReturnHistory;
  /** Valuation time, UTC ms (option expiries; the snapshot's `ts`). */
  now: number;
  /** Earlier risk scores, oldest first (trend). */
  previousScores?: readonly number[];
  limits?: { var99?: number; maxDrawdown?: number };
  /** Current drawdown from the high-water mark, positive fraction in [0, 1). */
  currentDrawdown?: number;
  mcPaths?: number;
  seed?: number;
  forecastPaths?: number;
  /** The trained early-warning model; when given, its probability enters the risk score. */
  earlyWarning?: EarlyWarningModel;
  /** Monotonic ms clock used only to fill `computeMs` (default: computeMs = 0). */
  clock?: () => number;
  /** Told about positions left out because they cannot be valued (no price yet, zero qty). */
  onSkipped?: (skipped: readonly SkippedPosition[]) => void;
}

type Levels<T> = { '0.95': T; '0.99': T };
const LEVELS = [0.95, 0.99] as const;

function fail(field: string, why: string, got: unknown): never {
  throw new RangeError(`computeRiskSnapshot: ${field} ${why}, got ${String(got)}`);
}

function validate(i: RiskComputeInput): void {
  if (!Array.isArray(i.positions)) fail('positions', 'must be an array of PositionView', typeof i.positions);
  if (!(i.instruments instanceof Map))
    fail('instruments', 'must be a Map<symbol, Instrument>', typeof i.instruments);
  if (!(i.prices instanceof Map)) fail('prices', 'must be a Map<symbol, number>', typeof i.prices);
  if (!(i.history instanceof ReturnHistory)) fail('history', 'must be a ReturnHistory', typeof i.history);
  if (!Number.isFinite(i.equity)) fail('equity', 'must be a finite number', i.equity);
  if (!Number.isFinite(i.now)) fail('now', 'must be a finite time in ms', i.now);
  const v = i.limits?.var99;
  if (v !== undefined && !(Number.isFinite(v) && v > 0))
    fail('limits.var99', 'must be a finite number > 0', v);
  const dd = i.limits?.maxDrawdown;
  if (dd !== undefined && !(dd > 0 && dd <= 1)) fail('limits.maxDrawdown', 'must be in (0, 1]', dd);
  const cd = i.currentDrawdown;
  if (cd !== undefined && !(cd >= 0 && cd < 1)) fail('currentDrawdown', 'must be in [0, 1)', cd);
  const p = i.mcPaths;
  if (p !== undefined && !(Number.isInteger(p) && p % 2 === 0 && p >= 400))
    fail('mcPaths', 'must be an even integer >= 400', p);
  const fp = i.forecastPaths;
  if (fp !== undefined && !(Number.isInteger(fp) && fp >= 100))
    fail('forecastPaths', 'must be an integer >= 100', fp);
  if (i.seed !== undefined && !Number.isFinite(i.seed)) fail('seed', 'must be a finite number', i.seed);
  i.previousScores?.forEach((s, k) => {
    if (!(s >= 0 && s <= 100)) fail(`previousScores[${k}]`, 'must be in [0, 100]', s);
  });
}

/** The risk snapshot of the live book (module doc). @throws RangeError naming a bad input field. */
export function computeRiskSnapshot(input: RiskComputeInput): RiskSnapshot {
  const t0 = input.clock?.() ?? 0;
  validate(input);
  const { history, equity, now } = input;
  const d = RISK_ENGINE_DEFAULTS;
  const seed = input.seed ?? d.seed;
  const book = toBookPositions(input.positions, input.instruments, input.prices, now);
  if (book.skipped.length > 0) input.onSkipped?.(book.skipped);
  const fc: ForecastSettings = {
    limit: input.limits?.maxDrawdown ?? d.maxDrawdown,
    horizonDays: d.horizonDays,
    currentDrawdown: input.currentDrawdown ?? 0,
    paths: input.forecastPaths ?? d.forecastPaths,
    seed: seed + 1,
  };
  const positions = book.positions;
  if (positions.length === 0) return emptySnapshot(input, fc, t0);

  const symbols = [...new Set(positions.map((p) => p.underlying))].sort();
  const returns = new Map(symbols.map((s) => [s, history.ensure(s)]));
  const pnlFull = historicalPnl({ positions, returns, logReturns: (u) => logReturnsOf(history, u) });
  const greeks = positions.map(greeksOf);
  const { exposures, byUnderlying, hhi } = exposureSection(positions, book.views, greeks);
  // Returns need a capital base; a non-positive equity (a blown account) falls back to gross
  // exposure so the snapshot still shows the book's risk instead of failing.
  const base = equity > 0 ? equity : Math.max(exposures.gross, 1);
  const portRet = pnlFull.map((x) => x / base);
  const periodsPerYear = book.views.some((v) => v.assetClass === 'crypto') ? 365 : 252;

  const H = pnlFull.length;
  let volRatio = 0; // a book whose P&L never moves is calm by definition
  try {
    const longWindow = Math.min(d.longWindow, H);
    volRatio = detectRegime(portRet, {
      recentWindow: Math.min(d.recentWindow, longWindow - 1),
      longWindow,
    }).ratio;
  } catch {
    volRatio = 0;
  }
  const regime = regimeFromRatio(volRatio);
  const lookback = Math.min(adaptiveLookback(volRatio), H);
  const window = pnlFull.subarray(H - lookback);

  const historical = levels((c) => noNegZero(historicalVarCvar(window, c)));
  const parametric = levels((c) => noNegZero(parametricVarCvar(window, c)));
  const cornishFisher = levels((c) => {
    try {
      return { var: cornishFisherVar(window, c) + 0 };
    } catch {
      return { var: parametric[key(c)].var }; // constant window: no higher moments, Gaussian = CF
    }
  });

  const stats = windowStats(history, symbols, lookback);
  const monteCarlo = mcLevels(
    positions,
    stats.symbols,
    stats.covariance,
    base,
    seed,
    input.mcPaths ?? d.mcPaths,
  );

  const vol = volatility(portRet, periodsPerYear);
  const weights = Float64Array.from(stats.symbols.map((s) => byUnderlying.get(s) ?? 0));
  let div = { ratio: 0, score: 0 };
  try {
    const r = diversification(weights, stats.covariance);
    div = { ratio: r.ratio, score: r.score };
  } catch {
    // Zero portfolio variance (fully hedged or no exposure): the ratio is undefined, report 0.
  }

  const nonZero = weights.filter((w) => w !== 0);
  let earlyWarning: RiskSnapshot['earlyWarning'] = null;
  const ew = input.earlyWarning;
  if (ew && portRet.length >= 250) {
    try {
      // The model learned S&P-sized moves: rescale the book's curve to the training volatility first.
      const p = ew.probabilityOfSeries(volMatchedSeries(equityCurve(portRet), ew.coefficients.trainDailyVol).closes);
      earlyWarning = { probability: p, sizingScale: mlSizingScale(p), horizonDays: ew.coefficients.horizonDays, threshold: ew.coefficients.threshold };
    } catch {
      // A flat or blown-up book has nothing to model: the score simply leaves the component out.
    }
  }
  const score = riskScore({
    ...(earlyWarning ? { earlyWarning: earlyWarning.probability } : {}),
    var: historical['0.99'].var,
    varLimit: input.limits?.var99 ?? d.var99PctEquity * base,
    drawdown: fc.currentDrawdown,
    drawdownLimit: fc.limit,
    volRatio,
    // No net exposure anywhere: nothing is concentrated (two equal weights score 0).
    weights: nonZero.length > 0 ? nonZero : [1, 1],
    avgCorrelation: stats.avgPairwise,
    history: input.previousScores,
  });

  const order = stats.order;
  const n = stats.symbols.length;
  const snapshot: RiskSnapshot = {
    ts: now,
    computeMs: 0,
    equity,
    lookbackDays: lookback,
    regime,
    volRatio,
    var: { historical, parametric, cornishFisher, monteCarlo },
    earlyWarning,
    pnlHistory: Array.from(window),
    ewmaVol: vol.ewmaVol,
    garch: vol.garch,
    correlation: {
      symbols: order.map((i) => stats.symbols[i]),
      matrix: order.map((i) => order.map((j) => stats.correlation.data[i * n + j])),
      clusters: stats.clusters.map((c) => [...c]), // the cache's arrays stay private
      avgPairwise: stats.avgPairwise,
      maxPairwise: stats.maxPairwise,
    },
    diversification: div,
    contributions: bookContributions({ positions, returns, logReturns: (u) => logReturnsOf(history, u) }, lookback, 0.99).contributions,
    hhi,
    exposures,
    greeks: greeksSection(positions, greeks),
    stress: stressSection(positions),
    scenarios: scenariosSection(positions),
    // Risk/Greeks pages: VaR backtest on the FULL P&L history (not the VaR window), option rows, hedges.
    backtest: backtestSection(pnlFull),
    optionGreeks: optionGreeksSection(positions, greeks, input.instruments),
    hedges: hedgeSection(greeksSection(positions, greeks).byUnderlying, book.spots),
    riskScore: scoreOf(score),
    drawdownForecast: drawdownForecast(vol, fc),
    // Full history (not the VaR window): annual ratios need years of days (ratios.ts).
    ratios: bookRatios(portRet, periodsPerYear),
  };
  snapshot.computeMs = input.clock ? input.clock() - t0 : 0;
  return snapshot;
}

/** Library score → contract shape (rising/falling → up/down; no history → flat). */
function scoreOf(s: RiskScore): RiskSnapshot['riskScore'] {
  const dir = s.trend?.direction;
  return {
    score: s.score,
    trend: dir === 'rising' ? 'up' : dir === 'falling' ? 'down' : 'flat',
    components: { ...s.components },
  };
}

function key(c: number): '0.95' | '0.99' {
  return c === 0.95 ? '0.95' : '0.99';
}

/** −q of a zero quantile is −0; `+ 0` makes it +0 so a flat book compares equal to 0 everywhere. */
function noNegZero(v: { var: number; cvar: number }): { var: number; cvar: number } {
  return { var: v.var + 0, cvar: v.cvar + 0 };
}

function levels<T>(f: (c: number) => T): Levels<T> {
  return { '0.95': f(LEVELS[0]), '0.99': f(LEVELS[1]) };
}

type McLevel = RiskSnapshot['var']['monteCarlo']['0.95'];

/** Monte Carlo VaR (mc-var.ts, log model, antithetic, no ageing); zeros if the covariance is all 0. */
function mcLevels(
  positions: Parameters<typeof monteCarloVar>[0]['positions'],
  underlyings: readonly string[],
  covariance: Parameters<typeof monteCarloVar>[0]['covariance'],
  equity: number,
  seed: number,
  paths: number,
): Levels<McLevel> {
  let r: McVarResult;
  try {
    r = monteCarloVar({
      positions,
      underlyings,
      covariance,
      equity,
      rng: createRng(seed),
      paths,
      confidence: LEVELS,
    });
  } catch (e) {
    // Only a degenerate (all-zero) covariance can fail here once inputs are validated: no risk.
    if (e instanceof RangeError && /could not be repaired/.test(e.message)) {
      const zero = { var: 0, cvar: 0, varSe: 0, cvarSe: 0 };
      return { '0.95': zero, '0.99': { ...zero } };
    }
    throw e;
  }
  const at = (i: number): McLevel => ({
    var: r.levels[i].var + 0,
    cvar: r.levels[i].cvar + 0,
    varSe: r.levels[i].varStdErr,
    cvarSe: r.levels[i].cvarStdErr,
  });
  return { '0.95': at(0), '0.99': at(1) };
}

/**
 * The snapshot of a book with nothing to risk: zeros, calm, a flat drawdown forecast. The risk
 * score still counts the current drawdown (an empty book 12 % under its high is not risk-free
 * history) — all zeros with no drawdown.
 */
function emptySnapshot(input: RiskComputeInput, fc: ForecastSettings, t0: number): RiskSnapshot {
  const zero = { var: 0, cvar: 0 };
  const grid = stressSection([]);
  return {
    ts: input.now,
    computeMs: input.clock ? input.clock() - t0 : 0,
    equity: input.equity,
    lookbackDays: Math.min(adaptiveLookback(0), input.history.length),
    regime: 'calm',
    volRatio: 0,
    var: {
      historical: { '0.95': { ...zero }, '0.99': { ...zero } },
      parametric: { '0.95': { ...zero }, '0.99': { ...zero } },
      cornishFisher: { '0.95': { var: 0 }, '0.99': { var: 0 } },
      monteCarlo: { '0.95': { ...zero, varSe: 0, cvarSe: 0 }, '0.99': { ...zero, varSe: 0, cvarSe: 0 } },
    },
    earlyWarning: null,
    pnlHistory: [],
    ewmaVol: 0,
    garch: null,
    correlation: { symbols: [], matrix: [], clusters: [], avgPairwise: 0, maxPairwise: 0 },
    diversification: { ratio: 0, score: 0 },
    contributions: [],
    hhi: 0,
    exposures: { gross: 0, net: 0, long: 0, short: 0, byAssetClass: {}, bySector: {}, byVenue: {} },
    greeks: { delta: 0, gamma: 0, vega: 0, theta: 0, byUnderlying: {}, betaWeightedDelta: 0 },
    stress: grid,
    scenarios: scenariosSection([]),
    backtest: null,
    optionGreeks: [],
    hedges: [],
    riskScore: scoreOf(
      riskScore({
        var: 0,
        varLimit: 1,
        drawdown: fc.currentDrawdown,
        drawdownLimit: fc.limit,
        volRatio: 0,
        weights: [1, 1],
        avgCorrelation: 0,
        history: input.previousScores,
      }),
    ),
    drawdownForecast: flatForecast(fc),
    ratios: bookRatios([], 252),
  };
}
