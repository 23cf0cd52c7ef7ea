import { z } from 'zod';

export const Severity = z.enum(['debug', 'info', 'warning', 'critical', 'emergency']);
export type Severity = z.infer<typeof Severity>;

/** Event kinds are open-ended (later issues add breaches, overrides...), but shaped: `domain.what`. */
export const EventKind = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'must be lower-case dotted words such as "note" or "limit.breached"');

export const EventRecord = z.object({
  id: z.number().int().positive(),
  ts: z.number().int(),
  kind: z.string(),
  severity: Severity,
  source: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type EventRecord = z.infer<typeof EventRecord>;

export const EventsListParams = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
    /** Cursor: return events with id strictly below this (the previous page's `nextCursor`). */
    before: z.number().int().positive().optional(),
    kind: EventKind.optional(),
    severity: Severity.optional(),
  })
  .strict();
export type EventsListParams = z.input<typeof EventsListParams>;

export const EventsPage = z.object({
  items: z.array(EventRecord),
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextCursor: z.number().int().positive().nullable(),
});
export type EventsPage = z.infer<typeof EventsPage>;

export const eventsRequests = {
  'events.list': { params: EventsListParams, result: EventsPage },
  /** Distinct kinds present in the journal, for filters. */
  'events.kinds': { params: z.object({}).strict(), result: z.array(z.string()) },
  'events.note': {
    params: z.object({ text: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters') }).strict(),
    result: EventRecord,
  },
} as const;

export const eventsTopics = {
  /** The newest journal entry; coalesced, so a burst shows only its last event (refetch the list). */
  'events.appended': EventRecord,
} as const;
