/**
 * Vector charts drawn directly with pdfkit paths: a time-series line chart, horizontal bars, the stress
 * grid and the position heatmap (a squarified treemap). Hand-drawn rather than server-side ECharts +
 * svg-to-pdfkit: same vector output at a fraction of the time (docs/reports.md has the measurement),
 * and no browser-oriented library in the engine worker.
 */
import { C, type PdfCtx } from './pdf-layout';
import { fmtPct, fmtUsdShort } from './format';
import type { SeriesPoint } from './types';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Round tick steps (1, 2, 2.5, 5 × 10^k) giving about `n` ticks over [lo, hi]. */
export function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) {
    const pad = Math.abs(lo) * 0.05 || 1;
    return niceTicks(lo - pad, hi + pad, n);
  }
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < hi) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

/** USD axis label in k/M/B with as many decimals as the tick step needs (3.0375M, not 3.0M four times). */
export function usdAxis(v: number, step: number): string {
  const big = Math.max(Math.abs(v), step);
  const [unit, suffix] = big >= 1e9 ? [1e9, 'B'] : big >= 1e6 ? [1e6, 'M'] : big >= 1e3 ? [1e3, 'k'] : [1, ''];
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step / unit) - 1e-9)));
  return `${(v / unit).toFixed(decimals)}${suffix}`;
}

