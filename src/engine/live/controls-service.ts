/**
 * The controls in the live engine: limits, the pre-trade validator in front of every order, the
 * trading state, circuit breakers, capital preservation and alerts, wired to the portfolio, the
 * journal and the store. The rules are pure (src/engine/controls); this file decides when they run:
 *
 * - on every tick, O(1): drawdown and daily loss against the breakers (the figures that can move
 *   fastest and matter most);
 * - once a second: feed staleness, auto-resume, alert escalation, preservation, limit utilisation,
 *   due preservation outcomes, and the pushes to the UI;
 * - on every heavy risk recompute: volatility ratio, correlation and VaR for breakers, preservation
 *   and dynamic limits.
 */
import { userInfo } from 'node:os';
import { RpcFailure } from '../../shared/contract/errors';
import type { AlertView, BreakerViewSchema, LimitsView, OrderCheckView, PreservationEvent, TradingStateView } from '../../shared/contract/controls';
import type { LimitsConfig } from '../../shared/contract/controls';
import type { OrderRequest, OrderResult, PositionView } from '../../shared/contract/portfolio';
import { AlertBook, type AlertInput } from '../controls/alerts';
import type { BreakerId } from '../controls/breaker-config';
import { CircuitBreakers, type BreakerEvaluation } from '../controls/breakers';
import { planFlattenAll, planReduceAll } from '../controls/emergency';
import type { OrderIntent } from '../controls/intents';
import { effectiveLimits, LimitsConfig as LimitsSchema, utilisation, type LimitRegime } from '../controls/limits';
import { CapitalPreservation, type LevelChange } from '../controls/preservation';
import { LEVEL_POLICY } from '../controls/preservation-plan';
import { checkOrder, type OrderCheck } from '../controls/pretrade';
import { mlSizingScale } from '../risk/ml/early-warning';
import { buildPretradeContext, type PretradeContext } from '../controls/pretrade-context';
import { initialTradingState, setTradingState, strictest, tickTradingState, type TradingMode, type TradingState } from '../controls/trading-state';
import type { NewEvent } from '../db/journal';
import type { PortfolioService } from '../portfolio/service';
import type { ControlsStore } from './controls-store';
import { limitState, measureDueOutcomes, recordLevelChange } from './preservation-record';
import type { LiveMonitorOptions } from './live-monitor';
import { BookReadings } from './book-readings';
import { alertViews, breakerViews, correlatedPositions } from './controls-views';

export interface ControlsDeps {
  store: ControlsStore;
  portfolio: PortfolioService;
  append: (e: NewEvent) => void;
  now: () => number;
  push: (topic: string, data: unknown) => void;
  /** How long after a preservation event its outcome is measured (default 24 h). */
  outcomeHorizonMs?: number;
  /** Age of the stalest feed, ms (null when no feed has spoken yet). */
  feedAgeMs?: () => number | null;
  /** Risk to each position's real stop (account currency), when stops are set. */
  positionRisk?: () => ReadonlyMap<string, number>;
  liveMonitor?: LiveMonitorOptions;
  /** Called whenever an alert should notify (new, escalated, cool-down over): feeds the alert channels. Must return at once. */
  onAlert?: (a: { id: string; level: AlertInput['level']; message: string; mitigation: string; metric: string; value: number; threshold: number }) => void;
}

/** What the hedging service offers the controls (docs/hedging.md, "Integration"). */
export interface HedgingHooks {
  /** Preservation entered a level whose directives include `request_hedges` (level 2 and 3). */
  onRequestHedges(level: number, now: number): void;
  /** Open hedge legs: never cut by preservation's reduce plans. */
  protectedSymbols(): ReadonlySet<string>;
  /** Annualised hedge cost drag (fraction of equity, 0..0.5): sizing strength × (1 − drag). */
  costDrag(): number;
  /** The order gains in the tail scenario and shrinks the book's tail loss (hedging/protective.ts). */
  protectiveOrder(o: { symbol: string; side: 'buy' | 'sell'; qty: number }, now: number): boolean;
}

/** What the heavy recompute tells the controls. */
export interface RiskInputs {
  var99: number;
  volRatio: number;
  avgCorrelation: number;
  regime: LimitRegime;
  correlations?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Early-warning probability, when the model ran. */
  earlyWarningP?: number;
}

const OS_USER = (() => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
})();

