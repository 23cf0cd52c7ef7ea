import WebSocket from 'ws';
import type { RunningServer } from '../support/headless';

/** One request over the API WebSocket; resolves with the value or throws the error message. */
export async function rpc<T = unknown>(server: RunningServer, method: string, params: unknown = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method, params })));
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as { id?: number; ok?: boolean; value?: T; error?: { message: string } };
      if (m.id !== 1) return;
      ws.close();
      if (m.ok) resolve(m.value as T);
      else reject(new Error(m.error?.message ?? 'rpc failed'));
    });
    ws.on('error', reject);
  });
}

/**
 * Takes the demo book's protective stops out of the way (a trader may), so a flash crash reaches the
 * daily-loss breaker instead of being cut short by the stops. (Levering the book up instead pushes
 * VaR past the capital-preservation triggers, which then halt and cut the book first.)
 */
export async function widenStops(server: RunningServer): Promise<void> {
  let positions: { symbol: string; kind: string; qty: number; mark: number | null; avgCost: number }[] = [];
  let withStop = new Set<string>();
  // Wait (bounded) until every linear position carries its automatic stop; options never get one.
  for (let i = 0; i < 100; i++) {
    positions = (await rpc<typeof positions>(server, 'positions.list')).filter((p) => p.kind !== 'option');
    const stops = await rpc<{ stops: { symbol: string; status: string }[] }>(server, 'stops.list');
    withStop = new Set(stops.stops.filter((x) => x.status === 'active').map((x) => x.symbol));
    if (positions.length > 0 && positions.every((p) => withStop.has(p.symbol))) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const p of positions.filter((x) => withStop.has(x.symbol))) {
    const px = p.mark ?? p.avgCost;
    await rpc(server, 'stops.set', { symbol: p.symbol, stop: p.qty > 0 ? px / 100 : px * 100, takeProfit: null });
  }
}
