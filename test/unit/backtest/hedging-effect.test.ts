import { describe, expect, it } from 'vitest';
import { barsFromCloses, dayStartUtc, type Bar } from '../../../src/engine/backtest/data';
import { hedgingReplayConfig, runHedgingReplay, type HedgingRun } from '../../../src/engine/backtest/hedging-driver';
import { summarise, tailEvents } from '../../../src/engine/backtest/hedging-report';
import { normCdf } from '../../../src/engine/risk/special';

const LEAD = 80;
const HISTORY = 60;
/** Lead-in: a repeating ±1 % / ±0.5 % pattern (daily σ ≈ 0.8 %), deterministic. */
const PATTERN = [0.01, -0.01, 0.005, -0.006, 0.012, -0.011, 0.004, -0.003];

function path(window: number[]): Bar[] {
  const closes = [1000];
  for (let i = 0; i < LEAD; i++) closes.push(closes[closes.length - 1] * (1 + PATTERN[i % PATTERN.length]));
  for (const r of window) closes.push(closes[closes.length - 1] * (1 + r));
  return barsFromCloses(closes, '2010-01-04');
}

/** 3 quiet days, a 20 % fall over 10 days (−2.207 %/day), then 7 flat days. */
const DROP = [0.001, -0.001, 0.001, ...Array.from({ length: 10 }, () => 0.8 ** 0.1 - 1), ...Array.from({ length: 7 }, () => 0)];
const cfg = (over: Parameters<typeof hedgingReplayConfig>[0] = {}) => hedgingReplayConfig({ historyDays: HISTORY, ...over });

function run(bars: Bar[], over: Parameters<typeof hedgingReplayConfig>[0] = {}): HedgingRun {
  return runHedgingReplay(bars, LEAD, bars.length - 1, cfg(over));
}

describe('hedging replay on a constructed 20 % drop', () => {
  const bars = path(DROP);
  const off = run(bars, { hedging: false });
  const on = run(bars, { hedging: true });

  it('signals on the first day and the hedged drawdown is below the unhedged one', () => {
    expect(on.signals[0]?.date).toBe(bars[LEAD].date);
    expect(on.proposals[0]).toMatchObject({ trigger: 'score', status: 'executed', date: bars[LEAD].date });
    const u = summarise(off, 1_000_000),
      h = summarise(on, 1_000_000);
    // Unhedged: 1.5 × a 20 % fall from the post-quiet peak ≈ 30 % of the peak equity, less the leverage drift.
    expect(u.maxDrawdown).toBeGreaterThan(0.27);
    expect(u.maxDrawdown).toBeLessThan(0.31);
    // The flow buys only enough to bring the score back to the threshold (required = L·(1 − thr/score),
    // ≈ 14 % of the tail loss here) in 80 %-strike puts, so the protection is real but small: ≈ 3 pp.
    expect(h.maxDrawdown).toBeLessThan(u.maxDrawdown - 0.02);
    expect(h.maxDrawdown).toBeGreaterThan(u.maxDrawdown * 0.8);
  });

  it('accounts every dollar: hedged − unhedged equity = Σ hedge-leg P&L − carry', () => {
    const diff = on.equity[on.equity.length - 1] - off.equity[off.equity.length - 1];
    expect(diff).toBeCloseTo(on.monitor.totalPnl - on.funding, 4);
    expect(Math.abs(diff)).toBeGreaterThan(1000); // the hedge did something
  });

  it('charges the hand-computed BSM premium, half spread, slippage and fee for the first put', () => {
    const rec = on.records.find((r) => r.type === 'put_options' && r.proposalId === on.proposals[0].id);
    expect(rec).toBeDefined();
    const r = rec!;
    // Forecast σ: EWMA(0.94) of the last HISTORY returns, seeded with the first 20 squared returns, × √365.
    const rets: number[] = [];
    for (let k = LEAD - HISTORY + 1; k <= LEAD; k++) rets.push(bars[k].close / bars[k - 1].close - 1);
    let v = rets.slice(0, 20).reduce((a, x) => a + x * x, 0) / 20;
    for (const x of rets.slice(20)) v = 0.94 * v + 0.06 * x * x;
    const S = bars[LEAD].close;
    const strike = Number(r.symbol.split('-').at(-2));
    const sigma = Math.sqrt(v) * Math.sqrt(365) + (0.05 * (1 - strike / S)) / 0.1;
    const now = dayStartUtc(bars[LEAD].date) + 21 * 3_600_000;
    const T = (r.expiryMs! - now) / (365 * 86_400_000);
    const d1 = (Math.log(S / strike) + 0.5 * sigma * sigma * T) / (sigma * Math.sqrt(T));
    const put = strike * normCdf(-(d1 - sigma * Math.sqrt(T))) - S * normCdf(-d1);
    expect(put).toBeGreaterThan(0);
    const ask = put * 1.005; // half of the paper broker's 1 % option spread
    const slip = (1 + (5 * r.qty * ask) / 1e6) / 1e4; // 1 bp + 5 bp per million of notional
    const fill = ask * (1 + slip);
    expect(r.entryPrice).toBeCloseTo(fill, 3);
    expect(r.premiumPaid).toBeCloseTo(r.qty * fill, 2);
    expect(r.fees).toBeCloseTo(r.qty * fill * 0.0005, 4);
  });

  it('reports effectiveness per event from the monitor: expected > 0 and the legs paid off in the fall', () => {
    const ev = tailEvents(on);
    expect(ev[0].date).toBe(bars[LEAD].date);
    expect(ev[0].expected).toBeGreaterThan(0);
    expect(ev[0].actual).toBeGreaterThan(0);
  });
});

describe('hedging replay on a calm path', () => {
  const calm = Array.from({ length: 40 }, (_, i) => (i % 2 ? -0.002 : 0.0025));

  it('a small book stays below the threshold: no signal, no hedge, no cost', () => {
    const bars = path(calm);
    const off = run(bars, { hedging: false, spotWeight: 0.3, perpWeight: 0 });
    const on = run(bars, { hedging: true, spotWeight: 0.3, perpWeight: 0 });
    expect(Math.max(...on.score)).toBeLessThan(0.05);
    expect(on.signals).toHaveLength(0);
    expect(on.records).toHaveLength(0);
    expect(on.equity).toEqual(off.equity);
  });

  it('a levered book is hedged only by the threshold rule and pays for it', () => {
    const bars = path(calm);
    const off = run(bars, { hedging: false });
    const on = run(bars, { hedging: true });
    expect(on.proposals.length).toBeGreaterThan(0);
    for (const p of on.proposals) expect(p.score).toBeGreaterThan(0.05);
    const diff = on.equity[on.equity.length - 1] - off.equity[off.equity.length - 1];
    expect(diff).toBeLessThan(0); // premium decays, nothing pays out
    expect(diff).toBeCloseTo(on.monitor.totalPnl - on.funding, 4);
  });

  it('refuses a window without enough lead-in, naming the field', () => {
    const bars = path(calm);
    expect(() => runHedgingReplay(bars, 10, 20, cfg())).toThrow(/historyDays/);
    expect(() => runHedgingReplay(bars, 50, 40, cfg())).toThrow(/start\/end/);
  });
});
