import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/engine/risk/cli/main';
import { readMultiPriceCsv, readPriceCsv } from '../../../src/engine/risk/cli/io';
import { parseFlags } from '../../../src/engine/risk/cli/args';
import { commands } from '../../../src/engine/risk/cli/commands/index';

/** expect.closeTo typed as a number so it can sit inside toEqual objects without `any`. */
const near = (v: number, digits: number): number => expect.closeTo(v, digits) as number;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SP = join(root, 'resources/data/sp500-2000.csv');
let dir = '';

function run(argv: string[]): { code: number; out: string; err: string } {
  let out = '',
    err = '';
  const code = runCli(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

function csv(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Exit code 2 and exactly one line on stderr matching `re`. */
function expectBadInput(argv: string[], re: RegExp): void {
  const r = run(argv);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(re);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-risk-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('metrics on the bundled S&P 500 file', () => {
  it('has exactly the documented keys and sane values', () => {
    const r = run(['metrics', '--input', SP, '--price-column', 'close']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const m = JSON.parse(r.out) as Record<string, unknown> & {
      n: number;
      historical: Record<string, { var: number; cvar: number }>;
      parametric: Record<string, { var: number; cvar: number }>;
      cornishFisher: Record<string, { var: number }>;
      garch: Record<string, number>;
      drawdown: Record<string, unknown>;
    };
    expect(Object.keys(m).sort()).toEqual(
      [
        'cagr',
        'calmar',
        'cornishFisher',
        'drawdown',
        'ewmaVol',
        'garch',
        'historical',
        'n',
        'parametric',
        'quantileMethod',
        'sharpe',
        'sortino',
      ].sort(),
    );
    expect(m.n).toBe(5105 - 1); // 5,105 price rows
    expect(m.quantileMethod).toBe('linear');
    for (const k of ['historical', 'parametric'] as const) {
      expect(Object.keys(m[k])).toEqual(['0.95', '0.99']);
      expect(m[k]['0.99'].var).toBeGreaterThan(m[k]['0.95'].var);
      expect(m[k]['0.95'].var).toBeGreaterThan(0);
      expect(m[k]['0.95'].cvar).toBeGreaterThan(m[k]['0.95'].var);
    }
    expect(m.cornishFisher['0.99'].var).toBeGreaterThan(m.cornishFisher['0.95'].var);
    expect(Object.keys(m.garch).sort()).toEqual(['alpha', 'beta', 'logLik', 'nextVariance', 'omega']);
    expect(m.garch.alpha + m.garch.beta).toBeLessThan(1);
    expect(m.drawdown).toEqual({
      max: near(0.5677538775030553, 12),
      peakDate: '2007-10-09',
      troughDate: '2009-03-09',
      recoveryDate: '2013-03-28',
      longestDays: 2623,
    });
  });

  it('honours --confidence, --quantile and --periods-per-year; matches column names case-insensitively', () => {
    const r = run([
      'metrics',
      '--input',
      SP,
      '--price-column',
      'CLOSE',
      '--date-column',
      'Date',
      '--confidence',
      '0.9,0.975',
      '--quantile',
      'lower',
      '--periods-per-year',
      '365',
    ]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out) as {
      quantileMethod: string;
      historical: Record<string, unknown>;
      sharpe: number;
    };
    expect(m.quantileMethod).toBe('lower');
    expect(Object.keys(m.historical)).toEqual(['0.9', '0.975']);
    const base = JSON.parse(run(['metrics', '--input', SP, '--price-column', 'close']).out) as {
      sharpe: number;
    };
    expect(m.sharpe / base.sharpe).toBeCloseTo(Math.sqrt(365 / 252), 12);
  });

  it('without a date column the date fields are null', () => {
    const lines = [
      'close',
      ...Array.from({ length: 150 }, (_, i) => String(100 + Math.sin(i) * 5 + i * 0.1)),
    ];
    const r = run(['metrics', '--input', csv('nodate.csv', lines.join('\n')), '--price-column', 'close']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out) as { drawdown: { peakDate: unknown; longestDays: unknown } };
    expect(m.drawdown.peakDate).toBeNull();
    expect(m.drawdown.longestDays).toBeNull();
  });
});

describe('backtest-var on the bundled S&P 500 file', () => {
  it('reports exceptions, tests and zone (numbers cross-checked with numpy/scipy)', () => {
    const r = run([
      'backtest-var',
      '--input',
      SP,
      '--price-column',
      'close',
      '--window',
      '250',
      '--confidence',
      '0.99',
    ]);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(b)).toEqual(['n', 'exceptions', 'expected', 'kupiec', 'christoffersen', 'zone']);
    expect(b).toEqual({
      n: 5104 - 250,
      exceptions: 84,
      expected: 48.54,
      kupiec: { lr: near(21.478313662255573, 9), p: near(3.578528469601595e-6, 14) },
      christoffersen: { lr: near(11.679781989723551, 9), p: near(0.0006318293615752436, 14) },
      zone: 'red',
    });
  });

  it('lower quantile method gives fewer exceptions', () => {
    const b = JSON.parse(
      run(['backtest-var', '--input', SP, '--price-column', 'close', '--quantile', 'lower']).out,
    ) as { exceptions: number; zone: string };
    expect(b.exceptions).toBe(70);
    expect(b.zone).toBe('yellow');
  });
});

describe('bad input: exit 2 and one line on stderr', () => {
  it('missing column names the column and lists the header', () => {
    expectBadInput(
      ['metrics', '--input', SP, '--price-column', 'price'],
      /line 1: no column 'price' \(columns: date, open, high, low, close, adjclose, volume\)/,
    );
  });

  it('text in a number cell names the line and column', () => {
    const p = csv('text.csv', 'date,close\n2020-01-01,100\n2020-01-02,101\n2020-01-03,n/a\n');
    expectBadInput(
      ['metrics', '--input', p, '--price-column', 'close'],
      /text\.csv: line 4, column 'close': 'n\/a' is not a number/,
    );
    expectBadInput(['backtest-var', '--input', p, '--price-column', 'close'], /line 4, column 'close'/);
  });

  it('price <= 0 and empty cells name the line', () => {
    expectBadInput(
      [
        'metrics',
        '--input',
        csv('zero.csv', 'date,close\n2020-01-01,100\n2020-01-02,0\n'),
        '--price-column',
        'close',
      ],
      /line 3, column 'close': price 0 must be > 0/,
    );
    expectBadInput(
      [
        'metrics',
        '--input',
        csv('neg.csv', 'date,close\n2020-01-01,-5\n2020-01-02,1\n'),
        '--price-column',
        'close',
      ],
      /line 2, column 'close': price -5 must be > 0/,
    );
    expectBadInput(
      [
        'metrics',
        '--input',
        csv('empty.csv', 'date,close\n2020-01-01,\n2020-01-02,1\n'),
        '--price-column',
        'close',
      ],
      /line 2, column 'close': empty cell/,
    );
  });

  it('too few rows, ragged rows, out-of-order dates, unreadable file', () => {
    expectBadInput(
      ['metrics', '--input', csv('one.csv', 'date,close\n2020-01-01,100\n'), '--price-column', 'close'],
      /needs at least 2 data rows/,
    );
    const short = ['close', ...Array.from({ length: 50 }, (_, i) => String(100 + i))];
    expectBadInput(
      ['metrics', '--input', csv('short.csv', short.join('\n')), '--price-column', 'close'],
      /metrics needs at least 101 price rows \(for the GARCH fit\), found 50/,
    );
    expectBadInput(
      [
        'metrics',
        '--input',
        csv('ragged.csv', 'date,close\n2020-01-01,100\n2020-01-02\n'),
        '--price-column',
        'close',
      ],
      /line 3: expected 2 fields like the header, found 1/,
    );
    expectBadInput(
      [
        'metrics',
        '--input',
        csv('order.csv', 'date,close\n2020-01-02,100\n2020-01-01,101\n'),
        '--price-column',
        'close',
      ],
      /line 3, column 'date': date 2020-01-01 is not after 2020-01-02/,
    );
    expectBadInput(
      ['metrics', '--input', join(dir, 'nope.csv'), '--price-column', 'close'],
      /nope\.csv: cannot read file \(ENOENT\)/,
    );
  });

  it('flag errors', () => {
    expectBadInput(['metrics', '--price-column', 'close'], /missing required flag --input/);
    expectBadInput(
      ['metrics', '--input', SP, '--price-column', 'close', '--confidance', '0.9'],
      /unknown flag --confidance/,
    );
    expectBadInput(
      ['metrics', '--input', SP, '--price-column', 'close', '--confidence', '0.95,1.2'],
      /--confidence: 1\.2 must be strictly between 0 and 1/,
    );
    expectBadInput(
      ['metrics', '--input', SP, '--price-column', 'close', '--quantile', 'nearest'],
      /--quantile: 'nearest' is not one of linear, lower/,
    );
    expectBadInput(
      ['backtest-var', '--input', SP, '--price-column', 'close', '--window', '2.5'],
      /--window: '2\.5' must be a whole number/,
    );
    expectBadInput(
      ['backtest-var', '--input', SP, '--price-column', 'close', '--window', '6000'],
      /--window 6000 needs more than 6000 returns, the file gives 5104/,
    );
    expectBadInput(['metrics', '--input'], /flag --input needs a value/);
    expectBadInput(['frobnicate'], /unknown command 'frobnicate' \(commands: metrics, backtest-var/);
    expectBadInput([], /no command given/);
  });

  it('--help prints usage and exits 0', () => {
    const r = run(['metrics', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('metrics --input F.csv --price-column close');
    expect(run(['--help']).out).toContain('backtest-var');
  });
});

describe('CSV reader', () => {
  it('handles quotes, CRLF, a BOM, blank lines and case-insensitive headers', () => {
    const p = csv(
      'quoted.csv',
      '\uFEFF"Date","Close Price"\r\n"2020-01-01","100.5"\r\n\r\n2020-01-02,1e2\r\n',
    );
    expect(readPriceCsv(p, { priceColumn: 'close price' })).toEqual({
      dates: ['2020-01-01', '2020-01-02'],
      prices: Float64Array.from([100.5, 100]),
    });
  });

  it('rejects thousands separators and currency signs instead of coercing them', () => {
    const p = csv('fmt.csv', 'date,close\n2020-01-01,"1,234.5"\n2020-01-02,$10\n');
    expect(() => readPriceCsv(p, { priceColumn: 'close' })).toThrow(
      /line 2, column 'close': '1,234.5' is not a number/,
    );
  });

  it('reads every non-date column as a price series', () => {
    const p = csv('multi.csv', 'date,AAA,BBB\n2020-01-01,10,20\n2020-01-02,11,19\n');
    const m = readMultiPriceCsv(p);
    expect(m.columns).toEqual(['AAA', 'BBB']);
    expect(m.dates).toEqual(['2020-01-01', '2020-01-02']);
    expect(m.prices).toEqual([Float64Array.from([10, 11]), Float64Array.from([20, 19])]);
    expect(() =>
      readMultiPriceCsv(csv('multi-bad.csv', 'date,AAA,BBB\n2020-01-01,10,20\n2020-01-02,11,x\n')),
    ).toThrow(/line 3, column 'BBB': 'x' is not a number/);
    expect(() => readMultiPriceCsv(p, { dateColumn: 'when' })).toThrow(/no column 'when'/);
  });

  it('flag parser accepts --name=value and rejects repeats and positionals', () => {
    expect(parseFlags(['--a=1', '--b', '2'], { a: {}, b: {}, c: { default: 'x' } })).toEqual({
      a: '1',
      b: '2',
      c: 'x',
    });
    expect(() => parseFlags(['--a', '1', '--a', '2'], { a: {} })).toThrow(/given more than once/);
    expect(() => parseFlags(['oops'], { a: {} })).toThrow(/unexpected argument 'oops'/);
  });

  it('the command registry is a plain array of uniquely named commands', () => {
    expect(Array.isArray(commands)).toBe(true);
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['metrics', 'backtest-var']));
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
  });
});

describe('the real entry point (spawned through tsx)', () => {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const main = join(root, 'src/engine/risk/cli/main.ts');

  it('prints JSON on stdout and exits 0', () => {
    const r = spawnSync(tsx, [main, 'metrics', '--input', SP, '--price-column', 'close'], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { n: number }).n).toBe(5104);
  });

  it('exits 2 with one stderr line on bad input', () => {
    const p = csv('spawn-bad.csv', 'date,close\n2020-01-01,100\n2020-01-02,abc\n');
    const r = spawnSync(tsx, [main, 'metrics', '--input', p, '--price-column', 'close'], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^bulwark-risk: .*spawn-bad\.csv: line 3, column 'close': 'abc' is not a number$/,
    );
  });
});
