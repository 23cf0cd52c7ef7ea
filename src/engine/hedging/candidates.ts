/**
 * Hedge candidates (docs/hedging.md, "Candidates"). Each builder returns legs priced and measured
 * against the same tail scenario; all hedge the reference underlying (the book's largest dollar
 * delta), sized from the book's dollar beta to it (OLS of the book's historical P&L on the
 * reference's daily returns: USD per unit return, i.e. the reference-equivalent exposure).
 *
 *   put_options    long puts, strike from {80, 85, 90, 95} % of spot × expiry {30, 60, 90} days,
 *                  covering {25, 50, 75, 100} % of the beta exposure. BSM (r = b = 0, as the ledger
 *                  marks options) at σ_K = σ_forecast + skewPremium × (1 − K/S)/0.10 (skew: OTM
 *                  puts trade richer). Cost = premium paid incl. half the paper spread.
 *   futures_short  short the reference perpetual, {25, 50, 75, 100} % of the beta exposure.
 *                  Cost over the 30-day horizon = round-trip taker fees + funding at 5 %/yr.
 *   inverse_etf    a −1× daily-rebalanced tracker on the reference (paper-traded as a short spot
 *                  proxy, which has the same one-day P&L). Cost = 0.95 %/yr expense + σ²/yr
 *                  rebalancing decay of a −1× product, over 30 days, plus fees.
 *   volatility     long 30-day ATM straddle (call + put) at σ_forecast: gains from the fall and
 *                  from the vol rise of the tail scenario. {25, 50} % of the beta exposure.
 *   cppi           portfolio insurance: risky exposure target E* = m × max(0, V − F), F = floor ×
 *                  high-water mark; the leg shorts the perp by the excess B − E* (nothing when the
 *                  book is already within its CPPI exposure). Cost as futures_short.
 */
import type { HedgeLeg, HedgeType, Instrument } from '../../shared/contract/index';
import { bsmPriceRaw } from '../risk/options';
import type { BookPosition } from '../risk/book';
import { positionTailPnl, type TailScenario } from './tail-shock';

const DAY = 86_400_000;
const YEAR_DAYS = 365;
export const HORIZON_DAYS = 30;
export const PUT_STRIKES = [0.8, 0.85, 0.9, 0.95] as const;
export const PUT_EXPIRIES_DAYS = [30, 60, 90] as const;
export const FRACTIONS = [0.25, 0.5, 0.75, 1] as const;
export const TAKER_FEE = 0.0005;
export const PERP_FUNDING_ANNUAL = 0.05;
export const INVERSE_EXPENSE_ANNUAL = 0.0095;
/** Half of the paper broker's option spread (1 % of the mark). */
export const OPTION_HALF_SPREAD = 0.005;

export interface CandidateContext {
  now: number;
  equity: number;
  highWaterMark: number;
  ref: string;
  refSpot: number;
  /** Annualised volatility forecast of the reference. */
  refVol: number;
  /** USD P&L of the book per unit return of the reference (OLS). */
  dollarBeta: number;
  scenario: TailScenario;
  /** Existing perp on the reference, else one is created (`${ref}-PERP`). */
  perpSymbol: string | null;
  venue: string;
  quote: string;
  types: readonly HedgeType[];
  skewPremium: number;
  cppiFloor: number;
  cppiMultiplier: number;
  minHedgeSize: number;
  /**
   * Protection the proposal needs (USD). When set, each put strike/expiry and each linear short also
   * gets one candidate sized to exactly this protection (protection is linear in quantity), capped
   * at `fitMaxNotional`: the fixed fractions of the exposure alone can miss a small top-up entirely.
   */
  fitProtection?: number;
  fitMaxNotional?: number;
}

/** The quantity that gives `fit` protection, from a candidate's protection at `qty` (linear), capped by notional. */
function fitQty(c: CandidateContext, qty: number, protection: number): number {
  const fit = c.fitProtection;
  if (fit === undefined || !(fit > 0) || !(protection > 0) || !(qty > 0)) return 0;
  const q = (qty * fit) / protection;
  const cap = c.fitMaxNotional !== undefined ? c.fitMaxNotional / c.refSpot : Infinity;
  return roundQty(Math.min(q, cap));
}

/** A leg plus what the service needs to trade it: the group (one leg per group) and any new instrument. */
export interface Candidate extends HedgeLeg {
  group: string;
  /** Instruments to register before the orders (new options or a perp). */
  instruments: Instrument[];
  /** Signed positions the leg adds (for the tail revaluation and the orders). */
  positions: { symbol: string; qty: number; book: BookPosition }[];
}

/** First Friday 08:00 UTC at least `days` after `now` (the demo book's expiry convention). */
export function fridayExpiry(now: number, days: number): { ms: number; code: string } {
  let day = Math.floor((now + days * DAY) / DAY);
  // 1970-01-01 was a Thursday: (day + 4) % 7 is the weekday, 0 = Sunday, 5 = Friday.
  while ((day + 4) % 7 !== 5) day++;
  const ms = day * DAY + 8 * 3_600_000;
  const iso = new Date(ms).toISOString();
  return { ms, code: iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) };
}