/** Fraction axis label as a percentage with the decimals the step needs. */
export function pctAxis(v: number, step: number): string {
  const decimals = Math.min(4, Math.max(0, Math.ceil(-Math.log10(step * 100) - 1e-9)));
  return `${(v * 100).toFixed(decimals)}%`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
function timeLabel(ms: number, spanMs: number): string {
  const d = new Date(ms);
  return spanMs <= 2 * 86_400_000 ? `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` : `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

export interface LineSeries {
  label: string;
  points: SeriesPoint[];
  color: string;
  width?: number;
  dash?: boolean;
  /** Fill between the line and zero (drawdown). */
  area?: boolean;
}

export interface LineChartOpts {
  title: string;
  series: LineSeries[];
  xRange: [number, number];
  /** Axis label for a tick value, given the tick step (so labels differ by at least one digit). */
  yFmt: (v: number, step: number) => string;
  markers?: { ts: number; value: number; label: string }[];
  /** Keep zero inside the y range. */
  zero?: boolean;
  invert?: boolean;
}

export function lineChart(ctx: PdfCtx, b: Box, o: LineChartOpts): void {
  const d = ctx.doc;
  d.font('Helvetica-Bold').fontSize(8.5).fillColor(C.ink);
  ctx.cell(o.title, b.x, b.y, b.w * 0.5);
  // Legend, right-aligned on the title line.
  d.font('Helvetica').fontSize(7);
  let lx = b.x + b.w;
  for (const s of [...o.series].reverse()) {
    const w = d.widthOfString(s.label);
    lx -= w + 22;
    d.moveTo(lx, b.y + 4).lineTo(lx + 12, b.y + 4).lineWidth(1.6).strokeColor(s.color);
    if (s.dash) d.dash(2, { space: 1.5 });
    d.stroke().undash();
    d.fillColor(C.muted);
    ctx.cell(s.label, lx + 15, b.y + 0.5, w + 2);
  }
  if (o.markers?.length) {
    const label = 'VaR exception';
    const w = d.widthOfString(label);
    lx -= w + 20;
    d.circle(lx + 5, b.y + 4, 2.6).fill(C.bad);
    d.fillColor(C.muted);
    ctx.cell(label, lx + 12, b.y + 0.5, w + 2);
  }
  const p = { x: b.x + 46, y: b.y + 16, w: b.w - 52, h: b.h - 32 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of o.series) {
    for (const pt of s.points) {
      if (!Number.isFinite(pt.value)) continue;
      lo = Math.min(lo, pt.value);
      hi = Math.max(hi, pt.value);
    }
  }
  d.rect(p.x, p.y, p.w, p.h).lineWidth(0.5).strokeColor(C.grid).stroke();
  if (!Number.isFinite(lo)) {
    d.font('Helvetica-Oblique').fontSize(8).fillColor(C.muted);
    ctx.cell('No data in the period.', p.x, p.y + p.h / 2 - 4, p.w, 'center');
    return;
  }
  if (o.zero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  const ticks = niceTicks(lo, hi, 4);
  const y0 = ticks[0];
  const y1 = ticks[ticks.length - 1];
  const [x0, x1] = o.xRange;
  const X = (t: number): number => p.x + ((t - x0) / Math.max(1, x1 - x0)) * p.w;
  const Y = (v: number): number => (o.invert ? p.y + ((v - y0) / (y1 - y0)) * p.h : p.y + p.h - ((v - y0) / (y1 - y0)) * p.h);
  d.font('Helvetica').fontSize(6.5);
  for (const t of ticks) {
    const yy = Y(t);
    d.moveTo(p.x, yy).lineTo(p.x + p.w, yy).lineWidth(0.4).strokeColor(C.grid).stroke();
    d.fillColor(C.muted);
    ctx.cell(o.yFmt(t, ticks.length > 1 ? ticks[1] - ticks[0] : 1), b.x, yy - 3, 42, 'right');
  }
  const nx = 6;
  for (let i = 0; i <= nx; i++) {
    const t = x0 + ((x1 - x0) * i) / nx;
    const xx = X(t);
    d.moveTo(xx, p.y + p.h).lineTo(xx, p.y + p.h + 3).lineWidth(0.4).strokeColor(C.faint).stroke();
    d.fillColor(C.muted);
    ctx.cell(timeLabel(t, x1 - x0), xx - 20, p.y + p.h + 5, 40, 'center');
  }
  d.save();
  d.rect(p.x, p.y, p.w, p.h).clip();
  for (const s of o.series) {
    const pts = s.points.filter((q) => Number.isFinite(q.value));
    if (pts.length === 0) continue;
    if (s.area && pts.length > 1) {
      d.moveTo(X(pts[0].ts), Y(0));
      for (const q of pts) d.lineTo(X(q.ts), Y(q.value));
      d.lineTo(X(pts[pts.length - 1].ts), Y(0)).closePath().fillOpacity(0.18).fill(s.color).fillOpacity(1);
    }
    d.moveTo(X(pts[0].ts), Y(pts[0].value));
    for (let i = 1; i < pts.length; i++) d.lineTo(X(pts[i].ts), Y(pts[i].value));
    if (pts.length === 1) {
      d.circle(X(pts[0].ts), Y(pts[0].value), 1.8).fill(s.color);
      continue;
    }
    d.lineWidth(s.width ?? 1.1).strokeColor(s.color);
    if (s.dash) d.dash(3, { space: 2 });
    d.stroke().undash();
  }
  for (const m of o.markers ?? []) d.circle(X(m.ts), Y(m.value), 3).fill(C.bad);
  d.restore();
}

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars from a zero line; negative bars red, positive in `color`; values printed at the bar end. */
export function barChart(ctx: PdfCtx, b: Box, title: string, bars: Bar[], color: string = C.accent, fmt: (v: number) => string = fmtUsdShort): void {
  const d = ctx.doc;
  d.font('Helvetica-Bold').fontSize(8.5).fillColor(C.ink);
  ctx.cell(title, b.x, b.y, b.w);
  const top = b.y + 14;
  if (bars.length === 0) {
    d.font('Helvetica-Oblique').fontSize(8).fillColor(C.muted);
    ctx.cell('No data.', b.x, top + 6, b.w);
    return;
  }
  const labelW = Math.min(110, b.w * 0.34);
  const valW = 44;
  const px = b.x + labelW + 4;
  const pw = b.w - labelW - 4 - valW;
  const rowH = Math.min(14, (b.h - 16) / bars.length);
  const lo = Math.min(0, ...bars.map((x) => x.value));
  const hi = Math.max(0, ...bars.map((x) => x.value));
  const span = hi - lo || 1;
  const X = (v: number): number => px + ((v - lo) / span) * pw;
  d.font('Helvetica').fontSize(Math.min(7, rowH - 2));
  bars.forEach((bar, i) => {
    const y = top + i * rowH;
    d.fillColor(C.ink);
    ctx.cell(bar.label, b.x, y + rowH / 2 - 3, labelW, 'left');
    const a = X(Math.min(0, bar.value));
    const w = Math.max(0.5, Math.abs(X(bar.value) - X(0)));
    d.rect(a, y + 1.5, w, rowH - 3).fill(bar.value < 0 ? C.bad : color);
    d.fillColor(C.muted);
    ctx.cell(fmt(bar.value), px + pw + 4, y + rowH / 2 - 3, valW - 4, 'right');
  });
  d.moveTo(X(0), top).lineTo(X(0), top + bars.length * rowH).lineWidth(0.6).strokeColor(C.muted).stroke();
}

/** Diverging red (loss) → white → green (gain) for t in [-1, 1]. */
export function divergingColor(t: number): string {
  const c = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const mix = (a: number, b: number, f: number): number => Math.round(a + (b - a) * f);
  const [r, g, bl] = c < 0 ? [mix(255, 197, -c), mix(255, 48, -c), mix(255, 48, -c)] : [mix(255, 47, c), mix(255, 133, c), mix(255, 90, c)];
  return `#${[r, g, bl].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** The stress grid: P&L (USD) at price shock × vol shock, cells coloured by P&L and labelled. */
export function stressGrid(ctx: PdfCtx, b: Box, priceShocks: number[], volShocks: number[], grid: number[][]): void {
  const d = ctx.doc;
  const lw = 46;
  const th = 14;
  const cw = (b.w - lw) / Math.max(1, volShocks.length);
  const ch = Math.min(24, (b.h - th - 14) / Math.max(1, priceShocks.length));
  const maxAbs = Math.max(1, ...grid.flat().map((v) => Math.abs(v)));
  d.font('Helvetica-Bold').fontSize(6.5).fillColor(C.muted);
  ctx.cell('price \\ vol', b.x, b.y + 3, lw - 4, 'left');
  volShocks.forEach((v, j) => ctx.cell(`${v >= 0 ? '+' : ''}${(v * 100).toFixed(0)}%`, b.x + lw + j * cw, b.y + 3, cw, 'center'));
  priceShocks.forEach((ps, i) => {
    const y = b.y + th + i * ch;
    d.font('Helvetica-Bold').fontSize(6.5).fillColor(C.muted);
    ctx.cell(`${ps >= 0 ? '+' : ''}${(ps * 100).toFixed(0)}%`, b.x, y + ch / 2 - 3, lw - 6, 'right');
    volShocks.forEach((_, j) => {
      const v = grid[i]?.[j] ?? NaN;
      const x = b.x + lw + j * cw;
      d.rect(x, y, cw - 1, ch - 1).fill(divergingColor(v / maxAbs));
      d.font('Helvetica').fontSize(Math.min(6.5, cw / 5)).fillColor(Math.abs(v / maxAbs) > 0.6 ? '#ffffff' : C.ink);
      ctx.cell(Number.isFinite(v) ? fmtUsdShort(v) : '', x + 1, y + ch / 2 - 3, cw - 3, 'center');
    });
  });
  d.font('Helvetica').fontSize(6.5).fillColor(C.muted);
  ctx.cell('Rows: underlying price shock; columns: implied-volatility shock (relative). Cells: book P&L in USD, no rate shock.', b.x, b.y + th + priceShocks.length * ch + 4, b.w);
}

export interface Tile {
  label: string;
  weight: number;
  /** Colour value in [-1, 1]. */
  tone: number;
  sub: string;
}

/** Squarified treemap (Bruls et al.): rows laid along the shorter side, keeping tiles near-square. */
export function squarify(weights: number[], box: Box): Box[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: Box[] = new Array<Box>(weights.length);
  if (!(total > 0)) return weights.map(() => ({ x: box.x, y: box.y, w: 0, h: 0 }));
  const scale = (box.w * box.h) / total;
  const areas = weights.map((w) => w * scale);
  let { x, y, w, h } = box;
  let i = 0;
  const worst = (row: number[], side: number): number => {
    const s = row.reduce((a, b) => a + b, 0);
    const mx = Math.max(...row);
    const mn = Math.min(...row);
    return Math.max((side * side * mx) / (s * s), (s * s) / (side * side * mn));
  };
  while (i < areas.length) {
    const side = Math.min(w, h);
    const row = [areas[i]];
    let j = i + 1;
    while (j < areas.length && worst([...row, areas[j]], side) <= worst(row, side)) row.push(areas[j++]);
    const s = row.reduce((a, b) => a + b, 0);
    const thick = s / side;
    let off = 0;
    row.forEach((a, k) => {
      const len = a / thick;
      out[i + k] = w >= h ? { x, y: y + off, w: thick, h: len } : { x: x + off, y, w: len, h: thick };
      off += len;
    });
    if (w >= h) {
      x += thick;
      w -= thick;
    } else {
      y += thick;
      h -= thick;
    }
    i = j;
  }
  return out;
}

export function treemap(ctx: PdfCtx, b: Box, tiles: Tile[]): void {
  const d = ctx.doc;
  const sorted = tiles.filter((t) => t.weight > 0).sort((a, c) => c.weight - a.weight);
  const boxes = squarify(sorted.map((t) => t.weight), b);
  sorted.forEach((t, i) => {
    const r = boxes[i];
    d.rect(r.x, r.y, r.w, r.h).lineWidth(0.6).fillAndStroke(divergingColor(t.tone), '#cbd5e0');
    if (r.w > 34 && r.h > 16) {
      const strong = Math.abs(t.tone) > 0.6;
      d.font('Helvetica-Bold').fontSize(Math.min(8, Math.max(5.5, r.h / 4))).fillColor(strong ? '#ffffff' : C.ink);
      ctx.cell(t.label, r.x + 3, r.y + 3, r.w - 6);
      if (r.h > 26) {
        d.font('Helvetica').fontSize(Math.min(7, Math.max(5, r.h / 5)));
        ctx.cell(t.sub, r.x + 3, r.y + 3 + Math.min(9, Math.max(6.5, r.h / 4 + 1.5)), r.w - 6);
      }
    }
  });
  d.font('Helvetica').fontSize(6.5).fillColor(C.muted);
  ctx.cell(`Tile area: exposure (USD). Colour: unrealised P&L % of cost, ${fmtPct(-0.1, 0)} (red) to +${fmtPct(0.1, 0)} (green).`, b.x, b.y + b.h + 4, b.w);
}
