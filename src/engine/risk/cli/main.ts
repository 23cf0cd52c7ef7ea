/**
 * `bulwark-risk` entry point (`npm run -s risk -- <command> [flags]`).
 *
 * stdout: the command's result as JSON. Errors: bad input (CliError from the CLI layer, RangeError
 * from the risk library's argument checks) prints ONE line `bulwark-risk: <message>` on stderr and
 * exits 2; anything else is a bug and exits 1, also with one line (set BULWARK_DEBUG=1 for the stack).
 */
import { pathToFileURL } from 'node:url';
import { commands } from './commands/index';
import { CliError, type CliCommand } from './types';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

function usage(list: readonly CliCommand[]): string {
  return ['usage: bulwark-risk <command> [flags]', '', 'commands:', ...list.map((c) => `  ${c.usage}`)].join(
    '\n',
  );
}

/** One line: stderr diagnostics must stay greppable and fit the one-line contract. */
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** Runs the CLI on argv (without node and script), returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo, list: readonly CliCommand[] = commands): number {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(
      `bulwark-risk: no command given (commands: ${list.map((c) => c.name).join(', ')}; --help for usage)\n`,
    );
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(usage(list) + '\n');
    return 0;
  }
  const cmd = list.find((c) => c.name === name);
  if (!cmd) {
    io.err(`bulwark-risk: unknown command '${name}' (commands: ${list.map((c) => c.name).join(', ')})\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: bulwark-risk ${cmd.usage}\n`);
    return 0;
  }
  try {
    const result = cmd.run([...rest]);
    io.out(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (err) {
    if (err instanceof CliError || err instanceof RangeError) {
      io.err(`bulwark-risk: ${oneLine(err.message)}\n`);
      return 2;
    }
    const detail =
      err instanceof Error
        ? process.env.BULWARK_DEBUG
          ? (err.stack ?? err.message)
          : err.message
        : String(err);
    io.err(
      `bulwark-risk: internal error in '${name}': ${process.env.BULWARK_DEBUG ? detail : oneLine(detail)}\n`,
    );
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  });
}
