import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../../src/engine/market/market';
import { parseServeArgs } from '../../../src/server/args';
import { desktopToken, portFromEnv, TOKEN_FILE } from '../../../src/server/desk/desktop';

describe('tick → mark latency histogram', () => {
  it('counts each value in the first bucket whose bound it does not exceed, negatives as 0', () => {
    const h = new LatencyHistogram([1, 2, 5]);
    for (const v of [0.5, 1, 1.5, 3, 3000, -2]) h.record(v);
    // ≤1: 0.5, 1, -2→0 | (1,2]: 1.5 | (2,5]: 3 | >5: 3000
    expect(h.counts).toEqual([3, 1, 1, 1]);
    expect(h.sum).toBe(0.5 + 1 + 1.5 + 3 + 3000);
    expect(h.count).toBe(6);
  });
});

describe('desk command-line flags', () => {
  it('parses ports (0 disables) and --bind-all, naming a bad flag', () => {
    expect(parseServeArgs([])).toEqual({ port: 5173, host: '127.0.0.1', dataDir: undefined, feeds: {} });
    const a = parseServeArgs(['--stream-port', '0', '--metrics-port=9191', '--bind-all']);
    expect([a.streamPort, a.metricsPort, a.bindAll]).toEqual([null, 9191, true]);
    expect(() => parseServeArgs(['--stream-port', '70000'])).toThrow('--stream-port: must be an integer 0-65535 (0 disables), got "70000"');
    expect(() => parseServeArgs(['--metrics-port'])).toThrow('--metrics-port: needs a value');
    expect(() => parseServeArgs(['--bind-all=yes'])).toThrow('--bind-all: takes no value');
  });
});

describe('desktop desk settings', () => {
  it('reads port overrides from the environment, reporting and ignoring bad ones', () => {
    const log: string[] = [];
    expect(portFromEnv({}, 'BULWARK_STREAM_PORT', 8765, (l) => log.push(l))).toBe(8765);
    expect(portFromEnv({ BULWARK_STREAM_PORT: '0' }, 'BULWARK_STREAM_PORT', 8765, (l) => log.push(l))).toBeNull();
    expect(portFromEnv({ BULWARK_STREAM_PORT: '9000' }, 'BULWARK_STREAM_PORT', 8765, (l) => log.push(l))).toBe(9000);
    expect(portFromEnv({ BULWARK_STREAM_PORT: 'x' }, 'BULWARK_STREAM_PORT', 8765, (l) => log.push(l))).toBe(8765);
    expect(log).toEqual(['bulwark: BULWARK_STREAM_PORT: must be an integer 0-65535 (0 disables), got "x"; using 8765']);
  });

  it('keeps one token in a 0600 file in the data folder unless BULWARK_TOKEN is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-desk-token-'));
    try {
      const t = desktopToken(dir, {});
      expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(readFileSync(join(dir, TOKEN_FILE), 'utf8')).toBe(`${t}\n`);
      expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
      expect(desktopToken(dir, {})).toBe(t);
      expect(desktopToken(dir, { BULWARK_TOKEN: 'from-env' })).toBe('from-env');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
