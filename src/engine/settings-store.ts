import type { Database, Statement } from 'better-sqlite3';
import { Settings, type SettingsPatch } from '../shared/contract/settings';

const KEY = 'user.settings';

/** Reads and writes the user settings row. A stored value that no longer validates falls back to defaults field by field. */
export class SettingsStore {
  private readonly get: Statement;
  private readonly put: Statement;
  private current: Settings;

  constructor(db: Database, private readonly now: () => number) {
    this.get = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.put = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
    const raw = this.get.pluck().get(KEY) as string | undefined;
    const parsed = Settings.safeParse(raw ? (JSON.parse(raw) as unknown) : {});
    this.current = parsed.success ? parsed.data : Settings.parse({});
  }

  value(): Settings {
    return structuredClone(this.current);
  }

  /** Applies a validated patch; empty URLs remove that venue's override. Returns [before, after]. */
  apply(patch: SettingsPatch): [Settings, Settings] {
    const before = this.value();
    const next = this.value();
    if (patch.feeds) {
      const { urls, ...rest } = patch.feeds;
      Object.assign(next.feeds, rest);
      if (urls) {
        for (const [venue, url] of Object.entries(urls)) {
          const v = venue as keyof typeof next.feeds.urls;
          if (url === '') delete next.feeds.urls[v];
          else next.feeds.urls[v] = url;
        }
      }
    }
    if (patch.ui) Object.assign(next.ui, patch.ui);
    if (patch.portfolio) Object.assign(next.portfolio, patch.portfolio);
    if (patch.reports?.schedule) Object.assign(next.reports.schedule, patch.reports.schedule);
    const valid = Settings.parse(next);
    this.put.run(KEY, JSON.stringify(valid), this.now());
    this.current = valid;
    return [before, this.value()];
  }
}
