// The one place in the renderer where replies are unwrapped: callers get the value or an ApiError.
import type { Method, ParamsIn, ResultOf, RpcError } from '../../shared/contract/index';
import { createTransport, type Transport } from './transport';

export class ApiError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  constructor(e: RpcError) {
    super(e.message);
    this.name = 'ApiError';
    this.code = e.code;
    this.field = e.field;
  }
}

let transport: Transport | undefined;
export function getTransport(): Transport {
  transport ??= createTransport();
  return transport;
}

export async function call<M extends Method>(method: M, params: ParamsIn<M>): Promise<ResultOf<M>> {
  const reply = (await getTransport().invoke(method, params)) as { ok?: boolean; value?: unknown; error?: RpcError };
  if (reply && reply.ok === true) return reply.value as ResultOf<M>;
  throw new ApiError(reply?.error ?? { code: 'INTERNAL', message: `${method}: malformed reply` });
}
