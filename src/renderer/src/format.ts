/** Formatting shared by every page: tabular, fixed-width, unit-bearing. */
export const pad2 = (n: number): string => String(n).padStart(2, '0');

export function fmtTime(ms: number, utc: boolean): string {
  const d = new Date(ms);
  return utc
    ? `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
    : `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

export function fmtDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${fmtTime(ms, true)}`;
}

export function fmtDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${pad2(m)}m ${pad2(s % 60)}s` : `${m}m ${pad2(s % 60)}s`;
}

/** An age as a short axis label: 45s, 12m, 5h (up to 2 days), 3d. */
export function fmtAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 2 * 86_400) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export const fmtInt = (n: number): string => n.toLocaleString('en-US');

const moneyFmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The app's minus sign (U+2212): it has the width of a digit and of "+", so signed columns align. */
export const MINUS = '\u2212';

/** Sign for a formatted magnitude: none when the number rounds to zero, so no "−0.00" appears. */
function signOf(n: number, body: string, plus: boolean | undefined): string {
  if (!/[1-9]/.test(body)) return '';
  return n < 0 ? MINUS : plus && n > 0 ? '+' : '';
}

/**
 * Money in the account currency: thousands separators, explicit sign when asked.
 * `compact`: whole units for every value (table columns and tiles keep one precision whatever the
 * magnitude); otherwise 2 decimals.
 */
export function fmtMoney(n: number, opts: { sign?: boolean; compact?: boolean } = {}): string {
  if (!Number.isFinite(n)) return '—';
  const body = opts.compact ? money0.format(Math.abs(n)) : moneyFmt.format(Math.abs(n));
  return `${signOf(n, body, opts.sign)}${body}`;
}

export function fmtPct(x: number, digits = 2, sign = false): string {
  if (!Number.isFinite(x)) return '—';
  const body = Math.abs(x * 100).toFixed(digits);
  return `${signOf(x, body, sign)}${body}%`;
}

/** A price with precision that follows its magnitude (0.31245, 3,412.55, 97,012.4). */
export function fmtPrice(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  const a = Math.abs(p);
  const d = a >= 10_000 ? 1 : a >= 100 ? 2 : a >= 1 ? 3 : 5;
  return priceFmt(d).format(p);
}

// Number#toLocaleString with options builds a new Intl.NumberFormat on every call (~30 µs): with
// 500 positions at 4 Hz that alone was ~50 ms per table render, so the formatters are built once.
const priceFmts = new Map<number, Intl.NumberFormat>();
function priceFmt(d: number): Intl.NumberFormat {
  let f = priceFmts.get(d);
  if (!f) priceFmts.set(d, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })));
  return f;
}
const qtyFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** Quantity as given (up to 6 decimals), negative with the app's minus. */
export function fmtQty(q: number): string {
  if (!Number.isFinite(q)) return '—';
  const body = qtyFmt.format(Math.abs(q));
  return `${signOf(q, body, false)}${body}`;
}

export const pnlClass = (n: number): string => (n > 0 ? 'pos' : n < 0 ? 'neg' : '');

/** A compact unit for a set of USD amounts shown side by side (grid cells, a scale's ends). */
export interface UsdScale {
  suffix: '' | 'k' | 'M' | 'B';
  div: number;
  digits: number;
}

/**
 * One unit for every value of a set, chosen from its largest magnitude, so neighbouring cells never
 * mix "−9170" and "−16.2k": whole USD below 1,000, k with 1 decimal, M and B with 2.
 */
export function usdScale(maxAbs: number): UsdScale {
  const a = Number.isFinite(maxAbs) ? Math.abs(maxAbs) : 0;
  if (a >= 1e9) return { suffix: 'B', div: 1e9, digits: 2 };
  if (a >= 1e6) return { suffix: 'M', div: 1e6, digits: 2 };
  if (a >= 1e3) return { suffix: 'k', div: 1e3, digits: 1 };
  return { suffix: '', div: 1, digits: 0 };
}

/** An amount in a UsdScale: "−9.2k", "341.8k", "0" (a value that rounds to zero has no sign or unit). */
export function fmtScaled(n: number, s: UsdScale, plus = false): string {
  if (!Number.isFinite(n)) return '—';
  const body = priceFmt(s.digits).format(Math.abs(n) / s.div);
  if (!/[1-9]/.test(body)) return '0';
  return `${signOf(n, body, plus)}${body}${s.suffix}`;
}

/** A number for reading, not for computing: 2 decimals from 1 up, 4 significant digits below 1. */
export function roundForDisplay(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  return Math.abs(x) >= 1 ? Number(x.toFixed(2)) : Number(x.toPrecision(4));
}

/** A journal payload as one line of JSON with its floats rounded for display (integers, ids and
 * timestamps unchanged); the raw payload stays available to callers for a tooltip. */
export function fmtPayload(payload: unknown): string {
  return JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'number' ? roundForDisplay(v) : v)) ?? '';
}
