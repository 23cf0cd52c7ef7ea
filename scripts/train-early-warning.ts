// Trains the early-warning model on the bundled S&P 500 file and writes the shipped coefficients
// (resources/models/early-warning.json). Deterministic; test/unit/risk-ml/shipped-model.test.ts
// checks that the shipped file is what this script produces. Run: npx tsx scripts/train-early-warning.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trainEarlyWarning } from '../src/engine/risk/ml/early-warning';
import { parseDailyCloses } from '../src/engine/risk-engine/demo-history';

const root = fileURLToPath(new URL('..', import.meta.url));
const closes = parseDailyCloses(readFileSync(`${root}resources/data/sp500-2000.csv`, 'utf8')).closes;
const model = trainEarlyWarning(closes);
writeFileSync(`${root}resources/models/early-warning.json`, JSON.stringify(model.coefficients, null, 1) + '\n');
process.stdout.write(`wrote resources/models/early-warning.json (train AUC ${model.coefficients.trainAuc?.toFixed(3)})\n`);
