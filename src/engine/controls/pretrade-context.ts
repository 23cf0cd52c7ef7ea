/**
 * The per-snapshot half of the pre-trade check. Everything that depends only on the portfolio
 * (position index, sector exposure, position count, open risk) is computed here ONCE per
 * portfolio snapshot, so checking an order costs a few map look-ups instead of a pass over 200
 * positions. Rebuild it whenever positions or the summary change.
 */
import type { PortfolioSummary, PositionView } from '../../shared/contract/portfolio';

/** Fallback stop distance (fraction of price) when neither an ATR nor a volatility is known. */
export const DEFAULT_STOP_FRACTION = 0.05;
/** Stop = entry ∓ k·ATR; k = 2 by default. */
export const DEFAULT_STOP_ATR_MULTIPLE = 2;

export interface PositionAgg {
  symbol: string;
  /** Signed quantity. */
  qty: number;
  /** |exposure|, account currency. */
  exposure: number;
  sector: string | null;
  /** Risk to stop, account currency. */
  risk: number;
  /** 1/σ_daily when the symbol's volatility is known, else 0 (risk parity). */
  invVol: number;
  /** Index in `symbols`, −1 when flat. */
  index: number;
}

export interface PretradeContext {
  ts: number;
  equity: number;
  dayStartEquity: number;
  dailyPnl: number;
  drawdown: number;
  /** Portfolio 1-day 99 % VaR, fraction of equity; null when not supplied. */
  var99: number | null;
  /** Positions with qty ≠ 0. */
  positionCount: number;
  grossExposure: number;
  /** Σ risk to stop over positions, account currency. */
  openRisk: number;
  /** Σ 1/σ_daily over held positions with a known volatility. */
  sumInvVol: number;
  bySymbol: ReadonlyMap<string, PositionAgg>;
  /** Held symbols (qty ≠ 0) in a fixed order: the index space of correlation rows. */
  symbols: readonly string[];
  /** Per held symbol, aligned with `symbols`: sign of the position and |exposure|. */
  signs: Int8Array;
  exposures: Float64Array;
  /** Sector → Σ |exposure| (classified positions only). */
  sectorExposure: ReadonlyMap<string, number>;
  defaultStopFraction: number;
  stopAtrMultiple: number;
}

export interface PretradeSnapshotInput {
  summary: Pick<PortfolioSummary, 'equity' | 'dayStartEquity' | 'dailyPnl' | 'drawdown' | 'ts'>;
  positions: readonly Pick<PositionView, 'symbol' | 'qty' | 'exposure' | 'sector' | 'mark'>[];
  /** Known risk to stop per symbol, account currency (e.g. from real stop orders). */
  positionRisk?: ReadonlyMap<string, number>;
  /** Daily return volatility per symbol (decimal), used where no positionRisk is known. */
  dailyVol?: ReadonlyMap<string, number>;
  /** Portfolio 1-day 99 % VaR as a fraction of equity. */
  var99?: number;
  /** Default 0.05 (see DEFAULT_STOP_FRACTION). */
  defaultStopFraction?: number;
  /** Default 2. */
  stopAtrMultiple?: number;
}

function finite(x: unknown, field: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`buildPretradeContext: ${field} must be a finite number, got ${String(x)}`);
  return x;
}

/**
 * Builds the snapshot context. Risk to stop of an existing position, in order of preference:
 * positionRisk[symbol]; else |exposure| × k × σ_daily (a k-ATR stop with ATR ≈ σ_daily × price);
 * else |exposure| × defaultStopFraction. The same rule family sizes new orders (pretrade.ts), so
 * an order and the position it creates are measured alike.
 * @throws RangeError naming the field on non-finite numbers, duplicate symbols or bad options.
 */
