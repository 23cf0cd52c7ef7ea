/**
 * Named stress scenarios as plain, editable data, plus the validator that user-saved scenarios
 * go through (same shape). Run them with `runScenario` (stress.ts).
 *
 * Shape (`StressScenario`), all moves decimal:
 *   price.default / byAssetClass / byUnderlying — relative price move; the most specific wins
 *     (underlying, then asset class, then default); >= −1.
 *   betaScaled — multiply the chosen price move by the position's beta (a benchmark move).
 *   direction — 'as-given', or 'adverse': each underlying moves by |move| AGAINST the book's net
 *     dollar delta on it (longs fall, shorts rise). This is how "correlation breakdown" is
 *     modelled: hedges and diversifiers stop offsetting, every exposure loses at once.
 *   vol.* — relative implied-vol change (σ' = σ·(1 + v)), same precedence, >= −1.
 *   rateShockBp — parallel rate shift, basis points.
 *   liquidity.spreadBps — full bid/ask spread paid to exit; cost = ½·spread·|shocked value|.
 *   liquidity.haircut — fire-sale discount as a fraction of |shocked value| (0-1).
 * The numbers below are illustrative calibrations to well-known episodes, not forecasts; users
 * are expected to edit them.
 */
import { z } from 'zod';

export interface ShockTable {
  default: number;
  byAssetClass?: Record<string, number>;
  byUnderlying?: Record<string, number>;
}

export interface StressScenario {
  id: string;
  name: string;
  description: string;
  price: ShockTable;
  betaScaled?: boolean;
  direction?: 'as-given' | 'adverse';
  vol: ShockTable;
  rateShockBp?: number;
  liquidity?: { spreadBps: number; haircut: number };
}

export const BUILTIN_SCENARIOS: readonly StressScenario[] = deepFreeze([
  {
    id: 'flash-crash',
    name: 'Flash crash',
    description:
      'Intraday air pocket (6 May 2010: DJIA −9 % in minutes): beta-scaled equity −10 %, crypto −20 %, implied vols double, spreads blow out.',
    price: { default: -0.1, byAssetClass: { crypto: -0.2 } },
    betaScaled: true,
    vol: { default: 1, byAssetClass: { crypto: 0.5 } },
    rateShockBp: -10,
    liquidity: { spreadBps: 20, haircut: 0 },
  },
  {
    id: 'volatility-spike',
    name: 'Volatility spike',
    description:
      'Vol-led selloff (5 Feb 2018 "Volmageddon": VIX +116 % in a day, S&P −4.1 %): beta-scaled −5 %, implied vols +150 %.',
    price: { default: -0.05 },
    betaScaled: true,
    vol: { default: 1.5 },
    rateShockBp: -25,
  },
  {
    id: 'liquidity-crisis',
    name: 'Liquidity crisis',
    description:
      'Forced deleveraging (autumn 2008): −15 %, vols +75 %, rates −50 bp, exits cost a 50 bp spread and a 5 % fire-sale haircut.',
    price: { default: -0.15, byAssetClass: { crypto: -0.3 } },
    betaScaled: true,
    vol: { default: 0.75 },
    rateShockBp: -50,
    liquidity: { spreadBps: 50, haircut: 0.05 },
  },
  {
    id: 'correlation-breakdown',
    name: 'Correlation breakdown',
    description:
      'Hedges fail: every underlying moves 8 % against the book’s net delta on it (longs fall, shorts rise), vols +50 %.',
    price: { default: -0.08 },
    direction: 'adverse',
    vol: { default: 0.5 },
  },
  {
    id: 'crypto-winter',
    name: 'Crypto winter',
    description:
      'Prolonged crypto bear market (Nov 2021-Nov 2022: BTC −77 %): crypto −75 %, equities −10 %, crypto vols +50 %, crypto spreads wider.',
    price: { default: -0.1, byAssetClass: { crypto: -0.75 } },
    vol: { default: 0.2, byAssetClass: { crypto: 0.5 } },
    rateShockBp: 0,
    liquidity: { spreadBps: 30, haircut: 0.02 },
  },
] satisfies StressScenario[]);

/** Built-ins are shared module state: frozen so an edit must start from a copy (structuredClone). */
function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

const move = z.number().gte(-1, 'must be >= -1 (a move below −100 % is impossible)');
const shockTable = z
  .object({
    default: move,
    byAssetClass: z.record(z.string().min(1), move).optional(),
    byUnderlying: z.record(z.string().min(1), move).optional(),
  })
  .strict();

export const stressScenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be kebab-case (a-z, 0-9, -)'),
    name: z.string().min(1, 'must not be empty'),
    description: z.string(),
    price: shockTable,
    betaScaled: z.boolean().optional(),
    direction: z.enum(['as-given', 'adverse']).optional(),
    vol: shockTable,
    rateShockBp: z.number().gte(-5000).lte(5000).optional(),
    liquidity: z
      .object({
        spreadBps: z.number().gte(0, 'must be >= 0').lte(10_000),
        haircut: z.number().gte(0, 'must be >= 0').lte(1, 'must be <= 1'),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Formats the first zod issue as "where.path: message". */
export function formatZodIssue(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  if (!issue) return `${root}: invalid`;
  const path = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  return `${root}${path}: ${issue.message}`;
}

/**
 * Validates an untrusted scenario (a user file, a UI form) and returns it typed.
 * @throws RangeError "scenario.price.default: must be >= -1 …" naming the first bad field.
 */
export function validateScenario(x: unknown, where = 'scenario'): StressScenario {
  const r = stressScenarioSchema.safeParse(x);
  if (!r.success) throw new RangeError(formatZodIssue(r.error, where));
  return r.data;
}

/** Finds a built-in (or supplied) scenario by id. @throws RangeError listing the known ids. */
export function findScenario(
  id: string,
  scenarios: readonly StressScenario[] = BUILTIN_SCENARIOS,
): StressScenario {
  const s = scenarios.find((x) => x.id === id);
  if (!s) throw new RangeError(`unknown scenario '${id}'; known: ${scenarios.map((x) => x.id).join(', ')}`);
  return s;
}

/** The shock for a position: underlying entry, else asset-class entry, else default. */
export function shockFor(table: ShockTable, underlying: string, assetClass: string | undefined): number {
  const u = table.byUnderlying?.[underlying];
  if (u !== undefined) return u;
  const c = assetClass === undefined ? undefined : table.byAssetClass?.[assetClass];
  return c ?? table.default;
}
