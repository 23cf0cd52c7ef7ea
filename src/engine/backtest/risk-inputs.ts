/**
 * What the live heavy recompute (risk-engine/compute.ts) would hand the controls, rebuilt from the
 * index returns seen so far in the replay — never from later data.
 *
 * - Vol ratio: detectRegime on the book's return series, recent 20 / long min(250, H) sample
 *   stdevs (ddof 1). Every sleeve is on the same index, so the book's returns are the index's
 *   scaled by a constant and the ratio is the index's; a flat book reads 0 (as the live engine's
 *   empty snapshot).
 * - VaR99: historical simulation of TODAY's book over the trailing window (linear quantile):
 *   P&L_t = net exposure × r_t, so VaR = net exposure × VaR99 of the index window for a long book.
 *   The window is the live engine's adaptive lookback (60/120/250 by the ratio) or a fixed one.
 * - Regime: regimeFromRatio (stressed > 1.5), for the dynamic limits.
 * - Average pairwise correlation: 0 — one underlying has no pairs (the live engine reads 0 too).
 * Until `warmup` returns exist nothing is supplied: breakers and preservation then ignore the
 * missing metrics (the live engine has years of history; the replay starts with none).
 *
 * The index figures depend only on the closes, so they are computed once per series and settings
 * (`indexRiskSeries`, memoised) and shared by every run on it.
 */
import { historicalVar } from '../risk/var';
import { adaptiveLookback, detectRegime, regimeFromRatio, type VolRegime } from '../risk/regime';

export interface IndexRisk {
  /** Returns available (history length). */
  history: number;
  volRatio: number;
  regime: VolRegime;
  lookback: number;
  /** 1-day 99 % VaR of one unit of long index exposure (fraction), and of one unit short. */
  varLong: number;
  varShort: number;
}

export interface BookRisk {
  volRatio: number;
  regime: VolRegime;
  /** USD. */
  var99: number;
}

const LONG_WINDOW = 250;
const RECENT_WINDOW = 20;

const memo = new WeakMap<readonly { close: number }[], Map<string, readonly (IndexRisk | null)[]>>();

function checkSettings(warmup: number, lookback: 'adaptive' | number): void {
  if (!(Number.isInteger(warmup) && warmup >= 3))
    throw new RangeError(`indexRiskSeries: warmup must be an integer >= 3, got ${warmup}`);
  if (lookback !== 'adaptive' && !(Number.isInteger(lookback) && lookback >= 2))
    throw new RangeError(`indexRiskSeries: lookback must be 'adaptive' or an integer >= 2, got ${lookback}`);
}

/**
 * Index figures at each close d from the returns up to and including day d (null in the warm-up).
 * Memoised per bars array and settings.
 */
export function indexRiskSeries(
  bars: readonly { close: number }[],
  warmup: number,
  lookback: 'adaptive' | number,
): readonly (IndexRisk | null)[] {
  checkSettings(warmup, lookback);
  const key = `${warmup}:${lookback}`;
  const cached = memo.get(bars)?.get(key);
  if (cached) return cached;
  const returns: number[] = [];
  const out: (IndexRisk | null)[] = [null];
  for (let d = 1; d < bars.length; d++) {
    const r = bars[d].close / bars[d - 1].close - 1;
    if (!Number.isFinite(r)) throw new RangeError(`indexRiskSeries: return on day ${d} is not finite`);
    returns.push(r);
    out.push(returns.length < warmup ? null : figures(returns, lookback));
  }
  const m = memo.get(bars) ?? new Map<string, readonly (IndexRisk | null)[]>();
  m.set(key, out);
  memo.set(bars, m);
  return out;
}

function figures(returns: readonly number[], lookback: 'adaptive' | number): IndexRisk {
  const H = returns.length;
  const tail = Float64Array.from(returns.slice(-LONG_WINDOW));
  const longWindow = tail.length;
  let volRatio = 0;
  try {
    volRatio = detectRegime(tail, {
      recentWindow: Math.min(RECENT_WINDOW, longWindow - 1),
      longWindow,
    }).ratio;
  } catch {
    volRatio = 0; // a constant window: the live engine calls such a book calm
  }
  const n = Math.min(lookback === 'adaptive' ? adaptiveLookback(volRatio) : lookback, H);
  const window = Float64Array.from(returns.slice(-n));
  return {
    history: H,
    volRatio,
    regime: regimeFromRatio(volRatio),
    lookback: n,
    varLong: historicalVar(window, 0.99),
    varShort: historicalVar(
      window.map((r) => -r),
      0.99,
    ),
  };
}

/** The figures a run currently sees; the replay moves it along (`current`). */
export class RiskFeed {
  current: IndexRisk | null = null;

  /** The book's figures for a net exposure (USD); null during the warm-up. */
  book(netExposure: number): BookRisk | null {
    const ix = this.current;
    if (ix === null) return null;
    if (netExposure === 0) return { volRatio: 0, regime: regimeFromRatio(0), var99: 0 };
    const var99 = netExposure > 0 ? netExposure * ix.varLong : -netExposure * ix.varShort;
    return { volRatio: ix.volRatio, regime: ix.regime, var99: var99 + 0 };
  }
}
