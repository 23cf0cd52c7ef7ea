import { z } from 'zod';

/** Mirrors the simulator's scenario and fault lists (a unit test keeps them in step). */
export const SimScenarioName = z.enum(['normal', 'flash-crash', 'vol-spike', 'liquidity-crisis', 'correlation-spike']);
export const SimFaultKind = z.enum(['disconnect', 'stall', 'malformed', 'duplicate', 'out-of-order', 'server-shutdown']);

export const FeedHealthView = z.object({
  venue: z.string(),
  url: z.string(),
  state: z.enum(['idle', 'connecting', 'open', 'reconnecting', 'closed']),
  msgsPerSec: z.number(),
  lastMessageAgeMs: z.number().nullable(),
  reconnects: z.number().int(),
  dropped: z.record(z.string(), z.number().int()),
  accepted: z.number().int(),
  gaps: z.number().int(),
  staleSymbols: z.array(z.string()),
  subscriptions: z.number().int(),
});
export type FeedHealthView = z.infer<typeof FeedHealthView>;

export const marketRequests = {
  'feeds.health': { params: z.object({}).strict(), result: z.array(FeedHealthView) },
  /** Starts a scripted market scenario on the built-in simulator. */
  'sim.scenario': {
    params: z
      .object({
        name: SimScenarioName,
        /** Scenario length (default 60 s). */
        durationMs: z.number().int().min(1_000).max(3_600_000).optional(),
        /** vol-spike / liquidity-crisis: multiplier (default 3). */
        multiplier: z.number().min(1).max(20).optional(),
        /** correlation-spike: target pairwise correlation (default 0.95). */
        correlation: z.number().min(0).max(0.999).optional(),
        /** flash-crash: fractional fall (default 0.2). */
        depth: z.number().gt(0).max(0.9).optional(),
      })
      .strict(),
    result: z.object({ started: SimScenarioName }),
  },
  /** Injects a feed fault on the built-in simulator. */
  'sim.fault': { params: z.object({ kind: SimFaultKind, durationMs: z.number().int().min(1).max(600_000).optional() }).strict(), result: z.object({ injected: SimFaultKind }) },
} as const;

export const marketTopics = {
  'feeds.health': z.array(FeedHealthView),
} as const;
