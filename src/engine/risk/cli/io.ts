/**
 * CSV input for the risk CLI.
 *
 * Format: comma-separated, first line is the header, one row per observation in chronological
 * order. Fields may be double-quoted ("" escapes a quote); quoted fields may not span lines.
 * Blank lines are skipped. Column names are matched case-insensitively after trimming, so
 * `--price-column close` finds "Close" or "CLOSE". Numbers are plain decimals (optionally with an
 * exponent): "1,234.5", "$10" or "" are rejected with the line number and column, never coerced.
 *
 * Every error is a CliError naming the file, the 1-based line number in the file (the header is normally line 1) and
 * the column, so the CLI can print it as its one-line diagnostic.
 */
import { readFileSync } from 'node:fs';
import { CliError } from './types';

export interface PriceCsv {
  /** Dates as written in the file; empty when the file has no date column. */
  dates: string[];
  prices: Float64Array;
}

export interface MultiPriceCsv {
  dates: string[];
  /** Price column names as written in the header. */
  columns: string[];
  prices: Float64Array[];
}

interface Row {
  line: number;
  cells: string[];
}

interface Table {
  header: string[];
  headerLine: number;
  rows: Row[];
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function splitCsvLine(text: string, file: string, line: number): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new CliError(`${file}: line ${line}: unterminated quoted field`);
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += ch;
        i++;
      }
      if (i < text.length && text[i] !== ',')
        throw new CliError(`${file}: line ${line}: text after a closing quote`);
    } else {
      const end = text.indexOf(',', i);
      cell = end < 0 ? text.slice(i) : text.slice(i, end);
      i = end < 0 ? text.length : end;
    }
    cells.push(cell.trim());
    if (i >= text.length) return cells;
    i++; // skip the comma
  }
}

function readTable(path: string): Table {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: cannot read file${code ? ` (${code})` : ''}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // UTF-8 BOM from spreadsheet exports
  const lines = text.split(/\r?\n/);
  const headerIdx = lines.findIndex((l) => l.trim() !== '');
  if (headerIdx < 0) throw new CliError(`${path}: file is empty`);
  const header = splitCsvLine(lines[headerIdx], path, headerIdx + 1);
  const rows: Row[] = [];
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '') continue;
    const cells = splitCsvLine(l, path, i + 1);
    if (cells.length !== header.length) {
      throw new CliError(
        `${path}: line ${i + 1}: expected ${header.length} fields like the header, found ${cells.length}`,
      );
    }
    rows.push({ line: i + 1, cells });
  }
  return { header, headerLine: headerIdx + 1, rows };
}

function findColumn(table: Table, name: string, path: string): number {
  const want = name.trim().toLowerCase();
  const idx = table.header.findIndex((h) => h.toLowerCase() === want);
  if (idx < 0) {
    throw new CliError(
      `${path}: line ${table.headerLine}: no column '${name}' (columns: ${table.header.join(', ')})`,
    );
  }
  return idx;
}

function parsePrice(cell: string, path: string, line: number, column: string): number {
  if (cell === '')
    throw new CliError(`${path}: line ${line}, column '${column}': empty cell where a price belongs`);
  if (!NUMBER.test(cell))
    throw new CliError(`${path}: line ${line}, column '${column}': '${cell}' is not a number`);
  const v = Number(cell);
  if (!Number.isFinite(v))
    throw new CliError(`${path}: line ${line}, column '${column}': '${cell}' is not a finite number`);
  if (v <= 0) throw new CliError(`${path}: line ${line}, column '${column}': price ${cell} must be > 0`);
  return v;
}

function readDates(table: Table, idx: number, path: string): string[] {
  const column = table.header[idx];
  const dates = table.rows.map((r) => {
    const d = r.cells[idx];
    if (d === '') throw new CliError(`${path}: line ${r.line}, column '${column}': empty date`);
    return d;
  });
  // ISO dates sort as strings; out-of-order rows would silently corrupt every return.
  const iso = /^\d{4}-\d{2}-\d{2}/;
  if (dates.every((d) => iso.test(d))) {
    for (let i = 1; i < dates.length; i++) {
      if (dates[i] <= dates[i - 1]) {
        throw new CliError(
          `${path}: line ${table.rows[i].line}, column '${column}': date ${dates[i]} is not after ${dates[i - 1]} (rows must be in ascending date order)`,
        );
      }
    }
  }
  return dates;
}

/** The date column: the one named, else a column called "date" if present, else none. */
function dateColumnIndex(table: Table, dateColumn: string | undefined, path: string): number {
  if (dateColumn !== undefined) return findColumn(table, dateColumn, path);
  return table.header.findIndex((h) => h.toLowerCase() === 'date');
}

function checkRowCount(table: Table, path: string): void {
  if (table.rows.length < 2) {
    throw new CliError(`${path}: needs at least 2 data rows (one return), found ${table.rows.length}`);
  }
}

/**
 * Reads one price column (and the date column, if any) from a CSV file.
 * @throws CliError on an unreadable file, a missing column, a malformed row, a cell that is not a
 *   positive number, fewer than 2 rows, or (ISO dates) rows out of date order.
 */
export function readPriceCsv(path: string, opts: { priceColumn: string; dateColumn?: string }): PriceCsv {
  const table = readTable(path);
  const pIdx = findColumn(table, opts.priceColumn, path);
  const dIdx = dateColumnIndex(table, opts.dateColumn, path);
  checkRowCount(table, path);
  const column = table.header[pIdx];
  const prices = new Float64Array(table.rows.length);
  table.rows.forEach((r, i) => {
    prices[i] = parsePrice(r.cells[pIdx], path, r.line, column);
  });
  return { dates: dIdx >= 0 ? readDates(table, dIdx, path) : [], prices };
}

/**
 * Reads every non-date column as a price series (e.g. one column per asset).
 * @throws CliError as readPriceCsv, or if there is no price column.
 */
export function readMultiPriceCsv(path: string, opts: { dateColumn?: string } = {}): MultiPriceCsv {
  const table = readTable(path);
  const dIdx = dateColumnIndex(table, opts.dateColumn, path);
  checkRowCount(table, path);
  const cols = table.header.map((_, i) => i).filter((i) => i !== dIdx);
  if (cols.length === 0)
    throw new CliError(`${path}: line ${table.headerLine}: no price columns besides the date column`);
  const prices = cols.map((c) => {
    const column = table.header[c];
    const out = new Float64Array(table.rows.length);
    table.rows.forEach((r, i) => {
      out[i] = parsePrice(r.cells[c], path, r.line, column);
    });
    return out;
  });
  return {
    dates: dIdx >= 0 ? readDates(table, dIdx, path) : [],
    columns: cols.map((c) => table.header[c]),
    prices,
  };
}
