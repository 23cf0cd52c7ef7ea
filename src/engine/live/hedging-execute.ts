/**
 * Execution of hedge proposals and rolls. Every order goes through `controls.submit` — the one
 * pre-trade validator — and then the paper broker; new instruments (the proposed options, a perp)
 * are registered in the ledger and stored first so they are marked and survive a restart.
 */
import type { Instrument, OrderResult } from '../../shared/contract/index';
import { fridayExpiry } from '../hedging/candidates';
import { overHedgeToClose, rollStrike } from '../hedging/roll';
import { positionValue } from '../risk/book';
import type { HedgeRecord, StoredProposal } from './hedging-store';
import type { HedgingService } from './hedging-service';

const DAY = 86_400_000;

function register(svc: HedgingService, inst: Instrument, now: number): void {
  const ledger = svc.deps.portfolio.ledger;
  if (!ledger.instruments.has(inst.symbol)) ledger.addInstrument(inst);
  svc.pstore.saveInstrument(ledger.instruments.get(inst.symbol) ?? inst, now);
}

/** Submits orders; returns results and the filled quantity, average price and fees. */
function trade(svc: HedgingService, orders: ReturnType<HedgingService['sliceOrders']>, source: string): { results: OrderResult[]; qty: number; avg: number; fees: number } {
  const results: OrderResult[] = [];
  let qty = 0,
    value = 0,
    fees = 0;
  for (const o of orders) {
    const { check: _c, ...r } = svc.deps.controls.submit(o, source);
    results.push(r);
    if (r.fill) {
      qty += r.fill.qty;
      value += r.fill.qty * r.fill.price;
      fees += r.fill.fee;
    }
  }
  return { results, qty, avg: qty > 0 ? value / qty : 0, fees };
}

export function executeProposal(svc: HedgingService, p: StoredProposal, now: number): { results: OrderResult[]; records: HedgeRecord[] } {
  for (const inst of p.internal.instruments) register(svc, inst, now);
  const ledger = svc.deps.portfolio.ledger;
  const results: OrderResult[] = [];
  const records: HedgeRecord[] = [];
  p.internal.legs.forEach((leg, li) => {
    for (const pos of leg.positions) {
      const unit = Math.max(positionValue({ ...pos.book, qty: 1 }), 1e-9);
      const t = trade(svc, svc.sliceOrders(pos.symbol, pos.qty, unit, `hedge ${leg.type} (${p.view.id})`, now), `hedging:${p.view.id}`);
      results.push(...t.results);
      if (!(t.qty > 0)) continue;
      const inst = ledger.instruments.get(pos.symbol);
      const signed = Math.sign(pos.qty) * t.qty;
      const isOption = inst?.kind === 'option';
      const share = Math.abs(pos.qty) > 0 ? t.qty / Math.abs(pos.qty) : 0;
      records.push({
        id: `${p.view.id}-${li}-${pos.symbol}`, proposalId: p.view.id, type: leg.type, symbol: pos.symbol, underlying: inst?.underlying ?? pos.symbol, qty: signed, entryPrice: t.avg, mark: null, openedAt: now,
        expiryMs: inst?.expiryMs ?? null, premiumPaid: isOption ? t.qty * t.avg * (inst?.multiplier ?? 1) : 0, fundingPaid: 0, pnl: 0, protection: 0, status: 'active', rolledFrom: null,
        fees: t.fees, annualCarry: isOption ? 0 : (leg.annualCarry * share) / Math.max(leg.positions.length, 1), tenorDays: leg.tenorDays, multiplier: inst?.multiplier ?? 1, closedAt: null, realized: 0,
      });
    }
  });
  return { results, records };
}

/**
 * Rolls an option leg: strike from rollStrike (kept inside the 80-95 % band, straddles re-centred),
 * same implied vol, expiry the later of the same tenor from now and one week past the old expiry
 * (so a roll always moves forward). The new leg is checked BEFORE the
 * old one is closed: a roll the validator would refuse leaves the old protection in place.
 */
