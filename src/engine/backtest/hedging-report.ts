/**
 * The hedging study (docs/hedging.md, "Measured protection"): each window replayed unhedged and
 * with the hedging flow on (hedging-driver.ts), summarised and rendered as the markdown quoted in
 * the docs.
 *
 * Conventions: drawdown = 1 − equity / running peak of end-of-day equity (the peak starts at the
 * capital), a positive fraction; worst loss = 1 − min equity / capital. Money in USD. Annualised
 * figures use 252 trading days a year (the replay clock counts trading days).
 *   hedge net P&L   Σ hedge legs' P&L (the live monitor: mark − entry, fees, realised on rolls)
 *                   − carry debited; equals final equity hedged − unhedged (the books are otherwise
 *                   identical).
 *   cost paid       option premium (every purchase, rolls included) + perp/inverse carry + fees;
 *                   spread = what the fills paid against the mark (inside the premium and fees).
 *   drag            −hedge net P&L / capital × 252 / days (the calm window: the price of insurance).
 * Effectiveness per tail event: an event is a HEDGE signal and the review top-ups that follow it
 * until the next signal; expected = Σ (tail loss before − after) at proposal, actual = Σ P&L of
 * its legs to the window's end (the monitor's definition).
 */
import type { Bar } from './data';
import { hedgingReplayConfig, runHedgingReplay, type HedgingReplayConfig, type HedgingRun } from './hedging-driver';

export interface WindowSpec {
  key: string;
  label: string;
  start: string;
  end: string;
}

export const WINDOWS: readonly WindowSpec[] = [
  { key: '2008', label: '2008 crisis (peak → trough)', start: '2007-10-09', end: '2009-03-09' },
  { key: '2020', label: '2020 Covid crash', start: '2020-01-02', end: '2020-04-17' },
  { key: '2017', label: '2017 calm control', start: '2017-01-03', end: '2017-12-29' },
];

export interface RunSummary {
  maxDrawdown: number;
  peakDate: string;
  troughDate: string;
  worstLoss: number;
  finalEquity: number;
}

export interface TailEvent {
  date: string;
  proposals: number;
  cost: number;
  expected: number;
  actual: number;
}

export interface WindowReport {
  window: WindowSpec;
  book: string;
  capital: number;
  days: number;
  indexReturn: number;
  unhedged: RunSummary;
  hedged: RunSummary;
  signalOnly: RunSummary;
  /** Hedged / unhedged max drawdown. */
  ddRatio: number;
  signals: string[];
  executed: number;
  firstProposal: string | null;
  lastProposal: string | null;
  rolls: number;
  cost: { premium: number; openingPremium: number; rollNet: number; funding: number; fees: number; spread: number; exAnte: number; hedgeNet: number; equityDiff: number; dragPerYear: number };
  /** Most negative end-of-day net dollar delta / equity of the hedged book (net short when < 0). */
  minExposure: number;
  events: TailEvent[];
}

export function summarise(run: HedgingRun, capital: number): RunSummary {
  let peak = capital,
    peakAt = 0,
    mdd = 0,
    from = 0,
    to = 0,
    low = capital;
  run.equity.forEach((e, i) => {
    if (e > peak) [peak, peakAt] = [e, i];
    const dd = 1 - e / peak;
    if (dd > mdd) [mdd, from, to] = [dd, peakAt, i];
    low = Math.min(low, e);
  });
  return { maxDrawdown: mdd, peakDate: run.dates[from], troughDate: run.dates[to], worstLoss: Math.max(0, 1 - low / capital), finalEquity: run.equity[run.equity.length - 1] };
}

/** Groups executed proposals into tail events (module doc) with the monitor's effectiveness. */
export function tailEvents(run: HedgingRun): TailEvent[] {
  const actual = new Map(run.monitor.effectiveness.map((e) => [e.proposalId, e.actualReduction]));
  const out: TailEvent[] = [];
  for (const p of run.proposals) {
    if (p.status !== 'executed') continue;
    if (p.trigger !== 'review' || out.length === 0) out.push({ date: p.date, proposals: 0, cost: 0, expected: 0, actual: 0 });
    const ev = out[out.length - 1];
    ev.proposals++;
    ev.cost += p.cost;
    ev.expected += p.tailLossBefore - p.tailLossAfter;
    ev.actual += actual.get(p.id) ?? 0;
  }
  return out;
}

