/**
 * Risk reports (docs/reports.md): an end-of-day (or any date range) risk pack as PDF, XLSX or CSV,
 * on demand or on a daily schedule. Days are UTC calendar dates shifted by the portfolio's trading-day
 * start hour (settings.portfolio.dayStartHourUtc); `to` is inclusive.
 */
import { z } from 'zod';

export const ReportFormat = z.enum(['pdf', 'xlsx', 'csv']);
export type ReportFormat = z.infer<typeof ReportFormat>;

const isCalendarDay = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A UTC calendar date, `YYYY-MM-DD`. */
export const ReportDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isCalendarDay, 'is not a calendar date');

/** An absolute folder path (POSIX `/…`, Windows `C:\…` or `\\server\share`), or '' for `<dataDir>/reports`. */
export const ReportFolder = z
  .string()
  .max(1024, 'must be at most 1024 characters')
  .refine((s) => !s.includes('\0'), 'must not contain NUL characters')
  .refine((s) => s === '' || /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(s), 'must be an absolute path, or empty for the default folder');

/** Daily schedule: one report per day at `timeUtc`, into `folder` ('' = `<dataDir>/reports`). */
export const ReportsSchedule = z.object({
  enabled: z.boolean(),
  /** Minute of the UTC day at which the report is written, `HH:MM`. */
  timeUtc: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a UTC time written HH:MM (00:00 to 23:59)'),
  format: ReportFormat,
  folder: ReportFolder,
});
export type ReportsSchedule = z.infer<typeof ReportsSchedule>;
export const DEFAULT_REPORTS_SCHEDULE: ReportsSchedule = { enabled: false, timeUtc: '21:00', format: 'pdf', folder: '' };

export const ReportFile = z.object({
  name: z.string(),
  /** Absolute path on the engine's machine. */
  path: z.string(),
  format: ReportFormat,
  bytes: z.number().int(),
  /** File modification time (ms). */
  createdAt: z.number(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const ReportResult = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  format: ReportFormat,
  bytes: z.number().int(),
  /** PDF page count (null for XLSX/CSV). */
  pages: z.number().int().nullable(),
  from: z.string(),
  to: z.string(),
  /** Wall time to generate (ms) and the longest synchronous stretch inside it (ms). */
  ms: z.number(),
  maxSyncMs: z.number(),
});
export type ReportResult = z.infer<typeof ReportResult>;

export const ReportProgress = z.object({
  id: z.string(),
  stage: z.string(),
  /** 0…100; 100 once the file is written. */
  pct: z.number().min(0).max(100),
  format: ReportFormat,
  /** Set on the final push: the file written, or the error. */
  name: z.string().optional(),
  error: z.string().optional(),
});
export type ReportProgress = z.infer<typeof ReportProgress>;

export const reportsRequests = {
  /** Writes the report for [from, to] (default: today, UTC) into `folder` (default: the schedule's folder). */
  'reports.export': {
    params: z
      .object({ format: ReportFormat, from: ReportDay.optional(), to: ReportDay.optional(), folder: ReportFolder.optional() })
      .strict()
      .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'must not be after "to"', path: ['from'] })
      .refine((p) => !p.from || !p.to || Date.parse(p.to) - Date.parse(p.from) <= 366 * 86_400_000, { message: 'range must be at most 366 days', path: ['to'] }),
    result: ReportResult,
  },
  /** Reports in the reports folder, newest first (at most 200). */
  'reports.list': { params: z.object({}).strict(), result: z.object({ folder: z.string(), items: z.array(ReportFile) }) },
  /** A report's bytes (base64) for download in web mode; only files directly inside the reports folder. */
  'reports.read': {
    params: z.object({ path: z.string().min(1, 'must not be empty').max(4096) }).strict(),
    result: z.object({ name: z.string(), mime: z.string(), bytes: z.number().int(), base64: z.string() }),
  },
} as const;

export const reportsTopics = {
  'reports.progress': ReportProgress,
} as const;