export function rollHedge(svc: HedgingService, h: HedgeRecord, now: number): HedgeRecord | null {
  const { portfolio, controls, append } = svc.deps;
  const ledger = portfolio.ledger;
  const old = ledger.instruments.get(h.symbol);
  if (!old || old.kind !== 'option' || old.expiryMs === undefined) return null;
  const tenor = Math.max(7, h.tenorDays);
  const a = fridayExpiry(now, tenor);
  const b = fridayExpiry(old.expiryMs + 7 * DAY, 0);
  const exp = a.ms >= b.ms ? a : b;
  const spot = old.underlying ? ledger.quote(old.underlying)?.last : undefined;
  const strike = old.strike === undefined ? undefined : rollStrike(old.optionType === 'put' ? 'put' : 'call', h.type === 'volatility', old.strike, spot);
  const symbol = `${old.underlying}-${exp.code}-${strike}-${old.optionType === 'put' ? 'P' : 'C'}`;
  const inst: Instrument = { ...old, symbol, expiryMs: exp.ms, ...(strike !== undefined ? { strike } : {}) };
  register(svc, inst, now);
  const open = { symbol, side: h.qty > 0 ? ('buy' as const) : ('sell' as const), qty: Math.abs(h.qty), type: 'market' as const, note: `hedge roll of ${h.symbol}` };
  const pre = controls.check(open, now);
  if (pre.decision === 'deny') {
    append({ kind: 'hedge.roll_blocked', severity: 'warning', source: 'hedging', payload: { id: h.id, symbol: h.symbol, to: symbol, reasons: pre.reasons.map((r) => r.code) } });
    return null;
  }
  const close = trade(svc, [{ symbol: h.symbol, side: h.qty > 0 ? 'sell' : 'buy', qty: Math.abs(h.qty), type: 'market', note: `hedge roll: close ${h.symbol}` }], `hedging:roll`);
  if (!(close.qty > 0)) return null;
  h.status = 'rolled';
  h.closedAt = now;
  h.realized = Math.sign(h.qty) * close.qty * h.multiplier * (close.avg - h.entryPrice) - h.fees - close.fees;
  svc.saveRecord(h);
  const t = trade(svc, [open], 'hedging:roll');
  const rec: HedgeRecord | null =
    t.qty > 0
      ? {
          ...h, id: `${h.proposalId}-roll-${now.toString(36)}-${symbol}`, symbol, qty: Math.sign(h.qty) * t.qty, entryPrice: t.avg, openedAt: now, expiryMs: exp.ms,
          premiumPaid: t.qty * t.avg * h.multiplier, fundingPaid: 0, status: 'active', rolledFrom: h.id, fees: t.fees, tenorDays: Math.max(1, Math.round((exp.ms - now) / DAY)), closedAt: null, realized: 0, pnl: 0, protection: 0, mark: null,
        }
      : null;
  if (rec) svc.saveRecord(rec);
  append({ kind: 'hedge.rolled', severity: 'info', source: 'hedging', payload: { from: h.symbol, to: rec?.symbol ?? null, qty: Math.abs(h.qty), closePrice: close.avg, openPrice: rec?.entryPrice ?? null } });
  return rec;
}

/**
 * Closes whole hedges while the book gains in the tail scenario (hedging/roll.ts): the review's
 * "re-size down". Closing orders reduce positions, so the validator passes them in every state.
 * Returns the number of hedges closed.
 */
export function trimOverHedge(svc: HedgingService, now: number): number {
  const t = svc.tailBreakdown(now);
  if (!t) return 0;
  const ids = new Set(overHedgeToClose(t.book, t.hedges));
  let n = 0;
  for (const h of svc.activeHedgeRecords()) {
    if (!ids.has(h.id)) continue;
    if (closeHedge(svc, h, now, 'hedging:trim', { kind: 'hedge.trimmed', reason: 'over-hedged: the book gains in the tail scenario', bookTailPnl: t.book }).ok) n++;
  }
  return n;
}

/** Closes one active hedge with a reducing market order; false when nothing filled. */
export function closeHedge(svc: HedgingService, h: HedgeRecord, now: number, source: string, why: { kind: string; reason: string; bookTailPnl?: number }): { ok: true } | { ok: false; reason: string } {
  // Never more than the position still held on the hedge's side (something else may have traded it),
  // so closing can only reduce, never flip.
  const held = svc.deps.portfolio.ledger.position(h.symbol)?.qty ?? 0;
  const qty = Math.sign(held) === Math.sign(h.qty) ? Math.min(Math.abs(h.qty), Math.abs(held)) : 0;
  if (qty === 0) {
    h.status = 'closed';
    h.closedAt = now;
    svc.saveRecord(h);
    svc.deps.append({ kind: why.kind, severity: 'warning', source, payload: { id: h.id, symbol: h.symbol, qty: h.qty, reason: why.reason, note: 'no position left on the hedge side: recorded as closed without an order' } });
    return { ok: true };
  }
  const close = trade(svc, [{ symbol: h.symbol, side: h.qty > 0 ? 'sell' : 'buy', qty, type: 'market', note: `hedge close: ${h.symbol}` }], source);
  if (!(close.qty > 0)) return { ok: false, reason: close.results.map((r) => r.reason ?? r.status).join('; ') || 'no fill' };
  h.status = 'closed';
  h.closedAt = now;
  h.realized = Math.sign(h.qty) * close.qty * h.multiplier * (close.avg - h.entryPrice) - h.fees - close.fees;
  svc.saveRecord(h);
  svc.deps.append({ kind: why.kind, severity: 'info', source, payload: { id: h.id, symbol: h.symbol, qty: h.qty, closePrice: close.avg, realized: h.realized, reason: why.reason, ...(why.bookTailPnl !== undefined ? { bookTailPnl: why.bookTailPnl } : {}) } });
  return { ok: true };
}
