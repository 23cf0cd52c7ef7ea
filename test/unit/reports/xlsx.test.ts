import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildTables } from '../../../src/engine/reports/tables';
import { renderXlsx } from '../../../src/engine/reports/xlsx';
import type { Headline, ReportData } from '../../../src/engine/reports/types';
import type { PositionView } from '../../../src/shared/contract/index';

const headline: Headline = { equity: 1_000_000, dailyPnl: -12_500, dailyPnlPct: -0.0123, drawdown: 0.02, highWaterMark: 1_020_000, grossExposure: 400_000, netExposure: 250_000, positions: 1, var95: 20_000, var99: 31_234.56, cvar99: 40_000, riskScore: 42, regime: 'normal', worstStress: -90_000, exceptions: 1, limitBreaches: 1, alerts: 1, preservationEvents: 0 };
const pos: PositionView = { symbol: 'ETH-USDT', kind: 'spot', venue: 'sim', underlying: null, assetClass: 'crypto', sector: null, qty: 10, avgCost: 3000, mark: 3100, marketValue: 31_000, exposure: 31_000, unrealizedPnl: 1000, realizedPnl: 0, pnlPct: 1000 / 30_000, marginUsed: 0, liquidationDistance: null, exitCost: 1.5, stale: false, lastUpdateTs: 0 };
const T = Date.UTC(2026, 10, 20, 9, 15, 0);

function data(): ReportData {
  const tables = buildTables({
    headline,
    positions: [pos],
    risk: null,
    varDays: [{ day: '2026-11-20', var95: 20_000, var99: 31_234.56, pnl: -40_000, exception: true, crossedAt: T }],
    events: [
      { id: 1, ts: T, kind: 'limit.breached', severity: 'critical', source: 'controls', payload: { name: 'grossExposure', value: 1.3, limit: 1.2, utilisation: 1.0833 } },
      { id: 2, ts: T + 1000, kind: 'alert.raised', severity: 'critical', source: 'controls', payload: { message: '=1+1 injected', value: 5, threshold: 3 } },
      { id: 3, ts: T + 2000, kind: 'breaker.overridden', severity: 'critical', source: 'user:ana', payload: { breaker: 'volatility', user: 'ana', reason: 'news priced in', expiresAt: T + 3_600_000 } },
    ],
    preservation: [],
    hedges: null,
  });
  return { from: '2026-11-20', to: '2026-11-20', startMs: Date.UTC(2026, 10, 20), endMs: Date.UTC(2026, 10, 21), generatedAt: T + 60_000, headline, equity: [], drawdown: [], dayLoss: [], varHistory: [], varDays: [], positions: [pos], risk: null, hedgingEnabled: false, tables };
}

describe('XLSX report', () => {
  it('round-trips through exceljs with typed cells, formats and frozen headers', async () => {
    const buf = await renderXlsx(data());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['summary', 'positions', 'risk_metrics', 'var_backtest', 'stress_scenarios', 'exposures', 'greeks', 'limit_breaches', 'alerts', 'overrides', 'preservation', 'hedges']);
    const sum = wb.getWorksheet('summary')!;
    const var99 = sum.getRows(1, sum.rowCount)!.find((r) => r.getCell(1).value === 'VaR 99% 1-day USD')!;
    expect(var99.getCell(2).value).toBe(31_234.56);
    expect(var99.getCell(2).numFmt).toBe('#,##0.00;[Red]-#,##0.00');
    const p = wb.getWorksheet('positions')!;
    expect(p.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(p.getRow(1).values).toContain('P&L %');
    const pnlCol = (p.getRow(1).values as unknown[]).indexOf('P&L %');
    expect(p.getRow(2).getCell(pnlCol).value).toBeCloseTo(1 / 30, 12);
    expect(p.getRow(2).getCell(pnlCol).numFmt).toBe('0.00%');
    // Metrics: the unit column decides the format of the value column row by row.
    const m = wb.getWorksheet('risk_metrics')!;
    const dd = m.getRows(2, m.rowCount - 1)!.find((r) => r.getCell(1).value === 'Drawdown')!;
    expect(dd.getCell(2).value).toBe(0.02);
    expect(dd.getCell(2).numFmt).toBe('0.00%');
    // Times are real dates at the UTC instant; a text starting with "=" is a string, never a formula.
    const a = wb.getWorksheet('alerts')!;
    expect((a.getRow(2).getCell(1).value as Date).getTime()).toBe(T + 1000);
    expect(a.getRow(2).getCell(4).value).toBe('=1+1 injected');
    expect(a.getRow(2).getCell(4).type).toBe(ExcelJS.ValueType.String);
    const o = wb.getWorksheet('overrides')!;
    expect(o.getRow(2).getCell(3).value).toBe('ana');
    expect((o.getRow(2).getCell(6).value as Date).getTime()).toBe(T + 3_600_000);
    const lb = wb.getWorksheet('limit_breaches')!;
    expect(lb.getRow(2).getCell(3).value).toBe('grossExposure');
    expect(lb.getRow(2).getCell(4).value).toBe(1.3);
    // An empty table says why.
    expect(wb.getWorksheet('hedges')!.getRow(2).getCell(1).value).toBe('Hedging not enabled in this build.');
    expect(wb.getWorksheet('var_backtest')!.getRow(2).getCell(5).value).toBe('EXCEPTION');
  });
});
