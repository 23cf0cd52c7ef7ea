/**
 * `risk-parity --input F.csv`: equal-risk-contribution weights of the assets in a price CSV (a
 * date column and one price column per asset), from the covariance of their simple returns.
 * `--estimator ledoit-wolf` shrinks the covariance first (sklearn-compatible, see covariance.ts).
 * Volatilities and contributions are annualised with √periods-per-year.
 */
import { choiceFlag, numberFlag, parseFlags } from '../args';
import { readMultiPriceCsv } from '../io';
import { CliError, type CliCommand } from '../types';
import { ledoitWolf, sampleCovariance } from '../../covariance';
import { simpleReturns } from '../../returns';
import { riskParity } from '../../risk-parity';

const FLAGS = {
  input: { required: true },
  'date-column': {},
  estimator: { default: 'sample' },
  'periods-per-year': { default: '252' },
};
const ESTIMATORS = ['sample', 'ledoit-wolf'] as const;

export const riskParityCommand: CliCommand = {
  name: 'risk-parity',
  usage:
    'risk-parity --input F.csv [--date-column date] [--estimator sample|ledoit-wolf] [--periods-per-year 252]',
  run(argv: string[]) {
    const f = parseFlags(argv, FLAGS);
    const estimator = choiceFlag(f.estimator!, 'estimator', ESTIMATORS);
    const ppy = numberFlag(f['periods-per-year']!, 'periods-per-year', { min: 1 });
    const csv = readMultiPriceCsv(f.input!, { dateColumn: f['date-column'] });
    if (csv.columns.length < 2)
      throw new CliError(
        `${f.input}: risk-parity needs at least 2 asset columns, found ${csv.columns.length}`,
      );
    const rets = csv.prices.map((p) => simpleReturns(p));
    if (rets[0].length < csv.columns.length + 1) {
      throw new CliError(
        `${f.input}: ${rets[0].length} returns for ${csv.columns.length} assets; need more rows than assets to estimate a covariance`,
      );
    }
    const cov = estimator === 'sample' ? sampleCovariance(rets) : ledoitWolf(rets).covariance;
    const n = cov.n;
    for (let i = 0; i < n; i++) {
      if (!(cov.data[i * n + i] > 0))
        throw new CliError(`${f.input}: column '${csv.columns[i]}' has constant prices (zero variance)`);
    }
    let rp;
    try {
      rp = riskParity(cov);
    } catch (err) {
      // A singular covariance (an asset that is a copy/combination of others) is an input problem.
      if (err instanceof RangeError) throw new CliError(`${f.input}: ${err.message}`);
      throw err;
    }
    const ann = Math.sqrt(ppy);
    return {
      estimator,
      observations: rets[0].length,
      periodsPerYear: ppy,
      portfolioVol: rp.portfolioVol * ann,
      iterations: rp.iterations,
      maxBudgetError: rp.maxError,
      assets: csv.columns.map((name, i) => ({
        name,
        weight: rp.weights[i],
        volatility: Math.sqrt(cov.data[i * n + i]) * ann,
        contribution: rp.contributions[i] * ann,
        fraction: rp.fractions[i],
      })),
      units: {
        weight: 'fraction of the portfolio (sums to 1, long only)',
        volatility: 'annualised decimal (0.2 = 20%)',
        contribution: 'annualised volatility contributed (sums to portfolioVol)',
        fraction: 'share of portfolio risk (sums to 1; equal at the solution)',
      },
    };
  },
};
