// The `npm run security` gate (scripts/electronegativity.mjs): which findings fail it, how the
// accepted list is checked, and that the real tool, run offline, reports an insecure window.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  sample: string;
}
interface Accepted {
  check: string;
  file: string;
  count: number;
  justification: string;
}
interface GateModule {
  GATED: string[];
  parseAccepted: (doc: unknown) => { entries: Accepted[]; problems: string[] };
  gate: (
    findings: Finding[],
    accepted: Accepted[],
  ) => {
    explained: (Finding & { justification: string })[];
    unexplained: Finding[];
    ungated: Finding[];
    stale: Accepted[];
  };
  scan: (dir: string, electronVersion: string) => Promise<{ findings: Finding[]; parseErrors: string[] }>;
}

const root = join(import.meta.dirname, '../../..');
// A runtime path keeps TypeScript from wanting declarations for the plain-JS script.
const load = async (): Promise<GateModule> =>
  (await import(pathToFileURL(join(root, 'scripts/electronegativity.mjs')).href)) as GateModule;

const f = (check: string, severity: string, file = 'src/main/security.ts'): Finding => ({
  check,
  severity,
  confidence: 'FIRM',
  file,
  line: 1,
  sample: '',
});
const why = 'Reviewed: the value passed here is validated by a unit-tested helper first.';
const acc = (check: string, file = 'src/main/security.ts', count = 1): Accepted => ({
  check,
  file,
  count,
  justification: why,
});

describe('gate', () => {
  it('fails on HIGH and MEDIUM findings nobody explained, and only prints LOW ones', async () => {
    const { gate, GATED } = await load();
    expect(GATED).toEqual(['HIGH', 'MEDIUM']);
    const r = gate(
      [
        f('CONTEXT_ISOLATION_JS_CHECK', 'HIGH'),
        f('PRELOAD_JS_CHECK', 'MEDIUM'),
        f('CSP_GLOBAL_CHECK', 'LOW'),
      ],
      [acc('PRELOAD_JS_CHECK')],
    );
    expect(r.unexplained.map((x) => x.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK']);
    expect(r.explained.map((x) => [x.check, x.justification])).toEqual([['PRELOAD_JS_CHECK', why]]);
    expect(r.ungated.map((x) => x.check)).toEqual(['CSP_GLOBAL_CHECK']);
    expect(r.stale).toEqual([]);
  });

  it('lets an entry explain only its own file and at most `count` occurrences', async () => {
    const { gate } = await load();
    const two = [f('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM'), f('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM')];
    expect(gate(two, [acc('OPEN_EXTERNAL_JS_CHECK')]).unexplained).toHaveLength(1);
    expect(gate(two, [acc('OPEN_EXTERNAL_JS_CHECK', 'src/main/security.ts', 2)]).unexplained).toHaveLength(0);
    const elsewhere = gate(
      [f('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'src/main/menu.ts')],
      [acc('OPEN_EXTERNAL_JS_CHECK')],
    );
    expect(elsewhere.unexplained.map((x) => x.file)).toEqual(['src/main/menu.ts']);
    expect(elsewhere.stale.map((x) => x.file)).toEqual(['src/main/security.ts']);
  });

  it('refuses an accepted list without check id, file, count or a written justification', async () => {
    const { parseAccepted } = await load();
    expect(parseAccepted({ nope: [] }).problems).toEqual(['accepted: expected {"accepted": [...]}']);
    const { entries, problems } = parseAccepted({
      accepted: [
        { check: 'PRELOAD_JS_CHECK', file: 'src/main/security.ts', justification: why },
        { check: 'preload', file: 'x.ts', justification: why },
        { check: 'PRELOAD_JS_CHECK', file: '', justification: why },
        { check: 'PRELOAD_JS_CHECK', file: 'x.ts', justification: 'ok' },
        { check: 'PRELOAD_JS_CHECK', file: 'x.ts', count: 0, justification: why },
      ],
    });
    expect(entries).toEqual([acc('PRELOAD_JS_CHECK')]);
    expect(problems).toEqual([
      'accepted[1].check: expected a check id such as PRELOAD_JS_CHECK',
      'accepted[2].file: expected a repository-relative path (or "N/A" for global checks)',
      'accepted[3].justification: expected a written reason of at least 40 characters',
      'accepted[4].count: expected a positive integer',
    ]);
  });

  it('accepts the checked-in list as valid', async () => {
    const { parseAccepted } = await load();
    const doc: unknown = JSON.parse(
      readFileSync(join(root, 'security/electronegativity-accepted.json'), 'utf8'),
    );
    const { entries, problems } = parseAccepted(doc);
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(0);
  });
});

describe('scan (the real electronegativity, offline)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-eneg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an insecure window and passes nothing through the gate unexplained', async () => {
    const { scan, gate } = await load();
    writeFileSync(
      join(dir, 'main.js'),
      [
        "const { BrowserWindow } = require('electron');",
        'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
        "win.loadURL('http://example.com/');",
        '',
      ].join('\n'),
    );
    const r = await scan(dir, '45.4.1');
    expect(r.parseErrors).toEqual([]);
    const byCheck = new Map(r.findings.map((x) => [x.check, `${x.severity}@${x.line}`]));
    expect(byCheck.get('CONTEXT_ISOLATION_JS_CHECK')).toBe('HIGH@2');
    expect(byCheck.get('SANDBOX_JS_CHECK')).toBe('MEDIUM@2');
    expect(byCheck.get('AUXCLICK_JS_CHECK')).toBe('MEDIUM@2');
    expect(byCheck.get('HTTP_RESOURCES_JS_CHECK')).toBe('MEDIUM@3');
    // No CSP, navigation handler or permission handler anywhere in this "app": the global checks say so.
    expect(byCheck.get('CSP_GLOBAL_CHECK')).toBe('MEDIUM@0');
    expect(byCheck.get('LIMIT_NAVIGATION_GLOBAL_CHECK')).toBe('HIGH@0');
    expect(byCheck.get('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK')).toBe('MEDIUM@0');
    const g = gate(r.findings, []);
    expect(g.unexplained).toHaveLength(7);
    expect(g.explained).toHaveLength(0);
  }, 60_000);
});
