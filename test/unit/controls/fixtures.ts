// Shared fixtures for the controls tests: a 1,000,000 book with four positions.
//   BTC-USDT  +2    @ 50,000  exposure 100,000  (no sector)
//   ETH-USDT  −10   @  3,000  exposure  30,000  (no sector)
//   AAPL      +500  @    200  exposure 100,000  tech
//   MSFT      +400  @    400  exposure 160,000  tech      → tech = 260,000
// Default risk to stop = exposure × 5 % → open risk 19,500.
import type { PositionView } from '../../../src/shared/contract/portfolio';
import { DEFAULT_LIMITS, parseLimits, type LimitsInput } from '../../../src/engine/controls/limits';
import { buildPretradeContext, type PretradeSnapshotInput } from '../../../src/engine/controls/pretrade-context';
import type { OrderCheckContext, PretradeInstrument } from '../../../src/engine/controls/pretrade';

export const NOW = 1_700_000_000_000;

export function pos(symbol: string, qty: number, mark: number, sector: string | null = null, kind: PositionView['kind'] = 'spot'): PositionView {
  const mv = qty * mark;
  return {
    symbol,
    kind,
    venue: 'test',
    underlying: null,
    assetClass: sector ? 'equity' : 'crypto',
    sector,
    qty,
    avgCost: mark,
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

export const BOOK: PositionView[] = [pos('BTC-USDT', 2, 50_000), pos('ETH-USDT', -10, 3_000), pos('AAPL', 500, 200, 'tech'), pos('MSFT', 400, 400, 'tech')];

export function snapshot(over: Partial<PretradeSnapshotInput> & { equity?: number; dailyPnl?: number; drawdown?: number } = {}) {
  const equity = over.equity ?? 1_000_000;
  return buildPretradeContext({
    summary: { equity, dayStartEquity: equity, dailyPnl: over.dailyPnl ?? 0, drawdown: over.drawdown ?? 0, ts: NOW },
    positions: over.positions ?? BOOK,
    ...(over.positionRisk ? { positionRisk: over.positionRisk } : {}),
    ...(over.dailyVol ? { dailyVol: over.dailyVol } : {}),
    ...(over.var99 !== undefined ? { var99: over.var99 } : {}),
  });
}

export const INSTRUMENTS: Record<string, PretradeInstrument> = {
  'BTC-USDT': { symbol: 'BTC-USDT', kind: 'spot', multiplier: 1, sector: null, assetClass: 'crypto' },
  'ETH-USDT': { symbol: 'ETH-USDT', kind: 'spot', multiplier: 1, sector: null, assetClass: 'crypto' },
  'SOL-USDT': { symbol: 'SOL-USDT', kind: 'spot', multiplier: 1, sector: null, assetClass: 'crypto' },
  AAPL: { symbol: 'AAPL', kind: 'spot', multiplier: 1, sector: 'tech', assetClass: 'equity' },
  MSFT: { symbol: 'MSFT', kind: 'spot', multiplier: 1, sector: 'tech', assetClass: 'equity' },
  NVDA: { symbol: 'NVDA', kind: 'spot', multiplier: 1, sector: 'tech', assetClass: 'equity' },
};

export const PRICES: Record<string, number> = { 'BTC-USDT': 50_000, 'ETH-USDT': 3_000, 'SOL-USDT': 100, AAPL: 200, MSFT: 400, NVDA: 500 };

/** A context for `symbol` at its fixture price (bid = ask = mark, fresh quote). */
export function ctx(symbol: string, over: Partial<OrderCheckContext> & { limitsInput?: LimitsInput } = {}): OrderCheckContext {
  const px = PRICES[symbol];
  const { limitsInput, ...rest } = over;
  return {
    now: NOW,
    snapshot: snapshot(),
    limits: limitsInput ? parseLimits(limitsInput) : DEFAULT_LIMITS,
    state: 'ACTIVE',
    instrument: INSTRUMENTS[symbol],
    price: { bid: px, ask: px, mark: px, ts: NOW - 100 },
    ...rest,
  };
}
