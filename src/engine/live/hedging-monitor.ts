/**
 * The hedge monitor's figures (docs/hedging.md, "Monitor"), from hedge records, live marks and the
 * current tail scenario.
 *   P&L of a leg        qty × multiplier × (mark − entry) − fees (closed/rolled legs: realised)
 *   protection value    tail P&L of the hedge legs under the scenario = loss without − loss with
 *                       (P&L is additive across positions, so "without" needs no second book)
 *   cost drag           run rate of the active hedges: Σ option premium × 365/tenor + Σ annual carry,
 *                       over equity (fraction per year); premium and funding paid are cumulative
 *   effectiveness       per executed proposal: expected reduction (tail loss before − after, at
 *                       proposal) against actual = the P&L its legs have made since
 *   activation rate     executed / signalled proposals (score or preservation triggered)
 *   response times      medians of detection → proposal and proposal → execution
 */
import type { HedgeMonitor, Instrument } from '../../shared/contract/index';
import type { BookPosition } from '../risk/book';
import { positionTailPnl, tailPnl, type TailScenario } from '../hedging/tail-shock';
import type { HedgeRecord, StoredProposal } from './hedging-store';

const YEAR_MS = 365 * 86_400_000;

export function legPnl(h: HedgeRecord, mark: number | undefined): number {
  if (h.status !== 'active') return h.realized;
  return mark === undefined ? -h.fees : h.qty * h.multiplier * (mark - h.entryPrice) - h.fees;
}

/** The hedge leg as a BookPosition at today's spot (null without a price). */
export function hedgeBook(h: HedgeRecord, inst: Instrument | undefined, spot: number | undefined, now: number): BookPosition | null {
  if (!inst || !(spot !== undefined && spot > 0)) return null;
  const base: BookPosition = { id: h.symbol, underlying: inst.underlying ?? inst.symbol, qty: h.qty, multiplier: inst.multiplier, spot };
  if (inst.kind !== 'option') return base;
  return { ...base, option: { type: inst.optionType!, strike: inst.strike!, expiryYears: Math.max(inst.expiryMs! - now, 0) / YEAR_MS, vol: inst.impliedVol!, rate: 0 } };
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export interface MonitorInput {
  now: number;
  equity: number;
  records: readonly HedgeRecord[];
  proposals: readonly StoredProposal[];
  book: readonly BookPosition[];
  scenario: TailScenario | null;
  shock: number;
  instrument: (symbol: string) => Instrument | undefined;
  mark: (symbol: string) => number | undefined;
  spot: (underlying: string) => number | undefined;
}

export function computeMonitor(m: MonitorInput): HedgeMonitor {
  const hedges: HedgeMonitor['hedges'] = [];
  let totalPnl = 0,
    hedgeTail = 0,
    premium = 0,
    funding = 0,
    runRate = 0;
  const pnlByProposal = new Map<string, number>();
  for (const h of m.records) {
    const inst = m.instrument(h.symbol);
    const mark = h.status === 'active' ? m.mark(h.symbol) : undefined;
    const pnl = legPnl(h, mark);
    totalPnl += pnl;
    pnlByProposal.set(h.proposalId, (pnlByProposal.get(h.proposalId) ?? 0) + pnl);
    const heldYears = Math.max(0, (h.closedAt ?? m.now) - h.openedAt) / YEAR_MS;
    const fundingPaid = h.annualCarry * heldYears;
    premium += h.premiumPaid + h.fees;
    funding += fundingPaid;
    let protection = 0;
    if (h.status === 'active') {
      runRate += (h.premiumPaid * 365) / Math.max(h.tenorDays, 1) + h.annualCarry;
      const bp = m.scenario ? hedgeBook(h, inst, m.spot(inst?.underlying ?? h.symbol), m.now) : null;
      if (bp && m.scenario) protection = positionTailPnl(bp, m.scenario);
      hedgeTail += protection;
    }
    hedges.push({ ...viewOf(h), mark: mark ?? null, pnl, protection, fundingPaid });
  }
  const lossWith = m.scenario ? Math.max(0, -tailPnl(m.book, m.scenario)) : 0;
  const lossWithout = m.scenario ? Math.max(0, lossWith + hedgeTail) : 0;
  const executed = m.proposals.filter((p) => p.view.status === 'executed');
  const signalled = m.proposals.filter((p) => p.view.trigger === 'score' || p.view.trigger === 'preservation_l2');
  const effectiveness = executed.map((p) => {
    const expected = p.view.tailLossBefore - p.view.tailLossAfter;
    const actual = pnlByProposal.get(p.view.id) ?? 0;
    return { proposalId: p.view.id, ts: p.view.createdAt, expectedReduction: expected, actualReduction: actual, ratio: expected > 0 ? actual / expected : null };
  });
  const detect = executed.map((p) => p.view.createdAt - p.internal.detectedAt);
  const exec = executed.filter((p) => p.internal.executedAt !== null).map((p) => p.internal.executedAt! - p.view.createdAt);
  return {
    ts: m.now,
    hedges,
    totalPnl,
    protection: { shock: m.shock, lossWithout, lossWith, value: lossWithout - lossWith },
    costDrag: { premiumPaid: premium, fundingPaid: funding, annualised: m.equity > 0 ? runRate / m.equity : 0 },
    effectiveness,
    activationRate: signalled.length > 0 ? signalled.filter((p) => p.view.status === 'executed').length / signalled.length : null,
    signals: signalled.length,
    responseTimes: { detectToProposalMs: median(detect), proposalToExecutionMs: median(exec), samples: executed.length },
  };
}

function viewOf(h: HedgeRecord): Omit<HedgeMonitor['hedges'][number], 'mark' | 'pnl' | 'protection' | 'fundingPaid'> {
  return { id: h.id, proposalId: h.proposalId, type: h.type, symbol: h.symbol, underlying: h.underlying, qty: h.qty, entryPrice: h.entryPrice, openedAt: h.openedAt, expiryMs: h.expiryMs, premiumPaid: h.premiumPaid, status: h.status, rolledFrom: h.rolledFrom };
}
