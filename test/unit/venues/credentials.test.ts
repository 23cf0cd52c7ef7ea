import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import type { EventsPage, Result, VenueCredentialsView } from '../../../src/shared/contract/index';

const dirs: string[] = [];
const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines.splice(0)) await e.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'bulwark-venue-keys-'));
  dirs.push(d);
  return d;
};
let clock = Date.UTC(2026, 2, 2, 10, 0, 0);
const make = (dataDir: string): Engine => {
  // No start(): no feeds or timers are needed to exercise the requests.
  const e = new Engine({ dataDir, version: 't', push: () => {}, seedDemo: false, now: () => clock });
  engines.push(e);
  return e;
};
const val = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};
const err = async (e: Engine, method: string, params: unknown): Promise<{ code: string; message: string; field?: string }> => {
  const r = await e.handle(method, params);
  if (r.ok) throw new Error(`${method} accepted ${JSON.stringify(params)}`);
  return r.error;
};
const closeEngine = async (e: Engine): Promise<void> => {
  engines.splice(engines.indexOf(e), 1);
  await e.close();
};
/** Every byte the engine left in its data folder (database, WAL, key file). */
const folderBytes = (dir: string): string => readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');

const BIN_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const BIN_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const OKX_KEY = '5c2a8e31-9d4b-4f3a-b0c7-1e2d3f4a5b6c';
const OKX_SECRET = '8F3C0D2B9A7E6F5D4C3B2A1908F7E6D5';
const OKX_PASS = 'Tr4der!Pass#2026';

