import type { BookPosition } from '../risk/book';
import { moveOf, type TailScenario } from './tail-shock';

/**
 * How much more protection notional the book may buy (USD, in the reference's terms): the long
 * exposure that the tail scenario moves (linear longs, each scaled by its beta to the reference)
 * minus what already covers it (long puts and linear shorts, same scaling). A hedge set may never
 * exceed it, so the book is never hedged on more than it owns: without this cap the cheapest
 * "adequate" set is a large notional of far out-of-the-money puts, which after a crash leaves the
 * book several times net short (docs/hedging.md, "Measured protection").
 */
export function hedgeRoom(positions: readonly BookPosition[], sc: TailScenario): number {
  let long = 0;
  let cover = 0;
  for (const p of positions) {
    const beta = sc.shock !== 0 ? moveOf(p.underlying, sc) / sc.shock : 1;
    const notional = Math.abs(p.qty) * (p.multiplier ?? 1) * p.spot * beta;
    if (!Number.isFinite(notional)) continue;
    if (p.option) {
      if (p.option.type === 'put' && p.qty > 0) cover += notional;
    } else if (p.qty > 0) long += notional;
    else cover += notional;
  }
  return Math.max(0, long - cover);
}
