/**
 * A single 0–100 risk score (higher = riskier) for the dashboard, built from five documented
 * components, each first mapped to a 0–100 sub-score:
 *
 *   component      input                                   sub-score                      weight
 *   var            VaR / VaR limit (utilisation u)          100·clamp(u, 0, 1)              0.30
 *   drawdown       current drawdown / drawdown limit        100·clamp(u, 0, 1)              0.30
 *   volRegime      recent / long-run vol ratio (regime.ts)  100·clamp((ratio − 0.5)/1.5)    0.15
 *                  (0.5 → 0, 1.0 → 33, 1.5 → 67 — the "stressed" threshold — 2.0+ → 100)
 *   concentration  position weights w (any sign, |w| used)  100·(HHI − 1/n)/(1 − 1/n)       0.15
 *                  HHI = Σ (|w_i| / Σ|w|)²; one position → 100, n equal positions → 0
 *   correlation    average pairwise correlation ρ̄          100·clamp(ρ̄, 0, 1)             0.10
 *                  (negative correlation diversifies: counts as 0)
 *
 *   score = Σ weight·sub-score / Σ weight          (weights may be overridden; they are normalised)
 *   level = low < 25 <= moderate < 50 <= elevated < 75 <= high
 *
 * Trend: the score minus the mean of the last (up to) 5 previous scores; 'rising' above +2 points,
 * 'falling' below −2, otherwise 'flat' (a deadband so noise does not flip the arrow every tick).
 * Pure: history is passed in, nothing is remembered here.
 */
import { correlation } from './stats';
import { checkSeries, type Series } from './validate';

export type RiskComponent = 'var' | 'drawdown' | 'volRegime' | 'concentration' | 'correlation' | 'earlyWarning';

export const DEFAULT_SCORE_WEIGHTS: Readonly<Record<RiskComponent, number>> = {
  var: 0.3,
  drawdown: 0.3,
  volRegime: 0.15,
  concentration: 0.15,
  correlation: 0.1,
  /** The early-warning model's probability (ml/early-warning.ts); left out when no model ran. */
  earlyWarning: 0.1,
};

export interface RiskScoreInput {
  /** Current VaR (positive loss, same units as varLimit). */
  var: number;
  varLimit: number;
  /** Current drawdown as a positive fraction. */
  drawdown: number;
  drawdownLimit: number;
  /** Recent / long-run volatility ratio (detectRegime().ratio). */
  volRatio: number;
  /** Position weights or exposures; only relative absolute sizes matter. */
  weights: Series;
  /** Average pairwise correlation of the positions, in [−1, 1] (0 for a single position). */
  avgCorrelation: number;
  /** Previous scores, oldest first, for the trend. */
  history?: readonly number[];
  /** Component weights, default DEFAULT_SCORE_WEIGHTS. */
  componentWeights?: Partial<Record<RiskComponent, number>>;
  /** P(drawdown beyond the model's threshold within its horizon) from the early-warning model. */
  earlyWarning?: number;
}

export interface RiskScore {
  score: number;
  level: 'low' | 'moderate' | 'elevated' | 'high';
  /** Sub-scores 0-100; `earlyWarning` is present only when a probability was given. */
  components: Partial<Record<RiskComponent, number>>;
  trend: { delta: number; direction: 'rising' | 'falling' | 'flat' } | null;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

function finite(v: number, name: string): void {
  if (!Number.isFinite(v)) throw new RangeError(`riskScore: ${name} must be a finite number, got ${v}`);
}

/** Normalised Herfindahl index of |weights|: 0 for equal weights, 1 for a single position. */
export function concentration(weights: Series): number {
  checkSeries(weights, 'concentration', 'weights', 1);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += Math.abs(weights[i]);
  if (total === 0) throw new RangeError('concentration: weights are all zero');
  const n = weights.length;
  if (n === 1) return 1;
  let hhi = 0;
  for (let i = 0; i < n; i++) hhi += (Math.abs(weights[i]) / total) ** 2;
  return clamp01((hhi - 1 / n) / (1 - 1 / n));
}

/** Mean of the Pearson correlations over all pairs of series (0 for fewer than 2 series). */
export function averagePairwiseCorrelation(series: readonly Series[]): number {
  if (series.length < 2) return 0;
  let s = 0,
    k = 0;
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      s += correlation(series[i], series[j]);
      k++;
    }
  }
  return s / k;
}

