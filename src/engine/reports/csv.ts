/**
 * CSV: one file per report holding every table, one record per line, with a leading `table` column
 * naming the table and the union of all tables' columns after it (a column a table does not have is
 * empty). Filter on `table` to get one table back. RFC 4180: CRLF line ends, fields with a comma,
 * quote, CR or LF are quoted with quotes doubled. Numbers are raw (full precision, `.` decimal, no
 * separators); times are ISO 8601 UTC. Text cells that a spreadsheet would read as a formula
 * (starting with = + - @, tab or CR) get a leading apostrophe (OWASP CSV-injection guidance).
 */
import type { Cell, Column, Table } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a text cell a spreadsheet would evaluate. */
export function guardFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** One RFC 4180 field. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cellText(v: Cell, col: Column): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    if (col.kind === 'time') return new Date(v).toISOString();
    return String(v);
  }
  return guardFormula(v);
}

/** Column header in the CSV: the column key plus its unit, so the numbers are self-describing. */
function csvHeader(c: Column): string {
  if (c.kind === 'usd') return c.key.endsWith('_usd') ? c.key : `${c.key}_usd`;
  if (c.kind === 'pct') return `${c.key}_fraction`;
  if (c.kind === 'time') return `${c.key}_utc`;
  return c.key;
}

export function renderCsv(tables: Table[]): string {
  const cols: Column[] = [];
  const seen = new Map<string, Column>();
  for (const t of tables) {
    for (const c of t.columns) {
      const h = csvHeader(c);
      if (!seen.has(h)) {
        seen.set(h, c);
        cols.push(c);
      }
    }
  }
  const headers = cols.map(csvHeader);
  const lines = [['table', ...headers].map(csvField).join(',')];
  for (const t of tables) {
    const own = new Map(t.columns.map((c) => [csvHeader(c), c]));
    for (const row of t.rows) {
      const fields = [t.name];
      for (const h of headers) {
        const c = own.get(h);
        fields.push(c ? cellText(row[c.key] ?? null, c) : '');
      }
      lines.push(fields.map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
