/**
 * The `bulwark-risk` command line: each command is a module exporting a `CliCommand`.
 * `run` returns the JSON-serialisable result printed on stdout; bad input throws `CliError`
 * (exit code 2, one line on stderr naming the problem and, where there is one, the row).
 */
export interface CliCommand {
  name: string;
  usage: string;
  run(argv: string[]): unknown;
}

export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
