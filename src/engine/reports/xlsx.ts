/**
 * XLSX: a Summary sheet (period, generation time, headline figures) and one sheet per table. Numbers
 * are typed numeric cells with number formats (USD #,##0.00; fractions as 0.00%); times are Excel
 * dates in UTC; header rows are frozen and auto-filtered; text cells are written as strings, so a cell
 * starting with "=" is never evaluated as a formula.
 */
import ExcelJS from 'exceljs';
import { cellKind, fmtUtc } from './format';
import type { Cell, ColumnKind, ReportData, Table } from './types';

const NUM_FMT: Record<ColumnKind, string | undefined> = {
  usd: '#,##0.00;[Red]-#,##0.00',
  pct: '0.00%',
  num: '#,##0.####',
  int: '#,##0',
  price: '#,##0.#####',
  qty: '#,##0.######',
  time: 'yyyy-mm-dd hh:mm:ss',
  day: undefined,
  text: undefined,
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F2A3C' } };

function xlValue(v: Cell, kind: ColumnKind): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return null;
  // Excel dates carry no zone; writing the UTC instant as a Date keeps the UTC wall time exceljs stores.
  return kind === 'time' ? new Date(v) : v;
}

function addTableSheet(wb: ExcelJS.Workbook, t: Table): void {
  const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(10, Math.min(48, c.header.length + 4, c.kind === 'text' ? 24 : 18)),
  }));
  const head = ws.getRow(1);
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.fill = HEADER_FILL;
  head.alignment = { vertical: 'middle' };
  for (const row of t.rows) {
    const r = ws.addRow(t.columns.map((c) => xlValue(row[c.key] ?? null, cellKind(c, row))));
    t.columns.forEach((c, i) => {
      const fmt = NUM_FMT[cellKind(c, row)];
      if (fmt) r.getCell(i + 1).numFmt = fmt;
    });
  }
  if (t.rows.length === 0 && t.emptyNote) ws.addRow([t.emptyNote]);
  if (t.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
  // Text columns as wide as their longest value (bounded), so symbols and messages are readable.
  t.columns.forEach((c, i) => {
    if (c.kind !== 'text') return;
    let w = c.header.length + 2;
    for (const row of t.rows) w = Math.max(w, String(row[c.key] ?? '').length + 2);
    ws.getColumn(i + 1).width = Math.min(60, Math.max(10, w));
  });
}

function addSummary(wb: ExcelJS.Workbook, d: ReportData): void {
  const ws = wb.addWorksheet('summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Item', key: 'item', width: 30 },
    { header: 'Value', key: 'value', width: 22 },
  ];
  ws.getRow(1).font = { bold: true, color: { argb: 'FFFFFFFF' } };
  ws.getRow(1).fill = HEADER_FILL;
  const h = d.headline;
  const rows: [string, number | string | null, ColumnKind][] = [
    ['Period from (UTC day)', d.from, 'text'],
    ['Period to (UTC day, inclusive)', d.to, 'text'],
    ['Generated (UTC)', fmtUtc(d.generatedAt), 'text'],
    ['Equity USD', h.equity, 'usd'],
    ['Daily P&L USD', h.dailyPnl, 'usd'],
    ['Daily P&L %', h.dailyPnlPct, 'pct'],
    ['Drawdown', h.drawdown, 'pct'],
    ['Gross exposure USD', h.grossExposure, 'usd'],
    ['Net exposure USD', h.netExposure, 'usd'],
    ['VaR 95% 1-day USD', h.var95, 'usd'],
    ['VaR 99% 1-day USD', h.var99, 'usd'],
    ['CVaR 99% 1-day USD', h.cvar99, 'usd'],
    ['Worst stress P&L USD', h.worstStress, 'usd'],
    ['Positions', h.positions, 'int'],
    ['VaR exceptions', h.exceptions, 'int'],
    ['Limit breaches / breaker trips', h.limitBreaches, 'int'],
    ['Alerts raised', h.alerts, 'int'],
    ['Preservation events', h.preservationEvents, 'int'],
  ];
  for (const [item, v, kind] of rows) {
    const r = ws.addRow([item, v]);
    const fmt = NUM_FMT[kind];
    if (fmt) r.getCell(2).numFmt = fmt;
  }
}

export async function renderXlsx(d: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bulwark';
  wb.created = new Date(d.generatedAt);
  addSummary(wb, d);
  for (const t of d.tables) addTableSheet(wb, t);
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf);
}
