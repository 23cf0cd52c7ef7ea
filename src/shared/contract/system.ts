import { z } from 'zod';

export const SystemStatus = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  uptimeMs: z.number().nonnegative(),
  dataDir: z.string(),
  eventCount: z.number().int().nonnegative(),
});
export type SystemStatus = z.infer<typeof SystemStatus>;

export const Heartbeat = SystemStatus.extend({
  /** Engine wall clock (UTC ms) when the beat was taken. */
  ts: z.number(),
  /** Monotonic beat counter since engine start. */
  seq: z.number().int().nonnegative(),
  dbSizeBytes: z.number().int().nonnegative(),
  walMode: z.boolean(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/**
 * Engine counters for monitoring (Prometheus, docs/desk-interfaces.md). Counts are cumulative since the
 * engine started (they survive a feed restart); latency is mark time − the venue's event time, in ms.
 */
export const EngineMetrics = z.object({
  ts: z.number(),
  feeds: z.object({
    /** Ticks that passed validation and reached the marks. */
    ticksAccepted: z.number().int().nonnegative(),
    /** Frames or ticks dropped, by reason (malformed, duplicate, out_of_order, …). */
    dropped: z.record(z.string(), z.number().int().nonnegative()),
    gaps: z.number().int().nonnegative(),
    reconnects: z.number().int().nonnegative(),
  }),
  /** Tick → mark latency histogram: `counts[i]` ticks with latency ≤ `bucketsMs[i]` and > the previous bound; the last count is above every bound. */
  tickToMark: z.object({
    bucketsMs: z.array(z.number()),
    counts: z.array(z.number().int().nonnegative()),
    sumMs: z.number(),
    count: z.number().int().nonnegative(),
  }),
});
export type EngineMetrics = z.infer<typeof EngineMetrics>;

export const systemRequests = {
  'system.status': { params: z.object({}).strict(), result: SystemStatus },
  'system.metrics': { params: z.object({}).strict(), result: EngineMetrics },
} as const;

export const systemTopics = {
  'system.heartbeat': Heartbeat,
} as const;
