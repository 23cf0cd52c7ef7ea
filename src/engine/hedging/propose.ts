/**
 * One hedge proposal from the book and the latest risk figures (pure; the service supplies `now`):
 * reference underlying → regression betas → tail scenario → candidates → optimiser → orders and
 * rationale. See docs/hedging.md for every convention.
 */
import { hedgeRoom } from './cover';
import type { HedgeLeg, HedgeType, Instrument, OrderRequest } from '../../shared/contract/index';
import type { BookPosition } from '../risk/book';
import { positionValue } from '../risk/book';
import { bsmGreeks } from '../risk/options';
import { buildCandidates, type Candidate } from './candidates';
import { chooseHedges, requiredProtection } from './optimise';
import { rationale } from './rationale';
import { DEFAULT_VOL_UP, tailPnl, type TailScenario } from './tail-shock';
import { ewmaVol, olsBeta, type TailScore } from './tail-score';

export interface ProposalInput {
  now: number;
  equity: number;
  highWaterMark: number;
  positions: readonly BookPosition[];
  /** The book's historical daily P&L (USD, oldest first; the risk snapshot's window). */
  pnlHistory: ArrayLike<number>;
  /** Daily simple returns per underlying, aligned at their ends with pnlHistory. */
  returns: (underlying: string) => ArrayLike<number> | undefined;
  score: TailScore;
  threshold: number;
  trigger: 'score' | 'preservation_l2' | 'review' | 'manual';
  /** Live fast/slow vol ratio (≥ 1 scales the forecast up), when warm. */
  liveVolRatio?: number;
  /** Existing perp symbol per underlying. */
  perps: ReadonlyMap<string, string>;
  venue: string;
  quote: string;
  config: { maxHedgeCost: number; hedgeTypes: readonly HedgeType[]; minHedgeSize: number; skewPremium: number; tailShock: number; cppiFloor: number; cppiMultiplier: number };
  maxNotionalPerOrder: number;
  /** Preservation L2 asks for protection even below the threshold: at least this share of the tail loss. */
  minProtectionFraction?: number;
}

export interface ProposalNumbers {
  ref: string | null;
  refSpot: number;
  refVol: number;
  dollarBeta: number;
  betaR2: number;
  tailLossBefore: number;
  tailLossAfter: number;
  required: number;
  scoreAfter: number;
  totalCost: number;
  budget: number;
  adequate: boolean;
  legs: Candidate[];
  candidates: Candidate[];
  orders: OrderRequest[];
  instruments: Instrument[];
  rationale: string;
  visited: number;
}

/** Net dollar delta per underlying (options by BSM delta). */
export function dollarDeltas(positions: readonly BookPosition[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of positions) {
    const units = p.qty * (p.multiplier ?? 1);
    let d = 1;
    if (p.option) d = p.option.expiryYears > 0 && p.option.vol > 0 ? bsmGreeks({ type: p.option.type, spot: p.spot, strike: p.option.strike, expiry: p.option.expiryYears, rate: 0, carry: 0, vol: p.option.vol }).delta : 0;
    out.set(p.underlying, (out.get(p.underlying) ?? 0) + units * d * p.spot);
  }
  return out;
}

/** The underlying with the largest positive dollar delta (the one worth hedging), or null. */
export function pickReference(positions: readonly BookPosition[]): { ref: string; spot: number } | null {
  let best: string | null = null,
    bestD = 0;
  for (const [u, d] of dollarDeltas(positions)) if (d > bestD) [best, bestD] = [u, d];
  if (best === null) return null;
  return { ref: best, spot: positions.find((p) => p.underlying === best)!.spot };
}

const YEAR = 365;

/** The tail scenario of a book (tail-shock.ts): reference underlying and per-underlying OLS betas to it. */
export function scenarioFor(
  positions: readonly BookPosition[],
  returns: (underlying: string) => ArrayLike<number> | undefined,
  shock: number,
): { ok: true; pick: { ref: string; spot: number }; refRet: ArrayLike<number>; scenario: TailScenario } | { ok: false; why: string; ref: string | null } {
  const pick = pickReference(positions);
  if (!pick) return { ok: false, why: 'The book has no long exposure to hedge.', ref: null };
  const refRet = returns(pick.ref);
  if (!refRet || refRet.length < 20) return { ok: false, why: `No return history for ${pick.ref}: cannot estimate the beta.`, ref: pick.ref };
  const betas = new Map<string, number>();
  for (const u of new Set(positions.map((p) => p.underlying))) {
    if (u === pick.ref) continue;
    const r = returns(u);
    if (r) betas.set(u, olsBeta(r, refRet).beta);
  }
  return { ok: true, pick, refRet, scenario: { ref: pick.ref, shock, volUp: DEFAULT_VOL_UP, betas } };
}

