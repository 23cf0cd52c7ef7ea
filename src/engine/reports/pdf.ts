/**
 * The PDF risk pack: a cover with the book's headline figures and contents, then one section per chart
 * and table. `step` is awaited between sections: the caller reports progress and yields to the event
 * loop there, so a report never holds the engine thread for long.
 */
import { lineChart, barChart, pctAxis, stressGrid, treemap, usdAxis, type Bar } from './pdf-charts';
import { C, CONTENT_W, PAGE, PdfCtx } from './pdf-layout';
import { fmtPct, fmtUsd, fmtUsdShort, fmtUtc } from './format';
import type { ReportData, Table } from './types';

export type Step = (stage: string, pct: number) => Promise<void>;

const table = (d: ReportData, name: string): Table => {
  const t = d.tables.find((x) => x.name === name);
  if (!t) throw new Error(`report table ${name} missing`);
  return t;
};

function cover(ctx: PdfCtx, d: ReportData): void {
  const doc = ctx.doc;
  const h = d.headline;
  doc.rect(0, 0, PAGE.w, 150).fill(C.navy);
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#9fb3c8');
  ctx.cell('BULWARK', PAGE.left, 44, CONTENT_W);
  doc.font('Helvetica-Bold').fontSize(24).fillColor('#ffffff');
  ctx.cell(d.from === d.to ? 'End-of-day risk report' : 'Risk report', PAGE.left, 64, CONTENT_W);
  doc.font('Helvetica').fontSize(11).fillColor('#d5dee8');
  ctx.cell(`Period ${d.from === d.to ? d.from : `${d.from} to ${d.to}`} (UTC trading days)`, PAGE.left, 98, CONTENT_W);
  ctx.cell(`Generated ${fmtUtc(d.generatedAt)} UTC`, PAGE.left, 114, CONTENT_W);
  const kpis: [string, string, string, boolean][] = [
    ['Equity', `${fmtUsd(h.equity)} USD`, `high-water mark ${fmtUsd(h.highWaterMark)}`, false],
    ['Daily P&L', `${fmtUsd(h.dailyPnl)} USD`, fmtPct(h.dailyPnlPct), h.dailyPnl < 0],
    ['Drawdown', fmtPct(h.drawdown), 'below high-water mark', h.drawdown > 0.05],
    ['VaR 99% 1-day', h.var99 === null ? 'n/a' : `${fmtUsd(h.var99)} USD`, h.var99 !== null && h.equity > 0 ? `${fmtPct(h.var99 / h.equity)} of equity, historical` : 'historical simulation', false],
    ['CVaR 99% 1-day', h.cvar99 === null ? 'n/a' : `${fmtUsd(h.cvar99)} USD`, 'expected shortfall', false],
    ['VaR 95% 1-day', h.var95 === null ? 'n/a' : `${fmtUsd(h.var95)} USD`, 'historical simulation', false],
    ['Gross exposure', `${fmtUsd(h.grossExposure)} USD`, h.equity > 0 ? `${(h.grossExposure / h.equity).toFixed(2)}x equity` : '', false],
    ['Net exposure', `${fmtUsd(h.netExposure)} USD`, `${h.positions} positions`, false],
    ['Worst stress', h.worstStress === null ? 'n/a' : `${fmtUsd(h.worstStress)} USD`, 'price x vol grid', (h.worstStress ?? 0) < 0],
    ['Risk score', h.riskScore === null ? 'n/a' : h.riskScore.toFixed(0), h.regime ? `regime ${h.regime}` : '', (h.riskScore ?? 0) >= 70],
    ['VaR exceptions', String(h.exceptions), `${d.varDays.length} day(s) backtested`, h.exceptions > 0],
    ['Breaches / alerts', `${h.limitBreaches} / ${h.alerts}`, `${h.preservationEvents} preservation event(s)`, h.limitBreaches > 0],
  ];
  const cols = 3;
  const gap = 10;
  const bw = (CONTENT_W - gap * (cols - 1)) / cols;
  const bh = 58;
  kpis.forEach(([label, value, sub, alarm], i) => {
    const x = PAGE.left + (i % cols) * (bw + gap);
    const y = 180 + Math.floor(i / cols) * (bh + gap);
    doc.rect(x, y, bw, bh).fill(C.band);
    doc.rect(x, y, 3, bh).fill(alarm ? C.bad : C.accent);
    doc.font('Helvetica-Bold').fontSize(7).fillColor(C.muted);
    ctx.cell(label.toUpperCase(), x + 10, y + 8, bw - 16);
    doc.font('Helvetica-Bold').fontSize(14).fillColor(alarm ? C.bad : C.ink);
    ctx.cell(value, x + 10, y + 21, bw - 16);
    doc.font('Helvetica').fontSize(7).fillColor(C.muted);
    ctx.cell(sub, x + 10, y + 41, bw - 16);
  });
  ctx.y = 180 + Math.ceil(kpis.length / cols) * (bh + gap) + 14;
}

