import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/engine/risk/cli/main';
import { commands } from '../../../src/engine/risk/cli/commands/index';
import { bsmGreeks } from '../../../src/engine/risk/options';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-risk-b-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

function run(argv: string[]): { code: number; json: unknown; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, json: code === 0 ? (JSON.parse(out) as unknown) : null, err };
}

function bad(argv: string[], re: RegExp): void {
  const r = run(argv);
  expect(r.code).toBe(2);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(re);
}

const hullCall = {
  type: 'call',
  strike: 40,
  expiryYears: 0.5,
  spot: 42,
  vol: 0.2,
  rate: 0.1,
  qty: 2,
  multiplier: 100,
};
const book = [
  hullCall,
  { type: 'put', strike: 40, expiryYears: 0.5, spot: 42, vol: 0.2, rate: 0.1, qty: -1, multiplier: 100 },
  { type: 'linear', spot: 42, qty: -100, id: 'stock', underlying: 'XYZ' },
];

describe('registry', () => {
  it('lists the part-B commands', () => {
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['greeks', 'risk-parity', 'stress']));
  });
});

describe('greeks', () => {
  it('per position and total, with units', () => {
    const r = run([
      'greeks',
      '--book',
      file('book.json', book),
      '--by',
      'underlying',
      '--benchmark-spot',
      '420',
    ]);
    expect(r.code).toBe(0);
    const j = r.json as {
      units: Record<string, string>;
      positions: { id: string; price: number; value: number; delta: number; theta: number; vega: number }[];
      total: { value: number; delta: number };
      groups: unknown[];
      betaWeightedDelta: { benchmarkUnits: number };
    };
    expect(j.units.theta).toMatch(/per calendar day/);
    expect(j.units.vega).toMatch(/1 volatility point/);
    const g = bsmGreeks({ type: 'call', spot: 42, strike: 40, expiry: 0.5, rate: 0.1, carry: 0.1, vol: 0.2 });
    expect(j.positions[0].id).toBe('#0');
    expect(j.positions[0].price).toBeCloseTo(4.7594, 4); // Hull
    expect(j.positions[0].value).toBeCloseTo(200 * g.price, 9);
    expect(j.positions[0].theta).toBeCloseTo((200 * g.theta) / 365, 9);
    expect(j.positions[0].vega).toBeCloseTo(2 * g.vega, 9);
    expect(j.total.value).toBeCloseTo(
      j.positions.reduce((a, p) => a + p.value, 0),
      9,
    );
    expect(j.groups).toHaveLength(3);
    expect(Number.isFinite(j.betaWeightedDelta.benchmarkUnits)).toBe(true);
  });

  it('names the index and field of a bad position', () => {
    bad(
      ['greeks', '--book', file('b1.json', [hullCall, { ...hullCall, strike: -5 }])],
      /book\[1\]\.strike: must be > 0/,
    );
    bad(
      ['greeks', '--book', file('b2.json', [{ ...hullCall, strike: undefined }])],
      /book\[0\]\.strike: expected a number/,
    );
    bad(['greeks', '--book', file('b3.json', [{ ...hullCall, type: 'straddle' }])], /book\[0\]\.type/);
    bad(
      ['greeks', '--book', file('b4.json', [{ ...hullCall, vol: 20 }])],
      /book\[0\]\.vol: must be <= 10 \(decimal, not percent\)/,
    );
    bad(['greeks', '--book', file('b5.json', '{not json')], /not valid JSON/);
    bad(['greeks', '--book', file('b6.json', [])], /book: must contain at least one position/);
    bad(['greeks', '--book', join(dir, 'missing.json')], /cannot read file/);
    bad(['greeks', '--book', file('b7.json', [hullCall]), '--by', 'sector'], /--by/);
  });
});

