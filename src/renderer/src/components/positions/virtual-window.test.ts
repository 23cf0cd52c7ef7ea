import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToRow } from './virtual-window';

const base = { rowHeight: 25, count: 500, overscan: 5 };

describe('rowWindow', () => {
  it('top of the list: visible rows 0-9 plus 5 below, the rest is the bottom spacer', () => {
    expect(rowWindow({ ...base, offset: 0, viewport: 250 })).toEqual({ first: 0, end: 15, padTop: 0, padBottom: 485 * 25 });
  });

  it('middle: a partly visible last row counts, overscan on both sides', () => {
    // offset 1000 = row 40; 1260 / 25 = 50.4 → rows 40..50 visible → 35..55 rendered.
    expect(rowWindow({ ...base, offset: 1000, viewport: 260 })).toEqual({ first: 35, end: 56, padTop: 875, padBottom: 444 * 25 });
  });

  it('bottom: the last row is rendered and the bottom spacer is empty; spacers + rows = full height', () => {
    const w = rowWindow({ ...base, offset: 500 * 25 - 250, viewport: 250 });
    expect(w).toEqual({ first: 485, end: 500, padTop: 12125, padBottom: 0 });
    expect(w.padTop + (w.end - w.first) * 25 + w.padBottom).toBe(500 * 25);
  });

  it('an offset past the end (list shrank under the scroll position) still renders the last rows', () => {
    expect(rowWindow({ ...base, offset: 20_000, viewport: 250 })).toEqual({ first: 495, end: 500, padTop: 12375, padBottom: 0 });
  });

  it('negative or non-finite DOM figures are clamped; an empty list renders nothing', () => {
    expect(rowWindow({ ...base, offset: -40, viewport: 50 })).toEqual({ first: 0, end: 7, padTop: 0, padBottom: 493 * 25 });
    expect(rowWindow({ ...base, offset: Number.NaN, viewport: Number.NaN })).toEqual({ first: 0, end: 5, padTop: 0, padBottom: 495 * 25 });
    expect(rowWindow({ ...base, count: 0, offset: 0, viewport: 250 })).toEqual({ first: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('refuses a bad row height, count or overscan, naming the field', () => {
    expect(() => rowWindow({ ...base, rowHeight: 0, offset: 0, viewport: 100 })).toThrow(/rowHeight/);
    expect(() => rowWindow({ ...base, count: 2.5, offset: 0, viewport: 100 })).toThrow(/count must be an integer/);
    expect(() => rowWindow({ ...base, overscan: -1, offset: 0, viewport: 100 })).toThrow(/overscan/);
  });
});

describe('scrollToRow', () => {
  it('scrolls down just enough to show a row below the viewport', () => {
    expect(scrollToRow(50, 0, 250, 25)).toBe(1275 - 250);
  });
  it('scrolls up to a row above the viewport', () => {
    expect(scrollToRow(3, 1000, 250, 25)).toBe(75);
  });
  it('leaves the offset alone when the row is fully visible', () => {
    expect(scrollToRow(42, 1000, 250, 25)).toBe(1000);
  });
});
