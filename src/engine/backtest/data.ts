/**
 * Daily OHLC bars for the replay, parsed from the bundled CSV (date,open,high,low,close,…) and the
 * replay clock built on them. Pure: the caller reads the file.
 *
 * Clock: trading day i starts at T0 + i × 86,400,000 ms, T0 = the first date at 00:00 UTC. Weekends
 * and holidays are collapsed (consecutive trading days are exactly 24 h apart), so a control's
 * "24 h" means one trading day, whatever the calendar says. Within a day the replay observes the
 * intraday low at +14:30 and the close at +21:00 (≈ 09:30-16:00 New York), so both fall in the
 * same account day and the day's P&L resets between the close of one day and the next day's marks.
 */

export interface Bar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
}

export const DAY_MS = 86_400_000;
/** Offsets of the two observations inside a replay day. */
export const LOW_OFFSET_MS = 14.5 * 3_600_000;
export const CLOSE_OFFSET_MS = 21 * 3_600_000;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Replay time of day `day`, phase `low` or `close` (module doc). */
export function stepTime(t0: number, day: number, phase: 'low' | 'close'): number {
  return t0 + day * DAY_MS + (phase === 'low' ? LOW_OFFSET_MS : CLOSE_OFFSET_MS);
}

/** 00:00 UTC of an ISO date. */
export function dayStartUtc(date: string): number {
  if (!ISO.test(date)) throw new RangeError(`dayStartUtc: date must be YYYY-MM-DD, got ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/**
 * Parses `date,open,high,low,close[,…]` (header required, columns found by name). Rows must be in
 * strictly ascending date order with finite prices > 0 and low <= min(open, close).
 * @throws RangeError naming the line and field.
 */
export function parseOhlcCsv(text: string): Bar[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new RangeError('parseOhlcCsv: need a header and at least one row');
  const head = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const col = (name: string): number => {
    const i = head.indexOf(name);
    if (i < 0) throw new RangeError(`parseOhlcCsv: header has no "${name}" column`);
    return i;
  };
  const [iDate, iOpen, iHigh, iLow, iClose] = ['date', 'open', 'high', 'low', 'close'].map(col);
  const bars: Bar[] = [];
  for (let n = 1; n < lines.length; n++) {
    const f = lines[n].split(',');
    const num = (i: number, name: string): number => {
      const v = Number(f[i]);
      if (!(Number.isFinite(v) && v > 0))
        throw new RangeError(`parseOhlcCsv: line ${n + 1}: ${name} must be a finite number > 0, got ${f[i]}`);
      return v;
    };
    const date = (f[iDate] ?? '').trim();
    if (!ISO.test(date))
      throw new RangeError(`parseOhlcCsv: line ${n + 1}: date must be YYYY-MM-DD, got ${date}`);
    const bar = {
      date,
      open: num(iOpen, 'open'),
      high: num(iHigh, 'high'),
      low: num(iLow, 'low'),
      close: num(iClose, 'close'),
    };
    if (bar.low > Math.min(bar.open, bar.close) + 1e-9)
      throw new RangeError(`parseOhlcCsv: line ${n + 1}: low ${bar.low} is above open/close`);
    const prev = bars[bars.length - 1];
    if (prev && prev.date >= date)
      throw new RangeError(`parseOhlcCsv: line ${n + 1}: date ${date} is not after ${prev.date}`);
    bars.push(bar);
  }
  return bars;
}

/** Bars from closes alone (tests, synthetic paths): open = previous close, low = min(open, close). */
export function barsFromCloses(closes: readonly number[], firstDate = '2001-01-01'): Bar[] {
  const t0 = dayStartUtc(firstDate);
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1];
    return {
      date: new Date(t0 + i * DAY_MS).toISOString().slice(0, 10),
      open,
      high: Math.max(open, close),
      low: Math.min(open, close),
      close,
    };
  });
}
