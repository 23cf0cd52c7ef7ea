/**
 * The controls in the replay, wired as src/engine/live/controls-service.ts wires them — same pure
 * modules, same metric definitions, same order path — with the replay's clock instead of wall time:
 *
 * - breakers.evaluate({drawdown, dailyLoss, realisedVol: volRatio, normalVol: 1,
 *   avgPairwiseCorrelation, lossStreak}, now); a trip's actions run at once: close_all →
 *   planFlattenAll, reduce_exposure → planReduceAll; halt / pause / safe mode place no orders.
 * - preservation.evaluate({drawdown, liquidity, loss_streak, volatility, correlation, tail_risk},
 *   book, now) with the metrics read before the breaker's orders and the book read after them (as
 *   everySecond does); its intents go through the same check.
 * - Effective limits: effectiveLimits(base, {lossStreak, regime, recovered: level === 0,
 *   preservationFactor: 0.75 / 0.5 / 0.25 for L1 / L2 / L3}) — the live service's mapping.
 * - State: strictest(manual ACTIVE, breakers, preservation).
 * - Every order — breaker, preservation or rebalance — passes checkOrder and fills only what it
 *   allows. The risk inputs (VaR, correlations) are refreshed before each order, as the live
 *   engine's 10 s recompute would be by then; correlations exist only for a non-empty book and
 *   map the index to itself (ρ = 1), exactly what the live risk snapshot hands over.
 */
import type { PositionView } from '../../shared/contract/portfolio';
import { CircuitBreakers, type BreakerEvaluation } from '../controls/breakers';
import { planFlattenAll, planReduceAll } from '../controls/emergency';
import type { OrderIntent, Side } from '../controls/intents';
import { effectiveLimits, type EffectiveLimits, type LimitsConfig } from '../controls/limits';
import { CapitalPreservation, type LevelChange, type PreservationLevel } from '../controls/preservation';
import { checkOrder, type ReasonCode } from '../controls/pretrade';
import { buildPretradeContext } from '../controls/pretrade-context';
import { initialTradingState, strictest, type TradingState } from '../controls/trading-state';
import type { ReplayBook } from './book';
import { CORE, INSTRUMENTS } from './config';
import type { BookRisk, RiskFeed } from './risk-inputs';

export interface StepMeta {
  day: number;
  date: string;
  phase: 'low' | 'close';
  now: number;
}

export interface ControlEvent {
  kind: 'breaker' | 'preservation' | 'rebase';
  /** Breaker id, "L<n>" for a preservation level entered, or "hwm". */
  id: string;
  day: number;
  date: string;
  phase: 'low' | 'close';
  /** Index price at the event (the trip price). */
  price: number;
  metric: string;
  value: number;
  threshold: number;
  /** Preservation only. */
  from?: number;
  to?: number;
  direction?: 'escalate' | 'recover';
}

export interface OrderOutcome {
  decision: 'approve' | 'reduce' | 'deny';
  filled: number;
  codes: ReasonCode[];
}

export interface DenialRecord {
  day: number;
  source: string;
  symbol: string;
  side: Side;
  qty: number;
  decision: 'reduce' | 'deny';
  codes: ReasonCode[];
}

/** controls-service.ts maps L3 to 0.25 although LEVEL_POLICY[3].limitFactor is 0.5; the replay copies the live mapping. */
const PRESERVATION_FACTOR: Readonly<Record<PreservationLevel, number>> = { 0: 1, 1: 0.75, 2: 0.5, 3: 0.25 };

export class ReplayControls {
  readonly breakers: CircuitBreakers;
  readonly preservation: CapitalPreservation;
  private readonly manual: TradingState;
  private readonly recentOrders: number[] = [];
  /** Consecutive losing days, counted at each close by the replay. */
  lossStreak = 0;
  readonly events: ControlEvent[] = [];
  readonly denials: DenialRecord[] = [];
  private drawdownTripDay: number | null = null;

  constructor(
    private readonly book: ReplayBook,
    private readonly risk: RiskFeed,
    private readonly base: LimitsConfig,
    t0: number,
    settings: { breakers?: Record<string, unknown>; preservation?: Record<string, unknown> } = {},
  ) {
    this.breakers = new CircuitBreakers(settings.breakers ?? {}, t0);
    this.preservation = new CapitalPreservation(settings.preservation ?? {}, t0);
    this.manual = initialTradingState(t0, 'system:replay');
  }

  private bookRisk(): BookRisk | null {
    return this.risk.book(this.book.netExposure());
  }

  effective(): EffectiveLimits {
    const level = this.preservation.current.level;
    return effectiveLimits(this.base, {
      lossStreak: this.lossStreak,
      regime: this.bookRisk()?.regime ?? 'normal',
      recovered: level === 0,
      ...(level > 0 ? { preservationFactor: PRESERVATION_FACTOR[level] } : {}),
    });
  }

  state(now: number): TradingState {
    const states = [this.manual, this.breakers.requiredState(), this.preservation.requiredState()].filter(
      (s): s is TradingState => s !== null,
    );
    return strictest(states, now) ?? this.manual;
  }

  /** Days the drawdown breaker has been tripped (null when it is not). */
  drawdownHeldDays(day: number): number | null {
    return this.breakers.get('drawdown').status === 'tripped' && this.drawdownTripDay !== null
      ? day - this.drawdownTripDay
      : null;
  }

