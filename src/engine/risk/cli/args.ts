/**
 * A tiny flag parser for the risk CLI: `--name value` or `--name=value`, nothing positional.
 * Unknown flags, missing values and repeated flags are errors (CliError → exit code 2), because a
 * silently ignored typo such as `--confidance 0.99` would print a plausible but wrong report.
 */
import { CliError } from './types';

export interface FlagDef {
  required?: boolean;
  /** Used when the flag is absent. */
  default?: string;
}

export type FlagSpec = Record<string, FlagDef>;

/** Parses argv against `spec`; returns flag name → value (undefined for absent optional flags). */
export function parseFlags(argv: readonly string[], spec: FlagSpec): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--')
      throw new CliError(`unexpected argument '${arg}' (flags look like --name value)`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!Object.hasOwn(spec, name)) {
      throw new CliError(
        `unknown flag --${name} (expected one of ${Object.keys(spec)
          .map((k) => `--${k}`)
          .join(', ')})`,
      );
    }
    if (seen.has(name)) throw new CliError(`flag --${name} given more than once`);
    seen.add(name);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new CliError(`flag --${name} needs a value`);
      value = next;
      i++;
    }
    out[name] = value;
  }
  for (const [name, def] of Object.entries(spec)) {
    if (out[name] === undefined) {
      if (def.required) throw new CliError(`missing required flag --${name}`);
      out[name] = def.default;
    }
  }
  return out;
}

/** Parses a number flag with optional bounds; `integer` rejects fractions. */
export function numberFlag(
  value: string,
  name: string,
  opts: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const v = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(v)) throw new CliError(`--${name}: '${value}' is not a number`);
  if (opts.integer && !Number.isInteger(v))
    throw new CliError(`--${name}: '${value}' must be a whole number`);
  if (opts.min !== undefined && v < opts.min)
    throw new CliError(`--${name}: ${v} is below the minimum ${opts.min}`);
  if (opts.max !== undefined && v > opts.max)
    throw new CliError(`--${name}: ${v} is above the maximum ${opts.max}`);
  return v;
}

/** Parses a confidence level strictly inside (0, 1). */
export function confidenceFlag(value: string, name: string): number {
  const v = numberFlag(value, name);
  if (!(v > 0 && v < 1)) throw new CliError(`--${name}: ${v} must be strictly between 0 and 1 (e.g. 0.99)`);
  return v;
}

/** Parses a comma-separated list of confidence levels, e.g. "0.95,0.99". Duplicates are rejected. */
export function confidenceListFlag(value: string, name: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  const out = parts.map((p) => confidenceFlag(p, name));
  if (new Set(out).size !== out.length)
    throw new CliError(`--${name}: '${value}' repeats a confidence level`);
  return out;
}

/** Checks that a flag value is one of `choices`. */
export function choiceFlag<T extends string>(value: string, name: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new CliError(`--${name}: '${value}' is not one of ${choices.join(', ')}`);
  }
  return value as T;
}
