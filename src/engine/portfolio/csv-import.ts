/**
 * Positions CSV import. Columns (header row required, case-insensitive, any order):
 *
 * | column | required | meaning |
 * | --- | --- | --- |
 * | symbol | yes | canonical symbol (BTC-USDT, BTC-USDT-PERP, BTC-USDT-20261225-100000-C) or a currency for a cash row |
 * | qty | yes | signed quantity (negative = short); for a cash row, the balance |
 * | avg_cost | yes except cash | average entry price (> 0) |
 * | kind | no | spot (default), perp, future, option, cash |
 * | venue, quote | no | default "import", "USDT" |
 * | multiplier, beta, leverage, maintenance_margin | no | numbers |
 * | asset_class, sector | no | crypto (default), equity, index, fx, commodity, rates; free text |
 * | underlying, option_type, strike, expiry, implied_vol | options | expiry as YYYY-MM-DD (08:00 UTC) |
 *
 * All or nothing: every row is checked first; if any is bad, nothing is imported and every problem
 * is reported with its line number, column and reason.
 */
import { Instrument } from '../../shared/contract/portfolio';
import { parseCsv } from './csv';
import { PAR_CURRENCIES } from './ledger';

export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

export interface ImportPlan {
  instruments: Instrument[];
  positions: { symbol: string; qty: number; avgCost: number }[];
  cash: { currency: string; amount: number }[];
}

const KNOWN = ['symbol', 'qty', 'avg_cost', 'kind', 'venue', 'quote', 'multiplier', 'beta', 'leverage', 'maintenance_margin', 'asset_class', 'sector', 'underlying', 'option_type', 'strike', 'expiry', 'implied_vol'];

export function planImport(text: string): { ok: true; plan: ImportPlan } | { ok: false; errors: ImportRowError[] } {
  let rows;
  try {
    rows = parseCsv(text);
  } catch (e) {
    return { ok: false, errors: [{ line: 0, field: 'csv', message: (e as Error).message }] };
  }
  if (rows.length === 0) return { ok: false, errors: [{ line: 1, field: 'csv', message: 'empty file: expected a header row' }] };
  const header = rows[0].cells.map((h) => h.trim().toLowerCase());
  const errors: ImportRowError[] = [];
  header.forEach((h) => {
    if (!KNOWN.includes(h)) errors.push({ line: rows[0].line, field: h, message: `unknown column "${h}"` });
  });
  for (const req of ['symbol', 'qty']) {
    if (!header.includes(req)) errors.push({ line: rows[0].line, field: req, message: `missing required column "${req}"` });
  }
  if (errors.length) return { ok: false, errors };
  if (rows.length === 1) return { ok: false, errors: [{ line: rows[0].line, field: 'csv', message: 'no data rows' }] };

  const plan: ImportPlan = { instruments: [], positions: [], cash: [] };
  const seen = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const get = (c: string): string => (row.cells[header.indexOf(c)] ?? '').trim();
    const err = (field: string, message: string): void => void errors.push({ line: row.line, field, message });
    if (row.cells.length !== header.length) {
      err('csv', `expected ${header.length} cells, found ${row.cells.length}`);
      continue;
    }
    const num = (c: string, opts: { required?: boolean; positive?: boolean } = {}): number | undefined => {
      const s = get(c);
      if (s === '') {
        if (opts.required) err(c, 'is required');
        return undefined;
      }
      const v = Number(s);
      if (!Number.isFinite(v)) {
        err(c, `"${s}" is not a number`);
        return undefined;
      }
      if (opts.positive && !(v > 0)) {
        err(c, `must be > 0, got ${s}`);
        return undefined;
      }
      return v;
    };
    const symbol = get('symbol').toUpperCase();
    const kind = (get('kind') || 'spot').toLowerCase();
    const before = errors.length;
    if (!symbol) err('symbol', 'is required');
    const prev = seen.get(symbol);
    if (symbol && prev !== undefined) err('symbol', `duplicate of line ${prev}`);
    seen.set(symbol, row.line);
    const q = num('qty', { required: true });
    if (kind === 'cash') {
      if (!PAR_CURRENCIES.has(symbol)) err('symbol', `cash currency must be one of ${[...PAR_CURRENCIES].join(', ')}`);
      if (errors.length === before && q !== undefined) plan.cash.push({ currency: symbol, amount: q });
      continue;
    }
    if (q === 0) err('qty', 'must not be 0');
    const avgCost = num('avg_cost', { required: true, positive: true });
    const expiry = get('expiry');
    let expiryMs: number | undefined;
    if (expiry) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiry);
      expiryMs = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], 8) : NaN;
      if (!Number.isFinite(expiryMs)) err('expiry', `"${expiry}" is not a date (YYYY-MM-DD)`);
    }
    const candidate: Record<string, unknown> = {
      symbol,
      kind,
      venue: get('venue') || 'import',
      quote: (get('quote') || 'USDT').toUpperCase(),
      multiplier: num('multiplier', { positive: true }),
      beta: num('beta'),
      leverage: num('leverage', { positive: true }),
      maintenanceMarginRate: num('maintenance_margin'),
      assetClass: get('asset_class').toLowerCase() || undefined,
      sector: get('sector') || undefined,
      underlying: get('underlying').toUpperCase() || undefined,
      optionType: get('option_type').toLowerCase() || undefined,
      strike: num('strike', { positive: true }),
      expiryMs,
      impliedVol: num('implied_vol', { positive: true }),
    };
    for (const k of Object.keys(candidate)) if (candidate[k] === undefined) delete candidate[k];
    if (errors.length !== before) continue;
    const parsed = Instrument.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      err(String(issue.path[0] ?? 'row'), issue.message);
      continue;
    }
    const inst = parsed.data;
    if (!PAR_CURRENCIES.has(inst.quote)) err('quote', `currency ${inst.quote} is not supported (USD, USDT, USDC)`);
    if (inst.kind === 'option') {
      for (const [f, v] of [['underlying', inst.underlying], ['option_type', inst.optionType], ['strike', inst.strike], ['expiry', inst.expiryMs], ['implied_vol', inst.impliedVol]] as const) {
        if (v === undefined) err(f, 'is required for an option');
      }
    }
    if (errors.length !== before) continue;
    plan.instruments.push(inst);
    plan.positions.push({ symbol, qty: q!, avgCost: avgCost! });
  }
  return errors.length ? { ok: false, errors } : { ok: true, plan };
}

export function formatImportErrors(errors: ImportRowError[]): string {
  const shown = errors.slice(0, 20).map((e) => `line ${e.line}: ${e.field}: ${e.message}`);
  if (errors.length > 20) shown.push(`…and ${errors.length - 20} more`);
  return `nothing imported; ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${shown.join('; ')}`;
}
