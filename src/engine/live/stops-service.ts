/**
 * Stops in the live engine. Every open linear position (spot, perp, future) gets a volatility-adjusted
 * stop unless the trader sets one: 2 σ_daily (σ from the risk history) from the price at which the
 * stop is attached (a stop
 * protects from here on; anchoring it at an old average cost would close, the moment it is attached,
 * a position already beyond it), take-profit at 2R, trailing after 1R at the same distance. Options
 * get no automatic stop: their price moves several times the underlying's, and a long option is
 * often the hedge itself; the trader can still set one by hand.
 * On every tick the positions priced by the ticked symbol are checked (O(1) each); a hit closes the
 * position through the pre-trade validator (reducing orders always pass, even when HALTED), and
 * four hours later its effectiveness is measured: the loss it saved or the gain it cost.
 */
import { RpcFailure } from '../../shared/contract/errors';
import type { Fill } from '../../shared/contract/portfolio';
import type { StopView } from '../../shared/contract/stops';
import type { NewEvent } from '../db/journal';
import type { PortfolioService } from '../portfolio/service';
import { StopEffectiveness, StopManager, type EffectivenessSummary, type StopHit, type StopRecord } from '../stops/index';
import type { ControlsService } from './controls-service';
import type { ControlsStore } from './controls-store';

export interface StopsDeps {
  store: ControlsStore;
  portfolio: PortfolioService;
  controls: ControlsService;
  append: (e: NewEvent) => void;
  now: () => number;
  /** Daily return volatility of a price symbol (decimal), when the risk history knows it. */
  dailyVol: (symbol: string) => number | undefined;
  horizonMs?: number;
  /** Open hedge legs: the hedging service manages them, so they get no automatic stop (a stop on a hedge would close the protection in the move it protects against). */
  hedgeSymbols?: () => ReadonlySet<string>;
}

const toView = (r: StopRecord): StopView => ({
  symbol: r.symbol,
  side: r.side,
  qty: r.qty,
  entry: r.entry,
  stop: r.stop,
  initialStop: r.initialStop,
  takeProfit: r.takeProfit,
  risk: r.risk,
  source: r.source,
  status: r.status,
  trailingActive: r.trailing?.active ?? false,
  lastPrice: r.lastPrice,
  updatedAt: r.updatedAt,
  closeReason: r.closeReason,
});

export class StopsService {
  private readonly stops: StopManager;
  private readonly eff: StopEffectiveness;
  /** Price symbol → position symbols it marks (itself, perps on it, options on it). */
  private byPrice = new Map<string, string[]>();
  private known = -1;

  constructor(private readonly d: StopsDeps) {
    this.stops = this.restore('stops', (v) => StopManager.fromJSON(v), () => new StopManager());
    this.eff = this.restore('stops.effectiveness', (v) => StopEffectiveness.fromJSON(v), () => new StopEffectiveness());
    d.portfolio.onFill((f) => this.onFill(f));
  }

  private restore<T>(key: string, parse: (v: unknown) => T, fallback: () => T): T {
    const raw = this.d.store.load(key);
    if (raw === undefined) return fallback();
    try {
      return parse(raw);
    } catch (err) {
      this.d.append({ kind: 'controls.restore_failed', severity: 'critical', source: 'stops', payload: { key, message: (err as Error).message } });
      return fallback();
    }
  }

  private routes(): Map<string, string[]> {
    const inst = this.d.portfolio.ledger.instruments;
    if (inst.size === this.known) return this.byPrice;
    const m = new Map<string, string[]>();
    for (const i of inst.values()) {
      const p = i.underlying ?? i.symbol;
      m.set(p, [...(m.get(p) ?? []), i.symbol]);
    }
    this.byPrice = m;
    this.known = inst.size;
    return m;
  }

  /** Per tick: the stops of the positions this price marks. */
  onPrice(priceSymbol: string, now: number): void {
    const ledger = this.d.portfolio.ledger;
    for (const sym of this.routes().get(priceSymbol) ?? []) {
      const mark = ledger.markOf(sym);
      if (mark === undefined || !(mark > 0)) continue;
      const hit = this.stops.onPrice(sym, mark, now);
      if (hit) this.onHit(hit);
    }
  }

