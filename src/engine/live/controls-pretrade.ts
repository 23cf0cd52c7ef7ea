/**
 * The live inputs of the one pre-trade validator: the order's price, its correlations with the
 * held book, and the sizing scale (early warning × hedge cost drag), gathered for the pure
 * `checkOrder` (src/engine/controls/pretrade.ts). Split from controls-service.ts because this is
 * the order-specific assembly; the service keeps the cached book context and the limits it passes.
 */
import { RpcFailure } from '../../shared/contract/errors';
import type { OrderRequest } from '../../shared/contract/portfolio';
import { checkOrder, type OrderCheck } from '../controls/pretrade';
import { mlSizingScale } from '../risk/ml/early-warning';
import type { ControlsHost } from './controls-deps';

/** The one validator: every order (ticket, API, breaker, preservation, emergency) passes here. */
export function checkLiveOrder(h: ControlsHost, order: OrderRequest & { strategy?: string }, now: number): OrderCheck {
  const ledger = h.d.portfolio.ledger;
  const inst = ledger.instruments.get(order.symbol);
  if (!inst) throw new RpcFailure('NOT_FOUND', `params.symbol: unknown instrument ${order.symbol}`, 'params.symbol');
  const q = ledger.quote(inst.underlying ?? inst.symbol);
  const mark = ledger.markOf(order.symbol) ?? null;
  const isOption = inst.kind === 'option';
  const price = isOption ? { bid: mark, ask: mark, mark, ts: q?.ts ?? null } : { bid: q?.bid ?? null, ask: q?.ask ?? null, mark: q?.last ?? mark, ts: q?.ts ?? null };
  const risk = h.risk();
  const hedging = h.hedging();
  // ρ of this order's underlying with each held position's underlying. Positions on the same
  // underlying are the same bet, measured by the concentration limit, not by correlation with itself.
  const under = inst.underlying ?? inst.symbol;
  const row = risk?.correlations?.get(under);
  let corr: Map<string, number> | undefined;
  if (row) {
    corr = new Map();
    for (const p of h.d.portfolio.positions()) {
      const pu = p.underlying ?? p.symbol;
      const rho = row.get(pu);
      // A put moves against its underlying: buying one is the opposite bet to a long in a correlated asset.
      if (pu !== under && rho !== undefined) corr.set(p.symbol, inst.optionType === 'put' ? -rho : rho);
    }
  }
  // Sizing strength = the early-warning scale × (1 − hedge cost drag); the view reports the two apart.
  const ml = risk?.earlyWarningP !== undefined ? mlSizingScale(risk.earlyWarningP) : undefined;
  const drag = hedging?.costDrag() ?? 0;
  const protective = hedging?.protectiveOrder(order, now) === true;
  const checked = checkOrder(
    { symbol: order.symbol, side: order.side, qty: order.qty, type: order.type, ...(order.limitPrice !== undefined ? { limitPrice: order.limitPrice } : {}) },
    {
      now,
      snapshot: h.context(now),
      limits: h.effectiveLimits(now),
      state: h.effectiveState(now),
      instrument: { symbol: inst.symbol, kind: inst.kind, multiplier: inst.multiplier, sector: inst.sector ?? null, beta: inst.beta, assetClass: inst.assetClass },
      price,
      recentOrderTs: h.recentOrders,
      ...(corr ? { correlations: corr } : {}),
      ...(order.strategy ? { sizing: { strategy: order.strategy as never } } : {}),
      ...(ml !== undefined || drag > 0 ? { mlSizingScale: (ml ?? 1) * (1 - drag) } : {}),
      ...(protective ? { protective } : {}),
    },
  );
  if (protective && checked.addsExposure) checked.protective = true;
  if (checked.sizing && drag > 0) checked.sizing = { ...checked.sizing, mlScale: ml ?? 1, hedgeDrag: drag };
  return checked;
}
