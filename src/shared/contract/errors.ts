import type { z } from 'zod';

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNKNOWN_METHOD'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TIMEOUT'
  | 'UNAVAILABLE'
  | 'UNAUTHORIZED'
  | 'INTERNAL';

export interface RpcError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending field (`params.limit`, `text`), when one field is to blame. */
  field?: string;
}

/** Every reply, from every process: never a thrown error across a boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, field?: string): { ok: false; error: RpcError } =>
  field === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, field } };

/** Turns a zod failure into one error naming the first offending field and the reason. */
export function zodError(err: z.ZodError, prefix?: string): RpcError {
  const issue = err.issues[0];
  if (!issue) return { code: 'BAD_REQUEST', message: 'invalid payload' };
  const path = issue.path.map(String).join('.');
  const field = [prefix, path].filter(Boolean).join('.');
  const message = field ? `${field}: ${issue.message}` : issue.message;
  return field ? { code: 'BAD_REQUEST', message, field } : { code: 'BAD_REQUEST', message };
}

/** A thrown error that carries an RpcError: handlers throw it, the dispatcher turns it into a reply. */
export class RpcFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RpcFailure';
  }
  toRpcError(): RpcError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
