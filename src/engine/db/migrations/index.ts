import type { Migration } from './types';
import { migration as m0010 } from './0010-settings';
import { migration as m0020 } from './0020-events';
import { migration as m0030 } from './0030-instruments';
import { migration as m0040 } from './0040-positions';
import { migration as m0050 } from './0050-fills';
import { migration as m0060 } from './0060-cash';
import { migration as m0070 } from './0070-equity-snapshots';
import { migration as m0080 } from './0080-controls-state';
import { migration as m0090 } from './0090-preservation-events';
import { migration as m0100 } from './0100-risk-snapshots';
import { migration as m0110 } from './0110-hedging';
import { migration as m0120 } from './0120-alert-channels';

/** Every migration, in order. Append new files here; never edit or reorder a released one. */
export const migrations: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050, m0060, m0070, m0080, m0090, m0100, m0110, m0120];

export const latestVersion = migrations[migrations.length - 1].version;
