// GET /api/risk/recommendations: what the engine is telling the trader to do right now, gathered from
// the controls (trading mode, preservation, limits, alerts), the risk snapshot's ML sizing scale and
// the hedging manager's pending proposals. Nothing is computed here that the engine did not decide.
import type { AlertView, LimitsView, PreservationStatus, RiskSnapshot, TradingStateView } from '../../shared/contract/index';
import type { z } from 'zod';
import type { DeskSource } from './source';

export type RecommendationKind = 'trading' | 'preservation' | 'limits' | 'limit' | 'sizing' | 'alert' | 'hedge';

export interface Recommendation {
  kind: RecommendationKind;
  /** 1 = act first. Emergency/critical items 1, warnings 2, advice 3. */
  priority: 1 | 2 | 3;
  message: string;
  action: string;
  data: Record<string, unknown>;
}

export interface Recommendations {
  ts: number;
  tradingMode: string | null;
  /** Whether hedge proposals could be read (false when the engine has no hedging manager). */
  hedgingAvailable: boolean;
  items: Recommendation[];
}

/** A limit at or above this utilisation is reported as near its limit. */
export const NEAR_LIMIT = 0.8;

interface PendingProposal {
  id: string;
  score: number;
  threshold: number;
  totalCost: number;
  tailLossBefore: number;
  tailLossAfter: number;
  rationale: string;
  legs: { type: string; symbol: string; side: string; qty: number }[];
}

export async function recommendations(source: DeskSource, now: number): Promise<Recommendations> {
  const [state, pres, limits, risk, alerts, hedges] = await Promise.all([
    source.request('trading.state', {}),
    source.request('preservation.status', {}),
    source.request('limits.get', {}),
    source.request('risk.snapshot', {}),
    source.request('alerts.list', { includeAcknowledged: false }),
    source.request('hedging.proposals', { status: 'pending', limit: 20 }),
  ]);
  const items: Recommendation[] = [];
  let tradingMode: string | null = null;
  if (state.ok) {
    const s = state.value as TradingStateView;
    tradingMode = s.mode;
    if (s.mode !== 'ACTIVE')
      items.push({ kind: 'trading', priority: s.mode === 'HALTED' ? 1 : 2, message: `Trading is ${s.mode}: ${s.reason}`, action: s.mode === 'HALTED' ? 'No new orders until the halt is lifted.' : 'Only orders that reduce exposure are accepted.', data: { mode: s.mode, since: s.since, until: s.until, sources: s.sources } });
  }
  if (pres.ok) {
    const p = pres.value as z.infer<typeof PreservationStatus>;
    if (p.level > 0) items.push({ kind: 'preservation', priority: p.level >= 2 ? 1 : 2, message: `Capital preservation level ${p.level} is in force`, action: 'Exposure is stepped down; new exposure is sized down or refused.', data: { level: p.level, since: p.since, readings: p.readings } });
  }
  if (limits.ok) {
    const l = limits.value as LimitsView;
    if (l.factor < 1) items.push({ kind: 'limits', priority: 2, message: `Limits tightened to ${round(l.factor, 3)}× base: ${l.reason}`, action: 'Size new positions to the effective limits.', data: { factor: l.factor, reason: l.reason } });
    for (const u of l.utilisation) {
      if (u.breached) items.push({ kind: 'limit', priority: 1, message: `${u.name} limit breached (${pct(u.utilisation)} of limit)`, action: 'Reduce exposure below the limit; new exposure is refused.', data: { ...u } });
      else if (u.utilisation >= NEAR_LIMIT) items.push({ kind: 'limit', priority: 2, message: `${u.name} at ${pct(u.utilisation)} of its limit`, action: 'Avoid adding exposure that raises this figure.', data: { ...u } });
    }
  }
  if (risk.ok && risk.value) {
    const ew = (risk.value as RiskSnapshot).earlyWarning;
    if (ew && ew.sizingScale < 1)
      items.push({ kind: 'sizing', priority: 3, message: `Early-warning model: ${pct(ew.probability)} chance of a drawdown beyond ${ew.threshold} σ within ${ew.horizonDays} days`, action: `Scale new position sizes by ${round(ew.sizingScale, 3)}.`, data: { ...ew } });
  }
  if (alerts.ok) {
    for (const a of alerts.value as AlertView[]) items.push({ kind: 'alert', priority: a.level === 'emergency' || a.level === 'critical' ? 1 : a.level === 'warning' ? 2 : 3, message: a.message, action: a.mitigation, data: { id: a.id, level: a.level, metric: a.metric, value: a.value, threshold: a.threshold } });
  }
  if (hedges.ok) {
    for (const h of hedges.value as PendingProposal[])
      items.push({
        kind: 'hedge',
        priority: 2,
        message: `Hedge proposal ${h.id}: tail-risk score ${round(h.score, 3)} over ${round(h.threshold, 3)}; tail loss ${Math.round(h.tailLossBefore)} → ${Math.round(h.tailLossAfter)} USD for ${Math.round(h.totalCost)} USD`,
        action: `Approve or reject: POST /api/v1/hedging/proposals/${h.id}/approve`,
        data: { id: h.id, legs: h.legs.map((g) => ({ type: g.type, symbol: g.symbol, side: g.side, qty: g.qty })), rationale: h.rationale },
      });
  }
  items.sort((a, b) => a.priority - b.priority);
  return { ts: now, tradingMode, hedgingAvailable: hedges.ok, items };
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
const pct = (x: number): string => `${round(x * 100, 1)} %`;