describe('venues.credentials through the engine', () => {
  it('stores keys encrypted, shows masked hints only, journals no key, survives a restart, and removes them', async () => {
    const dir = tmp();
    let e = make(dir);

    const empty = val<VenueCredentialsView[]>(await e.handle('venues.credentials.list', {}));
    expect(empty.map((v) => v.venue)).toEqual(['binance', 'binance-usdm', 'coinbase', 'kraken', 'bybit', 'okx']);
    expect(empty.find((v) => v.venue === 'binance')).toEqual({ venue: 'binance', apiKey: { hasSecret: false, hint: null }, apiSecret: { hasSecret: false, hint: null }, passphrase: null, updatedAt: null });
    expect(empty.find((v) => v.venue === 'okx')?.passphrase).toEqual({ hasSecret: false, hint: null });

    const setAt = clock;
    const b = val<VenueCredentialsView>(await e.handle('venues.credentials.set', { venue: 'binance', apiKey: BIN_KEY, apiSecret: BIN_SECRET }));
    // Hints are the last 4 characters of each value (see BIN_KEY / BIN_SECRET above).
    expect(b).toEqual({ venue: 'binance', apiKey: { hasSecret: true, hint: '••••Eh8A' }, apiSecret: { hasSecret: true, hint: '••••Tj0j' }, passphrase: null, updatedAt: setAt });
    clock += 60_000;
    const o = val<VenueCredentialsView>(await e.handle('venues.credentials.set', { venue: 'okx', apiKey: OKX_KEY, apiSecret: OKX_SECRET, passphrase: OKX_PASS }));
    expect(o.apiKey.hint).toBe('••••5b6c');
    expect(o.apiSecret.hint).toBe('••••E6D5');
    expect(o.passphrase).toEqual({ hasSecret: true, hint: '••••2026' });
    expect(o.updatedAt).toBe(setAt + 60_000);

    const list = val<VenueCredentialsView[]>(await e.handle('venues.credentials.list', {}));
    const listText = JSON.stringify(list);
    expect(list.filter((v) => v.apiKey.hasSecret).map((v) => v.venue)).toEqual(['binance', 'okx']);
    const events = val<EventsPage>(await e.handle('events.list', { limit: 50 }));
    const setEvents = events.items.filter((x) => x.kind === 'venue.credentials_set');
    expect(setEvents.map((x) => x.payload)).toEqual(
      expect.arrayContaining([
        { venue: 'binance', replaced: false, apiKey: '••••Eh8A', apiSecret: '••••Tj0j', passphrase: null },
        { venue: 'okx', replaced: false, apiKey: '••••5b6c', apiSecret: '••••E6D5', passphrase: '••••2026' },
      ]),
    );
    const journalText = JSON.stringify(events);

    // Replacing keeps one set per venue and journals `replaced: true`.
    clock += 60_000;
    const NEW_SECRET = 'zzzzzzzzzzzzzzzzzzzzzzzzQ9rX';
    const b2 = val<VenueCredentialsView>(await e.handle('venues.credentials.set', { venue: 'binance', apiKey: BIN_KEY, apiSecret: NEW_SECRET }));
    expect(b2.apiSecret.hint).toBe('••••Q9rX');
    expect(b2.updatedAt).toBe(setAt + 120_000);
    const replacedEv = val<EventsPage>(await e.handle('events.list', { limit: 5, kind: 'venue.credentials_set' })).items[0];
    expect(replacedEv.payload).toMatchObject({ venue: 'binance', replaced: true, apiSecret: '••••Q9rX' });

    await closeEngine(e); // checkpoints the WAL into the database file
    const bytes = folderBytes(dir);
    // Positive control: the stored hint is in the file, so these are the bytes that hold the secrets.
    expect(bytes).toContain('Eh8A');
    for (const clear of [BIN_KEY, BIN_SECRET, NEW_SECRET, OKX_KEY, OKX_SECRET, OKX_PASS]) {
      expect(listText).not.toContain(clear);
      expect(journalText).not.toContain(clear);
      expect(bytes).not.toContain(clear);
      // Nor a long piece of it (the hint's last 4 characters are the only clear part anywhere).
      expect(bytes).not.toContain(clear.slice(0, 12));
    }

    // Restart on the same folder: same key file, so the hints and values are back.
    clock += 60_000;
    e = make(dir);
    const after = val<VenueCredentialsView[]>(await e.handle('venues.credentials.list', {}));
    expect(after.find((v) => v.venue === 'binance')).toEqual({ venue: 'binance', apiKey: { hasSecret: true, hint: '••••Eh8A' }, apiSecret: { hasSecret: true, hint: '••••Q9rX' }, passphrase: null, updatedAt: setAt + 120_000 });
    // Whoever reads them (account sync) gets the exact values back through the store.
    const { SecretStore } = await import('../../../src/engine/secrets/store');
    const store = new SecretStore(e.db, { dataDir: dir }, () => clock);
    expect(store.reveal('venue:okx:apiSecret')).toBe(OKX_SECRET);
    expect(store.reveal('venue:okx:passphrase')).toBe(OKX_PASS);

    // Remove deletes every field of that venue and nothing else.
    expect(val(await e.handle('venues.credentials.remove', { venue: 'okx' }))).toEqual({ removed: 'okx' });
    expect(store.reveal('venue:okx:apiKey')).toBeUndefined();
    expect(store.reveal('venue:okx:passphrase')).toBeUndefined();
    const afterRemove = val<VenueCredentialsView[]>(await e.handle('venues.credentials.list', {}));
    expect(afterRemove.find((v) => v.venue === 'okx')).toEqual({ venue: 'okx', apiKey: { hasSecret: false, hint: null }, apiSecret: { hasSecret: false, hint: null }, passphrase: { hasSecret: false, hint: null }, updatedAt: null });
    expect(afterRemove.find((v) => v.venue === 'binance')?.apiKey.hasSecret).toBe(true);
    const removedEv = val<EventsPage>(await e.handle('events.list', { limit: 5, kind: 'venue.credentials_removed' })).items;
    expect(removedEv.map((x) => x.payload)).toEqual([{ venue: 'okx', apiKey: '••••5b6c', apiSecret: '••••E6D5', passphrase: '••••2026' }]);
    expect(await err(e, 'venues.credentials.remove', { venue: 'okx' })).toEqual({ code: 'NOT_FOUND', message: 'params.venue: no API keys stored for okx', field: 'params.venue' });
    await closeEngine(e);
  });

  it('refuses bad input naming the field and the reason, and stores nothing then', async () => {
    const e = make(tmp());
    const set = (p: Record<string, unknown>) => err(e, 'venues.credentials.set', p);
    const ok = { venue: 'kraken', apiKey: 'K'.repeat(56), apiSecret: 'S'.repeat(88) };
    expect(await set({ venue: 'kraken', apiKey: 'K'.repeat(56) })).toEqual({ code: 'BAD_REQUEST', message: 'params.apiSecret: required', field: 'params.apiSecret' });
    expect((await set({ ...ok, apiKey: '' })).message).toBe('params.apiKey: required');
    expect((await set({ ...ok, apiKey: 'abc defgh' })).message).toBe('params.apiKey: must not contain whitespace');
    expect((await set({ ...ok, apiSecret: `${'S'.repeat(20)}\n` })).message).toBe('params.apiSecret: must not contain whitespace');
    expect((await set({ ...ok, apiKey: 'short7!' })).message).toBe('params.apiKey: too short (min 8 characters)');
    expect((await set({ ...ok, apiKey: 'k'.repeat(513) })).message).toBe('params.apiKey: too long (max 512 characters)');
    expect((await set({ ...ok, apiSecret: 's'.repeat(4097) })).message).toBe('params.apiSecret: too long (max 4096 characters)');
    expect((await set({ ...ok, apiKey: 'clé-secrète-123' })).message).toBe('params.apiKey: must be printable ASCII');
    expect((await set({ ...ok, apiKey: 12345678 })).message).toBe('params.apiKey: must be a string');
    expect((await set({ ...ok, venue: 'ftx' })).field).toBe('params.venue');
    expect((await set({ ...ok, extra: 1 })).message).toMatch(/^params(\.extra)?: /);
    // Passphrase rules: required for coinbase/okx, refused for the others.
    expect(await set({ ...ok, venue: 'coinbase' })).toEqual({ code: 'BAD_REQUEST', message: 'params.passphrase: required for coinbase', field: 'params.passphrase' });
    expect((await set({ ...ok, venue: 'okx' })).message).toBe('params.passphrase: required for okx');
    expect((await set({ ...ok, venue: 'okx', passphrase: '' })).message).toBe('params.passphrase: required');
    expect((await set({ ...ok, venue: 'okx', passphrase: 'two words' })).message).toBe('params.passphrase: must not contain whitespace');
    expect((await set({ ...ok, venue: 'okx', passphrase: 'p'.repeat(129) })).message).toBe('params.passphrase: too long (max 128 characters)');
    expect(await set({ ...ok, passphrase: 'whatever1' })).toEqual({ code: 'BAD_REQUEST', message: 'params.passphrase: not allowed for kraken: its API keys have no passphrase', field: 'params.passphrase' });
    expect((await set({ ...ok, venue: 'bybit', passphrase: '' })).message).toBe('params.passphrase: not allowed for bybit: its API keys have no passphrase');
    expect((await err(e, 'venues.credentials.remove', { venue: 'nowhere' })).field).toBe('params.venue');

    const list = val<VenueCredentialsView[]>(await e.handle('venues.credentials.list', {}));
    expect(list.every((v) => !v.apiKey.hasSecret && !v.apiSecret.hasSecret && v.updatedAt === null)).toBe(true);
    const events = val<EventsPage>(await e.handle('events.list', { limit: 50, kind: 'venue.credentials_set' }));
    expect(events.items).toHaveLength(0);
    // A valid coinbase set (passphrase given) then passes.
    const cb = val<VenueCredentialsView>(await e.handle('venues.credentials.set', { ...ok, venue: 'coinbase', passphrase: 'cbpass' }));
    // A value of 8 characters or fewer: the hint shows none of them (maskHint).
    expect(cb.passphrase).toEqual({ hasSecret: true, hint: '••••' });
    expect(cb.apiKey.hint).toBe('••••KKKK');
    await closeEngine(e);
  });
});
