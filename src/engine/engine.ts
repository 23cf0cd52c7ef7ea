import type { Database } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  RpcFailure,
  fail,
  isMethod,
  ok,
  parseParams,
  type Heartbeat,
  type Method,
  type Result,
  type ResultOf,
} from '../shared/contract/index';
import { DB_FILE, openDatabase } from './db/open';
import { Journal } from './db/journal';
import { userVersion } from './db/migrate';
import { LatencyHistogram, Market, TICK_TO_MARK_BUCKETS_MS } from './market/market';
import { serviceHandlers, type Handler } from './handlers';
export { RISK_HISTORY_SQL } from './handlers';
import { ControlsService } from './live/controls-service';
import { ControlsStore } from './live/controls-store';
import { RiskService } from './live/risk-service';
import { StopsService } from './live/stops-service';
import { HedgingService } from './live/hedging-service';
import { ReportService } from './reports/service';
import { parseHedges } from './reports/hedges';
import { ReplayRunner } from './risk-engine/replay-runner';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { SettingsStore } from './settings-store';
import { ChannelsService } from './channels/service';
import type { DispatcherOptions } from './channels/dispatcher';
import { SecretStore } from './secrets/store';
import { VenueCredentialsService } from './venues/credentials-service';
import type { Settings, SettingsPatch } from '../shared/contract/settings';
import { PortfolioService } from './portfolio/service';
import { positionDetail } from './portfolio/price-history';
import { PortfolioStore } from './portfolio/store';
import { EquityHistoryQuery } from './portfolio/equity-history';

export interface EngineOptions {
  dataDir: string;
  version: string;
  nativeBinding?: string;
  /** Wall clock, injectable for tests. */
  now?: () => number;
  /** Pushes a topic to the host (which coalesces). */
  push: (topic: string, data: unknown) => void;
  heartbeatMs?: number;
  /** Load the demo book into an empty store (default true: a new user sees a portfolio at once). */
  seedDemo?: boolean;
  /** How often portfolio snapshots are pushed (default 250 ms; the host coalesces further). */
  portfolioPushMs?: number;
  simulator?: boolean;
  simRate?: number;
  feeds?: Record<string, string>;
  /** How often the heavy risk set is recomputed (default 10 s). */
  riskIntervalMs?: number;
  /** Folder holding data/sp500-2000.csv (default: the project's resources/). */
  resourcesDir?: string;
  /** Live volatility/correlation monitor settings (tests shorten the warm-up). */
  liveMonitor?: { fastHalfLifeS?: number; slowHalfLifeS?: number; corrHalfLifeS?: number; warmupS?: number };
  /** Master key for the secret store (base64, 32 bytes), handed over by Electron main from safeStorage; absent: `<dataDir>/secret.key`. */
  secretKey?: string;
  /** Alert-channel delivery tuning (tests shorten the retry waits). */
  channels?: DispatcherOptions;
}

type Handlers = { [M in Method]: Handler<M> };

/**
 * The engine: owns the database and every piece of live state. It runs inside a worker thread
 * (see worker.ts) but has no dependency on being in one, so tests drive it directly.
 */
export class Engine {
  readonly db: Database;
  readonly journal: Journal;
  readonly portfolio: PortfolioService;
  readonly settings: SettingsStore;
  readonly controls: ControlsService;
  readonly risk: RiskService;
  readonly stops: StopsService;
  readonly hedging: HedgingService;
  readonly reports: ReportService;
  readonly channels: ChannelsService;
  readonly venueKeys: VenueCredentialsService;
  readonly replays: ReplayRunner;
  private market: Market;
  /** Monitoring counters that outlive a feed restart (system.metrics). */
  private readonly tickToMark = new LatencyHistogram(TICK_TO_MARK_BUCKETS_MS);
  private readonly retiredFeeds = { accepted: 0, gaps: 0, reconnects: 0, dropped: {} as Record<string, number> };
  private readonly now: () => number;
  private readonly startedMono = performance.now();
  private readonly timers: NodeJS.Timeout[] = [];
  private beat = 0;
  private readonly handlers: Handlers;