/** A "nice" strike: rounded to 5 × 10^(digits − 3) (BTC 85,432 → 85,500 in 500s; ETH 3,281 → 3,300 in 50s). */
export function niceStrike(k: number): number {
  const step = 5 * 10 ** (Math.floor(Math.log10(k)) - 2);
  return Math.round(Math.round(k / step) * step * 1e8) / 1e8;
}

/** σ_K = σ + skew × (1 − K/S)/0.10 for K < S; σ at or above the money. */
export function skewedVol(vol: number, skewPremium: number, strikeOverSpot: number): number {
  return vol + skewPremium * Math.max(0, 1 - strikeOverSpot) / 0.1;
}

export function optionInstrument(c: CandidateContext, type: 'put' | 'call', strike: number, exp: { ms: number; code: string }, vol: number): Instrument {
  return {
    symbol: `${c.ref}-${exp.code}-${strike}-${type === 'put' ? 'P' : 'C'}`,
    kind: 'option', venue: c.venue, quote: c.quote, multiplier: 1, underlying: c.ref, optionType: type,
    strike, expiryMs: exp.ms, impliedVol: Math.round(vol * 1e6) / 1e6, assetClass: 'crypto', sector: 'hedge', beta: 1,
  };
}

function bookOption(inst: Instrument, qty: number, c: CandidateContext): BookPosition {
  return {
    id: inst.symbol, underlying: c.ref, qty, multiplier: 1, spot: c.refSpot,
    option: { type: inst.optionType!, strike: inst.strike!, expiryYears: Math.max(inst.expiryMs! - c.now, 0) / (YEAR_DAYS * DAY), vol: inst.impliedVol!, rate: 0 },
  };
}

function leg(c: CandidateContext, p: Omit<HedgeLeg, 'protection' | 'underlying'> & { group: string; instruments: Instrument[]; positions: Candidate['positions'] }): Candidate {
  let protection = 0;
  for (const x of p.positions) protection += positionTailPnl(x.book, c.scenario);
  return { ...p, underlying: c.ref, protection };
}

function perpInstrument(c: CandidateContext): { symbol: string; instruments: Instrument[] } {
  if (c.perpSymbol) return { symbol: c.perpSymbol, instruments: [] };
  const symbol = `${c.ref}-PERP`;
  return { symbol, instruments: [{ symbol, kind: 'perp', venue: c.venue, quote: c.quote, multiplier: 1, underlying: c.ref, assetClass: 'crypto', sector: 'hedge', beta: 1, leverage: 10, maintenanceMarginRate: 0.005 }] };
}

function puts(c: CandidateContext, units: number): Candidate[] {
  const out: Candidate[] = [];
  for (const days of PUT_EXPIRIES_DAYS) {
    const exp = fridayExpiry(c.now, days);
    const T = (exp.ms - c.now) / (YEAR_DAYS * DAY);
    for (const k of PUT_STRIKES) {
      const strike = niceStrike(c.refSpot * k);
      const vol = skewedVol(c.refVol, c.skewPremium, strike / c.refSpot);
      const inst = optionInstrument(c, 'put', strike, exp, vol);
      const price = bsmPriceRaw(false, c.refSpot, strike, T, 0, 0, inst.impliedVol!);
      if (!(price > 0)) continue;
      const unitProt = positionTailPnl(bookOption(inst, 1, c), c.scenario);
      const fq = fitQty(c, 1, unitProt);
      for (const f of [...FRACTIONS, ...(fq > 0 ? [fq / units] : [])]) {
        const qty = roundQty(units * f);
        if (!(qty > 0)) continue;
        const premium = qty * price * (1 + OPTION_HALF_SPREAD);
        out.push(leg(c, {
          group: 'put_options', type: 'put_options', symbol: inst.symbol, side: 'buy', qty, notional: qty * c.refSpot, premium, annualCarry: 0, cost: premium,
          strike, expiryMs: exp.ms, impliedVol: inst.impliedVol!, ratio: f,
          note: `${qty} × ${strike} put, ${days}d (exp ${exp.code}), σ ${(inst.impliedVol! * 100).toFixed(1)}%, ${price.toFixed(2)} each`,
          instruments: [inst], positions: [{ symbol: inst.symbol, qty, book: bookOption(inst, qty, c) }],
        }));
      }
    }
  }
  return out;
}

