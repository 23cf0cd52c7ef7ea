/**
 * Every `bulwark-risk` command. To add one: create `./<name>.ts` exporting a CliCommand, import it
 * here and append it to the array (order = order in the usage listing).
 */
import type { CliCommand } from '../types';
import { metricsCommand } from './metrics';
import { backtestVarCommand } from './backtest-var';
import { greeksCommand } from './greeks';
import { riskParityCommand } from './risk-parity';
import { stressCommand } from './stress';

export const commands: CliCommand[] = [
  metricsCommand,
  backtestVarCommand,
  greeksCommand,
  riskParityCommand,
  stressCommand,
];
