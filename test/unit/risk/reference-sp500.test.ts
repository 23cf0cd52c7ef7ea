// Golden values on the bundled S&P 500 closes (2000-01-03 … 2020-04-17, 5,104 simple returns),
// computed independently with numpy 2.4 / scipy 1.17 using the same conventions:
//   np.quantile(r, 1-c, method=...), r[r <= q].mean(), r.std(ddof=1), scipy.stats.skew/kurtosis,
//   and for GARCH scipy.optimize.minimize(Nelder-Mead) on the same likelihood (σ²_1 = mean ε²).
import { describe, expect, it } from 'vitest';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPriceCsv } from '../../../src/engine/risk/cli/io';
import { simpleReturns } from '../../../src/engine/risk/returns';
import { historicalVarCvar, parametricVarCvar, cornishFisherVar } from '../../../src/engine/risk/var';
import { moments } from '../../../src/engine/risk/stats';
import { fitGarch11 } from '../../../src/engine/risk/garch';
import { ewmaVolatility } from '../../../src/engine/risk/ewma';
import { cagr, calmar, sharpe, sortino, tailRatio } from '../../../src/engine/risk/performance';

/** expect.closeTo typed as a number so it can sit inside toEqual objects without `any`. */
const near = (v: number, digits: number): number => expect.closeTo(v, digits) as number;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { prices } = readPriceCsv(join(root, 'resources/data/sp500-2000.csv'), { priceColumn: 'close' });
const r = simpleReturns(prices);

describe('S&P 500 reference values (numpy / scipy)', () => {
  it('historical VaR / CVaR, both quantile methods', () => {
    expect(historicalVarCvar(r, 0.95)).toEqual({
      var: near(0.018938962761684226, 14),
      cvar: near(0.030224659216643492, 14),
    });
    expect(historicalVarCvar(r, 0.99)).toEqual({
      var: near(0.03450820643278011, 14),
      cvar: near(0.051476193661469376, 14),
    });
    expect(historicalVarCvar(r, 0.95, 'lower').var).toBeCloseTo(0.01894490374780211, 14);
    expect(historicalVarCvar(r, 0.99, 'lower').var).toBeCloseTo(0.03451119965386129, 14);
  });

  it('parametric and Cornish-Fisher VaR, moments', () => {
    expect(parametricVarCvar(r, 0.95)).toEqual({
      var: near(0.02039869147381338, 14),
      cvar: near(0.025634643963928443, 14),
    });
    expect(parametricVarCvar(r, 0.99)).toEqual({
      var: near(0.028938102993500824, 14),
      cvar: near(0.033184241818046974, 14),
    });
    const m = moments(r);
    expect(m.skewness).toBeCloseTo(-0.12262930675083869, 12);
    expect(m.excessKurtosis).toBeCloseTo(11.017114991667233, 11);
    expect(cornishFisherVar(r, 0.95)).toBeCloseTo(0.018046006846879934, 13);
    expect(cornishFisherVar(r, 0.99)).toBeCloseTo(0.062271262387762524, 13);
  });

  it('ratios and EWMA', () => {
    expect(sharpe(r)).toBeCloseTo(0.26860462897158793, 12);
    expect(sortino(r)).toBeCloseTo(0.3765281774115556, 12);
    expect(cagr(r)).toBeCloseTo(0.034181539229865, 13);
    expect(calmar(r)).toBeCloseTo(0.060204853871175995, 12);
    expect(tailRatio(r)).toBeCloseTo(0.9089311230726584, 12);
    expect(ewmaVolatility(r)).toBeCloseTo(0.03977758472892346, 14);
  });

  it('GARCH(1,1) MLE agrees with an independent Nelder-Mead optimum', () => {
    const g = fitGarch11(r);
    expect(g.converged).toBe(true);
    expect(g.omega).toBeCloseTo(2.13755122e-6, 12);
    expect(g.alpha).toBeCloseTo(0.12016997, 7);
    expect(g.beta).toBeCloseTo(0.86466181, 7);
    expect(g.logLik).toBeCloseTo(16514.932314789607, 6);
  });
});
