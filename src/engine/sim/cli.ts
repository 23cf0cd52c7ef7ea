/**
 * Standalone simulator: `npm run sim -- --port 9443 --rate 2000`.
 * Options: --port N (0 = any free port), --host H, --rate msgs/s, --seed N, --ping-interval-ms N,
 * --max-connection-ms N, --time-scale X, --replay-day-ms N, --batch-ms N, --scenario NAME.
 * While running, stdin accepts one command per line:
 *   scenario <name> [durationMs]   fault <kind> [count|durationMs]   rate <n>   prices   stats   quit
 */
import { createInterface } from 'node:readline';
import { SCENARIOS, type ScenarioName } from './models/scenarios';
import { FAULT_KINDS, startSimulator, type FaultKind, type SimulatorOptions } from './server';

function parseArgs(argv: string[]): SimulatorOptions & { scenario?: ScenarioName } {
  const out: SimulatorOptions & { scenario?: ScenarioName } = {};
  const num = (v: string | undefined, name: string): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw new Error(`${name} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    switch (a) {
      case '--port':
        out.port = num(v, a);
        i++;
        break;
      case '--host':
        out.host = v;
        i++;
        break;
      case '--rate':
        out.rate = num(v, a);
        i++;
        break;
      case '--seed':
        out.seed = num(v, a);
        i++;
        break;
      case '--ping-interval-ms':
        out.pingIntervalMs = num(v, a);
        i++;
        break;
      case '--max-connection-ms':
        out.maxConnectionMs = num(v, a);
        i++;
        break;
      case '--time-scale':
        out.timeScale = num(v, a);
        i++;
        break;
      case '--replay-day-ms':
        out.replayDayMs = num(v, a);
        i++;
        break;
      case '--batch-ms':
        out.batchIntervalMs = num(v, a);
        i++;
        break;
      case '--scenario':
        if (!SCENARIOS.includes(v as ScenarioName))
          throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}`);
        out.scenario = v as ScenarioName;
        i++;
        break;
      case '--help':
      case '-h':
        process.stdout.write(
          'usage: sim [--port N] [--host H] [--rate N] [--seed N] [--ping-interval-ms N] [--max-connection-ms N] [--time-scale X] [--replay-day-ms N] [--batch-ms N] [--scenario NAME]\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const sim = await startSimulator(opts);
  if (opts.scenario) sim.scenario(opts.scenario);
  process.stdout.write(
    `simulator listening on ${sim.url} (raw: ${sim.url}/ws/btcusdt@trade, combined: ${sim.url}/stream?streams=btcusdt@trade/btcusdt@bookTicker)\n`,
  );
  const shutdown = (): void => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const [cmd, arg, extra] = line.trim().split(/\s+/);
    try {
      if (cmd === 'scenario' && SCENARIOS.includes(arg as ScenarioName)) {
        sim.scenario(arg as ScenarioName, extra ? { durationMs: Number(extra) } : {});
      } else if (cmd === 'fault' && FAULT_KINDS.includes(arg as FaultKind)) {
        const n = extra ? Number(extra) : undefined;
        sim.fault(arg as FaultKind, { count: n, durationMs: n });
      } else if (cmd === 'rate' && arg) {
        sim.setRate(Number(arg));
      } else if (cmd === 'prices') {
        process.stdout.write(JSON.stringify(sim.prices()) + '\n');
        return;
      } else if (cmd === 'stats') {
        process.stdout.write(JSON.stringify(sim.stats()) + '\n');
        return;
      } else if (cmd === 'quit') {
        shutdown();
        return;
      } else if (cmd) {
        process.stdout.write(
          `? scenario <${SCENARIOS.join('|')}> [ms] | fault <${FAULT_KINDS.join('|')}> [n] | rate <n> | prices | stats | quit\n`,
        );
        return;
      }
      if (cmd) process.stdout.write('ok\n');
    } catch (e) {
      process.stdout.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
