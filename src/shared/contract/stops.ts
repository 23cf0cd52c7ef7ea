import { z } from 'zod';

export const StopView = z.object({
  symbol: z.string(),
  side: z.enum(['long', 'short']),
  qty: z.number(),
  entry: z.number(),
  stop: z.number(),
  initialStop: z.number(),
  takeProfit: z.number().nullable(),
  /** 1R = |entry − initial stop|, price units. */
  risk: z.number(),
  source: z.enum(['atr', 'volatility', 'fixed', 'manual']),
  status: z.enum(['active', 'hit', 'cancelled']),
  trailingActive: z.boolean(),
  lastPrice: z.number().nullable(),
  updatedAt: z.number(),
  closeReason: z.string().nullable(),
});
export type StopView = z.infer<typeof StopView>;

const Agg = z.object({ count: z.number().int(), savedCount: z.number().int(), hitRate: z.number().nullable(), totalSaved: z.number(), averageSaved: z.number().nullable() });

export const stopsRequests = {
  /** Every position's stop and the measured effectiveness of past stop hits (saved > 0: a loss avoided). */
  'stops.list': { params: z.object({}).strict(), result: z.object({ stops: z.array(StopView), effectiveness: z.object({ all: Agg, stop: Agg, take_profit: Agg }) }) },
  /** A manual stop and/or take-profit for a position (turns trailing off for it). */
  'stops.set': {
    params: z
      .object({ symbol: z.string().min(1), stop: z.number().finite().positive().optional(), takeProfit: z.number().finite().positive().nullable().optional() })
      .strict()
      .refine((p) => p.stop !== undefined || p.takeProfit !== undefined, { message: 'give a stop, a takeProfit, or both', path: ['stop'] }),
    result: StopView,
  },
} as const;
