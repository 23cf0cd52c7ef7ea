import { describe, expect, it } from 'vitest';
import { RiskSnapshot } from '../../../src/shared/contract/risk';
import type { Instrument } from '../../../src/shared/contract/portfolio';
import { computeRiskSnapshot, type RiskComputeInput } from '../../../src/engine/risk-engine/compute';
import { ReturnHistory } from '../../../src/engine/risk-engine/history';
import { loadDemoHistory } from '../../../src/engine/risk-engine/demo-history';
import { toBookPositions } from '../../../src/engine/risk-engine/book';
import { demoBook } from '../../../src/engine/portfolio/demo';
import { bsmGreeks, bsmPrice } from '../../../src/engine/risk/options';
import { betaWeightedDelta } from '../../../src/engine/risk/options-aggregate';
import { stressGrid } from '../../../src/engine/risk/stress';
import { ewmaVolatility } from '../../../src/engine/risk/ewma';
import { createRng } from '../../../src/engine/risk/rng';
import { NOW, instMap, optionInst, spotInst, viewOf } from './fixtures';

const demoHistory = loadDemoHistory();

/** The built-in demo book (src/engine/portfolio/demo.ts) as live views. */
function demoInput(extra: Partial<RiskComputeInput> = {}): RiskComputeInput {
  const d = demoBook(NOW);
  const prices = new Map([
    ['BTC-USDT', 97_000],
    ['ETH-USDT', 3_400],
    ['SOL-USDT', 190],
    ['LINK-USDT', 20],
    ['AVAX-USDT', 35],
    ['SPX-USD', 2_874],
    ['DOGE-USDT', 0.32],
  ]);
  const instruments = instMap(...d.instruments);
  const positions = d.opens.map((o) => {
    const i = instruments.get(o.symbol)!;
    return viewOf(i, o.qty, i.kind === 'option' ? o.price : prices.get(i.underlying ?? i.symbol)!);
  });
  return { positions, instruments, prices, equity: 2_000_000, history: demoHistory, now: NOW, ...extra };
}

function history(length: number, series: Record<string, number[] | Float64Array>): ReturnHistory {
  const h = new ReturnHistory({ length });
  for (const [s, r] of Object.entries(series)) h.set(s, r);
  return h;
}

function normals(n: number, sd: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => sd * rng.normal());
}

describe('computeRiskSnapshot: a hand-computable book', () => {
  const R = [0.01, -0.02, 0.03, -0.05, 0.004, 0.02, -0.01, 0.015, -0.03, 0.005];
  const aaa = spotInst('AAA-USD', { assetClass: 'equity', quote: 'USD' });
  const snap = computeRiskSnapshot({
    positions: [viewOf(aaa, 1_000, 100)], // 100,000 USD long
    instruments: instMap(aaa),
    prices: new Map(),
    equity: 1_000_000,
    history: history(10, { 'AAA-USD': R }),
    now: NOW,
  });

  it('P&L series = exposure × returns over the (whole, 10-day) window', () => {
    expect(snap.lookbackDays).toBe(10);
    expect(snap.pnlHistory).toHaveLength(10);
    snap.pnlHistory.forEach((p, i) => expect(p).toBeCloseTo(100_000 * R[i], 9));
  });

  it('historical VaR/CVaR match the hand quantile (numpy linear, type 7)', () => {
    // Sorted P&L: −5000, −3000, −2000, … ; 95 %: h = 9·0.05 = 0.45 → −5000 + 0.45·2000 = −4100.
    expect(snap.var.historical['0.95'].var).toBeCloseTo(4_100, 6);
    expect(snap.var.historical['0.95'].cvar).toBeCloseTo(5_000, 6);
    // 99 %: h = 0.09 → −5000 + 0.09·2000 = −4820.
    expect(snap.var.historical['0.99'].var).toBeCloseTo(4_820, 6);
    expect(snap.var.historical['0.99'].cvar).toBeCloseTo(5_000, 6);
  });

  it('parametric VaR is μ/σ of the same series; exposures and Greeks are the position', () => {
    const pnl = R.map((r) => 100_000 * r);
    const mu = pnl.reduce((a, b) => a + b) / 10;
    const sd = Math.sqrt(pnl.reduce((a, b) => a + (b - mu) ** 2, 0) / 9);
    expect(snap.var.parametric['0.99'].var).toBeCloseTo(2.3263478740408408 * sd - mu, 6);
    expect(snap.exposures).toMatchObject({ gross: 100_000, net: 100_000, long: 100_000, short: 0 });
    expect(snap.exposures.byAssetClass).toEqual({ equity: 100_000 });
    expect(snap.greeks).toMatchObject({
      delta: 100_000,
      gamma: 0,
      vega: 0,
      theta: 0,
      betaWeightedDelta: 100_000,
    });
    expect(snap.hhi).toBe(1);
    expect(snap.garch).toBeNull(); // 10 returns: too short to fit, reported as null
    expect(() => RiskSnapshot.parse(snap)).not.toThrow();
  });
});

