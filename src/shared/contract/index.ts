/**
 * The one contract between the renderer, main, the headless server and the engine worker.
 * Request methods are `domain.verb`; each has a zod schema for its params and its result.
 * Pushed topics each have a zod schema for their data. Replies are always `Result<T>`.
 */
import type { z } from 'zod';
import { eventsRequests, eventsTopics } from './events';
import { portfolioRequests, portfolioTopics } from './portfolio';
import { marketRequests, marketTopics } from './market';
import { settingsRequests } from './settings';
import { controlsRequests, controlsTopics } from './controls';
import { riskRequests, riskTopics } from './risk';
import { stopsRequests } from './stops';
import { stressRequests, stressTopics } from './stress';
import { channelsRequests } from './channels';
import { venuesRequests } from './venues';
import { hedgingRequests, hedgingTopics } from './hedging';
import { systemRequests, systemTopics } from './system';
import { reportsRequests, reportsTopics } from './reports';
import { fail, ok, zodError, type Result } from './errors';

export * from './errors';
export * from './reports';
export * from './system';
export * from './events';
export * from './portfolio';
export * from './market';
export * from './settings';
export * from './controls';
export * from './risk';
export * from './stops';
export * from './stress';
export * from './channels';
export * from './venues';
export * from './hedging';

export const requests = { ...reportsRequests, ...systemRequests, ...eventsRequests, ...portfolioRequests, ...marketRequests, ...settingsRequests, ...controlsRequests, ...riskRequests, ...stopsRequests, ...stressRequests, ...channelsRequests, ...hedgingRequests, ...venuesRequests } as const;
export const topics = { ...reportsTopics, ...systemTopics, ...eventsTopics, ...portfolioTopics, ...marketTopics, ...controlsTopics, ...riskTopics, ...stressTopics, ...hedgingTopics } as const;

export type Requests = typeof requests;
export type Method = keyof Requests;
export type Topic = keyof typeof topics;
/** What a caller may send (defaults not yet applied). */
export type ParamsIn<M extends Method> = z.input<Requests[M]['params']>;
/** What a handler receives (after validation and defaults). */
export type ParamsOf<M extends Method> = z.output<Requests[M]['params']>;
export type ResultOf<M extends Method> = z.output<Requests[M]['result']>;
export type TopicData<T extends Topic> = z.output<(typeof topics)[T]>;

export const isMethod = (m: unknown): m is Method => typeof m === 'string' && Object.hasOwn(requests, m);
export const isTopic = (t: unknown): t is Topic => typeof t === 'string' && Object.hasOwn(topics, t);

/** Validates params for a method; the error names the field and the reason. */
export function parseParams<M extends Method>(method: M, params: unknown): Result<ParamsOf<M>> {
  const r = requests[method].params.safeParse(params ?? {});
  return r.success ? ok(r.data as ParamsOf<M>) : { ok: false, error: zodError(r.error, 'params') };
}

/** Wire frames (WebSocket and worker): a request, a reply, or a pushed topic. */
export interface RequestFrame {
  id: number;
  method: string;
  params?: unknown;
}
export type ReplyFrame = { id: number } & Result<unknown>;
export interface PushFrame {
  topic: string;
  data: unknown;
}

/** Validates an incoming request frame's envelope (not yet its params). */
export function parseRequestFrame(raw: unknown): Result<{ id: number; method: Method; params: unknown }> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('BAD_REQUEST', 'frame: must be a JSON object');
  const f = raw as Record<string, unknown>;
  if (typeof f.id !== 'number' || !Number.isSafeInteger(f.id)) return fail('BAD_REQUEST', 'id: must be an integer', 'id');
  if (typeof f.method !== 'string') return fail('BAD_REQUEST', 'method: must be a string', 'method');
  if (!isMethod(f.method)) return fail('UNKNOWN_METHOD', `method: unknown method "${f.method.slice(0, 64)}"`, 'method');
  return ok({ id: f.id, method: f.method, params: f.params });
}
