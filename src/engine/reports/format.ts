/**
 * Number and time formatting for the report (PDF text; XLSX number formats mirror it). ASCII only:
 * the PDF uses the standard Helvetica font, whose encoding has no U+2212 minus sign.
 */
import type { Cell, Column, ColumnKind } from './types';

const money2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** USD with thousands separators: 2 decimals below 1 million, whole dollars above. */
export function fmtUsd(n: number): string {
  return Math.abs(n) >= 1_000_000 ? money0.format(n) : money2.format(n);
}

/** A short form for chart axes: 1.2M, 350k, 12. */
export function fmtUsdShort(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(a >= 1e10 ? 0 : 1)}B`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(a >= 1e4 ? 0 : 1)}k`;
  return n.toFixed(a >= 10 || a === 0 ? 0 : 1);
}

export const fmtPct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)}%`;

export function fmtPrice(p: number): string {
  const a = Math.abs(p);
  const d = a >= 10_000 ? 1 : a >= 100 ? 2 : a >= 1 ? 3 : 5;
  return p.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** Quantities: 4 decimals at or above 1, 6 below (the XLSX/CSV keep full precision). */
export function fmtQty(q: number): string {
  const a = Math.abs(q);
  return q.toLocaleString('en-US', { maximumFractionDigits: a >= 1000 ? 2 : a >= 1 ? 4 : 6 });
}

/** `YYYY-MM-DD HH:MM:SS` UTC. */
export const fmtUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** A `num` column whose row carries `unit` ('USD' or 'fraction') is shown as money or a percentage. */
export function cellKind(col: Column, row: Record<string, Cell>): ColumnKind {
  if (col.kind !== 'num') return col.kind;
  if (row.unit === 'USD') return 'usd';
  if (row.unit === 'fraction') return 'pct';
  return 'num';
}

export function fmtCell(v: Cell, kind: ColumnKind): string {
  if (v === null || v === '') return '';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '';
  switch (kind) {
    case 'usd':
      return fmtUsd(v);
    case 'pct':
      return fmtPct(v);
    case 'price':
      return fmtPrice(v);
    case 'qty':
      return fmtQty(v);
    case 'int':
      return money0.format(v);
    case 'time':
      return fmtUtc(v);
    case 'day':
      return new Date(v).toISOString().slice(0, 10);
    case 'num':
      return Math.abs(v) >= 1000 ? money2.format(v) : Number(v.toPrecision(4)).toString();
    case 'text':
      return String(v);
  }
}

/** Right-aligned in the PDF: numbers. Text, days and times read left to right. */
export const isNumericKind = (k: ColumnKind): boolean => k !== 'text' && k !== 'day' && k !== 'time';
