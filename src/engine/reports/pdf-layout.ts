/**
 * Page layout for the PDF risk pack: A4 portrait, standard Helvetica (no font embedding, so pages are
 * small and fast), a running header and a footer with the period, the generation time (UTC) and
 * "page n of N" written once all pages exist. Tables break across pages and repeat their header row;
 * numbers are right-aligned, and every numeric header carries its unit.
 */
import PDFDocument from 'pdfkit';
import { cellKind, fmtCell, fmtUtc, isNumericKind } from './format';
import type { Table } from './types';

export const PAGE = { w: 595.28, h: 841.89, left: 40, right: 40, top: 56, bottom: 52 } as const;
export const CONTENT_W = PAGE.w - PAGE.left - PAGE.right;
export const BOTTOM = PAGE.h - PAGE.bottom;

export const C = {
  ink: '#1a202c',
  muted: '#5f6b7a',
  faint: '#a0aec0',
  grid: '#e2e8f0',
  band: '#f4f6f9',
  navy: '#1f2a3c',
  accent: '#2b6cb0',
  accent2: '#dd8a1f',
  good: '#2f855a',
  bad: '#c53030',
} as const;

export class PdfCtx {
  readonly doc: PDFKit.PDFDocument;
  y: number = PAGE.top;
  /** Section title → 1-based page, for the contents list on the cover. */
  readonly sections: { title: string; page: number }[] = [];

  /** Awaited every few dozen table rows so a long table does not hold the engine thread. */
  pause: () => Promise<void> = () => new Promise<void>((r) => setImmediate(r));

