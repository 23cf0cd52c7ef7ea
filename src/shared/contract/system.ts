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

export const systemRequests = {
  'system.status': { params: z.object({}).strict(), result: SystemStatus },
} as const;

export const systemTopics = {
  'system.heartbeat': Heartbeat,
} as const;