  /** One pass of the controls at a mark: the live everySecond (which includes the tick checks). */
  step(m: StepMeta): void {
    const a = this.book.account();
    const dailyLoss = a.dayStartEquity > 0 ? Math.max(0, -a.dailyPnl) / a.dayStartEquity : 0;
    const r = this.bookRisk();
    const exitCost = this.book.positions().reduce((s, p) => s + p.exitCost, 0);
    const ev = this.breakers.evaluate(
      {
        drawdown: a.drawdown,
        dailyLoss,
        ...(r ? { realisedVol: r.volRatio, normalVol: 1, avgPairwiseCorrelation: 0 } : {}),
        lossStreak: this.lossStreak,
      },
      m.now,
    );
    if (ev.transitions.length) this.onBreakers(ev, m);
    const change = this.preservation.evaluate(
      {
        drawdown: a.drawdown,
        liquidity: a.equity > 0 ? exitCost / a.equity : 0,
        loss_streak: this.lossStreak,
        ...(r ? { volatility: r.volRatio, correlation: 0, tail_risk: r.var99 / Math.max(a.equity, 1) } : {}),
      },
      { positions: this.book.positions(), equity: this.book.equity(), cash: this.book.cash() },
      m.now,
    );
    if (change) this.onPreservation(change, m);
  }

  private onBreakers(ev: BreakerEvaluation, m: StepMeta): void {
    for (const t of ev.transitions) {
      if (t.to !== 'tripped' || !t.trip) continue;
      if (t.breaker === 'drawdown') this.drawdownTripDay = m.day;
      this.events.push({
        kind: 'breaker',
        id: t.breaker,
        day: m.day,
        date: m.date,
        phase: m.phase,
        price: this.book.price,
        metric: t.trip.metric,
        value: t.trip.value,
        threshold: t.trip.threshold,
      });
    }
    for (const { breaker, action } of ev.actions) {
      const positions = this.book.positions();
      if (action.type === 'close_all')
        this.execute(
          planFlattenAll(positions, { reason: `${breaker} breaker: close all` }).intents,
          `breaker:${breaker}`,
          m,
        );
      else if (action.type === 'reduce_exposure')
        this.execute(
          planReduceAll(positions, action.fraction, { reason: `${breaker} breaker: reduce` }).intents,
          `breaker:${breaker}`,
          m,
        );
      // halt / pause_new_exposure only restrict the state; safe_mode cancels resting orders (none here).
    }
  }

  private onPreservation(c: LevelChange, m: StepMeta): void {
    this.events.push({
      kind: 'preservation',
      id: `L${c.to}`,
      day: m.day,
      date: m.date,
      phase: m.phase,
      price: this.book.price,
      metric: c.trigger?.trigger ?? 'recovery',
      value: c.trigger?.value ?? c.to,
      threshold: c.trigger?.threshold ?? c.to,
      from: c.from,
      to: c.to,
      direction: c.direction,
    });
    this.execute(c.intents, `preservation:${c.to}`, m);
  }

  private execute(intents: readonly OrderIntent[], source: string, m: StepMeta): void {
    for (const i of intents) this.submit({ symbol: i.symbol, side: i.side, qty: i.qty }, source, m);
  }

  /** checkOrder with the live inputs, then a fill of what it allows. */
  submit(order: { symbol: string; side: Side; qty: number }, source: string, m: StepMeta): OrderOutcome {
    const inst = INSTRUMENTS[order.symbol];
    if (!inst) throw new RangeError(`ReplayControls.submit: unknown symbol ${order.symbol}`);
    const a = this.book.account();
    const r = this.bookRisk();
    const positions: readonly PositionView[] = this.book.positions();
    const snapshot = buildPretradeContext({
      summary: {
        equity: a.equity,
        dayStartEquity: a.dayStartEquity,
        dailyPnl: a.dailyPnl,
        drawdown: a.drawdown,
        ts: m.now,
      },
      positions,
      ...(r ? { var99: r.var99 / Math.max(a.equity, 1) } : {}),
    });
    const corr = r && positions.length > 0 ? new Map([[CORE, 1]]) : undefined;
    const state = this.state(m.now);
    const c = checkOrder(
      { symbol: order.symbol, side: order.side, qty: order.qty, type: 'market' },
      {
        now: m.now,
        snapshot,
        limits: this.effective().limits,
        state,
        instrument: {
          symbol: inst.symbol,
          kind: inst.kind,
          multiplier: inst.multiplier,
          sector: null,
          beta: inst.beta,
          assetClass: inst.assetClass,
        },
        price: this.book.quote(),
        recentOrderTs: this.recentOrders,
        ...(corr ? { correlations: corr } : {}),
      },
    );
    const codes = c.reasons.map((x) => x.code);
    if (c.decision !== 'approve')
      this.denials.push({
        day: m.day,
        source,
        symbol: order.symbol,
        side: order.side,
        qty: order.qty,
        decision: c.decision,
        codes,
      });
    if (c.decision === 'deny') return { decision: 'deny', filled: 0, codes };
    const qty = c.decision === 'reduce' ? (c.allowedQty ?? 0) : order.qty;
    if (qty > 0) {
      this.book.fill(order.symbol, order.side, qty, {
        day: m.day,
        date: m.date,
        phase: m.phase,
        source,
        mode: state.mode,
      });
      if (c.addsExposure) {
        this.recentOrders.push(m.now);
        while (this.recentOrders.length && m.now - this.recentOrders[0] > 60_000) this.recentOrders.shift();
      }
    }
    return { decision: c.decision, filled: qty, codes };
  }

  /** Records the operator's HWM re-base (the replay's policy, see config.rebaseAfterDays). */
  noteRebase(m: StepMeta, drawdown: number): void {
    this.events.push({
      kind: 'rebase',
      id: 'hwm',
      day: m.day,
      date: m.date,
      phase: m.phase,
      price: this.book.price,
      metric: 'drawdown',
      value: drawdown,
      threshold: 0,
    });
  }
}
