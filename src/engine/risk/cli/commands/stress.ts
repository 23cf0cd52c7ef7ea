/**
 * `stress --book F.json (--scenario NAME|all | --grid) [--scenario-file F.json] [--beta-scaled]`:
 * full-revaluation stress P&L. `--grid` runs the default 7×5×5 price × vol × rate grid;
 * `--scenario` one built-in (or --scenario-file) scenario by id, or `all`. Scenario files hold one
 * scenario object or an array of them, in the shape of src/engine/risk/stress-scenarios.ts.
 */
import { parseFlags } from '../args';
import { readBook, readJsonFile } from '../book-json';
import { CliError, type CliCommand } from '../types';
import { DEFAULT_GRID, runScenario, stressGrid } from '../../stress';
import { BUILTIN_SCENARIOS, validateScenario, type StressScenario } from '../../stress-scenarios';

const FLAGS = { book: { required: true }, scenario: {}, grid: {}, 'scenario-file': {}, 'beta-scaled': {} };

function boolFlag(v: string | undefined, name: string): boolean {
  if (v === undefined) return false;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new CliError(`--${name}: '${v}' must be true or false`);
}

function loadScenarios(path: string | undefined): StressScenario[] {
  if (path === undefined) return [...BUILTIN_SCENARIOS];
  const json = readJsonFile(path);
  const list = Array.isArray(json) ? (json as unknown[]) : [json];
  const user = list.map((s, i) => {
    try {
      return validateScenario(s, Array.isArray(json) ? `scenario[${i}]` : 'scenario');
    } catch (err) {
      throw new CliError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  // User scenarios shadow built-ins with the same id.
  return [...user, ...BUILTIN_SCENARIOS.filter((b) => !user.some((u) => u.id === b.id))];
}

export const stressCommand: CliCommand = {
  name: 'stress',
  usage:
    'stress --book F.json (--scenario NAME|all | --grid true) [--scenario-file F.json] [--beta-scaled true]',
  run(argv: string[]) {
    // `--grid` is a switch; the shared flag parser wants a value, so accept a bare `--grid` too.
    const args = argv.flatMap((a, i) =>
      a === '--grid' && (argv[i + 1] === undefined || argv[i + 1].startsWith('--'))
        ? ['--grid', 'true']
        : [a],
    );
    const f = parseFlags(args, FLAGS);
    const grid = boolFlag(f.grid, 'grid');
    if (grid === (f.scenario !== undefined))
      throw new CliError('give exactly one of --scenario NAME|all or --grid');
    const book = readBook(f.book!);
    if (grid) {
      const r = stressGrid(book, DEFAULT_GRID, { betaScaled: boolFlag(f['beta-scaled'], 'beta-scaled') });
      const np = r.positionIds.length;
      return {
        mode: 'grid',
        grid: DEFAULT_GRID,
        units: {
          pnl: 'account currency',
          priceShock: 'relative (−0.3 = −30%)',
          volShock: 'relative change of implied vol (1 = doubled)',
          rateShockBp: 'basis points, parallel',
        },
        positionIds: r.positionIds,
        scenarios: r.scenarios.map((s, k) => ({
          ...s,
          pnl: r.total[k],
          pnlByPosition: Array.from(r.byPosition.subarray(k * np, (k + 1) * np)),
        })),
        worst: r.worst,
      };
    }
    if (f['beta-scaled'] !== undefined)
      throw new CliError('--beta-scaled applies to --grid only (named scenarios say betaScaled themselves)');
    const all = loadScenarios(f['scenario-file']);
    const chosen = f.scenario === 'all' ? all : all.filter((s) => s.id === f.scenario);
    if (chosen.length === 0)
      throw new CliError(
        `--scenario: unknown scenario '${f.scenario}' (known: ${all.map((s) => s.id).join(', ')}, all)`,
      );
    return {
      mode: 'scenario',
      units: {
        pnl: 'account currency; pnl = marketPnl − liquidityCost',
        priceMove: 'relative',
        volMove: 'relative',
      },
      scenarios: chosen.map((s) => ({ ...runScenario(book, s), description: s.description })),
    };
  },
};