describe('computeRiskSnapshot: options are fully repriced', () => {
  const R = [0.6, -0.5, 1.0, 0.3, -0.3, 0.05, -0.05, 0.2, -0.2, 0];
  const put = optionInst('XYZ-USD', 'put', 100, 0.5, 0.1, { assetClass: 'equity' });
  const snap = computeRiskSnapshot({
    positions: [viewOf(put, 2, 6)],
    instruments: instMap(put),
    prices: new Map([['XYZ-USD', 100]]),
    equity: 1_000,
    history: history(10, { 'XYZ-USD': R }),
    now: NOW,
  });
  const T = (put.expiryMs! - NOW) / (365 * 86_400_000);
  const price = (s: number): number =>
    bsmPrice({ type: 'put', spot: s, strike: 100, expiry: T, rate: 0, carry: 0, vol: 0.5 });
  const premium = 2 * price(100);

  it('P&L_t = units·(BSM(S·(1 + r_t)) − BSM(S)), no delta approximation', () => {
    snap.pnlHistory.forEach((p, i) => expect(p).toBeCloseTo(2 * (price(100 * (1 + R[i])) - price(100)), 9));
    expect(snap.pnlHistory[9]).toBe(0); // zero return: exactly zero
  });

  it('a long put never loses more than its premium, where delta would say it does', () => {
    const worst = Math.min(...snap.pnlHistory);
    expect(worst).toBeGreaterThanOrEqual(-premium - 1e-9);
    expect(worst).toBeLessThan(-0.99 * premium); // the +100 % day wipes the premium out
    const delta = bsmGreeks({
      type: 'put',
      spot: 100,
      strike: 100,
      expiry: T,
      rate: 0,
      carry: 0,
      vol: 0.5,
    }).delta;
    expect(2 * delta * 100 * 1.0).toBeLessThan(-premium); // the delta estimate of that day
    expect(snap.var.historical['0.99'].cvar).toBeLessThanOrEqual(premium + 1e-9);
  });
});

