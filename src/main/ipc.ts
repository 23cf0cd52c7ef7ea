import type { IpcMainInvokeEvent } from 'electron';
import { fail, parseParams, parseRequestFrame, type Result } from '../shared/contract/index';

export const RPC_CHANNEL = 'bulwark:rpc';
export const PUSH_CHANNEL = 'bulwark:push';

/** Only our own renderer may call the engine: the packaged file, or the dev server in development. */
export function isTrustedSender(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const got = new URL(frameUrl);
    const want = new URL(rendererUrl);
    if (want.protocol === 'file:') return got.protocol === 'file:' && got.pathname === want.pathname;
    return got.origin === want.origin;
  } catch {
    return false;
  }
}

/** Validates an IPC payload (envelope and params) before it reaches the engine. */
export async function handleRpc(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  payload: unknown,
  rendererUrl: string,
  forward: (method: string, params: unknown) => Promise<Result<unknown>>,
): Promise<Result<unknown>> {
  if (!isTrustedSender(event.senderFrame?.url, rendererUrl)) return fail('UNAUTHORIZED', 'sender: not the Bulwark renderer');
  const frame = parseRequestFrame({ id: 0, ...(typeof payload === 'object' && payload !== null ? payload : {}) });
  if (!frame.ok) return frame;
  const checked = parseParams(frame.value.method, frame.value.params);
  if (!checked.ok) return checked;
  return forward(frame.value.method, frame.value.params);
}
