/**
 * `greeks --book F.json [--by underlying|expiry|strike] [--benchmark-spot X]`: BSM price and Greeks
 * per position and in total (book format in ../book-json.ts; units in the `units` object and in
 * src/engine/risk/options-aggregate.ts).
 */
import { choiceFlag, numberFlag, parseFlags } from '../args';
import { readBook } from '../book-json';
import type { CliCommand } from '../types';
import {
  aggregateGreeks,
  betaWeightedDelta,
  GREEK_UNITS,
  positionGreeks,
  totalGreeks,
  type GreekGrouping,
} from '../../options-aggregate';

const FLAGS = { book: { required: true }, by: {}, 'benchmark-spot': {} };
const GROUPINGS: readonly GreekGrouping[] = ['underlying', 'expiry', 'strike'];

export const greeksCommand: CliCommand = {
  name: 'greeks',
  usage: 'greeks --book F.json [--by underlying|expiry|strike] [--benchmark-spot 500]',
  run(argv: string[]) {
    const f = parseFlags(argv, FLAGS);
    const by = f.by === undefined ? undefined : choiceFlag(f.by, 'by', GROUPINGS);
    const benchmarkSpot =
      f['benchmark-spot'] === undefined
        ? undefined
        : numberFlag(f['benchmark-spot'], 'benchmark-spot', { min: Number.MIN_VALUE });
    const book = readBook(f.book!);
    const positions = book.map((p) => {
      const g = positionGreeks(p);
      return {
        id: g.id,
        underlying: g.underlying,
        type: p.option ? p.option.type : 'linear',
        qty: p.qty,
        multiplier: p.multiplier ?? 1,
        price: g.price,
        value: g.value,
        delta: g.delta,
        dollarDelta: g.dollarDelta,
        gamma: g.gamma,
        vega: g.vega,
        theta: g.theta,
        rho: g.rho,
        vanna: g.vanna,
        volga: g.volga,
      };
    });
    const t = totalGreeks(positions);
    const total = {
      value: t.value,
      delta: t.delta,
      dollarDelta: t.dollarDelta,
      gamma: t.gamma,
      vega: t.vega,
      theta: t.theta,
      rho: t.rho,
      vanna: t.vanna,
      volga: t.volga,
    };
    return {
      units: {
        ...GREEK_UNITS,
        note: 'total.delta and total.gamma add underlying units across different underlyings; use dollarDelta or --by underlying to compare',
      },
      positions,
      total,
      ...(by ? { groupedBy: by, groups: aggregateGreeks(book, by) } : {}),
      ...(benchmarkSpot !== undefined ? { betaWeightedDelta: betaWeightedDelta(book, benchmarkSpot) } : {}),
    };
  },
};
