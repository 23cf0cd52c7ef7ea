// A DeskSource fake: canned answers per method, recorded calls, and pushes on demand.
import type { Result } from '../../../src/shared/contract/index';
import type { DeskSource } from '../../../src/server/desk/source';

export type Answer = (params: unknown) => Result<unknown>;

export class FakeSource implements DeskSource {
  readonly calls: { method: string; params: unknown }[] = [];
  private readonly listeners = new Set<(topic: string, data: unknown) => void>();
  constructor(public answers: Record<string, Answer> = {}) {}

  request(method: string, params: unknown): Promise<Result<unknown>> {
    this.calls.push({ method, params });
    const a = this.answers[method];
    return Promise.resolve(a ? a(params) : { ok: false, error: { code: 'UNKNOWN_METHOD', message: `method: unknown method "${method}"`, field: 'method' } });
  }

  onPush(l: (topic: string, data: unknown) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  push(topic: string, data: unknown): void {
    for (const l of this.listeners) l(topic, data);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

export const okv = (value: unknown): Answer => () => ({ ok: true, value });

/** A RiskSnapshot with hand-picked figures (only what the desk code reads needs to be meaningful). */
export function riskSnapshot(over: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
  const vc = (v: number, c: number) => ({ var: v, cvar: c });
  return {
    ts: 1_700_000_000_000,
    computeMs: 125,
    equity: 100_000,
    lookbackDays: 250,
    regime: 'normal',
    volRatio: 1.1,
    var: {
      historical: { '0.95': vc(1500, 2100), '0.99': vc(2600, 3300) },
      parametric: { '0.95': vc(1400, 1750), '0.99': vc(1980, 2270) },
      cornishFisher: { '0.95': { var: 1450 }, '0.99': { var: 2400 } },
      monteCarlo: { '0.95': { ...vc(1420, 1800), varSe: 10, cvarSe: 12 }, '0.99': { ...vc(2010, 2350), varSe: 20, cvarSe: 25 } },
    },
    pnlHistory: [1, -2, 3],
    ewmaVol: 0.3,
    garch: null,
    correlation: { symbols: [], matrix: [], clusters: [], avgPairwise: 0.4, maxPairwise: 0.9 },
    diversification: { ratio: 1.2, score: 60 },
    hhi: 0.2,
    exposures: { gross: 90_000, net: 50_000, long: 70_000, short: 20_000, byAssetClass: {}, bySector: {}, byVenue: {} },
    greeks: { delta: 1, gamma: 0, vega: 0, theta: 0, byUnderlying: {}, betaWeightedDelta: 1 },
    stress: { priceShocks: [], volShocks: [], rateShocks: [], grid: [], worst: { pnl: -30_000, price: -0.3, vol: 1, rate: 0 } },
    scenarios: [
      { name: 'Flash crash', pnl: -12_000, liquidityCost: 300 },
      { name: 'Crypto winter', pnl: -45_000, liquidityCost: 900 },
    ],
    earlyWarning: { probability: 0.3, sizingScale: 0.75, horizonDays: 10, threshold: 2 },
    riskScore: { score: 42, trend: 'up', components: {} },
    drawdownForecast: { limit: 0.1, horizonDays: 20, probHitLimit: 0.05, cone: { days: [], p05: [], p25: [], p50: [], p75: [], p95: [] } },
    ...over,
  };
}

export const summary = (equity: number) => ({
  equity,
  cash: { USD: 10_000 },
  dailyPnl: -250.5,
  dailyPnlPct: -0.0025,
  drawdown: 0.031,
  highWaterMark: equity * 1.032,
  dayStartEquity: equity + 250.5,
  realizedPnl: 120,
  unrealizedPnl: -370.5,
  grossExposure: 90_000,
  netExposure: 50_000,
  marginUsed: 0,
  freeMargin: 0,
  exitCost: 12,
  positions: 7,
  staleSymbols: 1,
  ts: 1_700_000_000_000,
});

export const alert = (id: string, level: string, acknowledged: boolean) => ({
  id,
  key: `k-${id}`,
  type: 'limit',
  level,
  message: `alert ${id}`,
  metric: 'var99',
  threshold: 0.05,
  value: 0.06,
  mitigation: `mitigate ${id}`,
  firstTs: 1,
  lastTs: 2,
  count: 1,
  acknowledged,
  acknowledgedBy: acknowledged ? 'trader' : null,
  acknowledgedAt: acknowledged ? 3 : null,
  priority: 1,
});
