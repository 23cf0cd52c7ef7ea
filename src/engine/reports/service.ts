/**
 * Report generation in the engine: on request (`reports.export`) and on the daily schedule. One report
 * at a time; progress is pushed as `reports.progress`; work yields to the event loop between sections
 * so ticks, pushes and other requests keep flowing. Files are written atomically (temp file + rename)
 * and every report is journaled (`report.generated`).
 */
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { RpcFailure, type ParamsOf, type ReportFile, type ReportFormat, type ReportResult, type Settings } from '../../shared/contract/index';
import type { NewEvent } from '../db/journal';
import { collectReport, tradingDay, type ReportSources } from './collect';
import { renderCsv } from './csv';
import { renderPdf } from './pdf';
import { renderXlsx } from './xlsx';

export const REPORT_NAME = /^bulwark-risk-\d{4}-\d{2}-\d{2}(_\d{4}-\d{2}-\d{2})?-\d{8}T\d{6}Z(-\d+)?\.(pdf|xlsx|csv)$/;
const MIME: Record<ReportFormat, string> = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };
const MAX_READ_BYTES = 50 * 1024 * 1024;

export interface ReportServiceDeps {
  dataDir: string;
  settings: () => Settings;
  sources: () => ReportSources;
  append: (e: NewEvent) => void;
  push: (topic: string, data: unknown) => void;
  now: () => number;
}

const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';

/** Measures the longest stretch between yields: the longest the engine thread was held. */
class Stretch {
  private last = performance.now();
  max = 0;
  async yield(): Promise<void> {
    this.max = Math.max(this.max, performance.now() - this.last);
    await new Promise<void>((r) => setImmediate(r));
    this.last = performance.now();
  }
  end(): void {
    this.max = Math.max(this.max, performance.now() - this.last);
  }
}

export class ReportService {
  readonly defaultFolder: string;
  private running: string | null = null;
  private seq = 0;
  private lastScheduledDay: string | undefined;

  constructor(private readonly d: ReportServiceDeps) {
    this.defaultFolder = join(d.dataDir, 'reports');
  }

  /** The configured folder, or `<dataDir>/reports`. */
  folder(): string {
    return this.d.settings().reports.schedule.folder || this.defaultFolder;
  }

  async export(p: ParamsOf<'reports.export'>, opts: { scheduled?: boolean } = {}): Promise<ReportResult> {
    if (this.running) throw new RpcFailure('CONFLICT', `a report is being generated (${this.running}); try again when it finishes`);
    const t0 = performance.now();
    const now = this.d.now();
    const src = this.d.sources();
    const today = tradingDay(now, src.dayStartHourUtc);
    const from = p.from ?? p.to ?? today;
    const to = p.to ?? (p.from && p.from > today ? p.from : today);
    if (from > to) throw new RpcFailure('BAD_REQUEST', `params.from: must not be after "to" (${to})`, 'params.from');
    const folder = p.folder ? resolve(p.folder) : this.folder();
    const id = `r${now.toString(36)}-${++this.seq}`;
    this.running = id;
    const progress = (stage: string, pct: number, extra: Record<string, string> = {}): void => this.d.push('reports.progress', { id, stage, pct, format: p.format, ...extra });
    const stretch = new Stretch();
    try {
      progress('collecting', 2);
      await stretch.yield();
      const data = await collectReport(src, from, to);
      progress('rendering', 15);
      await stretch.yield();
      let bytes: Buffer;
      let pages: number | null = null;
      if (p.format === 'pdf') {
        const out = await renderPdf(
          data,
          async (stage, pct) => {
            progress(stage, pct);
            await stretch.yield();
          },
          () => stretch.yield(),
        );
        bytes = out.bytes;
        pages = out.pages;
      } else if (p.format === 'xlsx') {
        bytes = await renderXlsx(data);
      } else {
        bytes = Buffer.from(renderCsv(data.tables), 'utf8');
      }
      progress('writing', 97);
      await stretch.yield();
      const path = this.write(folder, `bulwark-risk-${from}${to !== from ? `_${to}` : ''}-${stamp(now)}`, p.format, bytes);
      stretch.end();
      const result: ReportResult = { id, name: basename(path), path, format: p.format, bytes: bytes.length, pages, from, to, ms: Math.round(performance.now() - t0), maxSyncMs: Math.round(stretch.max * 10) / 10 };
      this.d.append({ kind: 'report.generated', severity: 'info', source: opts.scheduled ? 'schedule' : 'trader', payload: { ...result, scheduled: opts.scheduled === true } });
      progress('done', 100, { name: result.name });
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      progress('failed', 100, { error: message });
      this.d.append({ kind: 'report.failed', severity: 'warning', source: opts.scheduled ? 'schedule' : 'trader', payload: { id, format: p.format, from, to, folder, message } });
      if (err instanceof RpcFailure) throw err;
      throw new RpcFailure('INTERNAL', `report ${p.format}: ${message}`);
    } finally {
      this.running = null;
    }
  }

