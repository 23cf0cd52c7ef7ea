/**
 * Every `bulwark-risk` command. To add one: create `./<name>.ts` exporting a CliCommand, import it
 * here and append it to the array (order = order in the usage listing).
 */
import type { CliCommand } from '../types';
import { metricsCommand } from './metrics';
import { backtestVarCommand } from './backtest-var';

export const commands: CliCommand[] = [metricsCommand, backtestVarCommand];
