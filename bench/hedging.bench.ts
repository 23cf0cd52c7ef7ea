// hedge_proposal.ms: one complete hedge proposal for a 200-position book — tail score, reference
// pick, OLS betas of 20 underlyings on 1,000-day histories, the book's dollar beta, tail-scenario
// revaluation (50 options repriced by BSM), every candidate of all five types (48 put variants,
// futures, inverse, straddles, CPPI), the exact optimiser, orders and the rationale. This is the
// work the engine does between a HEDGE signal and the proposal. Median of the runs.
import { figure, median, type BenchSuite } from './types';
import { buildProposal } from '../src/engine/hedging/propose';
import { tailScore } from '../src/engine/hedging/tail-score';
import type { BookPosition } from '../src/engine/risk/book';

const NOW = 1_700_000_000_000;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function setup(): Parameters<typeof buildProposal>[0] {
  const rnd = lcg(7);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const U = 20;
  const days = 1_000;
  const market = Float64Array.from({ length: days }, () => 0.03 * gauss());
  const returns = new Map<string, Float64Array>();
  const spots = new Map<string, number>();
  for (let u = 0; u < U; u++) {
    const beta = 0.5 + rnd();
    returns.set(`U${u}`, Float64Array.from(market, (m) => beta * m + 0.02 * gauss()));
    spots.set(`U${u}`, 10 + rnd() * 50_000);
  }
  const positions: BookPosition[] = [];
  for (let i = 0; i < 200; i++) {
    const u = `U${i % U}`;
    const spot = spots.get(u)!;
    const qty = ((rnd() < 0.85 ? 1 : -1) * (5_000 + rnd() * 50_000)) / spot;
    if (i % 4 === 3) positions.push({ id: `O${i}`, underlying: u, qty, spot, option: { type: rnd() < 0.5 ? 'call' : 'put', strike: spot * (0.8 + rnd() * 0.4), expiryYears: 0.05 + rnd() * 0.5, vol: 0.4 + rnd() * 0.5, rate: 0 } });
    else positions.push({ id: `S${i}`, underlying: u, qty, spot });
  }
  const pnl = new Float64Array(250);
  for (const p of positions) {
    const r = returns.get(p.underlying)!;
    for (let t = 0; t < 250; t++) pnl[t] += p.qty * p.spot * r[days - 250 + t];
  }
  const sorted = [...pnl].sort((a, b) => a - b);
  const cvar = -(sorted[0] + sorted[1]) / 2;
  const equity = 5_000_000;
  return {
    now: NOW, equity, highWaterMark: equity * 1.05, positions, pnlHistory: pnl, returns: (u) => returns.get(u),
    score: tailScore({ equity, cvar99: cvar, pnl, volRatio: 1.8, regime: 'stressed', worstStressPnl: -0.25 * equity }),
    threshold: 0.01, trigger: 'score', liveVolRatio: 1.8, perps: new Map(), venue: 'sim', quote: 'USDT',
    config: { maxHedgeCost: 0.02, hedgeTypes: ['put_options', 'futures_short', 'inverse_etf', 'volatility', 'cppi'], minHedgeSize: 10_000, skewPremium: 0.05, tailShock: -0.2, cppiFloor: 0.8, cppiMultiplier: 3 },
    maxNotionalPerOrder: 250_000,
  };
}

const suite: BenchSuite = async ({ quick }) => {
  const input = setup();
  const runs = quick ? 15 : 60;
  const times: number[] = [];
  let legs = 0;
  for (let i = 0; i < runs + 3; i++) {
    const t0 = process.hrtime.bigint();
    const p = buildProposal(input);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i >= 3) times.push(ms); // the first runs warm the JIT
    legs = p.legs.length;
    if (p.candidates.length === 0) throw new Error('hedging bench: no candidates built');
  }
  if (legs === 0) throw new Error('hedging bench: the optimiser chose nothing');
  return Promise.resolve([figure('hedge_proposal.ms', median(times), 'ms', '<=', 100)]);
};

export default suite;
