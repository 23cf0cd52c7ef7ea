import { z } from 'zod';
import { DEFAULT_REPORTS_SCHEDULE, ReportsSchedule } from './reports';

const wsUrl = z
  .string()
  .trim()
  .regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL');

export const Venue = z.enum(['binance', 'binance-usdm', 'coinbase', 'kraken', 'bybit', 'okx']);

/** User settings, stored as JSON in the settings table; every field has a default. */
export const Settings = z.object({
  feeds: z
    .object({
      /** Run the built-in exchange simulator (used when no venue URL is set). */
      simulator: z.boolean().default(true),
      /** Simulator messages per second across all symbols. */
      simRate: z.number().int().min(10).max(50_000).default(400),
      /** Venue → endpoint URL; `binance` set replaces the simulator as the price source. */
      urls: z.partialRecord(Venue, wsUrl).default({}),
      /** No price for this long → the symbol is stale (ms). */
      staleMs: z.number().int().min(500).max(600_000).default(5000),
    })
    .default({ simulator: true, simRate: 400, urls: {}, staleMs: 5000 }),
  ui: z
    .object({
      theme: z.enum(['dark', 'light']).default('dark'),
    })
    .default({ theme: 'dark' }),
  portfolio: z
    .object({
      /** Hour (UTC) at which the trading day starts for daily P&L. */
      dayStartHourUtc: z.number().int().min(0).max(23).default(0),
    })
    .default({ dayStartHourUtc: 0 }),
  /** Risk reports (docs/reports.md): the daily schedule. */
  reports: z.object({ schedule: ReportsSchedule.default(DEFAULT_REPORTS_SCHEDULE) }).default({ schedule: DEFAULT_REPORTS_SCHEDULE }),
});
export type Settings = z.infer<typeof Settings>;

/** A partial update: any subset of sections and fields. */
export const SettingsPatch = z
  .object({
    feeds: z
      .object({
        simulator: z.boolean(),
        simRate: z.number().int().min(10).max(50_000),
        urls: z.partialRecord(Venue, z.union([wsUrl, z.literal('')])),
        staleMs: z.number().int().min(500).max(600_000),
      })
      .partial()
      .strict(),
    ui: z.object({ theme: z.enum(['dark', 'light']) }).partial().strict(),
    portfolio: z.object({ dayStartHourUtc: z.number().int().min(0).max(23) }).partial().strict(),
    reports: z.object({ schedule: ReportsSchedule.partial().strict() }).partial().strict(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const settingsRequests = {
  'settings.get': { params: z.object({}).strict(), result: Settings },
  /** Validates and stores a partial update; feed changes restart the feeds at once. Journaled with old and new values. */
  'settings.set': { params: SettingsPatch, result: Settings },
} as const;
