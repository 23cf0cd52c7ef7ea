// Helpers shared by the risk-engine tests: instruments and PositionViews shaped like the ledger's.
import type { Instrument, PositionView } from '../../../src/shared/contract/portfolio';
import { YEAR_MS } from '../../../src/engine/risk-engine/book';

export const NOW = Date.UTC(2025, 0, 15, 8);

export function spotInst(symbol: string, extra: Partial<Instrument> = {}): Instrument {
  return {
    symbol,
    kind: 'spot',
    venue: 'sim',
    quote: 'USDT',
    multiplier: 1,
    assetClass: 'crypto',
    beta: 1,
    ...extra,
  };
}

export function perpInst(underlying: string, extra: Partial<Instrument> = {}): Instrument {
  return { ...spotInst(`${underlying}-PERP`), kind: 'perp', underlying, leverage: 10, ...extra };
}

export function optionInst(
  underlying: string,
  type: 'call' | 'put',
  strike: number,
  vol: number,
  years: number,
  extra: Partial<Instrument> = {},
): Instrument {
  return {
    ...spotInst(`${underlying}-X-${strike}-${type === 'call' ? 'C' : 'P'}`),
    kind: 'option',
    underlying,
    optionType: type,
    strike,
    expiryMs: NOW + Math.round(years * YEAR_MS),
    impliedVol: vol,
    ...extra,
  };
}

/** A PositionView as the ledger would show it (mark = own price; perps marked at the underlying). */
export function viewOf(inst: Instrument, qty: number, mark: number | null): PositionView {
  const mv = mark === null ? 0 : qty * inst.multiplier * mark;
  return {
    symbol: inst.symbol,
    kind: inst.kind,
    venue: inst.venue,
    underlying: inst.underlying ?? null,
    assetClass: inst.assetClass,
    sector: inst.sector ?? null,
    qty,
    avgCost: mark ?? 0,
    mark,
    marketValue: mv,
    exposure: Math.abs(mv),
    unrealizedPnl: 0,
    realizedPnl: 0,
    pnlPct: 0,
    marginUsed: 0,
    liquidationDistance: null,
    exitCost: 0,
    stale: false,
    lastUpdateTs: NOW,
  };
}

export function instMap(...xs: Instrument[]): Map<string, Instrument> {
  return new Map(xs.map((i) => [i.symbol, i]));
}