  constructor(private readonly opts: EngineOptions) {
    this.now = opts.now ?? Date.now;
    this.db = openDatabase(opts);
    this.journal = new Journal(this.db, this.now);
    this.portfolio = new PortfolioService(new PortfolioStore(this.db), { append: (e) => this.append(e) }, { now: this.now, seedDemo: opts.seedDemo ?? true });
    const pf = this.portfolio;
    this.settings = new SettingsStore(this.db, this.now);
    const secrets = new SecretStore(this.db, opts.secretKey !== undefined ? { secretKey: opts.secretKey } : { dataDir: opts.dataDir }, this.now);
    this.channels = new ChannelsService({ db: this.db, secrets, append: (e) => this.append(e), now: this.now, ...(opts.channels ? { options: opts.channels } : {}) });
    const chans = this.channels;
    this.venueKeys = new VenueCredentialsService({ db: this.db, secrets, append: (e) => this.append(e) });
    this.controls = new ControlsService({
      store: new ControlsStore(this.db),
      portfolio: pf,
      append: (e) => this.append(e),
      now: this.now,
      push: opts.push,
      feedAgeMs: () => this.market.health().reduce<number | null>((m, h) => (h.lastMessageAgeMs === null ? m : Math.max(m ?? 0, h.lastMessageAgeMs)), null),
      positionRisk: () => this.stops.positionRisk(),
      onAlert: (a) => chans.notify(a, this.now()),
      ...(opts.liveMonitor ? { liveMonitor: opts.liveMonitor } : {}),
    });
    const ctl = this.controls;
    const resources = opts.resourcesDir ?? fileURLToPath(new URL('../../resources/', import.meta.url));
    this.risk = new RiskService({
      db: this.db,
      portfolio: pf,
      append: (e) => this.append(e),
      now: this.now,
      push: opts.push,
      onRisk: (r) => ctl.onRisk(r, this.now()),
      onSnapshot: (s) => this.hedging.onSnapshot(s),
      historyPaths: [resolve(resources, 'data/sp500-2000.csv'), resolve(process.cwd(), 'resources/data/sp500-2000.csv')],
      modelPath: resolve(resources, 'models/early-warning.json'),
      limits: () => {
        const l = ctl.limitsView(this.now()).base;
        return { varLimit: l.varLimit, maxDrawdown: l.maxDrawdown };
      },
    });
    this.stops = new StopsService({ store: new ControlsStore(this.db), portfolio: pf, controls: ctl, append: (e) => this.append(e), now: this.now, dailyVol: (sym) => this.risk.dailyVol(sym), hedgeSymbols: () => this.hedging.protectedSymbols() });
    this.hedging = new HedgingService({ db: this.db, portfolio: pf, controls: ctl, risk: this.risk, append: (e) => this.append(e), now: this.now, push: opts.push, secrets });
    ctl.setHedging(this.hedging);
    const hedging = this.hedging;
    this.reports = new ReportService({
      dataDir: opts.dataDir,
      settings: () => this.settings.value(),
      append: (e) => this.append(e),
      push: opts.push,
      now: this.now,
      sources: () => ({
        db: this.db,
        positions: () => pf.positions(),
        summary: () => pf.summary(),
        latestRisk: () => this.risk.latest(),
        // Through the dispatcher by name, so reports need no compile-time tie to the hedging module.
        hedges: async () => {
          const r = await this.handle('hedging.monitor', {});
          return r.ok ? parseHedges(r.value) : null;
        },
        dayStartHourUtc: this.settings.value().portfolio.dayStartHourUtc,
        now: this.now,
      }),
    });
    this.replays = new ReplayRunner({ portfolio: pf, push: opts.push, now: this.now, csvPaths: [resolve(resources, 'data/sp500-2000.csv'), resolve(process.cwd(), 'resources/data/sp500-2000.csv')] });
    this.market = this.createMarket(this.settings.value());
    const equityHistory = new EquityHistoryQuery(this.db);
    this.handlers = {
      'system.status': () => this.status(),
      'system.metrics': () => this.metrics(),
      'events.list': (p) => this.journal.list(p),
      'events.kinds': () => this.journal.kinds(),
      'events.note': (p) => this.append({ kind: 'note', severity: 'info', source: 'trader', payload: { text: p.text } }),
      'positions.list': () => [...pf.positions()],
      'portfolio.summary': () => pf.summary(),
      'positions.import': async (p) => {
        const before = JSON.stringify(pf.priceSources());
        const r = pf.importCsv(p.csv);
        // New symbols or venues: reconnect the feeds so the imported book is priced at once.
        if (JSON.stringify(pf.priceSources()) !== before) await this.restartMarket(this.settings.value());
        return r;
      },
      'orders.submit': (p) => {
        const { check: _c, ...r } = ctl.submit(p);
        return r;
      },
      'fills.list': (p) => pf.fills(p.limit),
      'positions.detail': (p) =>
        positionDetail(p.symbol, {
          instrument: (s) => pf.ledger.instruments.get(s),
          positions: () => pf.positions(),
          history: pf.priceHistory,
          fills: () => pf.fills(1000),
          stops: () => this.stops.list().stops,
          risk: () => this.risk.latest(),
        }),
      'portfolio.equityHistory': (p) => equityHistory.run(p, this.now()),
      'feeds.health': () => this.market.health(),
      'sim.scenario': (p) => {
        const { name, ...o } = p;
        this.market.scenario(name, o);
        this.append({ kind: 'sim.scenario', severity: 'warning', source: 'simulator', payload: { ...p } });
        return { started: p.name };
      },
      'sim.fault': (p) => {
        this.market.fault(p.kind, p.durationMs);
        this.append({ kind: 'sim.fault', severity: 'warning', source: 'simulator', payload: { kind: p.kind } });
        return { injected: p.kind };
      },
      'settings.get': () => this.settings.value(),
      'settings.set': (p) => this.updateSettings(p),
      ...serviceHandlers({ db: this.db, now: this.now, controls: ctl, stops: this.stops, risk: this.risk, replays: this.replays, hedging, reports: this.reports, channels: chans, venueKeys: this.venueKeys }),
    };
  }

