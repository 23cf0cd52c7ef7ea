export interface ServeArgs {
  port: number;
  host: string;
  dataDir: string | undefined;
  feeds: Record<string, string>;
  /** Risk stream WebSocket port; null when disabled with 0; absent = the default (8765). */
  streamPort?: number | null;
  /** Prometheus /metrics port; null when disabled with 0; absent = the default (9090). */
  metricsPort?: number | null;
  /** --bind-all: the stream and metrics listen on 0.0.0.0 (token still required); absent = loopback. */
  bindAll?: true;
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
      case '--stream-port':
      case '--metrics-port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}: must be an integer 0-65535 (0 disables), got "${v}"`);
        if (name === '--stream-port') out.streamPort = n === 0 ? null : n;
        else out.metricsPort = n === 0 ? null : n;
        break;
      }
      case '--bind-all':
        if (inline !== undefined) throw new Error('--bind-all: takes no value');
        out.bindAll = true;
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
        throw new Error(`${name}: unknown option (expected --port, --host, --data-dir, --feed, --stream-port, --metrics-port, --bind-all)`);
    }
  }
  return out;
}