describe('computeRiskSnapshot: the demo book', () => {
  const snap = computeRiskSnapshot(demoInput());

  it('validates against the RiskSnapshot schema', () => {
    expect(() => RiskSnapshot.parse(snap)).not.toThrow();
    expect(snap.ts).toBe(NOW);
    expect(snap.computeMs).toBe(0);
    expect([60, 120, 250]).toContain(snap.lookbackDays);
    expect(snap.pnlHistory).toHaveLength(snap.lookbackDays);
  });

  it('the stress grid is 7 × 5, its centre cell is exactly 0, worst is the minimum', () => {
    const s = snap.stress;
    expect(s.grid).toHaveLength(7);
    s.grid.forEach((row) => expect(row).toHaveLength(5));
    expect(s.priceShocks[3]).toBe(0);
    expect(s.volShocks[2]).toBe(0);
    expect(s.rateShocks).toEqual([-200, -100, 0, 100, 200]);
    expect(s.grid[3][2]).toBe(0);
    expect(s.worst.pnl).toBeLessThanOrEqual(Math.min(...s.grid.flat()));
    expect(s.grid[0][2]).toBeLessThan(0); // a net-long book loses in a −30 % move
    // Linear positions are netted per underlying for speed: same totals as the library on the raw book.
    const input = demoInput();
    const book = toBookPositions(input.positions, input.instruments, input.prices, NOW).positions;
    const raw = stressGrid(book);
    expect(s.worst.pnl).toBeCloseTo(raw.worst.pnl, 6);
    s.grid.forEach((row, ip) =>
      row.forEach((x, iv) => expect(x).toBeCloseTo(raw.total[(ip * 5 + iv) * 5 + 2], 6)),
    );
    expect(snap.scenarios.map((x) => x.name)).toHaveLength(5);
    expect(snap.scenarios.every((x) => x.liquidityCost >= 0)).toBe(true);
  });

  it('VaR figures are ordered and consistent across methods', () => {
    const v = snap.var;
    for (const m of [v.historical, v.parametric, v.monteCarlo]) {
      expect(m['0.99'].var).toBeGreaterThan(m['0.95'].var);
      expect(m['0.95'].cvar).toBeGreaterThanOrEqual(m['0.95'].var);
    }
    expect(v.monteCarlo['0.99'].varSe).toBeGreaterThan(0);
    expect(v.monteCarlo['0.99'].varSe).toBeLessThan(0.05 * v.monteCarlo['0.99'].var);
    expect(v.cornishFisher['0.99'].var).toBeGreaterThan(0);
  });

  it('Greeks and exposures add up; correlation is a clustered permutation of the underlyings', () => {
    const by = Object.values(snap.greeks.byUnderlying);
    expect(by.reduce((a, g) => a + g.delta, 0)).toBeCloseTo(snap.greeks.delta, 6);
    expect(by.reduce((a, g) => a + g.vega, 0)).toBeCloseTo(snap.greeks.vega, 9);
    const e = snap.exposures;
    expect(e.long - e.short).toBeCloseTo(e.net, 6);
    expect(Object.values(e.bySector).reduce((a, b) => a + b, 0)).toBeCloseTo(e.net, 6);
    expect(e.byVenue.sim).toBeCloseTo(e.net, 6);
    expect(e.bySector.hedge).toBeLessThan(0); // the long protective put is short exposure
    const c = snap.correlation;
    expect([...c.symbols].sort()).toEqual(Object.keys(snap.greeks.byUnderlying).sort());
    c.matrix.forEach((row, i) => {
      expect(row[i]).toBe(1);
      row.forEach((x, j) => expect(x).toBeCloseTo(c.matrix[j][i], 12));
    });
    expect(c.clusters.flat().sort()).toEqual([...c.symbols].sort());
    expect(c.maxPairwise).toBeGreaterThanOrEqual(c.avgPairwise);
    expect(snap.hhi).toBeGreaterThan(1 / c.symbols.length);
    expect(snap.diversification.ratio).toBeGreaterThanOrEqual(1);
  });

  it('GARCH, EWMA, score and forecast are in range', () => {
    expect(snap.garch).not.toBeNull();
    expect(snap.garch!.alpha + snap.garch!.beta).toBeLessThan(1);
    expect(snap.garch!.nextVol).toBeGreaterThan(0);
    expect(snap.ewmaVol).toBeGreaterThan(0);
    expect(snap.riskScore.score).toBeGreaterThan(0);
    expect(snap.riskScore.score).toBeLessThanOrEqual(100);
    expect(Object.keys(snap.riskScore.components).sort()).toEqual([
      'concentration',
      'correlation',
      'drawdown',
      'var',
      'volRegime',
    ]);
    const f = snap.drawdownForecast;
    expect(f).toMatchObject({ limit: 0.1, horizonDays: 20 });
    expect(f.cone.days).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    expect(f.probHitLimit).toBeGreaterThanOrEqual(0);
    expect(f.probHitLimit).toBeLessThanOrEqual(1);
    for (let k = 0; k < 20; k++) {
      const q = [f.cone.p05[k], f.cone.p25[k], f.cone.p50[k], f.cone.p75[k], f.cone.p95[k]];
      expect([...q].sort((a, b) => a - b)).toEqual(q);
    }
  });

  it('is deterministic (seeded) and honours limits, drawdown and score history', () => {
    expect(computeRiskSnapshot(demoInput())).toEqual(snap);
    const s2 = computeRiskSnapshot(
      demoInput({ currentDrawdown: 0.12, limits: { maxDrawdown: 0.1, var99: 1 }, previousScores: [0, 0, 0] }),
    );
    expect(s2.drawdownForecast.probHitLimit).toBe(1);
    expect(s2.riskScore.components.drawdown).toBe(100);
    expect(s2.riskScore.components.var).toBe(100);
    expect(s2.riskScore.trend).toBe('up');
    expect(computeRiskSnapshot(demoInput({ previousScores: [100, 100] })).riskScore.trend).toBe('down');
    const ticks: number[] = [];
    const s3 = computeRiskSnapshot(demoInput({ clock: () => (ticks.push(0), ticks.length * 7) }));
    expect(s3.computeMs).toBe(7);
  });
});

