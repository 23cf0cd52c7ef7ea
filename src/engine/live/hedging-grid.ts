/** `hedging.grid`: a grid of resting hedge orders around a position (math in hedging/grid.ts), paper-traded through the validator. */
import { RpcFailure, type GridView, type Instrument, type ParamsOf } from '../../shared/contract/index';
import { buildGrid, closesFromReturns } from '../hedging/grid';
import type { HedgingService } from './hedging-service';

export function gridHedge(svc: HedgingService, p: ParamsOf<'hedging.grid'>, now: number): GridView {
  const { portfolio, controls, risk, append } = svc.deps;
  const ledger = portfolio.ledger;
  const pos = portfolio.positions().find((x) => x.symbol === p.symbol);
  if (!pos) throw new RpcFailure('NOT_FOUND', `params.symbol: no open position in ${p.symbol}`, 'params.symbol');
  if (pos.kind === 'option') throw new RpcFailure('BAD_REQUEST', `params.symbol: ${p.symbol} is an option; a grid hedges a linear position`, 'params.symbol');
  const inst = ledger.instruments.get(p.symbol)!;
  const under = inst.underlying ?? inst.symbol;
  const price = ledger.quote(under)?.last;
  if (!(price !== undefined && price > 0)) throw new RpcFailure('UNAVAILABLE', `params.symbol: no price for ${under} yet`, 'params.symbol');
  const returns = risk.returns(under);
  const dailyVol = risk.dailyVol(under);
  if (!returns || dailyVol === undefined || !(dailyVol > 0)) throw new RpcFailure('UNAVAILABLE', `params.symbol: no return history for ${under}`, 'params.symbol');
  let hedge = [...ledger.instruments.values()].find((i) => i.kind === 'perp' && i.underlying === under);
  if (!hedge) {
    const perp: Instrument = { symbol: `${under}-PERP`, kind: 'perp', venue: inst.venue, quote: inst.quote, multiplier: 1, underlying: under, assetClass: inst.assetClass, sector: 'hedge', beta: inst.beta, leverage: 10, maintenanceMarginRate: 0.005 };
    ledger.addInstrument(perp);
    svc.pstore.saveInstrument(perp, now);
    hedge = perp;
  }
  const plan = buildGrid({ price, dailyVol, closes: closesFromReturns(price, returns, p.lookbackDays), positionUnits: pos.qty * inst.multiplier, levels: p.levels, coverage: p.coverage, spacingVol: p.spacingVol });
  const levels: GridView['levels'] = plan.levels.map((l) => {
    const qty = Math.floor((l.qty / hedge.multiplier) * 1e8) / 1e8;
    const limitPrice = Math.round(l.price * 1e8) / 1e8;
    if (!p.execute || !(qty > 0)) return { price: limitPrice, side: l.side, qty, status: 'planned', orderId: null };
    const { check: _c, ...r } = controls.submit({ symbol: hedge.symbol, side: l.side, qty, type: 'limit', limitPrice, note: `grid hedge of ${p.symbol}` }, 'hedging:grid');
    return { price: limitPrice, side: l.side, qty, status: r.status, orderId: r.orderId || null };
  });
  if (p.execute) append({ kind: 'hedge.grid', severity: 'info', source: 'hedging', payload: { symbol: p.symbol, hedge: hedge.symbol, spacing: plan.spacing, levels: levels.map((l) => `${l.side} ${l.qty} @ ${l.price} ${l.status}`) } });
  return { symbol: p.symbol, hedgeSymbol: hedge.symbol, center: price, spacing: plan.spacing, high: plan.high, low: plan.low, levels };
}