/**
 * Risk score, level, component sub-scores and trend (method in the module comment).
 * @throws RangeError on non-finite inputs, non-positive limits, a negative drawdown or vol ratio,
 *   a correlation outside [−1, 1], history outside [0, 100], or non-positive total weight.
 */
export function riskScore(input: RiskScoreInput): RiskScore {
  finite(input.var, 'var');
  finite(input.drawdown, 'drawdown');
  finite(input.volRatio, 'volRatio');
  finite(input.avgCorrelation, 'avgCorrelation');
  if (!(input.varLimit > 0 && Number.isFinite(input.varLimit)))
    throw new RangeError(`riskScore: varLimit must be > 0, got ${input.varLimit}`);
  if (!(input.drawdownLimit > 0 && Number.isFinite(input.drawdownLimit)))
    throw new RangeError(`riskScore: drawdownLimit must be > 0, got ${input.drawdownLimit}`);
  if (input.drawdown < 0)
    throw new RangeError(`riskScore: drawdown is a positive fraction, got ${input.drawdown}`);
  if (input.volRatio < 0) throw new RangeError(`riskScore: volRatio must be >= 0, got ${input.volRatio}`);
  if (input.avgCorrelation < -1 || input.avgCorrelation > 1)
    throw new RangeError(`riskScore: avgCorrelation must be in [-1, 1], got ${input.avgCorrelation}`);

  const components: Partial<Record<RiskComponent, number>> = {
    var: 100 * clamp01(input.var / input.varLimit),
    drawdown: 100 * clamp01(input.drawdown / input.drawdownLimit),
    volRegime: 100 * clamp01((input.volRatio - 0.5) / 1.5),
    concentration: 100 * concentration(input.weights),
    correlation: 100 * clamp01(input.avgCorrelation),
  };
  if (input.earlyWarning !== undefined) {
    if (!(input.earlyWarning >= 0 && input.earlyWarning <= 1))
      throw new RangeError(`riskScore: earlyWarning must be a probability in [0, 1], got ${input.earlyWarning}`);
    // Without a model the component is absent, not zero, so it does not dilute the others.
    components.earlyWarning = 100 * input.earlyWarning;
  }
  const w = { ...DEFAULT_SCORE_WEIGHTS, ...input.componentWeights };
  let num = 0,
    den = 0;
  for (const k of Object.keys(components) as RiskComponent[]) {
    const wk = w[k];
    if (!(wk >= 0 && Number.isFinite(wk)))
      throw new RangeError(`riskScore: component weight '${k}' must be >= 0, got ${wk}`);
    num += wk * components[k]!;
    den += wk;
  }
  if (den <= 0) throw new RangeError('riskScore: component weights sum to 0');
  const score = num / den;
  const level = score < 25 ? 'low' : score < 50 ? 'moderate' : score < 75 ? 'elevated' : 'high';

  let trend: RiskScore['trend'] = null;
  const h = input.history ?? [];
  h.forEach((x, i) => {
    if (!(x >= 0 && x <= 100)) throw new RangeError(`riskScore: history[${i}] must be in [0, 100], got ${x}`);
  });
  if (h.length > 0) {
    const recent = h.slice(-5);
    const delta = score - recent.reduce((a, b) => a + b, 0) / recent.length;
    trend = { delta, direction: delta > 2 ? 'rising' : delta < -2 ? 'falling' : 'flat' };
  }
  return { score, level, components, trend };
}