/** The contents list on the cover, written last (section pages are known only then). */
function contents(ctx: PdfCtx, y0: number): void {
  const doc = ctx.doc;
  doc.switchToPage(0);
  doc.font('Helvetica-Bold').fontSize(11).fillColor(C.navy);
  ctx.cell('Contents', PAGE.left, y0, CONTENT_W);
  let y = y0 + 18;
  doc.font('Helvetica').fontSize(9);
  for (const s of ctx.sections) {
    doc.fillColor(C.ink);
    ctx.cell(s.title, PAGE.left, y, CONTENT_W - 60);
    doc.fillColor(C.muted);
    ctx.cell(String(s.page), PAGE.left + CONTENT_W - 40, y, 40, 'right');
    doc.moveTo(PAGE.left, y + 12).lineTo(PAGE.left + CONTENT_W, y + 12).lineWidth(0.3).strokeColor(C.grid).stroke();
    y += 16;
  }
  y += 8;
  doc.font('Helvetica').fontSize(7).fillColor(C.muted);
  doc.text(
    'Conventions: money in USD (account currency). VaR and CVaR are positive 1-day losses by historical simulation on the adaptive window; a VaR exception is a day that closed with a loss larger than the 99% VaR at its first risk snapshot. Stress, exposures and Greeks are as of the latest risk snapshot. Times are UTC.',
    PAGE.left,
    y,
    { width: CONTENT_W },
  );
}

const bars = (m: Record<string, number>, max = 12): Bar[] =>
  Object.entries(m)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, max)
    .map(([label, value]) => ({ label, value }));

