#!/usr/bin/env node
// `npm run security`: runs @doyensec/electronegativity over the sources (src/) and, when it is
// current, the built app (out/), and fails on any HIGH or MEDIUM finding that
// security/electronegativity-accepted.json does not explain. Works offline: the release-list check
// (the only one that needs the network) is excluded and the Electron version comes from node_modules.
//
//   node scripts/electronegativity.mjs            scan src/, and out/ when it is up to date
//   node scripts/electronegativity.mjs --built    also require a current out/ (CI, after the build)
//
// Exit codes: 0 clean, 1 unexplained findings or a bad accepted list, 2 the tool could not run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsStale, root } from './lib.mjs';

/** Severities that fail the gate unless accepted. LOW and INFORMATIONAL are printed only. */
export const GATED = ['HIGH', 'MEDIUM'];
/** Needs the network (Electron release notes); version currency is handled by dependency updates. */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const MIN_JUSTIFICATION = 40;

/**
 * Validates the accepted list; returns the entries and one message per problem.
 * @param {unknown} doc parsed security/electronegativity-accepted.json
 */
export function parseAccepted(doc) {
  const problems = [];
  const entries = [];
  const list = doc && typeof doc === 'object' && Array.isArray(doc.accepted) ? doc.accepted : undefined;
  if (!list) return { entries, problems: ['accepted: expected {"accepted": [...]}'] };
  list.forEach((e, i) => {
    const at = `accepted[${i}]`;
    if (!e || typeof e !== 'object') return problems.push(`${at}: expected an object`);
    if (typeof e.check !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(e.check))
      return problems.push(`${at}.check: expected a check id such as PRELOAD_JS_CHECK`);
    if (typeof e.file !== 'string' || e.file.length === 0)
      return problems.push(`${at}.file: expected a repository-relative path (or "N/A" for global checks)`);
    const count = e.count ?? 1;
    if (!Number.isInteger(count) || count < 1)
      return problems.push(`${at}.count: expected a positive integer`);
    if (typeof e.justification !== 'string' || e.justification.trim().length < MIN_JUSTIFICATION) {
      return problems.push(
        `${at}.justification: expected a written reason of at least ${MIN_JUSTIFICATION} characters`,
      );
    }
    entries.push({ check: e.check, file: e.file, count, justification: e.justification.trim() });
  });
  return { entries, problems };
}

/**
 * Splits findings into explained and unexplained. An accepted entry explains at most `count`
 * findings of its check in its file, so a second occurrence added later is not hidden by it.
 * @param {{check: string, severity: string, confidence: string, file: string, line: number, sample: string}[]} findings
 * @param {{check: string, file: string, count: number, justification: string}[]} accepted
 */
export function gate(findings, accepted) {
  const left = accepted.map((a) => ({ ...a, left: a.count }));
  const explained = [];
  const unexplained = [];
  const ungated = [];
  for (const f of findings) {
    if (!GATED.includes(f.severity)) {
      ungated.push(f);
      continue;
    }
    const a = left.find((x) => x.check === f.check && x.file === f.file && x.left > 0);
    if (a) {
      a.left -= 1;
      explained.push({ ...f, justification: a.justification });
    } else unexplained.push(f);
  }
  const stale = left.filter((a) => a.left === a.count).map(({ left: _l, ...a }) => a);
  return { explained, unexplained, ungated, stale };
}

/** Runs electronegativity over one directory; file paths come back repository-relative. */
export async function scan(dir, electronVersion) {
  const require = createRequire(import.meta.url);
  process.env.LANG = 'en-US'; // its translations are looked up by LANG; the bundled en-US always exists
  const mod = require('@doyensec/electronegativity');
  const run = typeof mod === 'function' ? mod : mod.default; // dist/runner.js: module.exports = run
  const result = await run(
    {
      input: dir,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: false,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  const rel = (file) => (file === 'N/A' ? 'N/A' : relative(root, file).split('\\').join('/'));
  return {
    findings: result.issues.map((i) => ({
      check: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: rel(i.file),
      line: i.location?.line ?? 0,
      sample: String(i.sample ?? '')
        .split('\n')[0]
        .trim()
        .slice(0, 120),
    })),
    // Files it could not parse would silently drop their findings, so they fail the gate too.
    parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => `${rel(e.file)}: ${e.message}`),
  };
}

async function main(argv) {
  const requireBuilt = argv.includes('--built');
  const require = createRequire(import.meta.url);
  const electronVersion = require('electron/package.json').version;
  const acceptedFile = join(root, 'security/electronegativity-accepted.json');
  const { entries, problems } = parseAccepted(JSON.parse(readFileSync(acceptedFile, 'utf8')));
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`security/electronegativity-accepted.json ${p}\n`);
    return 1;
  }

  const dirs = [join(root, 'src')];
  if (!existsSync(join(root, 'out')) || buildIsStale()) {
    if (requireBuilt) {
      process.stderr.write(
        'out/ is missing or older than src/: run `npm run build` first (--built needs the app as it ships).\n',
      );
      return 2;
    }
    process.stdout.write(
      'note: out/ is missing or older than src/, scanning src/ only (npm run build, then rerun, to scan the built app too)\n',
    );
  } else dirs.push(join(root, 'out'));

  const findings = [];
  const parseErrors = [];
  for (const dir of dirs) {
    const r = await scan(dir, electronVersion);
    findings.push(...r.findings);
    parseErrors.push(...r.parseErrors);
  }
  const result = gate(findings, entries);

  const line = (f) => `${f.severity.padEnd(13)} ${f.check.padEnd(40)} ${f.file}:${f.line}  ${f.sample}`;
  process.stdout.write(
    `electronegativity (Electron ${electronVersion}) over ${dirs.map((d) => relative(root, d)).join(', ')}: ${findings.length} findings\n`,
  );
  for (const f of result.ungated) process.stdout.write(`  info     ${line(f)}\n`);
  for (const f of result.explained) process.stdout.write(`  accepted ${line(f)}\n`);
  // Entries for a tree not scanned this time (out/ while stale) are not stale.
  const scanned = dirs.map((d) => `${relative(root, d)}/`);
  result.stale = result.stale.filter((a) => a.file === 'N/A' || scanned.some((d) => a.file.startsWith(d)));
  for (const a of result.stale)
    process.stdout.write(`  warning: accepted entry no longer matches a finding: ${a.check} in ${a.file}\n`);
  for (const e of parseErrors) process.stderr.write(`  could not parse ${e}\n`);
  for (const f of result.unexplained) process.stderr.write(`  UNEXPLAINED ${line(f)}\n`);

  mkdirSync(join(root, '.cache'), { recursive: true });
  writeFileSync(
    join(root, '.cache/electronegativity.json'),
    JSON.stringify({ electronVersion, dirs, ...result, parseErrors }, null, 2),
  );
  if (result.unexplained.length > 0 || parseErrors.length > 0) {
    process.stderr.write(
      `${result.unexplained.length} HIGH/MEDIUM finding(s) not explained and ${parseErrors.length} unparsed file(s): fix them, or add a justified entry to security/electronegativity-accepted.json\n`,
    );
    return 1;
  }
  process.stdout.write(
    `ok: no unexplained HIGH or MEDIUM finding (${result.explained.length} accepted with a written justification)\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(
        `electronegativity could not run: ${err instanceof Error ? err.stack : String(err)}\n`,
      );
      process.exit(2);
    },
  );
}
