import { describe, expect, it } from 'vitest';
import { CORR_SCALE_TEXT, pnlScaleText, scaleAmount } from './scale-labels';

describe('colour-scale end labels', () => {
  it('formats scale ends compactly with an explicit sign', () => {
    expect(scaleAmount(1_234_567)).toBe('+1.23M');
    expect(scaleAmount(-45_600)).toBe('\u221245.6k');
    expect(scaleAmount(812.4)).toBe('+812');
    expect(scaleAmount(0.4249)).toBe('+0.42');
    expect(scaleAmount(-2_500_000_000)).toBe('\u22122.50B');
    expect(scaleAmount(0)).toBe('0');
    expect(scaleAmount(Number.NaN)).toBe('—');
  });

  it('a P&L scale of ±12,345 USD reads +12.3k at the top and −12.3k at the bottom', () => {
    expect(pnlScaleText(12_345)).toEqual(['+12.3k', '\u221212.3k']);
  });

  it('the correlation scale is labelled −1 … +1', () => {
    expect(CORR_SCALE_TEXT).toEqual(['ρ +1', 'ρ \u22121']);
  });
});
