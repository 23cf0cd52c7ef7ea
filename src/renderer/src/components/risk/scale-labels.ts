// End labels of the diverging colour scales (echarts visualMap `text: [top, bottom]`): without them
// a colour bar says nothing about which value a colour stands for. Pure, unit-tested.

const MINUS = '\u2212';

/** Compact USD for a scale end: 1.23M, 45.6k, 812, and 2 significant digits below 10 (0.42). */
export function scaleAmount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  const s = n < 0 ? MINUS : n > 0 ? '+' : '';
  if (a >= 1e9) return `${s}${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${s}${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${s}${(a / 1e3).toFixed(1)}k`;
  if (a >= 10) return `${s}${a.toFixed(0)}`;
  return `${s}${Number(a.toPrecision(2))}`;
}

/** [top, bottom] labels of a symmetric P&L scale −m … +m (USD; the pages state the currency). */
export const pnlScaleText = (m: number): [string, string] => [scaleAmount(m), scaleAmount(-m)];

/** [top, bottom] labels of the correlation scale, fixed at −1 … +1. */
export const CORR_SCALE_TEXT: [string, string] = ['ρ +1', `ρ ${MINUS}1`];