  private onHit(hit: StopHit): void {
    this.eff.record(hit.record);
    this.d.append({ kind: 'stop.hit', severity: 'warning', source: 'stops', payload: { ...hit.record, intent: hit.intent } });
    const held = this.d.portfolio.ledger.position(hit.intent.symbol)?.qty ?? 0;
    const qty = Math.min(hit.intent.qty, Math.abs(held)); // a stale size must never flip the position
    if (!(qty > 0)) return;
    const r = this.d.controls.submit({ symbol: hit.intent.symbol, side: hit.intent.side, qty, type: 'market', note: hit.intent.reason }, 'stops');
    if (r.status !== 'filled') this.d.append({ kind: 'stop.close_failed', severity: 'critical', source: 'stops', payload: { symbol: hit.intent.symbol, status: r.status, reason: r.reason ?? null } });
  }

  private onFill(f: Fill): void {
    const pos = this.d.portfolio.ledger.position(f.symbol);
    if (!pos) return;
    this.stops.onPositionChange(f.symbol, pos.qty, pos.avgCost || f.price, f.ts);
  }

  /** Once a second: give every open position without an active stop its default stop. */
  ensure(now: number): void {
    const active = new Set(this.stops.list().filter((s) => s.status === 'active').map((s) => s.symbol));
    const ledger = this.d.portfolio.ledger;
    const hedges = this.d.hedgeSymbols?.();
    for (const p of this.d.portfolio.positions()) {
      if (active.has(p.symbol) || p.kind === 'option' || p.mark === null || !(p.mark > 0) || hedges?.has(p.symbol)) continue;
      const inst = ledger.instruments.get(p.symbol);
      const vol = this.d.dailyVol(inst?.underlying ?? p.symbol);
      try {
        this.stops.setForPosition({ ...p, avgCost: p.mark }, { ...(vol !== undefined ? { dailyVol: vol } : {}), multiplier: inst?.multiplier ?? 1, trailing: { activationR: 1, distance: { kind: 'fraction', fraction: 2 * (vol ?? 0.025) } } }, now);
      } catch (err) {
        this.d.append({ kind: 'stop.set_failed', severity: 'warning', source: 'stops', payload: { symbol: p.symbol, message: (err as Error).message } });
      }
    }
  }

  /** Once a minute: measure hits whose horizon passed, and persist. */
  everyMinute(now: number): void {
    const ledger = this.d.portfolio.ledger;
    const marks = new Map<string, number>();
    for (const s of this.stops.list()) {
      const m = ledger.markOf(s.symbol);
      if (m !== undefined) marks.set(s.symbol, m);
    }
    const r = this.eff.measure(marks, now, this.d.horizonMs ?? 4 * 3_600_000);
    for (const m of r.measured) this.d.append({ kind: 'stop.effectiveness', severity: 'info', source: 'stops', payload: { ...m } });
    this.persist(now);
  }

  persist(now: number): void {
    this.d.store.save('stops', this.stops.toJSON(), now);
    this.d.store.save('stops.effectiveness', this.eff.toJSON(), now);
  }

  positionRisk(): Map<string, number> {
    return this.stops.positionRisk();
  }

  list(): { stops: StopView[]; effectiveness: EffectivenessSummary } {
    return { stops: this.stops.list().map(toView), effectiveness: this.eff.summary() };
  }

  setManual(symbol: string, patch: { stop?: number | undefined; takeProfit?: number | null | undefined }, now: number): StopView {
    let r: StopRecord;
    try {
      r = this.stops.setManual(symbol, { ...(patch.stop !== undefined ? { stop: patch.stop } : {}), ...(patch.takeProfit !== undefined ? { takeProfit: patch.takeProfit } : {}) }, now);
    } catch (err) {
      throw new RpcFailure('BAD_REQUEST', `params: ${(err as Error).message}`);
    }
    this.d.append({ kind: 'stop.updated', severity: 'info', source: 'trader', payload: { symbol, ...patch } });
    this.persist(now);
    return toView(r);
  }
}
