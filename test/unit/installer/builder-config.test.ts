// electron-builder.yml checked without packaging (packaging needs the network): loaded and
// schema-validated by electron-builder's own code, its `files` globs resolved against the built
// repository, the native binary mapped to where src/main/native.ts looks, targets and the exact
// artifact names electron-builder would produce.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { expandMacro } from 'app-builder-lib/out/util/macroExpander';
import type { AppInfo } from 'app-builder-lib/out/appInfo';
import type { Configuration } from 'app-builder-lib';
import { Arch, DebugLogger, getArtifactArchName } from 'builder-util';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronNativeBinding } from '../../../src/main/native';

const root = join(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  version: string;
  productName: string;
  scripts: Record<string, string>;
};
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, null, null);
});

/** `files` as electron-builder normalises it: strings, or `{filter: [...]}` objects. */
function filePatterns(c: Configuration): string[] {
  const raw = (Array.isArray(c.files) ? c.files : [c.files]) as unknown[];
  return raw.flatMap((p) => (typeof p === 'string' ? [p] : ((p as { filter?: string[] }).filter ?? [])));
}

/**
 * A path is packaged when a positive pattern matches it and no negated one does (electron-builder's
 * FileMatcher). Production node_modules are always added and only the negated patterns filter
 * them (app-builder-lib getNodeModuleFileMatcher prepends a match-all pattern).
 */
function packaged(patterns: string[], path: string): boolean {
  const yes = path.startsWith('node_modules/') ? ['**/*'] : patterns.filter((p) => !p.startsWith('!'));
  const no = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return (
    yes.some((p) => minimatch(path, p, { dot: true })) && !no.some((p) => minimatch(path, p, { dot: true }))
  );
}

