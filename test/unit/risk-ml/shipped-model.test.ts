import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { earlyWarningFromCoefficients, trainEarlyWarning, type EarlyWarningCoefficients } from '../../../src/engine/risk/ml/early-warning';
import { parseDailyCloses } from '../../../src/engine/risk-engine/demo-history';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the shipped early-warning model', () => {
  it('is exactly what training on the bundled S&P 500 file produces (regenerate with scripts/train-early-warning.ts)', () => {
    const shipped = JSON.parse(readFileSync(`${root}resources/models/early-warning.json`, 'utf8')) as EarlyWarningCoefficients;
    const closes = parseDailyCloses(readFileSync(`${root}resources/data/sp500-2000.csv`, 'utf8')).closes;
    const trained = trainEarlyWarning(closes);
    expect(JSON.parse(JSON.stringify(trained.coefficients))).toEqual(shipped);
    const fromFile = earlyWarningFromCoefficients(shipped);
    const tail = closes.subarray(closes.length - 1000);
    expect(fromFile.probabilityOfSeries(tail)).toBeCloseTo(trained.probabilityOfSeries(tail), 12);
  }, 20_000);
});