  /** Command-line options (--feed, simulator flags) win over stored settings for this run. */
  private createMarket(s: Settings): Market {
    const pf = this.portfolio;
    return new Market({
      simulator: this.opts.simulator ?? (s.feeds.simulator && !(this.opts.feeds?.binance ?? s.feeds.urls.binance)),
      simRate: this.opts.simRate ?? s.feeds.simRate,
      feeds: { ...s.feeds.urls, ...this.opts.feeds },
      staleMs: s.feeds.staleMs,
      onPrice: (sym, b, a, m, ts, bs, as) => {
        pf.onPrice(sym, b, a, m, ts, bs, as);
        this.controls.onTick(ts);
        this.stops.onPrice(sym, ts);
      },
      onStale: (sym, stale) => pf.setStale(sym, stale),
      tickToMark: this.tickToMark,
    });
  }

  private async updateSettings(patch: SettingsPatch): Promise<Settings> {
    const [before, after] = this.settings.apply(patch);
    this.append({ kind: 'settings.updated', severity: 'info', source: 'trader', payload: { patch, before, after } });
    if (JSON.stringify(before.feeds) !== JSON.stringify(after.feeds)) await this.restartMarket(after);
    return after;
  }

  private async restartMarket(s: Settings): Promise<void> {
    this.retireFeedCounters();
    await this.market.stop();
    this.market = this.createMarket(s);
    await this.market.start(this.portfolio.priceSources());
  }

  async start(): Promise<void> {
    this.append({ kind: 'system.started', severity: 'info', source: 'engine', payload: { version: this.opts.version } });
    await this.market.start(this.portfolio.priceSources());
    this.every(1000, () => this.opts.push('feeds.health', this.market.health()));
    this.every(this.opts.heartbeatMs ?? 1000, () => this.opts.push('system.heartbeat', this.heartbeat()));
    this.every(this.opts.portfolioPushMs ?? 250, () => this.pushPortfolio());
    this.every(1000, () => this.portfolio.snapshotTick(this.now()));
    this.every(1000, () => this.controls.everySecond(this.now()));
    this.every(1000, () => this.hedging.everySecond(this.now()));
    this.every(1000, () => this.stops.ensure(this.now()));
    this.every(60_000, () => this.stops.everyMinute(this.now()));
    this.every(this.opts.riskIntervalMs ?? 10_000, () => void this.risk.recompute());
    // A first snapshot as soon as prices have had a moment to arrive, not a full interval later.
    const first = setTimeout(() => {
      try {
        this.risk.recompute();
      } catch (err) {
        this.reportJobError(err);
      }
    }, 1500);
    first.unref();
    this.every(3_600_000, () => this.portfolio.prune(this.now()));
    this.every(60_000, () => void this.reports.scheduleTick());
    this.opts.push('system.heartbeat', this.heartbeat());
    this.pushPortfolio();
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(() => {
      try {
        fn();
      } catch (err) {
        // A failing periodic job must not take the engine down; it is journaled once per minute at most.
        this.reportJobError(err);
      }
    }, ms);
    t.unref();
    this.timers.push(t);
  }

