import type { Migration } from './types';
import { migration as m0010 } from './0010-settings';
import { migration as m0020 } from './0020-events';

/** Every migration, in order. Append new files here; never edit or reorder a released one. */
export const migrations: readonly Migration[] = [m0010, m0020];

export const latestVersion = migrations[migrations.length - 1].version;