function walk(dir: string, rel = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), `${rel}${e.name}/`) : [`${rel}${e.name}`],
  );
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema, which also catches a misspelt key", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const typo = { ...config, appID: 'com.bulwark.workstation' } as unknown as Configuration;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/appID/);
  });

  it('names the app and puts icons and installers where the docs say', () => {
    expect(config.appId).toBe('com.bulwark.workstation');
    expect(config.productName).toBe('Bulwark');
    expect(config.directories).toMatchObject({ buildResources: 'build', output: 'dist' });
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.publish).toBeNull();
  });

  it('packages the built app and runtime resources, and no sources, tests or docs', () => {
    const patterns = filePatterns(config);
    expect(patterns.slice(0, 3)).toEqual(['out/**', 'resources/**', 'package.json']);
    expect(
      existsSync(join(root, 'out/main/index.js')),
      'out/ is missing: run `npx electron-vite build` first',
    ).toBe(true);
    const repo = ['out', 'resources', 'src', 'test', 'docs', 'bench', 'scripts', 'build', 'security'].flatMap(
      (d) => walk(join(root, d), `${d}/`),
    );
    const inside = repo.filter((p) => packaged(patterns, p));
    // The entry point package.json names, the worker and preload it loads, the UI, the engine's data.
    for (const need of [
      pkg.main,
      'out/main/engine-worker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'resources/data/sp500-2000.csv',
      'resources/models/early-warning.json',
      'resources/icons/icon.png',
    ]) {
      expect(inside, need).toContain(need);
    }
    expect(packaged(patterns, 'package.json')).toBe(true);
    const leaked = inside.filter(
      (p) =>
        /^(src|test|docs|bench|scripts|build|security)\//.test(p) || p.endsWith('.map') || p.endsWith('.ts'),
    );
    expect(leaked).toEqual([]);
    expect(inside.length).toBeGreaterThan(10);
  });

  it('ships better-sqlite3 JavaScript but not its Node-ABI binary or C sources', () => {
    const patterns = filePatterns(config);
    expect(packaged(patterns, 'node_modules/better-sqlite3/lib/database.js')).toBe(true);
    expect(packaged(patterns, 'node_modules/better-sqlite3/package.json')).toBe(true);
    expect(packaged(patterns, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false);
    expect(packaged(patterns, 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false);
    expect(packaged(patterns, 'node_modules/better-sqlite3/src/better_sqlite3.cpp')).toBe(false);
  });

  describe('the Electron-ABI better-sqlite3', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'bulwark-builder-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    const touch = (p: string): void => {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, '');
    };

    it('is copied outside the asar to exactly the path native.ts loads when packaged', () => {
      const extra = (config.extraResources ?? []) as { from: string; to: string }[];
      expect(extra).toHaveLength(1);
      const { from, to } = extra[0];
      expect(from).toBe('.cache/electron-native/better_sqlite3.node');
      // Packaged: <resources>/<to>; electronNativeBinding must find the file there and nowhere else.
      const resourcesPath = join(tmp, 'resources');
      expect(
        electronNativeBinding({ packaged: true, resourcesPath, appPath: join(resourcesPath, 'app.asar') }),
      ).toBeUndefined();
      touch(join(resourcesPath, to));
      expect(
        electronNativeBinding({ packaged: true, resourcesPath, appPath: join(resourcesPath, 'app.asar') }),
      ).toBe(join(resourcesPath, to));
      // Development: the same `from` path under the app folder, as scripts/electron-native.mjs makes it.
      const appPath = join(tmp, 'checkout');
      touch(join(appPath, from));
      expect(electronNativeBinding({ packaged: false, resourcesPath, appPath })).toBe(join(appPath, from));
    });

    it('and any other native addon is unpacked from the asar', () => {
      expect(config.asarUnpack).toEqual(['**/*.node']);
      expect(minimatch('node_modules/some-addon/build/Release/addon.node', '**/*.node', { dot: true })).toBe(
        true,
      );
    });

    it('is refused by the beforePack hook when missing, stale or for another platform', async () => {
      expect(config.beforePack).toBe('./build/before-pack.mjs');
      const hook = (await import(pathToFileURL(join(root, 'build/before-pack.mjs')).href)) as {
        nativeBinaryProblem(o: Record<string, unknown>): string | null;
      };
      const ok = {
        platform: 'linux',
        arch: 'x64',
        hostPlatform: 'linux',
        hostArch: 'x64',
        binaryExists: true,
        stamp: JSON.stringify({ electron: '45.4.1', betterSqlite3: '12.6.2' }),
        electronVersion: '45.4.1',
        sqliteVersion: '12.6.2',
      };
      expect(hook.nativeBinaryProblem(ok)).toBeNull();
      expect(hook.nativeBinaryProblem({ ...ok, binaryExists: false })).toMatch(
        /better_sqlite3\.node is missing/,
      );
      expect(hook.nativeBinaryProblem({ ...ok, platform: 'win32' })).toMatch(
        /target win32-x64 differs from this machine \(linux-x64\)/,
      );
      expect(hook.nativeBinaryProblem({ ...ok, arch: 'arm64' })).toMatch(/target linux-arm64 differs/);
      expect(hook.nativeBinaryProblem({ ...ok, electronVersion: '46.0.0' })).toMatch(
        /stamp\.json does not match Electron 46\.0\.0/,
      );
      expect(hook.nativeBinaryProblem({ ...ok, stamp: undefined })).toMatch(/stamp\.json does not match/);
      expect(hook.nativeBinaryProblem({ ...ok, stamp: '{not json' })).toMatch(/stamp\.json does not match/);
    });
  });

  it('builds AppImage and deb for Linux, nsis for Windows, dmg for macOS with their settings', () => {
    expect(config.linux).toMatchObject({
      target: ['AppImage', 'deb'],
      category: 'Finance',
      icon: 'build/icon.png',
      executableName: 'bulwark',
    });
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(config.win).toMatchObject({ target: ['nsis'], icon: 'build/icon.png' });
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
    expect(config.mac).toMatchObject({
      target: ['dmg'],
      category: 'public.app-category.finance',
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    });
    const plist = readFileSync(join(root, 'build/entitlements.mac.plist'), 'utf8');
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    expect(plist).not.toMatch(/disable-library-validation|app-sandbox/);
  });

  it('names every artifact ${productName}-${version}-${os}-${arch}.${ext}, as electron-builder expands it', () => {
    expect(config.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}');
    // No platform or target overrides the pattern (electron-builder: target ?? platform ?? top level).
    for (const key of ['linux', 'win', 'mac', 'nsis', 'dmg', 'deb', 'appImage'] as const) {
      expect((config[key] as { artifactName?: string } | undefined)?.artifactName, key).toBeUndefined();
    }
    const app = {
      productName: 'Bulwark',
      sanitizedProductName: 'Bulwark',
      version: pkg.version,
    } as unknown as AppInfo;
    const name = (os: string, ext: string, arch: Arch): string =>
      expandMacro(config.artifactName!, getArtifactArchName(arch, ext), app, { os, ext });
    expect(pkg.version).toBe('0.1.0');
    expect(name('linux', 'AppImage', Arch.x64)).toBe('Bulwark-0.1.0-linux-x86_64.AppImage');
    expect(name('linux', 'deb', Arch.x64)).toBe('Bulwark-0.1.0-linux-amd64.deb');
    expect(name('linux', 'AppImage', Arch.arm64)).toBe('Bulwark-0.1.0-linux-arm64.AppImage');
    expect(name('win', 'exe', Arch.x64)).toBe('Bulwark-0.1.0-win-x64.exe');
    expect(name('mac', 'dmg', Arch.arm64)).toBe('Bulwark-0.1.0-mac-arm64.dmg');
    expect(name('mac', 'dmg', Arch.x64)).toBe('Bulwark-0.1.0-mac-x64.dmg');
  });

  it('has an icon electron-builder can turn into .ico and .icns (PNG, square, at least 512 px)', () => {
    for (const file of ['build/icon.png']) {
      const png = readFileSync(join(root, file));
      expect(png.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      expect(width).toBe(height);
      expect(width).toBeGreaterThanOrEqual(512);
    }
  });

  it('has one npm script per platform that prepares the native binary, builds and packages', () => {
    expect(pkg.scripts['dist:linux']).toBe(
      'node scripts/electron-native.mjs && electron-vite build && electron-builder --linux',
    );
    expect(pkg.scripts['dist:win']).toBe(
      'node scripts/electron-native.mjs && electron-vite build && electron-builder --win',
    );
    expect(pkg.scripts['dist:mac']).toBe(
      'node scripts/electron-native.mjs && electron-vite build && electron-builder --mac',
    );
  });
});