export function buildProposal(inp: ProposalInput): ProposalNumbers {
  const budget = inp.config.maxHedgeCost * inp.equity;
  const empty = (why: string, ref: string | null = null): ProposalNumbers => ({
    ref, refSpot: 0, refVol: 0, dollarBeta: 0, betaR2: 0, tailLossBefore: 0, tailLossAfter: 0, required: 0, scoreAfter: inp.score.score, totalCost: 0, budget, adequate: false,
    legs: [], candidates: [], orders: [], instruments: [], rationale: why, visited: 0,
  });
  const sc = scenarioFor(inp.positions, inp.returns, inp.config.tailShock);
  if (!sc.ok) return empty(sc.why, sc.ref);
  const { pick, refRet, scenario } = sc;
  const reg = olsBeta(inp.pnlHistory, refRet);
  const tailLossBefore = Math.max(0, -tailPnl(inp.positions, scenario));
  // Forecast: EWMA σ of the reference (annualised, 365 days), scaled up by the live vol ratio when it is above 1.
  const refVol = ewmaVol(refRet) * Math.sqrt(YEAR) * Math.max(1, inp.liveVolRatio ?? 1);
  const required = requiredProtection(tailLossBefore, inp.score.score, inp.threshold, inp.minProtectionFraction ?? 0);
  // Never hedged on more than the book owns (cover.ts), never into a net gain in the crash.
  const room = hedgeRoom(inp.positions, scenario);
  const candidates = buildCandidates({
    now: inp.now, equity: inp.equity, highWaterMark: Math.max(inp.highWaterMark, inp.equity), ref: pick.ref, refSpot: pick.spot, refVol, dollarBeta: reg.beta, scenario,
    perpSymbol: inp.perps.get(pick.ref) ?? null, venue: inp.venue, quote: inp.quote, types: inp.config.hedgeTypes, skewPremium: inp.config.skewPremium,
    cppiFloor: inp.config.cppiFloor, cppiMultiplier: inp.config.cppiMultiplier, minHedgeSize: inp.config.minHedgeSize,
    // A hair above the requirement so rounding the quantity cannot leave the fit just short of it.
    fitProtection: Math.min(required * (1 + 1e-6), tailLossBefore), fitMaxNotional: room,
  });
  const allowed = candidates.filter((c) => c.notional <= room * (1 + 1e-9));
  const chosen = chooseHedges(allowed, required, budget, tailLossBefore);
  const tailLossAfter = Math.max(0, tailLossBefore - chosen.protection);
  const scoreAfter = tailLossBefore > 0 ? (inp.score.score * tailLossAfter) / tailLossBefore : inp.score.score;
  const orders: OrderRequest[] = [];
  const instruments: Instrument[] = [];
  for (const l of chosen.legs) {
    instruments.push(...l.instruments);
    for (const p of l.positions) {
      const unitPx = Math.max(positionValue({ ...p.book, qty: 1 }), 1e-9);
      orders.push(...slice(p.symbol, p.qty, unitPx, inp.maxNotionalPerOrder, `hedge ${l.type}`));
    }
  }
  const text = rationale({
    trigger: inp.trigger, score: inp.score.score, threshold: inp.threshold, scoreAfter, components: inp.score.components, equity: inp.equity, shock: inp.config.tailShock,
    tailLossBefore, tailLossAfter, totalCost: chosen.cost, budget, adequate: chosen.adequate, legs: chosen.legs, dollarBeta: reg.beta, ref: pick.ref,
  });
  return {
    ref: pick.ref, refSpot: pick.spot, refVol, dollarBeta: reg.beta, betaR2: reg.r2, tailLossBefore, tailLossAfter, required, scoreAfter, totalCost: chosen.cost, budget,
    adequate: chosen.adequate, legs: chosen.legs, candidates, orders, instruments, rationale: text, visited: chosen.visited,
  };
}

/** Market orders for a signed quantity, sliced so each stays under 99 % of the per-order notional cap. */
export function slice(symbol: string, signedQty: number, unitPrice: number, maxNotional: number, note: string): OrderRequest[] {
  const total = Math.abs(signedQty);
  if (!(total > 0)) return [];
  const side = signedQty > 0 ? 'buy' : 'sell';
  const per = (0.99 * maxNotional) / unitPrice;
  const n = Math.max(1, Math.ceil(total / per));
  const q = Math.floor((total / n) * 1e8) / 1e8;
  const out: OrderRequest[] = [];
  for (let i = 0; i < n; i++) {
    const qty = i === n - 1 ? Math.round((total - q * (n - 1)) * 1e8) / 1e8 : q;
    if (qty > 0) out.push({ symbol, side, qty, type: 'market', note });
  }
  return out;
}

/** The contract's leg view (drops the service-only fields). */
export function legView(c: Candidate): HedgeLeg {
  const { group: _g, instruments: _i, positions: _p, ...leg } = c;
  return leg;
}
