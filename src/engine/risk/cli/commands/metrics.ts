/**
 * `metrics`: the single-asset risk summary of a price CSV (see src/engine/risk/summary.ts for the
 * numbers and docs/risk-math.md for every convention).
 */
import { choiceFlag, confidenceListFlag, numberFlag, parseFlags } from '../args';
import { readPriceCsv } from '../io';
import { CliError, type CliCommand } from '../types';
import { riskSummary, type RiskSummary } from '../../summary';
import { QUANTILE_METHODS } from '../../stats';
import { GARCH_MIN_OBSERVATIONS } from '../../garch';

const FLAGS = {
  input: { required: true },
  'price-column': { required: true },
  'date-column': {},
  'periods-per-year': { default: '252' },
  confidence: { default: '0.95,0.99' },
  quantile: { default: 'linear' },
};

export const metricsCommand: CliCommand = {
  name: 'metrics',
  usage:
    'metrics --input F.csv --price-column close [--date-column date] [--periods-per-year 252] ' +
    '[--confidence 0.95,0.99] [--quantile linear|lower]',
  run(argv: string[]): RiskSummary {
    const f = parseFlags(argv, FLAGS);
    const periodsPerYear = numberFlag(f['periods-per-year']!, 'periods-per-year', { min: 1 });
    const confidences = confidenceListFlag(f.confidence!, 'confidence');
    const quantileMethod = choiceFlag(f.quantile!, 'quantile', QUANTILE_METHODS);
    const csv = readPriceCsv(f.input!, { priceColumn: f['price-column']!, dateColumn: f['date-column'] });
    if (csv.prices.length < GARCH_MIN_OBSERVATIONS + 1) {
      throw new CliError(
        `${f.input}: metrics needs at least ${GARCH_MIN_OBSERVATIONS + 1} price rows (for the GARCH fit), found ${csv.prices.length}`,
      );
    }
    return riskSummary(csv.prices, csv.dates.length > 0 ? csv.dates : undefined, {
      periodsPerYear,
      confidences,
      quantileMethod,
    });
  },
};
