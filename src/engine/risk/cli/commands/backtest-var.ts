/**
 * `backtest-var`: rolling historical (or Gaussian) VaR on a price CSV against the realised next-day
 * returns: exceptions, Kupiec POF, Christoffersen independence, Basel traffic-light zone.
 */
import { choiceFlag, confidenceFlag, numberFlag, parseFlags } from '../args';
import { readPriceCsv } from '../io';
import { CliError, type CliCommand } from '../types';
import { backtestVar, type BaselZone, type LrTest } from '../../backtest';
import { QUANTILE_METHODS } from '../../stats';
import { simpleReturns } from '../../returns';

const FLAGS = {
  input: { required: true },
  'price-column': { required: true },
  'date-column': {},
  window: { default: '250' },
  confidence: { default: '0.99' },
  quantile: { default: 'linear' },
  model: { default: 'historical' },
};

export interface BacktestVarOutput {
  n: number;
  exceptions: number;
  expected: number;
  kupiec: LrTest;
  christoffersen: LrTest;
  zone: BaselZone;
}

export const backtestVarCommand: CliCommand = {
  name: 'backtest-var',
  usage:
    'backtest-var --input F.csv --price-column close [--window 250] [--confidence 0.99] ' +
    '[--quantile linear|lower] [--model historical|parametric]',
  run(argv: string[]): BacktestVarOutput {
    const f = parseFlags(argv, FLAGS);
    const window = numberFlag(f.window!, 'window', { min: 2, integer: true });
    const confidence = confidenceFlag(f.confidence!, 'confidence');
    const quantileMethod = choiceFlag(f.quantile!, 'quantile', QUANTILE_METHODS);
    const model = choiceFlag(f.model!, 'model', ['historical', 'parametric'] as const);
    // The date column is only validated (order); the backtest itself needs no dates.
    const csv = readPriceCsv(f.input!, { priceColumn: f['price-column']!, dateColumn: f['date-column'] });
    const returns = simpleReturns(csv.prices);
    if (returns.length <= window) {
      throw new CliError(
        `${f.input}: --window ${window} needs more than ${window} returns, the file gives ${returns.length}`,
      );
    }
    const r = backtestVar(returns, { window, confidence, quantileMethod, model });
    return {
      n: r.n,
      exceptions: r.exceptions,
      expected: r.expected,
      kupiec: r.kupiec,
      christoffersen: r.christoffersen,
      zone: r.zone,
    };
  },
};
