// Colour scales of the position heatmap and its legend. Pure (theme colours in, CSS colours out) so
// the tiles and the HTML legend always use the same mapping.
import type { ChartTheme } from '../../charts/echart';
import { mix } from '../../charts/lw-chart';

export type HeatMode = 'pnl' | 'risk';

/** P&L % is clamped at ±5 %: beyond that every tile is fully saturated (the legend says so). */
export const PNL_CLAMP = 0.05;

/** Nice clamps for the risk-contribution scale, as fractions of the total VaR. */
const RISK_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

/**
 * The risk scale's clamp: the smallest nice step at or above the largest |share| in the book, so
 * with 500 small positions the scale still shows contrast and with 3 large ones it is not saturated.
 */
export function riskClamp(shares: readonly number[]): number {
  let m = 0;
  for (const s of shares) if (Number.isFinite(s)) m = Math.max(m, Math.abs(s));
  return RISK_STEPS.find((s) => m <= s) ?? 1;
}

export interface Palette {
  neutral: string;
  neg: string;
  pos: string;
  /** Hedges (negative risk contribution). */
  hedge: string;
  /** Risk-adding end of the risk scale. */
  risk: string;
}

/** Tile colours from the theme: saturated ends are toned into the background so labels stay readable. */
export function palette(t: ChartTheme): Palette {
  const neutral = mix(t.text3, t.bg1, 0.32);
  return {
    neutral,
    neg: mix(t.bad, t.bg1, 0.74),
    pos: mix(t.ok, t.bg1, 0.74),
    hedge: mix(t.accent, t.bg1, 0.74),
    risk: mix(t.warn, t.bad, 0.35),
  };
}

const STEPS = 64;
const ramps = new Map<string, string[]>();

/** STEPS + 1 blends from neutral to `end`, built once per colour pair (500 tiles × 4 Hz reuse them). */
function ramp(end: string, neutral: string): string[] {
  const key = `${end}|${neutral}`;
  let r = ramps.get(key);
  if (!r) {
    r = Array.from({ length: STEPS + 1 }, (_, i) => mix(end, neutral, i / STEPS));
    if (ramps.size > 32) ramps.clear(); // theme switches only: bounded
    ramps.set(key, r);
  }
  return r;
}

/** Diverging colour for x in [−clamp, +clamp]: low → neutral (0) → high; NaN is neutral. */
export function diverging(x: number, clamp: number, low: string, neutral: string, high: string): string {
  if (!Number.isFinite(x) || x === 0) return neutral;
  const t = Math.min(Math.abs(x) / clamp, 1);
  // A square-root ramp: small moves are already visibly tinted, large ones saturate smoothly.
  return ramp(x < 0 ? low : high, neutral)[Math.round(Math.sqrt(t) * STEPS)];
}

export function tileColor(mode: HeatMode, value: number | null, clamp: number, p: Palette): string {
  if (value === null) return p.neutral;
  return mode === 'pnl'
    ? diverging(value, clamp, p.neg, p.neutral, p.pos)
    : diverging(value, clamp, p.hedge, p.neutral, p.risk);
}

/** The legend's CSS gradient: the same mapping as the tiles, from −clamp (left) to +clamp (right). */
export function legendGradient(mode: HeatMode, p: Palette): string {
  const xs = [-1, -0.75, -0.5, -0.25, -0.1, -0.02, 0, 0.02, 0.1, 0.25, 0.5, 0.75, 1];
  const stops = xs.map((x) => `${tileColor(mode, x, 1, p)} ${((x + 1) * 50).toFixed(1)}%`);
  return `linear-gradient(90deg, ${stops.join(', ')})`;
}
