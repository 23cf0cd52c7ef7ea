/**
 * Hedges for the report, read through the `hedging.monitor` request when this build has it. Parsed with
 * a local schema of just the fields the report prints, so the report keeps working while the hedging
 * contract grows.
 */
import { z } from 'zod';

const Hedge = z.object({
  id: z.string(),
  type: z.string(),
  symbol: z.string(),
  underlying: z.string(),
  qty: z.number(),
  entryPrice: z.number(),
  mark: z.number().nullable(),
  openedAt: z.number(),
  premiumPaid: z.number(),
  fundingPaid: z.number(),
  pnl: z.number(),
  protection: z.number(),
  status: z.string(),
});
export type HedgeRow = z.infer<typeof Hedge>;

const Monitor = z.object({ hedges: z.array(Hedge) });

/** The hedges of a `hedging.monitor` reply; throws naming the field when the reply is not the expected shape. */
export function parseHedges(value: unknown): HedgeRow[] {
  const r = Monitor.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`hedging.monitor: ${i ? `${i.path.join('.')}: ${i.message}` : 'unexpected reply'}`);
  }
  return r.data.hedges;
}
