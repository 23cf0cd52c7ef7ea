// The request handlers of the engine's services (controls, stops, risk, stress, hedging, reports,
// alert channels). engine.ts keeps the ones that touch its own state (system, journal, portfolio
// import, feeds, simulator, settings) and spreads these in.
import type { Database } from 'better-sqlite3';
import type { Method, ParamsOf, ResultOf } from '../shared/contract/index';
import type { controlsRequests } from '../shared/contract/controls';
import type { stopsRequests } from '../shared/contract/stops';
import type { riskRequests } from '../shared/contract/risk';
import type { stressRequests } from '../shared/contract/stress';
import type { hedgingRequests } from '../shared/contract/hedging';
import type { reportsRequests } from '../shared/contract/reports';
import type { channelsRequests } from '../shared/contract/channels';
import type { venuesRequests } from '../shared/contract/venues';
import type { VenueCredentialsService } from './venues/credentials-service';
import type { ChannelsService } from './channels/service';
import type { ControlsService } from './live/controls-service';
import { gridHedge } from './live/hedging-grid';
import type { HedgingService } from './live/hedging-service';
import type { RiskService } from './live/risk-service';
import type { StopsService } from './live/stops-service';
import type { ReportService } from './reports/service';
import type { ReplayRunner } from './risk-engine/replay-runner';

export type Handler<M extends Method> = (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;
type HandlersFor<K extends Method> = { [M in K]: Handler<M> };
type ServiceMethod =
  | keyof typeof controlsRequests
  | keyof typeof stopsRequests
  | keyof typeof riskRequests
  | keyof typeof stressRequests
  | keyof typeof hedgingRequests
  | keyof typeof reportsRequests
  | keyof typeof channelsRequests
  | keyof typeof venuesRequests;

/** risk.history: the latest `limit` rows in [from, to], newest first (the handler reverses them). */
export const RISK_HISTORY_SQL =
  'SELECT ts, equity, var95, cvar95, var99, cvar99, risk_score AS riskScore, regime, avg_corr AS avgCorrelation, stress_worst AS stressWorst FROM risk_snapshots WHERE ts >= ? AND ts <= ? ORDER BY ts DESC LIMIT ?';

export interface ServiceDeps {
  db: Database;
  now: () => number;
  controls: ControlsService;
  stops: StopsService;
  risk: RiskService;
  replays: ReplayRunner;
  hedging: HedgingService;
  reports: ReportService;
  channels: ChannelsService;
  venueKeys: VenueCredentialsService;
}

export function serviceHandlers(d: ServiceDeps): HandlersFor<ServiceMethod> {
  const { db, now, controls: ctl, stops, risk, replays, hedging, reports, channels: chans } = d;
  return {
    'orders.check': (p) => ctl.check(p, now()),
    'limits.get': () => ctl.limitsView(now()),
    'limits.set': (p) => ctl.setLimits(p.patch, now()),
    'trading.state': () => ctl.tradingState(now()),
    'trading.setState': (p) => ctl.setState(p.mode, p.reason, p.untilMinutes, now()),
    'breakers.list': () => ctl.breakerList(now()),
    'breakers.override': (p) => ctl.override(p.id, p.reason, p.expiresInMinutes, now()),
    'breakers.revoke': (p) => ctl.revoke(p.id, p.reason, now()),
    'preservation.status': () => ctl.preservationStatus(),
    'preservation.history': (p) => ctl.preservationHistory(p),
    'alerts.list': (p) => ctl.alertList(p.includeAcknowledged),
    'alerts.ack': (p) => ctl.acknowledge(p.id, now()),
    'emergency.flatten': (p) => ctl.flatten(p.reason, now()),
    'emergency.halt': (p) => ctl.halt(p.reason, p.untilMinutes, now()),
    'emergency.reduce': (p) => ctl.reduce(p.fraction, p.reason, now()),
    'emergency.cancelAll': (p) => ctl.cancelAll(p.reason),
    'stops.list': () => stops.list(),
    'stops.set': (p) => stops.setManual(p.symbol, p, now()),
    'risk.snapshot': (p) => (p.refresh ? risk.recompute() : (risk.latest() ?? risk.recompute())),
    'stress.replay': (p) => replays.run(p),
    // ts is the INTEGER PRIMARY KEY, so the range scan is a rowid search (EXPLAIN QUERY PLAN tested).
    'risk.history': (p) =>
      (
        db.prepare(RISK_HISTORY_SQL).all(p.from, p.to ?? now(), p.limit) as ResultOf<'risk.history'>
      ).reverse(),
    'hedging.status': () => hedging.status(),
    'hedging.proposals': (p) => hedging.proposals(p.status, p.limit),
    'hedging.approve': (p) => hedging.approve(p.id),
    'hedging.reject': (p) => hedging.reject(p.id, p.reason),
    'hedging.config.get': () => hedging.configView(),
    'hedging.config.set': (p) => hedging.setConfig(p.patch),
    'hedging.monitor': () => hedging.monitor(),
    'hedging.close': (p) => hedging.close(p.id, p.reason),
    'hedging.grid': (p) => gridHedge(hedging, p, now()),
    'reports.export': (p) => reports.export(p),
    'reports.list': () => reports.list(),
    'reports.read': (p) => reports.read(p.path),
    'channels.list': () => chans.list(),
    'channels.set': (p) => chans.set(p),
    'channels.remove': (p) => chans.remove(p.id),
    'channels.test': (p) => chans.test(p.id),
    'venues.credentials.list': () => d.venueKeys.list(),
    'venues.credentials.set': (p) => d.venueKeys.set(p),
    'venues.credentials.remove': (p) => d.venueKeys.remove(p.venue),
  };
}
