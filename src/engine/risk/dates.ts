/**
 * Calendar arithmetic on ISO date strings without a clock: the risk library may not use `Date`
 * (it is banned here so nothing can read "now"), and day counts between two given dates need no
 * clock anyway. Days are counted on the proleptic Gregorian calendar, ignoring time zones.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;

/**
 * Day number of an ISO date ("2020-04-17", optionally followed by "T…" or " …" which is ignored):
 * days since 1970-01-01. Uses Howard Hinnant's days_from_civil algorithm.
 * @throws RangeError if the string is not an ISO date or names an impossible day.
 */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`dayNumber: '${date}' is not an ISO date (YYYY-MM-DD)`);
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new RangeError(`dayNumber: '${date}' is not a valid calendar date`);
  }
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Calendar days from `a` to `b` (negative if b is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * Day numbers for a whole date array, with errors naming the caller and the index.
 * @throws RangeError `fn: dates[i] is '…', expected an ISO date (YYYY-MM-DD)`.
 */
export function dayNumbers(dates: readonly string[], fn: string): Int32Array {
  const out = new Int32Array(dates.length);
  for (let i = 0; i < dates.length; i++) {
    try {
      out[i] = dayNumber(dates[i]);
    } catch {
      throw new RangeError(`${fn}: dates[${i}] is '${dates[i]}', expected a valid ISO date (YYYY-MM-DD)`);
    }
  }
  return out;
}