describe('computeRiskSnapshot: edge cases', () => {
  it('an empty book gives a valid snapshot of zeros', () => {
    const s = computeRiskSnapshot({
      positions: [],
      instruments: new Map(),
      prices: new Map(),
      equity: 1e6,
      history: demoHistory,
      now: NOW,
    });
    expect(() => RiskSnapshot.parse(s)).not.toThrow();
    expect(s.var.historical['0.99']).toEqual({ var: 0, cvar: 0 });
    expect(s.var.monteCarlo['0.95'].var).toBe(0);
    expect(s.pnlHistory).toEqual([]);
    expect(s.stress.grid.flat().every((x) => x === 0)).toBe(true);
    expect(s.scenarios.every((x) => x.pnl === 0)).toBe(true);
    expect(s.riskScore.score).toBe(0);
    expect(s.drawdownForecast.probHitLimit).toBe(0);
    expect(s.drawdownForecast.cone.p95.every((x) => x === 0)).toBe(true);
    expect(s.exposures.gross).toBe(0);
    expect(s.garch).toBeNull();
  });

  it('synthesises history for an unknown underlying and reports unpriceable positions', () => {
    const h = loadDemoHistory();
    const zzz = spotInst('ZZZ-USDT');
    const nope = spotInst('NOPE-USDT');
    const skipped: string[] = [];
    const s = computeRiskSnapshot({
      positions: [viewOf(zzz, 100, 5), viewOf(nope, 1, null)],
      instruments: instMap(zzz, nope),
      prices: new Map(),
      equity: 10_000,
      history: h,
      now: NOW,
      onSkipped: (xs) => skipped.push(...xs.map((x) => x.symbol)),
    });
    expect(h.isSynthetic('ZZZ-USDT')).toBe(true);
    expect(skipped).toEqual(['NOPE-USDT']);
    expect(s.exposures.gross).toBe(500);
    expect(s.var.historical['0.99'].var).toBeGreaterThan(0);
    expect(() => RiskSnapshot.parse(s)).not.toThrow();
  });

  it('annualises with √252 for a book without crypto, √365 with any', () => {
    const r = normals(300, 0.01, 5);
    const mk = (assetClass: Instrument['assetClass']): number => {
      const i = spotInst('SPX-USD', { assetClass, quote: 'USD' });
      return computeRiskSnapshot({
        positions: [viewOf(i, 10, 100)],
        instruments: instMap(i),
        prices: new Map(),
        equity: 10_000,
        history: history(300, { 'SPX-USD': r }),
        now: NOW,
      }).ewmaVol;
    };
    const daily = ewmaVolatility(r.map((x) => (1_000 * x) / 10_000));
    expect(mk('index')).toBeCloseTo(daily * Math.sqrt(252), 12);
    expect(mk('crypto')).toBeCloseTo(daily * Math.sqrt(365), 12);
  });

  it('Monte Carlo agrees with the Gaussian VaR on a linear book with normal history', () => {
    const i = spotInst('N-USD', { assetClass: 'equity' });
    const s = computeRiskSnapshot({
      positions: [viewOf(i, 1_000, 100)],
      instruments: instMap(i),
      prices: new Map(),
      equity: 1e6,
      history: history(250, { 'N-USD': normals(250, 0.02, 9) }),
      now: NOW,
    });
    expect(Math.abs(s.var.monteCarlo['0.99'].var / s.var.parametric['0.99'].var - 1)).toBeLessThan(0.1);
  });

  it('Greeks are in the snapshot units (USD delta, USD gamma per 1 %, USD per vol point, USD per day)', () => {
    const call = optionInst('BTC-USDT', 'call', 100, 0.6, 0.5, { beta: 1.5 });
    const input: RiskComputeInput = {
      positions: [viewOf(call, 2, 9)],
      instruments: instMap(call),
      prices: new Map([['BTC-USDT', 100]]),
      equity: 10_000,
      history: demoHistory,
      now: NOW,
    };
    const g = computeRiskSnapshot(input).greeks;
    const T = (call.expiryMs! - NOW) / (365 * 86_400_000);
    const b = bsmGreeks({ type: 'call', spot: 100, strike: 100, expiry: T, rate: 0, carry: 0, vol: 0.6 });
    expect(g.delta).toBeCloseTo(2 * b.delta * 100, 9);
    expect(g.gamma).toBeCloseTo(2 * b.gamma * 100 * 100 * 0.01, 9);
    expect(g.vega).toBeCloseTo(2 * b.vegaPct, 9);
    expect(g.theta).toBeCloseTo(2 * b.thetaPerDay, 9);
    const book = toBookPositions(input.positions, input.instruments, input.prices, NOW).positions;
    expect(g.betaWeightedDelta).toBeCloseTo(betaWeightedDelta(book, 1).dollars, 9);
    expect(g.betaWeightedDelta).toBeCloseTo(1.5 * g.delta, 9);
  });

  it('sees a replaced history (cache invalidated by the history version)', () => {
    const a = spotInst('A-USD', { assetClass: 'equity' });
    const b = spotInst('B-USD', { assetClass: 'equity' });
    const x = normals(60, 0.01, 1);
    const h = history(60, { 'A-USD': x, 'B-USD': x });
    const input: RiskComputeInput = {
      positions: [viewOf(a, 1, 100), viewOf(b, 1, 100)],
      instruments: instMap(a, b),
      prices: new Map(),
      equity: 1_000,
      history: h,
      now: NOW,
    };
    expect(computeRiskSnapshot(input).correlation.avgPairwise).toBeCloseTo(1, 12);
    h.set(
      'B-USD',
      x.map((v) => -v),
    );
    expect(computeRiskSnapshot(input).correlation.avgPairwise).toBeCloseTo(-1, 12);
  });

  it('rejects bad input naming the field', () => {
    const bad =
      (extra: Partial<RiskComputeInput>): (() => unknown) =>
      () =>
        computeRiskSnapshot(demoInput(extra));
    expect(bad({ equity: Number.NaN })).toThrow(/computeRiskSnapshot: equity must be a finite number/);
    expect(bad({ now: Number.POSITIVE_INFINITY })).toThrow(/now must be a finite time/);
    expect(bad({ mcPaths: 401 })).toThrow(/mcPaths must be an even integer >= 400/);
    expect(bad({ limits: { maxDrawdown: 2 } })).toThrow(/limits.maxDrawdown must be in \(0, 1\]/);
    expect(bad({ limits: { var99: -1 } })).toThrow(/limits.var99 must be a finite number > 0/);
    expect(bad({ currentDrawdown: 1 })).toThrow(/currentDrawdown must be in \[0, 1\)/);
    expect(bad({ previousScores: [50, 150] })).toThrow(/previousScores\[1\] must be in \[0, 100\]/);
    expect(bad({ history: {} as ReturnHistory })).toThrow(/history must be a ReturnHistory/);
  });
});