export async function renderPdf(d: ReportData, step: Step, pause?: () => Promise<void>): Promise<{ bytes: Buffer; pages: number }> {
  const ctx = new PdfCtx({ title: `Bulwark risk report ${d.from}${d.to !== d.from ? ` to ${d.to}` : ''}`, generatedAt: d.generatedAt });
  if (pause) ctx.pause = pause;
  cover(ctx, d);
  const contentsY = ctx.y;
  const xRange: [number, number] = [d.startMs, Math.min(d.endMs, Math.max(d.generatedAt, d.startMs + 3_600_000))];
  await step('equity and drawdown', 20);

  ctx.section('Equity and drawdown', { newPage: true, subtitle: 'Account equity (USD) and drawdown below the high-water mark over the period, from the stored equity snapshots.' });
  lineChart(ctx, { x: PAGE.left, y: ctx.y, w: CONTENT_W, h: 200 }, { title: 'Equity (USD)', series: [{ label: 'Equity', points: d.equity, color: C.accent, width: 1.3 }], xRange, yFmt: usdAxis });
  ctx.y += 212;
  lineChart(ctx, { x: PAGE.left, y: ctx.y, w: CONTENT_W, h: 130 }, { title: 'Drawdown (% below high-water mark)', series: [{ label: 'Drawdown', points: d.drawdown, color: C.bad, area: true }], xRange, yFmt: pctAxis, zero: true, invert: true });
  ctx.y += 146;
  await step('VaR history', 30);

  ctx.section('VaR history and exceptions', { keep: 240, subtitle: '1-day VaR (historical simulation) at each risk snapshot against the running realised loss of the day (-daily P&L). Red markers: the first time a day\'s loss exceeded its opening 99% VaR.' });
  const markers = d.varDays.filter((v) => v.crossedAt !== null).map((v) => ({ ts: v.crossedAt!, value: d.dayLoss.find((p) => p.ts >= v.crossedAt!)?.value ?? v.var99, label: v.day }));
  lineChart(ctx, { x: PAGE.left, y: ctx.y, w: CONTENT_W, h: 200 }, {
    title: 'VaR vs realised loss (USD)',
    series: [
      { label: 'VaR 99%', points: d.varHistory.map((p) => ({ ts: p.ts, value: p.var99 })), color: C.bad, width: 1.3 },
      { label: 'VaR 95%', points: d.varHistory.map((p) => ({ ts: p.ts, value: p.var95 })), color: C.accent2, dash: true },
      { label: 'Realised loss of the day', points: d.dayLoss, color: C.accent, width: 0.9 },
    ],
    xRange,
    yFmt: usdAxis,
    markers,
    zero: true,
  });
  ctx.y += 214;
  await ctx.table(table(d, 'var_backtest'));
  await step('position heatmap', 40);

  ctx.section('Position heatmap', { newPage: true, subtitle: `${d.positions.length} positions; tile area is exposure, colour the unrealised P&L against cost.` });
  treemap(
    ctx,
    { x: PAGE.left, y: ctx.y, w: CONTENT_W, h: 580 },
    d.positions.map((p) => ({ label: p.symbol, weight: p.exposure, tone: p.pnlPct / 0.1, sub: `${fmtUsdShort(p.exposure)}  ${p.pnlPct >= 0 ? '+' : ''}${fmtPct(p.pnlPct, 1)}` })),
  );
  ctx.y += 600;
  await step('stress', 50);

  const r = d.risk;
  const asOf = r ? `As of the risk snapshot at ${fmtUtc(r.ts)} UTC.` : 'No heavy-risk snapshot computed yet.';
  ctx.section('Stress grid and scenarios', { newPage: true, subtitle: `${asOf} Full repricing of the book, options included.` });
  if (r) {
    const gh = 28 + r.stress.priceShocks.length * 24;
    stressGrid(ctx, { x: PAGE.left, y: ctx.y, w: CONTENT_W, h: gh }, r.stress.priceShocks, r.stress.volShocks, r.stress.grid);
    ctx.y += gh + 8;
  }
  await ctx.table(table(d, 'stress_scenarios'));
  await step('exposures', 60);

  ctx.section('Exposures', { newPage: true, subtitle: `${asOf} Signed exposure (USD): long positive, short negative.` });
  if (r) {
    const half = (CONTENT_W - 16) / 2;
    const e = r.exposures;
    barChart(ctx, { x: PAGE.left, y: ctx.y, w: half, h: 90 }, 'Book (USD)', [
      { label: 'Gross', value: e.gross },
      { label: 'Net', value: e.net },
      { label: 'Long', value: e.long },
      { label: 'Short', value: -Math.abs(e.short) },
    ]);
    barChart(ctx, { x: PAGE.left + half + 16, y: ctx.y, w: half, h: 90 }, 'By asset class (USD)', bars(e.byAssetClass, 6));
    ctx.y += 100;
    barChart(ctx, { x: PAGE.left, y: ctx.y, w: half, h: 160 }, 'By sector (USD)', bars(e.bySector));
    barChart(ctx, { x: PAGE.left + half + 16, y: ctx.y, w: half, h: 160 }, 'By venue (USD)', bars(e.byVenue));
    ctx.y += 172;
  }
  await ctx.table(table(d, 'exposures'));
  await step('greeks', 65);

  ctx.section('Greeks', { newPage: true, subtitle: `${asOf} Delta in USD; gamma USD per 1% move; vega USD per vol point; theta USD per day.` });
  if (r) {
    const half = (CONTENT_W - 16) / 2;
    const by = r.greeks.byUnderlying;
    const pick = (k: 'delta' | 'vega'): Bar[] => bars(Object.fromEntries(Object.entries(by).map(([u, g]) => [u, g[k]])), 10);
    barChart(ctx, { x: PAGE.left, y: ctx.y, w: half, h: 150 }, 'Delta by underlying (USD)', pick('delta'));
    barChart(ctx, { x: PAGE.left + half + 16, y: ctx.y, w: half, h: 150 }, 'Vega by underlying (USD per vol pt)', pick('vega'), C.accent2);
    ctx.y += 162;
  }
  await ctx.table(table(d, 'greeks'));
  await step('positions', 72);

  ctx.section('Positions', { newPage: true });
  await ctx.table(table(d, 'positions'));
  await step('risk metrics', 82);
  ctx.section('Risk metrics', { keep: 120 });
  await ctx.table(table(d, 'risk_metrics'));
  await step('breaches and alerts', 86);
  ctx.section('Limit breaches, alerts and overrides', { keep: 120 });
  await ctx.table(table(d, 'limit_breaches'), { maxRows: 500 });
  await ctx.table(table(d, 'alerts'), { maxRows: 500 });
  await ctx.table(table(d, 'overrides'), { maxRows: 500 });
  await step('preservation and hedges', 90);
  ctx.section('Capital preservation and hedges', { keep: 120 });
  await ctx.table(table(d, 'preservation'), { maxRows: 500 });
  await ctx.table(table(d, 'hedges'));
  await step('finishing', 94);

  contents(ctx, contentsY);
  ctx.finish({ from: d.from, to: d.to, generatedAt: d.generatedAt });
  await step('compressing', 96);
  const pages = ctx.page;
  const bytes = await ctx.end();
  return { bytes, pages };
}
