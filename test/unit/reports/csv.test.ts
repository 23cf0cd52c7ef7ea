import { describe, expect, it } from 'vitest';
import { csvField, guardFormula, renderCsv } from '../../../src/engine/reports/csv';
import type { Table } from '../../../src/engine/reports/types';

describe('CSV quoting (RFC 4180)', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('')).toBe('');
  });
});

describe('formula-injection guard', () => {
  it('prefixes text a spreadsheet would evaluate with an apostrophe', () => {
    expect(guardFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(guardFormula('+1+2')).toBe("'+1+2");
    expect(guardFormula('-2+3')).toBe("'-2+3");
    expect(guardFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardFormula('\tcmd')).toBe("'\tcmd");
    expect(guardFormula('BTC-USDT')).toBe('BTC-USDT');
    expect(guardFormula('a=b')).toBe('a=b');
  });
});

describe('renderCsv', () => {
  const tables: Table[] = [
    {
      name: 'positions',
      title: 'Positions',
      columns: [
        { key: 'symbol', header: 'Symbol', kind: 'text' },
        { key: 'exposure', header: 'Exposure USD', kind: 'usd' },
        { key: 'pnl_pct', header: 'P&L %', kind: 'pct' },
      ],
      rows: [
        { symbol: 'BTC-USDT', exposure: 283_500.125, pnl_pct: -0.05 },
        { symbol: '=cmd|"/c calc"!A1', exposure: -1e-7, pnl_pct: null },
      ],
    },
    {
      name: 'alerts',
      title: 'Alerts',
      columns: [
        { key: 'ts', header: 'Time (UTC)', kind: 'time' },
        { key: 'message', header: 'Message', kind: 'text' },
        { key: 'exposure', header: 'Exposure USD', kind: 'usd' },
      ],
      rows: [{ ts: Date.UTC(2026, 10, 20, 12, 0, 1), message: 'VaR, 99%', exposure: Number.NaN }],
    },
  ];

  it('writes one file: a table column, the union of columns with units, raw numbers, CRLF', () => {
    const out = renderCsv(tables);
    expect(out.split('\r\n')).toEqual([
      'table,symbol,exposure_usd,pnl_pct_fraction,ts_utc,message',
      'positions,BTC-USDT,283500.125,-0.05,,',
      `positions,"'=cmd|""/c calc""!A1",-1e-7,,,`,
      'alerts,,,,2026-11-20T12:00:01.000Z,"VaR, 99%"',
      '',
    ]);
  });
});