describe('stress', () => {
  it('--grid: 175 scenarios, zero shock = 0', () => {
    const r = run(['stress', '--book', file('s.json', book), '--grid']);
    expect(r.code).toBe(0);
    const j = r.json as {
      scenarios: {
        priceShock: number;
        volShock: number;
        rateShockBp: number;
        pnl: number;
        pnlByPosition: number[];
      }[];
    };
    expect(j.scenarios).toHaveLength(175);
    const zero = j.scenarios.find((s) => s.priceShock === 0 && s.volShock === 0 && s.rateShockBp === 0)!;
    expect(zero.pnl).toBe(0);
    expect(zero.pnlByPosition).toEqual([0, 0, 0]);
  });

  it('--scenario NAME, all, and a user scenario file', () => {
    const one = run(['stress', '--book', file('s.json', book), '--scenario', 'flash-crash']);
    expect(one.code).toBe(0);
    expect((one.json as { scenarios: { id: string }[] }).scenarios.map((s) => s.id)).toEqual(['flash-crash']);
    const all = run(['stress', '--book', file('s.json', book), '--scenario', 'all']);
    expect((all.json as { scenarios: unknown[] }).scenarios).toHaveLength(5);
    const mine = {
      id: 'my-crash',
      name: 'Mine',
      description: 'test',
      price: { default: -0.5 },
      vol: { default: 0 },
    };
    const u = run([
      'stress',
      '--book',
      file('s.json', book),
      '--scenario',
      'my-crash',
      '--scenario-file',
      file('sc.json', [mine]),
    ]);
    expect(u.code).toBe(0);
    expect((u.json as { scenarios: { pnl: number }[] }).scenarios[0].pnl).toBeLessThan(0);
  });

  it('bad input', () => {
    bad(['stress', '--book', file('s.json', book)], /exactly one of --scenario/);
    bad(['stress', '--book', file('s.json', book), '--scenario', 'nope'], /unknown scenario 'nope'/);
    bad(
      [
        'stress',
        '--book',
        file('s.json', book),
        '--scenario',
        'x',
        '--scenario-file',
        file('bad-sc.json', [
          { id: 'x', name: 'x', description: '', price: { default: -3 }, vol: { default: 0 } },
        ]),
      ],
      /scenario\[0\]\.price\.default: must be >= -1/,
    );
  });
});

describe('risk-parity', () => {
  it('equal contributions from a price CSV', () => {
    // Deterministic wiggles with different amplitudes: different vols, some correlation.
    const rows = ['date,A,B,C'];
    let a = 100;
    let b = 50;
    let c = 20;
    for (let i = 0; i < 120; i++) {
      const s = Math.sin(i * 1.7);
      const t = Math.cos(i * 2.3);
      a *= 1 + 0.01 * s;
      b *= 1 + 0.02 * t + 0.005 * s;
      c *= 1 + 0.03 * Math.sin(i * 0.9 + 1);
      rows.push(
        `2024-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${a},${b},${c}`,
      );
    }
    const p = file('prices.csv', rows.join('\n'));
    const r = run(['risk-parity', '--input', p]);
    expect(r.code).toBe(0);
    const j = r.json as {
      assets: { name: string; weight: number; fraction: number; contribution: number }[];
      portfolioVol: number;
    };
    expect(j.assets.map((x) => x.name)).toEqual(['A', 'B', 'C']);
    for (const x of j.assets) expect(x.fraction).toBeCloseTo(1 / 3, 9);
    expect(j.assets[0].weight).toBeGreaterThan(j.assets[2].weight); // lowest vol gets most weight
    expect(j.assets.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(j.portfolioVol, 10);
    const lw = run(['risk-parity', '--input', p, '--estimator', 'ledoit-wolf']);
    expect(lw.code).toBe(0);
  });

  it('bad input names the file and row', () => {
    bad(
      ['risk-parity', '--input', file('one.csv', 'date,A\n2024-01-01,1\n2024-01-02,2\n')],
      /at least 2 asset columns/,
    );
    bad(
      ['risk-parity', '--input', file('bad.csv', 'date,A,B\n2024-01-01,1,2\n2024-01-02,x,2\n')],
      /line 3, column 'A'/,
    );
    bad(
      [
        'risk-parity',
        '--input',
        file('flat.csv', 'date,A,B\n2024-01-01,1,2\n2024-01-02,1,3\n2024-01-03,1,2.5\n2024-01-04,1,2\n'),
      ],
      /'A' has constant prices/,
    );
  });
});
