/**
 * Deterministic daily replay of an index series through the book, with or without the controls.
 * One step per trading day, on the replay clock of data.ts (never wall time), in this order:
 *
 *   [marks = 'low', controls on]  mark the book at the day's LOW, run the controls with the risk
 *       inputs of the previous close; any breaker / preservation order fills at the low.
 *   1. The risk inputs now include the day's close-to-close return; mark the book at the CLOSE.
 *   2. Loss streak: consecutive closes with a negative day P&L (0 on a flat day).
 *   3. Operator policy: re-base the HWM once the drawdown breaker has held `rebaseAfterDays`.
 *   4. Controls (on): breakers, then capital preservation; their orders fill at the close.
 *   5. Rebalance: on the first trading day of each month ('daily': every day) every sleeve is due;
 *      a due sleeve trades to weight × equity (skipped inside the band). With controls on the
 *      order goes through checkOrder; a denied order stays due and is retried at each later close,
 *      an approved or cut one completes the rebalance (core first, then the overlay).
 *   6. Record end-of-day equity, exposure, VaR (also before step 4), trading mode and level.
 * Day 0 is the first rebalance: both runs open the book at the first close through the same path.
 */
import type { TradingMode } from '../controls/trading-state';
import { ReplayBook, type FillRecord } from './book';
import type { ReplayConfig } from './config';
import { ReplayControls, type ControlEvent, type DenialRecord, type StepMeta } from './controls-driver';
import { dayStartUtc, stepTime, type Bar } from './data';
import { indexRiskSeries, RiskFeed } from './risk-inputs';

export interface ReplayResult {
  name: string;
  controls: boolean;
  dates: string[];
  /** Index closes (and lows) the replay saw. */
  closes: number[];
  lows: number[];
  /** End-of-day equity (after the day's trades), USD. */
  equity: number[];
  /** End-of-day net exposure / equity. */
  exposure: number[];
  /** 1-day 99 % VaR / equity of the book carried overnight (after the day's trades); null in the warm-up. */
  var99: (number | null)[];
  /** The same for the book carried INTO the close (before the controls and the rebalance trade). */
  var99Pre: (number | null)[];
  /** End-of-day effective trading mode and preservation level (ACTIVE / 0 without controls). */
  mode: TradingMode[];
  level: number[];
  fills: FillRecord[];
  events: ControlEvent[];
  denials: DenialRecord[];
  costs: number;
  turnover: number;
}

export function runReplay(bars: readonly Bar[], cfg: ReplayConfig): ReplayResult {
  if (bars.length < 2) throw new RangeError(`runReplay: need at least 2 bars, got ${bars.length}`);
  const t0 = dayStartUtc(bars[0].date);
  const book = new ReplayBook(
    cfg.capital,
    cfg.sleeves.map((s) => s.symbol),
    cfg.costBps,
  );
  const series = indexRiskSeries(bars, cfg.riskWarmup, cfg.varLookback);
  const risk = new RiskFeed();
  const ctl = cfg.controls
    ? new ReplayControls(book, risk, cfg.limits, t0, {
        breakers: cfg.breakerConfig,
        preservation: cfg.preservationConfig,
      })
    : null;
  const out: ReplayResult = {
    name: cfg.name,
    controls: cfg.controls,
    dates: [],
    closes: [],
    lows: [],
    equity: [],
    exposure: [],
    var99: [],
    var99Pre: [],
    mode: [],
    level: [],
    fills: book.fills,
    events: ctl?.events ?? [],
    denials: ctl?.denials ?? [],
    costs: 0,
    turnover: 0,
  };
  const due = new Set<string>();

  for (let day = 0; day < bars.length; day++) {
    const bar = bars[day];
    if (ctl && cfg.marks === 'low' && day > 0) {
      const low: StepMeta = { day, date: bar.date, phase: 'low', now: stepTime(t0, day, 'low') };
      risk.current = series[day - 1];
      book.mark(bar.low, low.now);
      ctl.step(low);
    }
    const m: StepMeta = { day, date: bar.date, phase: 'close', now: stepTime(t0, day, 'close') };
    risk.current = series[day];
    book.mark(bar.close, m.now);
    const pre = risk.book(book.netExposure());
    out.var99Pre.push(pre && book.equity() > 0 ? pre.var99 / book.equity() : null);

    if (ctl) {
      const a = book.account();
      ctl.lossStreak = a.dailyPnl < 0 ? ctl.lossStreak + 1 : 0;
      const held = ctl.drawdownHeldDays(day);
      if (cfg.rebaseAfterDays !== null && held !== null && held >= cfg.rebaseAfterDays) {
        ctl.noteRebase(m, a.drawdown);
        book.rebaseHighWaterMark();
      }
      ctl.step(m);
    }

    if (cfg.rebalance === 'daily' || day === 0 || bar.date.slice(0, 7) !== bars[day - 1].date.slice(0, 7))
      for (const s of cfg.sleeves) due.add(s.symbol);
    for (const s of cfg.sleeves) {
      if (!due.has(s.symbol)) continue;
      const equity = book.equity();
      if (!(equity > 0)) break;
      const delta = (s.weight * equity) / bar.close - book.qty(s.symbol);
      if (Math.abs(delta) * bar.close < cfg.rebalanceBand * equity) {
        due.delete(s.symbol);
        continue;
      }
      const side = delta > 0 ? 'buy' : 'sell';
      if (ctl) {
        if (ctl.submit({ symbol: s.symbol, side, qty: Math.abs(delta) }, 'rebalance', m).decision !== 'deny')
          due.delete(s.symbol);
      } else {
        book.fill(s.symbol, side, Math.abs(delta), {
          day,
          date: bar.date,
          phase: 'close',
          source: 'rebalance',
        });
        due.delete(s.symbol);
      }
    }

    const equity = book.equity();
    const net = book.netExposure();
    const r = risk.book(net);
    out.dates.push(bar.date);
    out.closes.push(bar.close);
    out.lows.push(bar.low);
    out.equity.push(equity);
    out.exposure.push(equity > 0 ? net / equity : 0);
    out.var99.push(r && equity > 0 ? r.var99 / equity : null);
    out.mode.push(ctl ? ctl.state(m.now).mode : 'ACTIVE');
    out.level.push(ctl ? ctl.preservation.current.level : 0);
  }
  out.costs = book.costs;
  out.turnover = book.turnover;
  return out;
}