export class ControlsService {
  private base: LimitsConfig;
  private manual: TradingState;
  private readonly breakers: CircuitBreakers;
  private readonly preservation: CapitalPreservation;
  private readonly alerts: AlertBook;
  private readonly readings: BookReadings;
  private readonly recentOrders: number[] = [];
  private ctx: { at: number; ctx: PretradeContext } | undefined;
  private risk: RiskInputs | undefined;

  private dirty = false;
  private hedging: HedgingHooks | undefined;

  /** The hedging service plugs in here (it is built after the controls): L2 hedge requests, protected hedge symbols, cost drag. */
  setHedging(h: HedgingHooks): void {
    this.hedging = h;
  }

  /** Raises an alert on behalf of another service (the hedging HEDGE signal). */
  raiseAlert(a: AlertInput, now: number): void {
    this.raise(a, now);
  }

  constructor(private readonly d: ControlsDeps) {
    const now = d.now();
    this.base = this.restore('limits', (v) => LimitsSchema.parse(v), () => LimitsSchema.parse({}));
    this.manual = this.restore('trading', (v) => v as TradingState, () => initialTradingState(now));
    this.breakers = this.restore('breakers', (v) => CircuitBreakers.fromJSON(v), () => new CircuitBreakers({}, now));
    this.preservation = this.restore('preservation', (v) => CapitalPreservation.fromJSON(v), () => new CapitalPreservation({}, now));
    this.alerts = this.restore('alerts', (v) => AlertBook.fromJSON(v), () => new AlertBook({}));
    this.readings = new BookReadings(d.liveMonitor, d.store.load('lossStreak'));
  }

  private get lossStreak(): number {
    return this.readings.lossStreak;
  }

  /** Loads one component's saved state; a corrupt row is journaled and replaced by defaults, never fatal. */
  private restore<T>(key: string, parse: (v: unknown) => T, fallback: () => T): T {
    const raw = this.d.store.load(key);
    if (raw === undefined) return fallback();
    try {
      return parse(raw);
    } catch (err) {
      this.d.append({ kind: 'controls.restore_failed', severity: 'critical', source: 'controls', payload: { key, message: (err as Error).message } });
      return fallback();
    }
  }