  private lastJobError = 0;
  private reportJobError(err: unknown): void {
    const t = this.now();
    if (t - this.lastJobError < 60_000) return;
    this.lastJobError = t;
    this.append({ kind: 'system.job_failed', severity: 'warning', source: 'engine', payload: { message: err instanceof Error ? err.message : String(err) } });
  }

  private pushPortfolio(): void {
    this.opts.push('portfolio.summary', this.portfolio.summary());
    this.opts.push('positions.snapshot', this.portfolio.positions());
  }

  append(e: Parameters<Journal['append']>[0]) {
    const rec = this.journal.append(e);
    this.opts.push('events.appended', rec);
    return rec;
  }

  /** Folds the closing connections' counters into the running totals so they stay monotonic. */
  private retireFeedCounters(): void {
    const r = this.retiredFeeds;
    for (const h of this.market.health()) {
      r.accepted += h.accepted;
      r.gaps += h.gaps;
      r.reconnects += h.reconnects;
      for (const [k, v] of Object.entries(h.dropped)) r.dropped[k] = (r.dropped[k] ?? 0) + v;
    }
  }

  metrics(): ResultOf<'system.metrics'> {
    const r = this.retiredFeeds;
    const feeds = { ticksAccepted: r.accepted, dropped: { ...r.dropped }, gaps: r.gaps, reconnects: r.reconnects };
    for (const h of this.market.health()) {
      feeds.ticksAccepted += h.accepted;
      feeds.gaps += h.gaps;
      feeds.reconnects += h.reconnects;
      for (const [k, v] of Object.entries(h.dropped)) feeds.dropped[k] = (feeds.dropped[k] ?? 0) + v;
    }
    const l = this.tickToMark;
    return { ts: this.now(), feeds, tickToMark: { bucketsMs: [...l.bounds], counts: [...l.counts], sumMs: l.sum, count: l.count } };
  }

  status(): ResultOf<'system.status'> {
    return {
      version: this.opts.version,
      schemaVersion: userVersion(this.db),
      uptimeMs: Math.round(performance.now() - this.startedMono),
      dataDir: this.opts.dataDir,
      eventCount: this.journal.size(),
    };
  }

  heartbeat(): Heartbeat {
    let dbSizeBytes = 0;
    for (const f of [DB_FILE, `${DB_FILE}-wal`]) {
      try {
        dbSizeBytes += statSync(join(this.opts.dataDir, f)).size;
      } catch {
        // The WAL can be absent right after a checkpoint; a missing size is not worth failing a heartbeat for.
      }
    }
    return { ...this.status(), ts: this.now(), seq: this.beat++, dbSizeBytes, walMode: true };
  }

  /** Validates and dispatches one request. Never throws: every failure is a Result. */
  async handle(method: string, params: unknown): Promise<Result<unknown>> {
    if (!isMethod(method)) return fail('UNKNOWN_METHOD', `method: unknown method "${String(method).slice(0, 64)}"`, 'method');
    const parsed = parseParams(method, params);
    if (!parsed.ok) return parsed;
    try {
      const h = this.handlers[method] as Handler<Method>;
      return ok(await h(parsed.value as never));
    } catch (err) {
      if (err instanceof RpcFailure) return { ok: false, error: err.toRpcError() };
      return fail('INTERNAL', `${method}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.channels.close();
    await this.market.stop();
    try {
      this.portfolio.flush(this.now());
      this.controls.flush(this.now());
      this.stops.persist(this.now());
      this.append({ kind: 'system.stopped', severity: 'info', source: 'engine', payload: { uptimeMs: this.status().uptimeMs } });
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
