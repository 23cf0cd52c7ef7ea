/** Storing capital-preservation events with what they did, and scoring them once their horizon passes. */
import type { OrderResult, PortfolioSummary, PositionView } from '../../shared/contract/portfolio';
import type { LimitState } from '../controls/limits';
import type { LevelChange } from '../controls/preservation';
import { preservationOutcome } from '../controls/preservation-plan';
import type { NewEvent } from '../db/journal';
import type { Ledger } from '../portfolio/ledger';
import type { ControlsStore, RemovedRow } from './controls-store';

/** Stores a level change with its metrics, the orders it sent and the exposure they removed; returns the event id. */
export function recordLevelChange(store: ControlsStore, ledger: Pick<Ledger, 'instruments'>, c: LevelChange, results: readonly OrderResult[], now: number): { id: number; orders: number } {
  const removed: RemovedRow[] = [];
  for (const r of results) {
    if (r.status === 'filled' && r.fill) {
      removed.push({ symbol: r.fill.symbol, qty: r.fill.side === 'sell' ? r.fill.qty : -r.fill.qty, price: r.fill.price, multiplier: ledger.instruments.get(r.fill.symbol)?.multiplier ?? 1 });
    }
  }
  const metrics = Object.fromEntries(Object.entries(c.metrics).filter((e): e is [string, number] => typeof e[1] === 'number'));
  const orders = c.intents.map((i, k) => ({ symbol: i.symbol, side: i.side, qty: i.qty, status: results[k]?.status ?? 'rejected', price: results[k]?.fill?.price ?? null }));
  const id = store.addEvent({ ts: now, fromLevel: c.from, toLevel: c.to, direction: c.direction, trigger: c.trigger?.trigger ?? null, metrics, orders }, removed);
  return { id, orders: orders.length };
}

/** Scores every event whose horizon has passed: the P&L the removed exposure would have made since. */
export function measureDueOutcomes(store: ControlsStore, ledger: Pick<Ledger, 'markOf'>, append: (e: NewEvent) => void, now: number, horizonMs: number): void {
  for (const e of store.pendingOutcomes(now - horizonMs)) {
    const prices = new Map<string, number>();
    for (const r of e.removed) {
      const m = ledger.markOf(r.symbol);
      if (m !== undefined) prices.set(r.symbol, m);
    }
    const o = preservationOutcome(e.removed, prices);
    store.recordOutcome(e.id, o.net, now);
    append({ kind: 'preservation.outcome', severity: 'info', source: 'controls', payload: { eventId: e.id, net: o.net, wouldHaveMade: o.wouldHaveMade, missing: o.missing } });
  }
}

/** The figures the limit utilisation is computed from (largest position, sector exposure, order rate, VaR). */
export function limitState(s: PortfolioSummary, positions: readonly PositionView[], recentOrders: readonly number[], risk: { var99: number; avgCorrelation: number } | undefined, now: number): LimitState {
  let largest = 0;
  const sectors: Record<string, number> = {};
  for (const p of positions) {
    largest = Math.max(largest, p.exposure);
    if (p.sector) sectors[p.sector] = (sectors[p.sector] ?? 0) + p.exposure;
  }
  return {
    equity: s.equity,
    dailyPnl: s.dailyPnl,
    dayStartEquity: s.dayStartEquity > 0 ? s.dayStartEquity : s.equity,
    drawdown: s.drawdown,
    positions: positions.length,
    largestExposure: largest,
    sectorExposure: sectors,
    ordersLastMinute: recentOrders.filter((t) => now - t <= 60_000).length,
    ...(risk ? { var99: risk.var99 / s.equity, maxPairCorrelation: risk.avgCorrelation } : {}),
  };
}
