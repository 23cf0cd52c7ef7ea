// Display formatting from the screenshot review (issue #7): one sign convention (U+2212, no sign on
// a figure that rounds to zero), one precision per column, one compact unit per set of cells, and
// journal payloads rounded for reading. Expected strings are worked out by hand.
import { describe, expect, it } from 'vitest';
import { fmtAge, fmtMoney, fmtPayload, fmtPct, fmtQty, fmtScaled, MINUS, roundForDisplay, usdScale } from './format';
import { dateRangeError } from './pages/reports-page';
import { scaleEnds } from './components/stress/stress-grid-panel';
import { gaugeLabel } from './components/hedging/score-panel';

describe('signs', () => {
  it('uses U+2212 and drops the sign of a figure that rounds to zero', () => {
    expect(MINUS).toBe('\u2212');
    expect(fmtPct(-0.000001)).toBe('0.00%'); // the Overview drawdown tile at a zero drawdown
    expect(fmtPct(-0.00004)).toBe('0.00%');
    expect(fmtPct(-0.00006)).toBe('\u22120.01%');
    expect(fmtPct(-0.0123)).toBe('\u22121.23%');
    expect(fmtPct(0.0123, 2, true)).toBe('+1.23%');
    expect(fmtPct(-0.058, 1)).toBe('\u22125.8%'); // the cone's price axis: fmtPct(p / 100, 1)
    expect(fmtMoney(-0.004)).toBe('0.00');
    expect(fmtMoney(-48944.34, { sign: true })).toBe('\u221248,944.34');
  });
  it('writes negative quantities with the app minus', () => {
    expect(fmtQty(-25)).toBe('\u221225');
    expect(fmtQty(4.98367)).toBe('4.98367');
    expect(fmtQty(-1200)).toBe('\u22121,200');
    expect(fmtQty(-0.0000001)).toBe('0');
  });
});

describe('one precision per column: compact money is whole units at every magnitude', () => {
  it('rounds small and large values alike', () => {
    expect(fmtMoney(1234.567, { compact: true })).toBe('1,235');
    expect(fmtMoney(123456.78, { compact: true })).toBe('123,457');
    expect(fmtMoney(-82853.23, { sign: true, compact: true })).toBe('\u221282,853');
    expect(fmtMoney(19454.78, { sign: true, compact: true })).toBe('+19,455');
    expect(fmtMoney(-0.3, { sign: true, compact: true })).toBe('0');
  });
});

describe('one compact unit per set of cells', () => {
  it('picks the unit from the largest magnitude', () => {
    expect(usdScale(341_800)).toEqual({ suffix: 'k', div: 1e3, digits: 1 });
    expect(usdScale(2.5e6)).toEqual({ suffix: 'M', div: 1e6, digits: 2 });
    expect(usdScale(999)).toEqual({ suffix: '', div: 1, digits: 0 });
    expect(usdScale(Number.NaN)).toEqual({ suffix: '', div: 1, digits: 0 });
  });
  it('formats every cell in that unit', () => {
    const k = usdScale(225_500);
    expect(fmtScaled(-9170, k)).toBe('\u22129.2k'); // was "−9170" next to "−16.2k"
    expect(fmtScaled(-16_200, k)).toBe('\u221216.2k');
    expect(fmtScaled(12_345, k)).toBe('12.3k');
    expect(fmtScaled(1_234_567, k)).toBe('1,234.6k');
    expect(fmtScaled(0, k)).toBe('0');
    expect(fmtScaled(-40, k)).toBe('0');
    expect(fmtScaled(341_800, k, true)).toBe('+341.8k');
    expect(fmtScaled(-1_234_567, usdScale(2.5e6))).toBe('\u22121.23M');
    expect(fmtScaled(-512.6, usdScale(999))).toBe('\u2212513');
  });
  it('labels both ends of a diverging colour scale in the cells\' unit', () => {
    expect(scaleEnds(225_916, usdScale(225_916)).text).toEqual(['+225.9k', '\u2212225.9k']);
    expect(scaleEnds(0, usdScale(0)).text).toEqual(['+1', '\u22121']); // an all-zero grid still gets a ±1 scale
  });
});

describe('journal payloads rounded for reading', () => {
  it('rounds floats, keeps integers and timestamps', () => {
    expect(roundForDisplay(1439.494578429952)).toBe(1439.49);
    expect(roundForDisplay(0.0123456)).toBe(0.01235);
    expect(roundForDisplay(-0.912345678)).toBe(-0.9123);
    expect(roundForDisplay(1763726218000)).toBe(1763726218000);
    expect(fmtPayload({ equity: 1439.494578429952, n: 3, r: 0.912345678, nested: { x: [2.3456, 2] }, s: 'a', ts: 1763726218000 })).toBe(
      '{"equity":1439.49,"n":3,"r":0.9123,"nested":{"x":[2.35,2]},"s":"a","ts":1763726218000}',
    );
  });
});

describe('axis ages', () => {
  it('labels an age with one unit', () => {
    expect(fmtAge(45_000)).toBe('45s');
    expect(fmtAge(12 * 60_000)).toBe('12m');
    expect(fmtAge(5 * 3_600_000)).toBe('5h');
    expect(fmtAge(47 * 3_600_000)).toBe('47h');
    expect(fmtAge(3 * 86_400_000)).toBe('3d');
    expect(fmtAge(-5)).toBe('0s');
  });
});

describe('report period as ISO dates', () => {
  it('accepts yyyy-mm-dd calendar dates in order and names the field otherwise', () => {
    expect(dateRangeError('2026-11-21', '2026-11-21')).toBeUndefined();
    expect(dateRangeError('2024-02-29', '2024-03-01')).toBeUndefined();
    expect(dateRangeError('11/21/2026', '2026-11-21')).toBe('From: must be a date written yyyy-mm-dd');
    expect(dateRangeError('2026-11-21', '')).toBe('To: must be a date written yyyy-mm-dd');
    expect(dateRangeError('2026-02-30', '2026-03-01')).toBe('From: 2026-02-30 is not a calendar date');
    expect(dateRangeError('2026-11-21', '2026-11-20')).toBe('To: must not be before From (2026-11-21)');
  });
});

describe('hedging gauge labels', () => {
  it('labels 0, half and the maximum only', () => {
    expect([0, 0.025, 0.05, 0.07500000000000001, 0.1].map((v) => gaugeLabel(v, 0.1))).toEqual(['0', '', '0.05', '', '0.1']);
    expect([0, 0.0625, 0.125, 0.1875, 0.25].map((v) => gaugeLabel(v, 0.25))).toEqual(['0', '', '0.125', '', '0.25']);
  });
});
