import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../src/engine/db/open';
import { SettingsStore } from '../../../src/engine/settings-store';
import { parseParams } from '../../../src/shared/contract/index';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-settings-'));
  db = openDatabase({ dataDir: dir });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('settings', () => {
  it('starts from documented defaults', () => {
    expect(new SettingsStore(db, () => 1).value()).toEqual({
      feeds: { simulator: true, simRate: 400, urls: {}, staleMs: 5000 },
      ui: { theme: 'dark' },
      portfolio: { dayStartHourUtc: 0 },
      reports: { schedule: { enabled: false, timeUtc: '21:00', format: 'pdf', folder: '' } },
    });
  });

  it('applies partial patches, persists them, and removes a venue URL set to ""', () => {
    const s = new SettingsStore(db, () => 1);
    const [before, after] = s.apply({ feeds: { urls: { binance: 'ws://127.0.0.1:9000/ws' }, staleMs: 2000 }, ui: { theme: 'light' } });
    expect(before.ui.theme).toBe('dark');
    expect(after).toMatchObject({ feeds: { simulator: true, urls: { binance: 'ws://127.0.0.1:9000/ws' }, staleMs: 2000 }, ui: { theme: 'light' } });
    expect(new SettingsStore(db, () => 2).value()).toEqual(after); // survives a restart
    const [, cleared] = s.apply({ feeds: { urls: { binance: '' } } });
    expect(cleared.feeds.urls).toEqual({});
  });

  it('refuses bad patches naming the field', () => {
    const url = parseParams('settings.set', { feeds: { urls: { binance: 'http://x' } } });
    expect(!url.ok && url.error.field).toBe('params.feeds.urls.binance');
    expect(!url.ok && url.error.message).toMatch(/ws:\/\/ or wss:\/\//);
    const venue = parseParams('settings.set', { feeds: { urls: { mtgox: 'ws://x' } } });
    expect(venue.ok).toBe(false);
    const rate = parseParams('settings.set', { feeds: { simRate: 5 } });
    expect(!rate.ok && rate.error.field).toBe('params.feeds.simRate');
    const extra = parseParams('settings.set', { colour: 'red' });
    expect(extra.ok).toBe(false);
  });
});
