/**
 * JSON book files for the portfolio commands (`greeks`, `stress`).
 *
 * A book is a JSON array of positions. Options:
 *   { "type": "call" | "put", "strike": 100, "expiryYears": 0.25, "spot": 98, "vol": 0.3,
 *     "rate": 0.04, "qty": 2, "multiplier": 100,
 *     optional: "id", "underlying", "dividendYield", "futures", "beta", "assetClass", "sector" }
 * Linear positions (stock, future, coin): { "type": "linear", "spot": 98, "qty": 100, … } —
 *   strike/expiryYears/vol/rate are not used.
 * Decimals throughout (vol 0.3 = 30 %, rate 0.04 = 4 %), expiry in years. `multiplier` defaults
 * to 1, `id` to "#<index>", `underlying` to the id (positions sharing an underlying must give it
 * and agree on its spot).
 * Errors name the index and field: "book[3].strike: must be > 0".
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { BookPosition } from '../book';
import { CliError } from './types';

const positive = (what: string) => z.number({ error: `${what}: expected a number` }).gt(0, 'must be > 0');
const common = {
  id: z.string().min(1).optional(),
  underlying: z.string().min(1).optional(),
  spot: positive('spot'),
  qty: z.number({ error: 'expected a number (signed contracts)' }),
  multiplier: positive('multiplier').optional(),
  beta: z.number().optional(),
  assetClass: z.string().min(1).optional(),
  sector: z.string().min(1).optional(),
};
const optionSchema = z
  .object({
    ...common,
    type: z.enum(['call', 'put']),
    strike: positive('strike'),
    expiryYears: z.number({ error: 'expected a number of years' }).gte(0, 'must be >= 0'),
    vol: z
      .number({ error: 'expected a decimal volatility (0.3 = 30%)' })
      .gte(0, 'must be >= 0')
      .lte(10, 'must be <= 10 (decimal, not percent)'),
    rate: z
      .number({ error: 'expected a decimal rate (0.04 = 4%)' })
      .gte(-1)
      .lte(1, 'must be <= 1 (decimal, not percent)'),
    dividendYield: z.number().gte(-1).lte(1).optional(),
    futures: z.boolean().optional(),
  })
  .strict();
const linearSchema = z.object({ ...common, type: z.literal('linear') }).strict();
const positionSchema = z.discriminatedUnion('type', [optionSchema, linearSchema], {
  error: "type: must be 'call', 'put' or 'linear'",
});
export const bookSchema = z.array(positionSchema).min(1, 'must contain at least one position');
export type BookJson = z.infer<typeof bookSchema>;

/** "book[3].strike: must be > 0" from a zod error. */
function describe(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  if (!issue) return `${root}: invalid`;
  const path = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  // Messages that already start with the field name ("strike: expected a number") keep it once.
  const field = String(issue.path.at(-1) ?? '');
  const msg =
    field && issue.message.startsWith(`${field}: `) ? issue.message.slice(field.length + 2) : issue.message;
  return `${root}${path}: ${msg}`;
}

/** Reads and parses a JSON file. @throws CliError naming the file on I/O or syntax errors. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: cannot read file${code ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Validates a parsed book and converts it to library positions. @throws CliError "book[i].field: …". */
export function parseBook(json: unknown, file = 'book'): BookPosition[] {
  const r = bookSchema.safeParse(json);
  if (!r.success) throw new CliError(`${file}: ${describe(r.error, 'book')}`);
  const ids = new Set<string>();
  return r.data.map((p, i): BookPosition => {
    const id = p.id ?? `#${i}`;
    if (ids.has(id)) throw new CliError(`${file}: book[${i}].id: '${id}' is used twice`);
    ids.add(id);
    const base: BookPosition = {
      id,
      underlying: p.underlying ?? id,
      qty: p.qty,
      multiplier: p.multiplier ?? 1,
      spot: p.spot,
      beta: p.beta,
      assetClass: p.assetClass,
      sector: p.sector,
    };
    if (p.type === 'linear') return base;
    return {
      ...base,
      option: {
        type: p.type,
        strike: p.strike,
        expiryYears: p.expiryYears,
        vol: p.vol,
        rate: p.rate,
        dividendYield: p.dividendYield,
        futures: p.futures,
      },
    };
  });
}

/** readJsonFile + parseBook. */
export function readBook(path: string): BookPosition[] {
  return parseBook(readJsonFile(path), path);
}