  private persist(now: number): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.d.store.save('limits', this.base, now);
    this.d.store.save('trading', this.manual, now);
    this.d.store.save('breakers', this.breakers.toJSON(), now);
    this.d.store.save('preservation', this.preservation.toJSON(), now);
    this.d.store.save('alerts', this.alerts.toJSON(), now);
    this.d.store.save('lossStreak', this.readings.toJSON(), now);
  }

  // ---- tick path --------------------------------------------------------------------------

  /** O(1): the breakers that watch account figures. */
  onTick(now: number): void {
    const q = this.d.portfolio.quick();
    const dailyLoss = q.dayStartEquity > 0 ? Math.max(0, -q.dailyPnl) / q.dayStartEquity : 0;
    const ev = this.breakers.evaluate({ drawdown: q.drawdown, dailyLoss }, now);
    if (ev.transitions.length) this.onBreakers(ev, now);
  }

  // ---- schedules ----------------------------------------------------------------------------

  everySecond(now: number): void {
    const ticked = tickTradingState(this.manual, now);
    if (ticked.change) {
      this.manual = ticked.state;
      this.dirty = true;
      this.d.append({ kind: 'trading.state_changed', severity: 'info', source: 'controls', payload: { ...ticked.change } });
    }
    const summary = this.d.portfolio.summary();
    const rolled = this.readings.trackDay(summary.dailyPnl, summary.dayStartEquity, now);
    if (rolled) {
      this.dirty = true;
      this.d.append({ kind: 'controls.loss_streak', severity: rolled.count >= 3 ? 'warning' : 'info', source: 'controls', payload: { streak: rolled.count, lastDayPnl: rolled.lastDayPnl } });
    }
    this.readings.sample(this.d.portfolio.positions(), this.d.portfolio.ledger);
    const live = this.readings.live1s;
    const volRatio = Math.max(live?.volRatio ?? 0, this.risk?.volRatio ?? 0);
    const corr = live || this.risk ? Math.max(live?.avgCorrelation ?? -1, this.risk?.avgCorrelation ?? -1) : undefined;
    const dailyLoss = summary.dayStartEquity > 0 ? Math.max(0, -summary.dailyPnl) / summary.dayStartEquity : 0;
    const feedAge = this.d.feedAgeMs?.() ?? null;
    const ev = this.breakers.evaluate(
      {
        drawdown: summary.drawdown,
        dailyLoss,
        ...(feedAge !== null ? { staleFeedMs: feedAge } : {}),
        ...(volRatio > 0 ? { realisedVol: volRatio, normalVol: 1 } : {}),
        ...(corr !== undefined ? { avgPairwiseCorrelation: corr } : {}),
        lossStreak: this.lossStreak,
      },
      now,
    );
    if (ev.transitions.length) this.onBreakers(ev, now);

    const change = this.preservation.evaluate(
      {
        drawdown: summary.drawdown,
        liquidity: summary.equity > 0 ? summary.exitCost / summary.equity : 0,
        loss_streak: this.lossStreak,
        ...(volRatio > 0 ? { volatility: volRatio } : {}),
        ...(corr !== undefined ? { correlation: corr } : {}),
        ...(this.risk ? { tail_risk: this.risk.var99 / Math.max(summary.equity, 1) } : {}),
      },
      { positions: this.d.portfolio.positions(), equity: summary.equity, cash: Object.values(summary.cash).reduce((a, b) => a + b, 0), ...(this.hedging ? { protectedSymbols: this.hedging.protectedSymbols() } : {}) },
      now,
    );
    if (change) this.onPreservation(change, now);

    for (const a of this.alerts.tick(now)) {
      this.dirty = true;
      this.d.append({ kind: 'alert.escalated', severity: 'emergency', source: 'controls', payload: { id: a.id, key: a.key, message: a.message } });
      this.d.onAlert?.({ id: a.id, level: a.level, message: a.message, mitigation: a.mitigation, metric: a.metric, value: a.value, threshold: a.threshold });
    }
    if (summary.staleSymbols > 0) {
      this.raise({ key: 'feed:stale', type: 'feed', level: 'warning', message: `${summary.staleSymbols} position${summary.staleSymbols === 1 ? '' : 's'} without a fresh price`, metric: 'stale_positions', threshold: 0, value: summary.staleSymbols, mitigation: 'Check feed health in the status bar; stale prices are refused for new exposure.' }, now);
    } else if (this.alerts.resolve('feed:stale')) {
      this.dirty = true;
      this.d.append({ kind: 'alert.resolved', severity: 'info', source: 'controls', payload: { key: 'feed:stale' } });
    }
    this.checkLimits(now);
    this.measureOutcomes(now);
    this.persist(now);
    this.d.push('trading.state', this.tradingState(now));
    this.d.push('breakers.list', this.breakerList(now));
    this.d.push('alerts.list', this.alertList(true));
  }

  /** The live readings (null while warming up), for the UI and tests. */
  liveReadings(): { volRatio: number; avgCorrelation: number } | null {
    return this.readings.live1s;
  }

  onRisk(r: RiskInputs, now: number): void {
    this.risk = r;
    this.ctx = undefined;
    this.d.push('limits.view', this.limitsView(now));
  }

  // ---- limits -------------------------------------------------------------------------------

  private effective(_now: number) {
    const pres = this.preservation.current.level;
    return effectiveLimits(this.base, {
      lossStreak: this.lossStreak,
      regime: this.risk?.regime ?? 'normal',
      recovered: pres === 0,
      ...(pres > 0 ? { preservationFactor: LEVEL_POLICY[pres].limitFactor } : {}),
    });
  }

  limitsView(now: number): LimitsView {
    const eff = this.effective(now);
    const s = this.d.portfolio.summary();
    const rows = s.equity > 0 ? utilisation(eff.limits, limitState(s, this.d.portfolio.positions(), this.recentOrders, this.risk, now)) : [];
    return { base: this.base, effective: eff.limits, factor: eff.factor, reason: eff.reason, utilisation: rows };
  }

  setLimits(patch: Partial<LimitsConfig>, now: number): LimitsView {
    const before = this.base;
    const parsed = LimitsSchema.safeParse({ ...before, ...patch });
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const field = ['params', 'patch', ...i.path.map(String)].join('.');
      throw new RpcFailure('BAD_REQUEST', `${field}: ${i.message}`, field);
    }
    this.base = parsed.data;
    this.ctx = undefined;
    this.dirty = true;
    this.persist(now);
    this.d.append({ kind: 'limit.updated', severity: 'info', source: `user:${OS_USER}`, payload: { before, after: this.base, patch } });
    return this.limitsView(now);
  }

  private lastBreached = new Set<string>();
  private checkLimits(now: number): void {
    const view = this.limitsView(now);
    const breached = new Set<string>();
    for (const u of view.utilisation) {
      if (u.breached) {
        breached.add(u.name);
        if (!this.lastBreached.has(u.name)) {
          this.d.append({ kind: 'limit.breached', severity: 'critical', source: 'controls', payload: { ...u } });
          this.raise({ key: `limit:${u.name}`, type: 'limit', level: 'critical', message: `${u.name} limit breached`, metric: u.name, threshold: u.limit, value: u.value, mitigation: 'Reduce exposure or review the limit; new exposure is refused while breached.' }, now);
        }
      } else if (u.utilisation >= 0.8) {
        this.raise({ key: `limit-near:${u.name}`, type: 'limit', level: 'warning', message: `${u.name} at ${(u.utilisation * 100).toFixed(0)}% of its limit`, metric: u.name, threshold: u.limit, value: u.value, mitigation: 'Consider reducing before the limit binds.' }, now);
      }
    }
    this.lastBreached = breached;
  }

  // ---- pre-trade ------------------------------------------------------------------------------

  private context(now: number): PretradeContext {
    if (this.ctx && now - this.ctx.at < 250) return this.ctx.ctx;
    const ctx = buildPretradeContext({
      summary: this.d.portfolio.summary(),
      positions: this.d.portfolio.positions(),
      ...(this.d.positionRisk ? { positionRisk: this.d.positionRisk() } : {}),
      ...(this.risk ? { var99: this.risk.var99 / Math.max(this.d.portfolio.quick().equity, 1) } : {}),
    });
    this.ctx = { at: now, ctx };
    return ctx;
  }

  /** The one validator: every order (ticket, API, breaker, preservation, emergency) passes here. */
  check(order: OrderRequest & { strategy?: string }, now: number): OrderCheck {
    const ledger = this.d.portfolio.ledger;
    const inst = ledger.instruments.get(order.symbol);
    if (!inst) throw new RpcFailure('NOT_FOUND', `params.symbol: unknown instrument ${order.symbol}`, 'params.symbol');
    const q = ledger.quote(inst.underlying ?? inst.symbol);
    const mark = ledger.markOf(order.symbol) ?? null;
    const isOption = inst.kind === 'option';
    const price = isOption ? { bid: mark, ask: mark, mark, ts: q?.ts ?? null } : { bid: q?.bid ?? null, ask: q?.ask ?? null, mark: q?.last ?? mark, ts: q?.ts ?? null };
    // ρ of this order's underlying with each held position's underlying. Positions on the same
    // underlying are the same bet, measured by the concentration limit, not by correlation with itself.
    const under = inst.underlying ?? inst.symbol;
    const row = this.risk?.correlations?.get(under);
    let corr: Map<string, number> | undefined;
    if (row) {
      corr = new Map();
      for (const p of this.d.portfolio.positions()) {
        const pu = p.underlying ?? p.symbol;
        const rho = row.get(pu);
        // A put moves against its underlying: buying one is the opposite bet to a long in a correlated asset.
        if (pu !== under && rho !== undefined) corr.set(p.symbol, inst.optionType === 'put' ? -rho : rho);
      }
    }
    // Sizing strength = the early-warning scale × (1 − hedge cost drag); the view reports the two apart.
    const ml = this.risk?.earlyWarningP !== undefined ? mlSizingScale(this.risk.earlyWarningP) : undefined;
    const drag = this.hedging?.costDrag() ?? 0;
    const protective = this.hedging?.protectiveOrder(order, now) === true;
    const checked = checkOrder(
      { symbol: order.symbol, side: order.side, qty: order.qty, type: order.type, ...(order.limitPrice !== undefined ? { limitPrice: order.limitPrice } : {}) },
      {
        now,
        snapshot: this.context(now),
        limits: this.effective(now).limits,
        state: this.effectiveState(now),
        instrument: { symbol: inst.symbol, kind: inst.kind, multiplier: inst.multiplier, sector: inst.sector ?? null, beta: inst.beta, assetClass: inst.assetClass },
        price,
        recentOrderTs: this.recentOrders,
        ...(corr ? { correlations: corr } : {}),
        ...(order.strategy ? { sizing: { strategy: order.strategy as never } } : {}),
        ...(ml !== undefined || drag > 0 ? { mlSizingScale: (ml ?? 1) * (1 - drag) } : {}),
        ...(protective ? { protective } : {}),
      },
    );
    if (protective && checked.addsExposure) checked.protective = true;
    if (checked.sizing && drag > 0) checked.sizing = { ...checked.sizing, mlScale: ml ?? 1, hedgeDrag: drag };
    return checked;
  }

  /** Checks, then sends to the paper broker what the validator allows. */
  submit(order: OrderRequest & { strategy?: string }, source = `user:${OS_USER}`): OrderResult & { check: OrderCheckView } {
    const now = this.d.now();
    const c = this.check(order, now);
    if (c.decision === 'deny') {
      this.d.append({ kind: 'order.rejected', severity: 'warning', source, payload: { order, reasons: c.reasons } });
      return { orderId: '', status: 'rejected', reason: c.reasons.map((r) => `${r.code}: ${r.message}`).join('; '), check: c };
    }
    const qty = c.decision === 'reduce' ? c.allowedQty! : order.qty;
    if (c.decision === 'reduce') this.d.append({ kind: 'order.reduced', severity: 'warning', source, payload: { order, allowedQty: qty, reasons: c.reasons } });
    else this.d.append({ kind: 'order.validated', severity: 'debug', source, payload: { order: { symbol: order.symbol, side: order.side, qty } } });
    const r = this.d.portfolio.submit({ ...order, qty });
    if (c.addsExposure && r.status !== 'rejected') {
      this.recentOrders.push(now);
      while (this.recentOrders.length && now - this.recentOrders[0] > 60_000) this.recentOrders.shift();
    }
    this.ctx = undefined;
    return { ...r, check: c };
  }

  private execute(intents: readonly OrderIntent[], source: string): OrderResult[] {
    return intents.map((i) => {
      const { check: _c, ...r } = this.submit({ symbol: i.symbol, side: i.side, qty: i.qty, type: 'market', note: i.reason }, source);
      return r;
    });
  }

  // ---- trading state ------------------------------------------------------------------------

  private effectiveState(now: number): TradingState {
    const states = [this.manual, this.breakers.requiredState(), this.preservation.requiredState()].filter((s): s is TradingState => s !== null);
    return strictest(states, now) ?? this.manual;
  }

  tradingState(now: number): TradingStateView {
    const eff = this.effectiveState(now);
    return {
      mode: eff.mode,
      reason: eff.reason,
      since: eff.since,
      until: eff.until,
      setBy: eff.setBy,
      sources: { manual: this.manual.mode, breakers: this.breakers.requiredState()?.mode ?? null, preservation: this.preservation.requiredState()?.mode ?? null },
    };
  }

  setState(mode: TradingMode, reason: string, untilMinutes: number | undefined, now: number): TradingStateView {
    const { state, change } = setTradingState(this.manual, { mode, reason, setBy: `user:${OS_USER}`, until: untilMinutes ? now + untilMinutes * 60_000 : null }, now);
    this.manual = state;
    this.dirty = true;
    this.persist(now);
    this.d.append({ kind: 'trading.state_changed', severity: mode === 'HALTED' ? 'critical' : 'warning', source: `user:${OS_USER}`, payload: { ...change, reason } });
    return this.tradingState(now);
  }

  // ---- breakers -------------------------------------------------------------------------------

  private onBreakers(ev: BreakerEvaluation, now: number): void {
    this.dirty = true;
    const q = this.d.portfolio.quick();
    for (const t of ev.transitions) {
      const tripped = t.to === 'tripped';
      this.d.append({
        kind: tripped ? 'breaker.activated' : 'breaker.deactivated',
        severity: tripped ? 'critical' : 'info',
        source: 'controls',
        payload: { breaker: t.breaker, from: t.from, to: t.to, reason: t.reason, trip: t.trip ?? null, equity: q.equity, drawdown: q.drawdown },
      });
      if (tripped && t.trip) {
        this.raise({ key: `breaker:${t.breaker}`, type: 'breaker', level: t.breaker === 'drawdown' || t.breaker === 'daily_loss' ? 'emergency' : 'critical', message: `${t.breaker.replace('_', ' ')} breaker tripped`, metric: t.trip.metric, threshold: t.trip.threshold, value: t.trip.value, mitigation: 'Trading restricted by the breaker; review positions. Override only with a reason.' }, now);
      }
    }
    for (const { breaker, action } of ev.actions) {
      const source = `breaker:${breaker}`;
      const positions = this.d.portfolio.positions();
      if (action.type === 'close_all') this.execute(planFlattenAll(positions, this.planOpts(`${breaker} breaker: close all`, now)).intents, source);
      else if (action.type === 'reduce_exposure') this.execute(planReduceAll(this.scope(positions, action.scope), action.fraction, this.planOpts(`${breaker} breaker: reduce ${action.fraction * 100}%`, now)).intents, source);
      else if (action.type === 'safe_mode') this.d.portfolio.cancelAll();
      this.d.append({ kind: 'breaker.action', severity: 'critical', source, payload: { action } });
    }
    this.ctx = undefined;
  }

  /** Closing orders are sliced at the per-order notional cap, so the fat-finger guard never leaves a position half closed. */
  private planOpts(reason: string, now: number) {
    const multipliers = new Map<string, number>();
    for (const [sym, inst] of this.d.portfolio.ledger.instruments) multipliers.set(sym, inst.multiplier);
    return { reason, maxNotionalPerOrder: this.effective(now).limits.maxNotionalPerOrder, multipliers };
  }

  private scope(positions: readonly PositionView[], scope: 'all' | 'correlated'): readonly PositionView[] {
    return scope === 'all' ? positions : correlatedPositions(positions, this.risk?.correlations, this.risk?.avgCorrelation ?? 0);
  }

  breakerList(now: number): BreakerViewSchema[] {
    return breakerViews(this.breakers.status(now), this.breakers.config.allowDrawdownOverride);
  }

  override(id: BreakerId, reason: string, minutes: number, now: number): BreakerViewSchema {
    let rec;
    try {
      rec = this.breakers.override(id, { reason, expiresAt: now + minutes * 60_000, user: OS_USER, confirm: true }, now);
    } catch (err) {
      throw new RpcFailure('CONFLICT', (err as Error).message, 'params.id');
    }
    this.dirty = true;
    this.persist(now);
    const q = this.d.portfolio.quick();
    this.d.append({ kind: 'breaker.overridden', severity: 'critical', source: `user:${OS_USER}`, payload: { ...rec, metrics: { equity: q.equity, drawdown: q.drawdown, dailyPnl: q.dailyPnl } } });
    this.ctx = undefined;
    return this.breakerList(now).find((b) => b.id === id)!;
  }

  revoke(id: BreakerId, reason: string | undefined, now: number): BreakerViewSchema {
    let rec;
    try {
      rec = this.breakers.revoke(id, { user: OS_USER, ...(reason ? { reason } : {}) }, now);
    } catch (err) {
      throw new RpcFailure('CONFLICT', (err as Error).message, 'params.id');
    }
    this.breakers.evaluate({}, now);
    this.dirty = true;
    this.persist(now);
    this.d.append({ kind: 'breaker.override_revoked', severity: 'warning', source: `user:${OS_USER}`, payload: { ...rec } });
    return this.breakerList(now).find((b) => b.id === id)!;
  }

  // ---- preservation ---------------------------------------------------------------------------

  private onPreservation(c: LevelChange, now: number): void {
    this.dirty = true;
    const source = `preservation:${c.to}`;
    const results = this.execute(c.intents, source);
    const { id, orders } = recordLevelChange(this.d.store, this.d.portfolio.ledger, c, results, now);
    if (c.direction === 'escalate' && c.directives.some((x) => x.type === 'request_hedges')) this.hedging?.onRequestHedges(c.to, now);
    this.d.append({ kind: 'preservation.level_changed', severity: c.direction === 'escalate' ? 'critical' : 'info', source: 'controls', payload: { eventId: id, from: c.from, to: c.to, trigger: c.trigger, directives: c.directives, orders } });
    if (c.direction === 'escalate') {
      this.raise({ key: 'preservation', type: 'preservation', level: c.to >= 3 ? 'emergency' : 'critical', message: `Capital preservation level ${c.to} (${c.trigger?.trigger ?? 'manual'})`, metric: c.trigger?.trigger ?? 'level', threshold: c.trigger?.threshold ?? c.to, value: c.trigger?.value ?? c.to, mitigation: 'Exposure is being stepped down; review the History page for the actions taken.' }, now);
    }
  }

  private measureOutcomes(now: number): void {
    measureDueOutcomes(this.d.store, this.d.portfolio.ledger, this.d.append, now, this.d.outcomeHorizonMs ?? 24 * 3_600_000);
  }

  preservationStatus(): { level: number; since: number; recoveringSince: number | null; recoveryDueAt: number | null; readings: { trigger: string; value: number; level: number; threshold: number }[] } {
    const s = this.d.portfolio.summary();
    const readings = this.preservation.read({
      drawdown: s.drawdown,
      liquidity: s.equity > 0 ? s.exitCost / s.equity : 0,
      loss_streak: this.lossStreak,
      ...(this.risk ? { volatility: this.risk.volRatio, correlation: this.risk.avgCorrelation, tail_risk: this.risk.var99 / Math.max(s.equity, 1) } : {}),
    });
    return { ...this.preservation.current, readings };
  }

  preservationHistory(f: { limit: number; before?: number | undefined; trigger?: string | undefined }): PreservationEvent[] {
    return this.d.store.history(f);
  }

  // ---- alerts ---------------------------------------------------------------------------------

  private raise(a: AlertInput, now: number): void {
    const r = this.alerts.raise(a, now);
    if (r.isNew || r.notify) {
      this.dirty = true;
      if (r.isNew) this.d.append({ kind: 'alert.raised', severity: a.level === 'info' ? 'info' : a.level, source: 'controls', payload: { id: r.alert.id, key: a.key, message: a.message, value: a.value, threshold: a.threshold } });
      if (r.notify) this.d.push('alerts.notify', { id: r.alert.id, level: a.level, message: a.message, mitigation: a.mitigation });
      if (r.notify) this.d.onAlert?.({ id: r.alert.id, level: r.alert.level, message: a.message, mitigation: a.mitigation, metric: a.metric, value: a.value, threshold: a.threshold });
    }
  }

  alertList(includeAcknowledged: boolean): AlertView[] {
    return alertViews(this.alerts.list(), includeAcknowledged);
  }

  acknowledge(id: string, now: number): AlertView {
    try {
      this.alerts.acknowledge(id, OS_USER, now);
    } catch (err) {
      throw new RpcFailure('NOT_FOUND', `params.id: ${(err as Error).message}`, 'params.id');
    }
    this.dirty = true;
    this.persist(now);
    this.d.append({ kind: 'alert.acknowledged', severity: 'info', source: `user:${OS_USER}`, payload: { id } });
    return this.alertList(true).find((a) => a.id === id)!;
  }

  // ---- emergency ------------------------------------------------------------------------------

  flatten(reason: string, now: number): { orders: OrderResult[]; state: TradingStateView } {
    const cancelled = this.d.portfolio.cancelAll();
    const plan = planFlattenAll(this.d.portfolio.positions(), this.planOpts(`emergency flatten: ${reason}`, now));
    this.d.append({ kind: 'emergency.flatten', severity: 'emergency', source: `user:${OS_USER}`, payload: { reason, cancelled, orders: plan.intents.length } });
    const orders = this.execute(plan.intents, `emergency:${OS_USER}`);
    return { orders, state: this.tradingState(now) };
  }

  reduce(fraction: number, reason: string, now: number): { orders: OrderResult[]; state: TradingStateView } {
    const plan = planReduceAll(this.d.portfolio.positions(), fraction, this.planOpts(`emergency reduce ${fraction * 100}%: ${reason}`, now));
    this.d.append({ kind: 'emergency.reduce', severity: 'emergency', source: `user:${OS_USER}`, payload: { reason, fraction, orders: plan.intents.length } });
    const orders = this.execute(plan.intents, `emergency:${OS_USER}`);
    return { orders, state: this.tradingState(now) };
  }

  halt(reason: string, untilMinutes: number | undefined, now: number): TradingStateView {
    this.d.append({ kind: 'emergency.halt', severity: 'emergency', source: `user:${OS_USER}`, payload: { reason, untilMinutes: untilMinutes ?? null } });
    return this.setState('HALTED', reason, untilMinutes, now);
  }

  cancelAll(reason: string): { cancelled: number } {
    const cancelled = this.d.portfolio.cancelAll();
    this.d.append({ kind: 'emergency.cancel_all', severity: 'warning', source: `user:${OS_USER}`, payload: { reason, cancelled } });
    return { cancelled };
  }

  flush(now: number): void {
    this.dirty = true;
    this.persist(now);
  }
}
