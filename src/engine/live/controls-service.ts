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
 *
 * This class owns the state and the schedule; what each event does lives beside it, acting through
 * a ControlsHost (controls-deps.ts): controls-alerts.ts, controls-breakers.ts, controls-preservation.ts,
 * controls-emergency.ts, controls-pretrade.ts.
 */
import { RpcFailure } from '../../shared/contract/errors';
import type { AlertView, BreakerViewSchema, LimitsView, OrderCheckView, PreservationEvent, TradingStateView } from '../../shared/contract/controls';
import type { LimitsConfig } from '../../shared/contract/controls';
import type { OrderRequest, OrderResult } from '../../shared/contract/portfolio';
import { AlertBook, type AlertInput } from '../controls/alerts';
import type { BreakerId } from '../controls/breaker-config';
import { CircuitBreakers } from '../controls/breakers';
import { effectiveLimits, LimitsConfig as LimitsSchema, utilisation } from '../controls/limits';
import { CapitalPreservation } from '../controls/preservation';
import { LEVEL_POLICY } from '../controls/preservation-plan';
import type { OrderCheck } from '../controls/pretrade';
import { buildPretradeContext, type PretradeContext } from '../controls/pretrade-context';
import { initialTradingState, setTradingState, strictest, tickTradingState, type TradingMode, type TradingState } from '../controls/trading-state';
import { limitState, measureDueOutcomes } from './preservation-record';
import { BookReadings } from './book-readings';
import { acknowledgeAlert, alertList, limitAlerts, raiseAlert, tickAlerts } from './controls-alerts';
import { breakerList, onBreakers, overrideBreaker, revokeBreaker } from './controls-breakers';
import { OS_USER, type ControlsDeps, type ControlsHost, type HedgingHooks, type RiskInputs } from './controls-deps';
import { cancelAll, flatten, halt, reduce } from './controls-emergency';
import { onPreservation } from './controls-preservation';
import { checkLiveOrder } from './controls-pretrade';

// The deps and shared types moved to controls-deps.ts (no import cycle for the extracted parts).
export type { ControlsDeps, HedgingHooks, RiskInputs } from './controls-deps';

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
  /** This service's internals as its extracted parts see them (controls-deps.ts, ControlsHost). */
  private readonly host: ControlsHost;

  /** The hedging service plugs in here (it is built after the controls): L2 hedge requests, protected hedge symbols, cost drag. */
  setHedging(h: HedgingHooks): void {
    this.hedging = h;
  }

  /** Raises an alert on behalf of another service (the hedging HEDGE signal). */
  raiseAlert(a: AlertInput, now: number): void {
    raiseAlert(this.host, a, now);
  }

  constructor(private readonly d: ControlsDeps) {
    const now = d.now();
    this.base = this.restore('limits', (v) => LimitsSchema.parse(v), () => LimitsSchema.parse({}));
    this.manual = this.restore('trading', (v) => v as TradingState, () => initialTradingState(now));
    this.breakers = this.restore('breakers', (v) => CircuitBreakers.fromJSON(v), () => new CircuitBreakers({}, now));
    this.preservation = this.restore('preservation', (v) => CapitalPreservation.fromJSON(v), () => new CapitalPreservation({}, now));
    this.alerts = this.restore('alerts', (v) => AlertBook.fromJSON(v), () => new AlertBook({}));
    this.readings = new BookReadings(d.liveMonitor, d.store.load('lossStreak'));
    this.host = {
      d,
      breakers: this.breakers,
      alerts: this.alerts,
      risk: () => this.risk,
      hedging: () => this.hedging,
      recentOrders: this.recentOrders,
      markDirty: () => (this.dirty = true),
      dropContext: () => (this.ctx = undefined),
      flush: (now) => this.flush(now),
      effectiveLimits: (now) => this.effective(now).limits,
      effectiveState: (now) => this.effectiveState(now),
      context: (now) => this.context(now),
      submit: (order, source) => this.submit(order, source),
      tradingState: (now) => this.tradingState(now),
      setState: (mode, reason, untilMinutes, now) => this.setState(mode, reason, untilMinutes, now),
    };
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
    if (ev.transitions.length) onBreakers(this.host, ev, now);
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
    if (ev.transitions.length) onBreakers(this.host, ev, now);

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
    if (change) onPreservation(this.host, change, now);

    tickAlerts(this.host, summary.staleSymbols, now);
    this.lastBreached = limitAlerts(this.host, this.limitsView(now), this.lastBreached, now);
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
    return checkLiveOrder(this.host, order, now);
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

  breakerList(now: number): BreakerViewSchema[] {
    return breakerList(this.host, now);
  }

  override(id: BreakerId, reason: string, minutes: number, now: number): BreakerViewSchema {
    return overrideBreaker(this.host, id, reason, minutes, now);
  }

  revoke(id: BreakerId, reason: string | undefined, now: number): BreakerViewSchema {
    return revokeBreaker(this.host, id, reason, now);
  }

  // ---- preservation ---------------------------------------------------------------------------

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

  alertList(includeAcknowledged: boolean): AlertView[] {
    return alertList(this.host, includeAcknowledged);
  }

  acknowledge(id: string, now: number): AlertView {
    return acknowledgeAlert(this.host, id, now);
  }

  // ---- emergency ------------------------------------------------------------------------------

  flatten(reason: string, now: number): { orders: OrderResult[]; state: TradingStateView } {
    return flatten(this.host, reason, now);
  }

  reduce(fraction: number, reason: string, now: number): { orders: OrderResult[]; state: TradingStateView } {
    return reduce(this.host, fraction, reason, now);
  }

  halt(reason: string, untilMinutes: number | undefined, now: number): TradingStateView {
    return halt(this.host, reason, untilMinutes, now);
  }

  cancelAll(reason: string): { cancelled: number } {
    return cancelAll(this.host, reason);
  }

  flush(now: number): void {
    this.dirty = true;
    this.persist(now);
  }
}