function linearShort(c: CandidateContext, type: HedgeType, units: number, ratio: number, note: string): Candidate | null {
  const qty = roundQty(units);
  if (!(qty > 0)) return null;
  const notional = qty * c.refSpot;
  const inverse = type === 'inverse_etf';
  const annual = inverse ? INVERSE_EXPENSE_ANNUAL + c.refVol * c.refVol : PERP_FUNDING_ANNUAL;
  const perp = perpInstrument(c);
  const symbol = inverse ? c.ref : perp.symbol;
  const cost = notional * (2 * TAKER_FEE + (annual * HORIZON_DAYS) / YEAR_DAYS);
  return leg(c, {
    group: type, type, symbol, side: 'sell', qty, notional, premium: 0, annualCarry: notional * annual, cost, strike: null, expiryMs: null, impliedVol: null, ratio, note,
    instruments: inverse ? [] : perp.instruments,
    positions: [{ symbol, qty: -qty, book: { id: symbol, underlying: c.ref, qty: -qty, multiplier: 1, spot: c.refSpot } }],
  });
}

function straddles(c: CandidateContext, units: number): Candidate[] {
  const exp = fridayExpiry(c.now, HORIZON_DAYS);
  const T = (exp.ms - c.now) / (YEAR_DAYS * DAY);
  const strike = niceStrike(c.refSpot);
  const put = optionInstrument(c, 'put', strike, exp, c.refVol);
  const call = optionInstrument(c, 'call', strike, exp, c.refVol);
  const unit = bsmPriceRaw(false, c.refSpot, strike, T, 0, 0, put.impliedVol!) + bsmPriceRaw(true, c.refSpot, strike, T, 0, 0, call.impliedVol!);
  const out: Candidate[] = [];
  for (const f of [0.25, 0.5]) {
    const qty = roundQty(units * f);
    if (!(qty > 0) || !(unit > 0)) continue;
    const premium = qty * unit * (1 + OPTION_HALF_SPREAD);
    out.push(leg(c, {
      group: 'volatility', type: 'volatility', symbol: put.symbol, side: 'buy', qty, notional: qty * c.refSpot, premium, annualCarry: 0, cost: premium,
      strike, expiryMs: exp.ms, impliedVol: put.impliedVol!, ratio: f,
      note: `${qty} × ${strike} straddle (put + call), ${HORIZON_DAYS}d, σ ${(c.refVol * 100).toFixed(1)}%, ${unit.toFixed(2)} per pair`,
      instruments: [put, call],
      positions: [
        { symbol: put.symbol, qty, book: bookOption(put, qty, c) },
        { symbol: call.symbol, qty, book: bookOption(call, qty, c) },
      ],
    }));
  }
  return out;
}

/** CPPI target exposure E* = m × max(0, V − F), F = floor × HWM. */
export function cppiExposure(value: number, floor: number, multiplier: number): number {
  return multiplier * Math.max(0, value - floor);
}

/** Quantities to 6 significant figures (lot steps are 1e-8; this keeps order text readable). */
function roundQty(q: number): number {
  if (!(q > 0) || !Number.isFinite(q)) return 0;
  const d = Math.max(0, 5 - Math.floor(Math.log10(q)));
  return Math.round(q * 10 ** Math.min(d, 8)) / 10 ** Math.min(d, 8);
}

/** Every candidate of the enabled types (module doc). Empty when the book is not long the reference. */
export function buildCandidates(c: CandidateContext): Candidate[] {
  if (!(c.dollarBeta > 0) || !(c.refSpot > 0) || !(c.refVol > 0)) return [];
  const units = c.dollarBeta / c.refSpot;
  const on = new Set(c.types);
  const out: Candidate[] = [];
  if (on.has('put_options')) out.push(...puts(c, units));
  for (const t of ['futures_short', 'inverse_etf'] as const) {
    if (!on.has(t)) continue;
    const what = t === 'inverse_etf' ? 'inverse tracker (short spot proxy)' : 'short perpetual';
    for (const f of FRACTIONS) {
      const l = linearShort(c, t, units * f, f, `${what} ${(f * 100).toFixed(0)}% of the beta exposure`);
      if (l) out.push(l);
    }
    const one = linearShort(c, t, 1, 1 / units, '');
    const fq = one ? fitQty(c, 1, one.protection) : 0;
    const fit = fq > 0 ? linearShort(c, t, fq, fq / units, `${what} sized to the required protection (${((fq / units) * 100).toFixed(0)}% of the beta exposure)`) : null;
    if (fit) out.push(fit);
  }
  if (on.has('volatility')) out.push(...straddles(c, units));
  if (on.has('cppi')) {
    const target = cppiExposure(c.equity, c.cppiFloor * c.highWaterMark, c.cppiMultiplier);
    const excess = c.dollarBeta - target;
    if (excess > 0) {
      const l = linearShort(c, 'cppi', excess / c.refSpot, target / c.dollarBeta, `CPPI: exposure target ${target.toFixed(0)} = ${c.cppiMultiplier} × (V − F), cut ${excess.toFixed(0)}`);
      if (l) out.push({ ...l, group: 'cppi' });
    }
  }
  return out.filter((l) => l.notional >= c.minHedgeSize);
}
