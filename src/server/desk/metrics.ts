// Prometheus metrics for one workstation. A private prom-client Registry (never the global one): gauges
// follow the engine's coalesced pushes; feed counters and the tick → mark histogram are read from the
// engine (`system.metrics`) at scrape time. Names follow Prometheus conventions: `bulwark_` prefix,
// base units in the name (`_usd`, `_ratio`, `_seconds`), `_total` on counters.
import { Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { AlertView, BreakerViewSchema, EngineMetrics, FeedHealthView, LimitsView, PortfolioSummary, RiskSnapshot, TradingStateView } from '../../shared/contract/index';
import type { DeskSource } from './source';
import type { StreamStats } from './stream';

const BREAKER_STATES = ['armed', 'tripped', 'cooling_down', 'overridden', 'disabled'] as const;
const ALERT_LEVELS = ['info', 'warning', 'critical', 'emergency'] as const;
const MODES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
const VAR_METHODS = { historical: 'historical', parametric: 'parametric', monteCarlo: 'monte_carlo' } as const;

/** What the scrape asks for when no push has arrived yet (a fresh app, or a scrape right after start). */
const FALLBACK: Record<string, string> = {
  'portfolio.summary': 'portfolio.summary',
  'limits.view': 'limits.get',
  'breakers.list': 'breakers.list',
  'alerts.list': 'alerts.list',
  'feeds.health': 'feeds.health',
  'trading.state': 'trading.state',
};

export interface DeskMetricsOptions {
  source: DeskSource;
  stream?: () => StreamStats | undefined;
}

export class DeskMetrics {
  readonly registry = new Registry();
  private readonly seen = new Set<string>();
  private readonly unsubscribe: () => void;
  private engine: EngineMetrics | undefined;
  scrapeErrors = 0;

  private g = <L extends string = never>(name: string, help: string, labelNames: L[] = []): Gauge<L> => new Gauge<L>({ name, help, labelNames, registers: [this.registry] });

  private readonly equity = this.g('bulwark_equity_usd', 'Account equity, USD (cash + marked positions).');
  private readonly pnlDaily = this.g('bulwark_pnl_daily_usd', 'P&L since the day start (UTC), USD.');
  private readonly pnlDailyRatio = this.g('bulwark_pnl_daily_ratio', 'Daily P&L over day-start equity (0.01 = 1 %).');
  private readonly pnl = this.g('bulwark_pnl_usd', 'P&L of the book by kind, USD.', ['kind']);
  private readonly drawdown = this.g('bulwark_drawdown_ratio', 'Fraction below the equity high-water mark (0.1 = 10 % below).');
  private readonly exposure = this.g('bulwark_exposure_usd', 'Exposure, USD: gross = sum of |exposure|, net = signed sum.', ['kind']);
  private readonly positions = this.g('bulwark_positions', 'Open positions.');
  private readonly stale = this.g('bulwark_stale_positions', 'Positions without a fresh price.');
  private readonly var = this.g('bulwark_var_usd', '1-day Value at Risk, USD, a positive loss.', ['method', 'confidence']);
  private readonly cvar = this.g('bulwark_cvar_usd', '1-day Conditional VaR (expected shortfall), USD, a positive loss.', ['method', 'confidence']);
  private readonly riskScore = this.g('bulwark_risk_score', 'Composite risk score, 0-100.');
  private readonly riskTs = this.g('bulwark_risk_snapshot_timestamp_seconds', 'Unix time of the latest heavy-risk snapshot.');
  private readonly riskCompute = this.g('bulwark_risk_compute_seconds', 'Time the latest heavy-risk recompute took.');
  private readonly stressWorst = this.g('bulwark_stress_worst_pnl_usd', 'Worst P&L on the stress grid, USD (negative = loss).');
  private readonly limitUtil = this.g('bulwark_limit_utilisation_ratio', 'Current value over the effective limit (1 = at the limit).', ['limit']);
  private readonly limitBreached = this.g('bulwark_limit_breached', '1 when the limit is breached.', ['limit']);
  private readonly limitFactor = this.g('bulwark_limit_factor_ratio', 'Effective over base limits (1 = base, < 1 tightened).');
  private readonly breaker = this.g('bulwark_breaker_state', '1 for the breaker state in force, 0 for the others.', ['breaker', 'state']);
  private readonly alerts = this.g('bulwark_alerts', 'Current alerts by level and acknowledgement.', ['level', 'acknowledged']);
  private readonly mode = this.g('bulwark_trading_mode', '1 for the trading mode in force, 0 for the others.', ['mode']);
  private readonly feedUp = this.g('bulwark_feed_up', '1 when the feed connection is open.', ['venue']);
  private readonly feedAge = this.g('bulwark_feed_last_message_age_seconds', 'Age of the newest message on the feed.', ['venue']);
  private readonly feedRate = this.g('bulwark_feed_messages_per_second', 'Feed message rate over the last seconds.', ['venue']);
  private readonly feedStale = this.g('bulwark_feed_stale_symbols', 'Symbols on the feed without a fresh price.', ['venue']);
  private readonly streamClients = this.g('bulwark_stream_clients', 'Connected risk-stream clients.');
  private readonly streamDropped = new Counter({ name: 'bulwark_stream_slow_clients_dropped_total', help: 'Risk-stream clients closed for falling behind.', registers: [this.registry] });
  private readonly ticks = new Counter({ name: 'bulwark_feed_ticks_accepted_total', help: 'Ticks that passed validation and reached the marks.', registers: [this.registry] });
  private readonly dropped = new Counter({ name: 'bulwark_feed_dropped_total', help: 'Frames or ticks dropped by the feed pipeline, by reason.', labelNames: ['reason'], registers: [this.registry] });
  private readonly gaps = new Counter({ name: 'bulwark_feed_gaps_total', help: 'Sequence gaps detected on the feeds.', registers: [this.registry] });
  private readonly reconnects = new Counter({ name: 'bulwark_feed_reconnects_total', help: 'Feed reconnections.', registers: [this.registry] });
  private readonly engineUp = this.g('bulwark_engine_up', '1 when the engine answered the scrape.');

  constructor(private readonly opts: DeskMetricsOptions) {
    this.registry.registerMetric(tickToMarkHistogram(() => this.engine) as unknown as Metric);
    this.unsubscribe = opts.source.onPush((topic, data) => this.onPush(topic, data));
  }

  close(): void {
    this.unsubscribe();
  }

  /** Updates the gauges from one engine push (data as the contract's topic schema). */
  onPush(topic: string, data: unknown): void {
    if (data === null || data === undefined) return;
    this.seen.add(topic);
    switch (topic) {
      case 'portfolio.summary':
        return this.onSummary(data as PortfolioSummary);
      case 'risk.snapshot':
        return this.onRisk(data as RiskSnapshot);
      case 'limits.view':
        return this.onLimits(data as LimitsView);
      case 'breakers.list':
        for (const b of data as BreakerViewSchema[]) for (const s of BREAKER_STATES) this.breaker.set({ breaker: b.id, state: s }, b.status === s ? 1 : 0);
        return;
      case 'alerts.list': {
        const n = new Map<string, number>();
        for (const a of data as AlertView[]) n.set(`${a.level}|${a.acknowledged}`, (n.get(`${a.level}|${a.acknowledged}`) ?? 0) + 1);
        for (const level of ALERT_LEVELS) for (const ack of ['true', 'false']) this.alerts.set({ level, acknowledged: ack }, n.get(`${level}|${ack}`) ?? 0);
        return;
      }
      case 'trading.state':
        for (const m of MODES) this.mode.set({ mode: m }, (data as TradingStateView).mode === m ? 1 : 0);
        return;
      case 'feeds.health':
        return this.onFeeds(data as FeedHealthView[]);
    }
  }

  /** Reads engine counters (and anything not pushed yet), then renders the text exposition format. */
  async scrape(): Promise<string> {
    await this.collect();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async collect(): Promise<void> {
    const src = this.opts.source;
    const missing = Object.keys(FALLBACK).filter((t) => !this.seen.has(t));
    const [m, ...rest] = await Promise.all([src.request('system.metrics', {}), ...missing.map((t) => src.request(FALLBACK[t], {}))]);
    missing.forEach((t, i) => {
      if (rest[i].ok) this.onPush(t, rest[i].value);
    });
    if (!this.seen.has('risk.snapshot')) {
      const r = await src.request('risk.snapshot', {});
      if (r.ok) this.onPush('risk.snapshot', r.value);
    }
    this.engineUp.set(m.ok ? 1 : 0);
    if (m.ok) {
      const e = m.value as EngineMetrics;
      this.engine = e;
      setCounter(this.ticks, e.feeds.ticksAccepted);
      setCounter(this.gaps, e.feeds.gaps);
      setCounter(this.reconnects, e.feeds.reconnects);
      this.dropped.reset();
      for (const [reason, n] of Object.entries(e.feeds.dropped)) this.dropped.inc({ reason }, n);
    } else this.scrapeErrors++;
    const s = this.opts.stream?.();
    if (s) {
      this.streamClients.set(s.clients);
      setCounter(this.streamDropped, s.droppedSlow);
    }
  }

  private onSummary(s: PortfolioSummary): void {
    this.equity.set(s.equity);
    this.pnlDaily.set(s.dailyPnl);
    this.pnlDailyRatio.set(s.dailyPnlPct);
    this.pnl.set({ kind: 'realized' }, s.realizedPnl);
    this.pnl.set({ kind: 'unrealized' }, s.unrealizedPnl);
    this.drawdown.set(s.drawdown);
    this.exposure.set({ kind: 'gross' }, s.grossExposure);
    this.exposure.set({ kind: 'net' }, s.netExposure);
    this.positions.set(s.positions);
    this.stale.set(s.staleSymbols);
  }

  private onRisk(r: RiskSnapshot): void {
    for (const [key, method] of Object.entries(VAR_METHODS) as [keyof typeof VAR_METHODS, string][]) {
      for (const c of ['0.95', '0.99'] as const) {
        const v = r.var[key][c];
        this.var.set({ method, confidence: c }, v.var);
        this.cvar.set({ method, confidence: c }, v.cvar);
      }
    }
    for (const c of ['0.95', '0.99'] as const) this.var.set({ method: 'cornish_fisher', confidence: c }, r.var.cornishFisher[c].var);
    this.riskScore.set(r.riskScore.score);
    this.riskTs.set(r.ts / 1000);
    this.riskCompute.set(r.computeMs / 1000);
    this.stressWorst.set(r.stress.worst.pnl);
  }

  private onLimits(l: LimitsView): void {
    this.limitFactor.set(l.factor);
    for (const u of l.utilisation) {
      this.limitUtil.set({ limit: u.name }, u.utilisation);
      this.limitBreached.set({ limit: u.name }, u.breached ? 1 : 0);
    }
  }

  private onFeeds(list: FeedHealthView[]): void {
    for (const f of list) {
      const venue = f.venue;
      this.feedUp.set({ venue }, f.state === 'open' ? 1 : 0);
      if (f.lastMessageAgeMs !== null) this.feedAge.set({ venue }, f.lastMessageAgeMs / 1000);
      this.feedRate.set({ venue }, f.msgsPerSec);
      this.feedStale.set({ venue }, f.staleSymbols.length);
    }
  }
}

/** Counters mirror totals kept elsewhere: reset and add, so the exported value equals the source's. */
function setCounter(c: Counter, v: number): void {
  c.reset();
  if (v > 0) c.inc(v);
}

/**
 * The engine keeps its own bucketed histogram (ms); prom-client's Histogram can only observe, so this
 * is a minimal custom metric rendering the engine's buckets as a Prometheus histogram in seconds.
 */
function tickToMarkHistogram(read: () => EngineMetrics | undefined) {
  const name = 'bulwark_tick_to_mark_latency_seconds';
  const help = 'Tick to mark latency: mark time minus the venue event time.';
  return {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    labelNames: [],
    reset: (): void => {},
    get: () => {
      const h = read()?.tickToMark;
      const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
      if (h) {
        let cum = 0;
        h.bucketsMs.forEach((b, i) => {
          cum += h.counts[i] ?? 0;
          values.push({ metricName: `${name}_bucket`, labels: { le: b / 1000 }, value: cum });
        });
        values.push({ metricName: `${name}_bucket`, labels: { le: '+Inf' }, value: h.count });
        values.push({ metricName: `${name}_sum`, labels: {}, value: h.sumMs / 1000 });
        values.push({ metricName: `${name}_count`, labels: {}, value: h.count });
      }
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    },
  };
}
