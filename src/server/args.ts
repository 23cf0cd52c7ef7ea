export interface ServeArgs {
  port: number;
  host: string;
  dataDir: string | undefined;
  feeds: Record<string, string>;
}

/** Parses `--port N --host H --data-dir DIR --feed VENUE=URL`; throws naming the flag on bad input. */
export function parseServeArgs(argv: string[]): ServeArgs {
  const out: ServeArgs = { port: 5173, host: '127.0.0.1', dataDir: undefined, feeds: {} };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const [name, inline] = flag.includes('=') && flag.startsWith('--') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${name}: needs a value`);
      return v;
    };
    switch (name) {
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port: must be an integer 0-65535, got "${v}"`);
        out.port = n;
        break;
      }
      case '--host':
        out.host = value();
        break;
      case '--data-dir':
        out.dataDir = value();
        break;
      case '--feed': {
        const v = value();
        const eq = v.indexOf('=');
        if (eq <= 0) throw new Error(`--feed: expected VENUE=URL, got "${v}"`);
        out.feeds[v.slice(0, eq)] = v.slice(eq + 1);
        break;
      }
      default:
        throw new Error(`${name}: unknown option (expected --port, --host, --data-dir, --feed)`);
    }
  }
  return out;
}