  private write(folder: string, stem: string, ext: ReportFormat, bytes: Buffer): string {
    try {
      mkdirSync(folder, { recursive: true });
    } catch (err) {
      throw new RpcFailure('BAD_REQUEST', `folder: cannot create ${folder}: ${(err as Error).message}`, 'params.folder');
    }
    let path = join(folder, `${stem}.${ext}`);
    for (let n = 2; exists(path); n++) path = join(folder, `${stem}-${n}.${ext}`);
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    return path;
  }

  /** Reports in the configured folder (and the default one, when different), newest first. */
  list(): { folder: string; items: ReportFile[] } {
    const folders = [...new Set([this.folder(), this.defaultFolder])];
    const items: ReportFile[] = [];
    for (const f of folders) {
      let names: string[];
      try {
        names = readdirSync(f);
      } catch {
        continue; // Not created yet: no reports there.
      }
      for (const name of names) {
        if (!REPORT_NAME.test(name)) continue;
        try {
          const st = statSync(join(f, name));
          if (st.isFile()) items.push({ name, path: join(f, name), format: name.slice(name.lastIndexOf('.') + 1) as ReportFormat, bytes: st.size, createdAt: Math.round(st.mtimeMs) });
        } catch {
          // Removed between readdir and stat.
        }
      }
    }
    items.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
    return { folder: this.folder(), items: items.slice(0, 200) };
  }

  /** A report's bytes; only report files directly inside a reports folder (no traversal, no symlinks out). */
  read(path: string): { name: string; mime: string; bytes: number; base64: string } {
    const folders = [...new Set([this.folder(), this.defaultFolder])];
    const abs = isAbsolute(path) ? resolve(path) : resolve(this.folder(), path);
    const name = basename(abs);
    const refuse = (why: string): never => {
      throw new RpcFailure('BAD_REQUEST', `params.path: ${why}; only report files inside ${this.folder()} can be read`, 'params.path');
    };
    if (!folders.some((f) => resolve(f) === dirname(abs))) refuse('outside the reports folder');
    if (!REPORT_NAME.test(name)) refuse(`"${name.slice(0, 80)}" is not a report file name`);
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      throw new RpcFailure('NOT_FOUND', `params.path: no report named ${name}`, 'params.path');
    }
    if (!folders.some((f) => safeReal(f) === dirname(real))) refuse('the file links outside the reports folder');
    const st = statSync(real);
    if (!st.isFile()) refuse('not a file');
    if (st.size > MAX_READ_BYTES) throw new RpcFailure('BAD_REQUEST', `params.path: ${name} is ${st.size} bytes, more than the ${MAX_READ_BYTES} a download can carry; open it from ${dirname(real)}`, 'params.path');
    const buf = readFileSync(real);
    const ext = name.slice(name.lastIndexOf('.') + 1) as ReportFormat;
    return { name, mime: MIME[ext], bytes: buf.length, base64: buf.toString('base64') };
  }

  /**
   * Called once a minute: writes today's report once the configured UTC minute has come (also when the
   * engine was down at that minute and starts later the same day). Once per trading day, remembered
   * through the journal so a restart does not write it again.
   */
  async scheduleTick(): Promise<ReportResult | null> {
    const s = this.d.settings().reports.schedule;
    if (!s.enabled || this.running) return null;
    const now = this.d.now();
    const src = this.d.sources();
    const day = tradingDay(now, src.dayStartHourUtc);
    const [hh, mm] = s.timeUtc.split(':').map(Number);
    const due = Date.parse(`${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`) + (hh * 60 + mm) * 60_000;
    if (now < due) return null;
    this.lastScheduledDay ??= this.lastScheduledFromJournal(src);
    if (this.lastScheduledDay === day) return null;
    this.lastScheduledDay = day;
    try {
      return await this.export({ format: s.format, from: day, to: day }, { scheduled: true });
    } catch {
      return null; // journaled as report.failed by export(); the next day tries again.
    }
  }

  private lastScheduledFromJournal(src: ReportSources): string {
    const rows = src.db.prepare("SELECT payload FROM events WHERE kind = 'report.generated' ORDER BY id DESC LIMIT 50").pluck().all() as string[];
    for (const raw of rows) {
      const p = JSON.parse(raw) as { scheduled?: boolean; to?: string };
      if (p.scheduled && typeof p.to === 'string') return p.to;
    }
    return '';
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function safeReal(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}