  constructor(info: { title: string; generatedAt: number }) {
    this.doc = new PDFDocument({ size: 'A4', margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right }, bufferPages: true, autoFirstPage: true, compress: true, info: { Title: info.title, Author: 'Bulwark', CreationDate: new Date(info.generatedAt) } });
  }

  get page(): number {
    return this.doc.bufferedPageRange().count;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = PAGE.top;
  }

  /** Starts a new page unless `h` points still fit on this one. */
  ensure(h: number): void {
    if (this.y + h > BOTTOM) this.newPage();
  }

  /** Text that never wraps and never triggers pdfkit's automatic page break; cut with "..." to fit `w`. */
  cell(s: string, x: number, y: number, w: number, align: 'left' | 'right' | 'center' = 'left'): void {
    const d = this.doc;
    let t = s;
    let tw = d.widthOfString(t);
    if (tw > w) {
      while (t.length > 1 && d.widthOfString(`${t}...`) > w) t = t.slice(0, -1);
      t = `${t}...`;
      tw = d.widthOfString(t);
    }
    const tx = align === 'right' ? x + w - tw : align === 'center' ? x + (w - tw) / 2 : x;
    d.text(t, tx, y, { lineBreak: false });
  }

  /** A section heading; starts a new page when `newPage` or when the heading plus `keep` points do not fit. */
  section(title: string, opts: { newPage?: boolean; keep?: number; subtitle?: string } = {}): void {
    if (opts.newPage) this.newPage();
    else this.ensure(40 + (opts.keep ?? 60));
    this.sections.push({ title, page: this.page });
    const d = this.doc;
    d.font('Helvetica-Bold').fontSize(13).fillColor(C.navy);
    this.cell(title, PAGE.left, this.y, CONTENT_W);
    this.y += 17;
    d.moveTo(PAGE.left, this.y).lineTo(PAGE.left + CONTENT_W, this.y).lineWidth(1.2).strokeColor(C.accent).stroke();
    this.y += 5;
    if (opts.subtitle) this.note(opts.subtitle);
    this.y += 4;
  }

  /** A short explanatory paragraph (wraps within the content width). */
  note(s: string, size = 7.5): void {
    const d = this.doc;
    d.font('Helvetica').fontSize(size).fillColor(C.muted);
    const h = d.heightOfString(s, { width: CONTENT_W });
    this.ensure(h + 2);
    d.text(s, PAGE.left, this.y, { width: CONTENT_W, lineBreak: true });
    this.y += h + 3;
  }

  /** A table that breaks across pages, repeating its header. */
  async table(t: Table, opts: { fontSize?: number; maxRows?: number } = {}): Promise<void> {
    const d = this.doc;
    const fs = opts.fontSize ?? 7.5;
    const rowH = fs + 5.5;
    const headH = 2 * (fs + 1) + 6;
    const cols = t.columns.filter((c) => (c.pdfWidth ?? 1) > 0);
    const total = cols.reduce((s, c) => s + (c.pdfWidth ?? 1), 0);
    const widths = cols.map((c) => ((c.pdfWidth ?? 1) / total) * CONTENT_W);
    const xs = widths.map((_, i) => PAGE.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    this.ensure(22 + headH + rowH * Math.min(3, Math.max(1, t.rows.length)));
    const title = (cont: boolean): void => {
      d.font('Helvetica-Bold').fontSize(10).fillColor(C.ink);
      this.cell(cont ? `${t.title} (continued)` : t.title, PAGE.left, this.y, CONTENT_W);
      this.y += 14;
    };
    const header = (): void => {
      d.rect(PAGE.left, this.y, CONTENT_W, headH).fill(C.navy);
      d.font('Helvetica-Bold').fontSize(fs - 0.5).fillColor('#ffffff');
      cols.forEach((c, i) => {
        const right = isNumericKind(c.kind);
        const w = widths[i] - 6;
        // Headers may take two lines (name, then unit) so columns stay narrow.
        const words = c.header.split(' ');
        let l1 = c.header;
        let l2 = '';
        if (d.widthOfString(c.header) > w && words.length > 1) {
          let k = words.length - 1;
          while (k > 1 && d.widthOfString(words.slice(0, k).join(' ')) > w) k--;
          l1 = words.slice(0, k).join(' ');
          l2 = words.slice(k).join(' ');
        }
        this.cell(l1, xs[i] + 3, this.y + 3, w, right ? 'right' : 'left');
        if (l2) this.cell(l2, xs[i] + 3, this.y + 3 + fs + 1, w, right ? 'right' : 'left');
      });
      this.y += headH;
    };
    // A table alone in its section under the same name needs no second heading.
    if (this.sections[this.sections.length - 1]?.title !== t.title || this.sections[this.sections.length - 1]?.page !== this.page) title(false);
    if (t.note) this.note(t.note, 7);
    if (t.rows.length === 0) {
      d.rect(PAGE.left, this.y, CONTENT_W, 20).fill(C.band);
      d.font('Helvetica-Oblique').fontSize(8).fillColor(C.muted);
      this.cell(t.emptyNote ?? 'None in the period.', PAGE.left + 6, this.y + 6, CONTENT_W - 12);
      this.y += 30;
      return;
    }
    header();
    const rows = opts.maxRows !== undefined ? t.rows.slice(0, opts.maxRows) : t.rows;
    for (let ri = 0; ri < rows.length; ri++) {
      const row = rows[ri];
      if (ri > 0 && ri % 40 === 0) await this.pause();
      if (this.y + rowH > BOTTOM) {
        this.newPage();
        title(true);
        header();
      }
      if (ri % 2 === 1) d.rect(PAGE.left, this.y, CONTENT_W, rowH).fill(C.band);
      d.font('Helvetica').fontSize(fs);
      cols.forEach((c, i) => {
        const v = row[c.key] ?? null;
        const kind = cellKind(c, row);
        const neg = typeof v === 'number' && v < 0 && (kind === 'usd' || kind === 'pct');
        d.fillColor(neg ? C.bad : v === 'EXCEPTION' ? C.bad : C.ink);
        this.cell(fmtCell(v, kind), xs[i] + 3, this.y + 3, widths[i] - 6, isNumericKind(kind) ? 'right' : 'left');
      });
      this.y += rowH;
    }
    d.moveTo(PAGE.left, this.y).lineTo(PAGE.left + CONTENT_W, this.y).lineWidth(0.6).strokeColor(C.faint).stroke();
    if (rows.length < t.rows.length) {
      this.y += 3;
      this.note(`${t.rows.length - rows.length} more rows in the XLSX/CSV export.`, 7);
    }
    this.y += 12;
  }

  /** Running header and footer on every page but the cover; "page n of N" needs every page to exist. */
  finish(o: { from: string; to: string; generatedAt: number }): void {
    const d = this.doc;
    const range = d.bufferedPageRange();
    const period = o.from === o.to ? o.from : `${o.from} to ${o.to}`;
    for (let i = range.start; i < range.start + range.count; i++) {
      d.switchToPage(i);
      // Writing inside the margins must not make pdfkit add a page.
      const saved = d.page.margins.bottom;
      d.page.margins.bottom = 0;
      d.font('Helvetica').fontSize(7).fillColor(C.muted);
      if (i > range.start) {
        d.font('Helvetica-Bold').fillColor(C.navy);
        this.cell('BULWARK  |  End-of-day risk report', PAGE.left, 28, CONTENT_W / 2);
        d.font('Helvetica').fillColor(C.muted);
        this.cell(`Period ${period} (UTC)`, PAGE.left + CONTENT_W / 2, 28, CONTENT_W / 2, 'right');
        d.moveTo(PAGE.left, 40).lineTo(PAGE.left + CONTENT_W, 40).lineWidth(0.5).strokeColor(C.faint).stroke();
      }
      const fy = PAGE.h - 34;
      d.moveTo(PAGE.left, fy - 5).lineTo(PAGE.left + CONTENT_W, fy - 5).lineWidth(0.5).strokeColor(C.faint).stroke();
      d.font('Helvetica').fontSize(7).fillColor(C.muted);
      this.cell(`Report period ${period} (UTC)  |  Generated ${fmtUtc(o.generatedAt)} UTC  |  Bulwark`, PAGE.left, fy, CONTENT_W * 0.75);
      this.cell(`Page ${i - range.start + 1} of ${range.count}`, PAGE.left + CONTENT_W * 0.75, fy, CONTENT_W * 0.25, 'right');
      d.page.margins.bottom = saved;
    }
  }

  /** Ends the document and resolves with its bytes. */
  end(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