export function windowReport(bars: readonly Bar[], w: WindowSpec, over: Partial<HedgingReplayConfig> = {}): WindowReport {
  const start = bars.findIndex((b) => b.date >= w.start);
  let end = bars.findIndex((b) => b.date > w.end) - 1;
  if (end < 0) end = bars.length - 1;
  if (start < 0 || end <= start) throw new RangeError(`windowReport: window ${w.key} (${w.start} .. ${w.end}) is not inside the data`);
  const cfg = hedgingReplayConfig(over);
  const off = runHedgingReplay(bars, start, end, { ...cfg, hedging: false });
  const on = runHedgingReplay(bars, start, end, { ...cfg, hedging: true });
  const sig = runHedgingReplay(bars, start, end, { ...cfg, hedging: true, topUps: false });
  const u = summarise(off, cfg.capital),
    h = summarise(on, cfg.capital);
  const premium = on.records.reduce((a, r) => a + r.premiumPaid, 0);
  const openingPremium = on.records.filter((r) => r.rolledFrom === null).reduce((a, r) => a + r.premiumPaid, 0);
  // A roll sells the old leg at the bid and buys the new one at the ask: its net cash is the new
  // leg's time value plus the spread (the live journal's hedge.rolled carries both prices).
  let rollNet = 0;
  for (const e of on.events) if (e.kind === 'hedge.rolled' && typeof e.payload.openPrice === 'number') rollNet += Number(e.payload.qty) * (e.payload.openPrice - Number(e.payload.closePrice));
  const hedgeNet = on.monitor.totalPnl - on.funding;
  const days = on.dates.length;
  const executed = on.proposals.filter((p) => p.status === 'executed');
  return {
    window: w,
    book: cfg.name,
    capital: cfg.capital,
    days,
    indexReturn: bars[end].close / bars[start].close - 1,
    unhedged: u,
    hedged: h,
    signalOnly: summarise(sig, cfg.capital),
    ddRatio: u.maxDrawdown > 0 ? h.maxDrawdown / u.maxDrawdown : NaN,
    signals: on.signals.map((s) => s.date),
    executed: executed.length,
    firstProposal: executed[0]?.date ?? null,
    lastProposal: executed[executed.length - 1]?.date ?? null,
    rolls: on.rolls,
    cost: {
      premium, openingPremium, rollNet, funding: on.funding, fees: on.fees, spread: on.spread, exAnte: executed.reduce((a, p) => a + p.cost, 0), hedgeNet,
      equityDiff: h.finalEquity - u.finalEquity, dragPerYear: ((-hedgeNet / cfg.capital) * 252) / days,
    },
    minExposure: Math.min(...on.exposure),
    events: tailEvents(on),
  };
}

const pct = (x: number, d = 1): string => (Number.isFinite(x) ? `${(x * 100).toFixed(d)} %` : 'n/a');
const usd = (x: number): string => `${x < 0 ? '−' : ''}${Math.round(Math.abs(x)).toLocaleString('en-US')}`;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderHedgingMarkdown(reports: readonly WindowReport[]): string {
  const main = table(
    ['window', 'book', 'days', 'index', 'max DD unhedged', 'max DD hedged', 'ratio', 'worst loss vs capital unhedged / hedged', 'final equity unhedged / hedged', 'signal-only what-if: max DD / final'],
    reports.map((r) => [
      r.window.label, r.book, String(r.days), pct(r.indexReturn), `${pct(r.unhedged.maxDrawdown)} (${r.unhedged.peakDate} → ${r.unhedged.troughDate})`,
      `${pct(r.hedged.maxDrawdown)} (${r.hedged.peakDate} → ${r.hedged.troughDate})`, Number.isFinite(r.ddRatio) ? r.ddRatio.toFixed(2) : 'n/a',
      `${pct(r.unhedged.worstLoss)} / ${pct(r.hedged.worstLoss)}`, `${usd(r.unhedged.finalEquity)} / ${usd(r.hedged.finalEquity)}`, `${pct(r.signalOnly.maxDrawdown)} / ${usd(r.signalOnly.finalEquity)}`,
    ]),
  );
  const cost = table(
    ['window', 'book', 'premium at proposals', 'net cash of rolls', 'premium paid (rolls incl.)', 'carry', 'fees', 'spread paid', 'optimiser cost Σ', 'hedge net P&L', '= equity hedged − unhedged', 'net P&L / capital', 'net P&L per year (252 d)'],
    reports.map((r) => [
      r.window.label, r.book, usd(r.cost.openingPremium), usd(r.cost.rollNet), usd(r.cost.premium), usd(r.cost.funding), usd(r.cost.fees), usd(r.cost.spread), usd(r.cost.exAnte), usd(r.cost.hedgeNet), usd(r.cost.equityDiff),
      pct(r.cost.hedgeNet / r.capital, 2), pct(-r.cost.dragPerYear, 2),
    ]),
  );
  const act = table(
    ['window', 'book', 'HEDGE signals (dates)', 'proposals executed', 'first → last', 'rolls', 'min net exposure (hedged)'],
    reports.map((r) => [r.window.label, r.book, `${r.signals.length}: ${r.signals.join(', ') || '—'}`, String(r.executed), `${r.firstProposal ?? '—'} → ${r.lastProposal ?? '—'}`, String(r.rolls), `${r.minExposure.toFixed(2)} × equity`]),
  );
  const eff = table(
    ['window', 'book', 'event (signal date)', 'proposals', 'optimiser cost', 'expected loss reduction (−20 % shock)', 'actual P&L of its legs', 'actual / expected'],
    reports.flatMap((r) =>
      r.events.map((e) => [r.window.label, r.book, e.date, String(e.proposals), usd(e.cost), usd(e.expected), usd(e.actual), e.expected > 0 ? (e.actual / e.expected).toFixed(2) : 'n/a']),
    ),
  );
  return ['#### Drawdown and equity', main, '#### Cost', cost, '#### Activations', act, '#### Effectiveness per tail event', eff].join('\n\n');
}