export function buildPretradeContext(input: PretradeSnapshotInput): PretradeContext {
  const { summary, positions } = input;
  const equity = finite(summary.equity, 'summary.equity');
  const dayStartEquity = finite(summary.dayStartEquity, 'summary.dayStartEquity');
  const dailyPnl = finite(summary.dailyPnl, 'summary.dailyPnl');
  const drawdown = finite(summary.drawdown, 'summary.drawdown');
  const ts = finite(summary.ts, 'summary.ts');
  const defaultStopFraction = input.defaultStopFraction ?? DEFAULT_STOP_FRACTION;
  if (!(defaultStopFraction > 0 && defaultStopFraction <= 1)) throw new RangeError(`buildPretradeContext: defaultStopFraction must be in (0, 1], got ${defaultStopFraction}`);
  const stopAtrMultiple = input.stopAtrMultiple ?? DEFAULT_STOP_ATR_MULTIPLE;
  if (!(Number.isFinite(stopAtrMultiple) && stopAtrMultiple > 0)) throw new RangeError(`buildPretradeContext: stopAtrMultiple must be a finite number > 0, got ${stopAtrMultiple}`);
  let var99: number | null = null;
  if (input.var99 !== undefined) var99 = finite(input.var99, 'var99');

  const bySymbol = new Map<string, PositionAgg>();
  const sectorExposure = new Map<string, number>();
  const symbols: string[] = [];
  const signs: number[] = [];
  const exposures: number[] = [];
  let positionCount = 0,
    grossExposure = 0,
    openRisk = 0,
    sumInvVol = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (typeof p.symbol !== 'string' || p.symbol === '') throw new RangeError(`buildPretradeContext: positions[${i}].symbol must be a non-empty string`);
    if (bySymbol.has(p.symbol)) throw new RangeError(`buildPretradeContext: positions[${i}].symbol ${p.symbol} appears twice`);
    const qty = finite(p.qty, `positions[${i}].qty`);
    const exposure = Math.abs(finite(p.exposure, `positions[${i}].exposure`));
    const vol = input.dailyVol?.get(p.symbol);
    if (vol !== undefined && !(Number.isFinite(vol) && vol > 0)) throw new RangeError(`buildPretradeContext: dailyVol[${p.symbol}] must be a finite number > 0, got ${vol}`);
    let risk = input.positionRisk?.get(p.symbol);
    if (risk !== undefined) risk = Math.abs(finite(risk, `positionRisk[${p.symbol}]`));
    else risk = exposure * (vol !== undefined ? Math.min(1, stopAtrMultiple * vol) : defaultStopFraction);
    if (qty === 0) risk = 0;
    const invVol = qty !== 0 && vol !== undefined ? 1 / vol : 0;
    bySymbol.set(p.symbol, { symbol: p.symbol, qty, exposure, sector: p.sector ?? null, risk, invVol, index: qty === 0 ? -1 : symbols.length });
    if (qty === 0) continue;
    symbols.push(p.symbol);
    signs.push(qty > 0 ? 1 : -1);
    exposures.push(exposure);
    positionCount++;
    grossExposure += exposure;
    openRisk += risk;
    sumInvVol += invVol;
    if (p.sector) sectorExposure.set(p.sector, (sectorExposure.get(p.sector) ?? 0) + exposure);
  }
  return {
    ts,
    equity,
    dayStartEquity,
    dailyPnl,
    drawdown,
    var99,
    positionCount,
    grossExposure,
    openRisk,
    sumInvVol,
    bySymbol,
    symbols,
    signs: Int8Array.from(signs),
    exposures: Float64Array.from(exposures),
    sectorExposure,
    defaultStopFraction,
    stopAtrMultiple,
  };
}

/**
 * A correlation row aligned with `ctx.symbols` (NaN where unknown), for checkOrder's fast path:
 * build it once per instrument per snapshot (e.g. from the correlation matrix) instead of passing
 * a Map per order — a Map costs one hash look-up per held position on every check.
 * @throws RangeError when a correlation is outside [-1, 1].
 */
export function correlationRow(ctx: PretradeContext, correlations: ReadonlyMap<string, number>): Float64Array {
  const row = new Float64Array(ctx.symbols.length).fill(NaN);
  for (let i = 0; i < ctx.symbols.length; i++) {
    const rho = correlations.get(ctx.symbols[i]);
    if (rho === undefined) continue;
    if (!(rho >= -1 && rho <= 1)) throw new RangeError(`correlationRow: correlations[${ctx.symbols[i]}] must be in [-1, 1], got ${rho}`);
    row[i] = rho;
  }
  return row;
}
