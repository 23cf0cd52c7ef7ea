/**
 * The hedging configuration: loading it (with the one-time move of a clear-text narrative key into
 * the secret store), the view that hides the key, and validating a patch. Split from
 * hedging-service.ts so the narrative API-key handling (docs/security.md, "Secrets") sits in one
 * file: the key is written to the secret store and read back only here, and never reaches the
 * config row or the journal.
 */
import { HEDGING_DEFAULTS, HedgingConfig, RpcFailure, type HedgingConfigPatch, type HedgingConfigView } from '../../shared/contract/index';
import type { NewEvent } from '../db/journal';
import type { SecretStore } from '../secrets/store';
import type { HedgingStore } from './hedging-store';

/** Name of the narrative API key in the secret store. */
const NARRATIVE_KEY = 'hedging.narrative.apiKey';

type Secrets = Pick<SecretStore, 'set' | 'reveal' | 'hint' | 'delete'> | undefined;

/** The saved config over the defaults; a row that fails validation is journaled and replaced by the defaults. */
export function loadConfig(store: HedgingStore, d: { secrets?: Secrets; append: (e: NewEvent) => void; now: () => number }): HedgingConfig {
  const raw = store.config();
  if (raw === undefined) return structuredClone(HEDGING_DEFAULTS);
  const r = HedgingConfig.safeParse({ ...HEDGING_DEFAULTS, ...(raw as object), narrative: { ...HEDGING_DEFAULTS.narrative, ...((raw as { narrative?: object }).narrative ?? {}) } });
  if (r.success) {
    // A key stored in clear by an earlier version moves into the secret store once.
    if (r.data.narrative.apiKey !== '' && d.secrets) {
      try {
        d.secrets.set(NARRATIVE_KEY, r.data.narrative.apiKey);
        r.data.narrative.apiKey = '';
        store.saveConfig(r.data, d.now());
      } catch {
        // Secret store unavailable (bad key file): keep the old row; the narrative still works.
      }
    }
    return r.data;
  }
  d.append({ kind: 'hedging.restore_failed', severity: 'critical', source: 'hedging', payload: { message: r.error.issues[0]?.message ?? 'invalid' } });
  return structuredClone(HEDGING_DEFAULTS);
}

/** The narrative key: from the secret store when there is one, else the config row (tests, no store). */
export function narrativeKey(cfg: HedgingConfig, secrets: Secrets): string {
  if (cfg.narrative.apiKey !== '' || !secrets) return cfg.narrative.apiKey;
  try {
    return secrets.reveal(NARRATIVE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function configView(cfg: HedgingConfig, secrets: Secrets): HedgingConfigView {
  const { apiKey: _k, ...n } = cfg.narrative;
  return { ...cfg, narrative: { ...n, apiKeySet: narrativeKey(cfg, secrets) !== '' } };
}

/**
 * The config after `patch`, validated (a bad field throws BAD_REQUEST naming it). A new narrative
 * key goes to the secret store (or is deleted when empty) and the returned config holds none.
 */
export function applyConfigPatch(cfg: HedgingConfig, patch: HedgingConfigPatch, secrets: Secrets): HedgingConfig {
  const parsed = HedgingConfig.safeParse({ ...cfg, ...patch, narrative: { ...cfg.narrative, ...(patch.narrative ?? {}) } });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const field = ['params', 'patch', ...i.path.map(String)].join('.');
    throw new RpcFailure('BAD_REQUEST', `${field}: ${i.message}`, field);
  }
  if (parsed.data.narrative.enabled && parsed.data.narrative.baseUrl === '') throw new RpcFailure('BAD_REQUEST', 'params.patch.narrative.baseUrl: required when the narrative is enabled', 'params.patch.narrative.baseUrl');
  const newKey = patch.narrative?.apiKey;
  if (newKey !== undefined && secrets) {
    // Write-only: the key lives encrypted in the secret store, never in the config row.
    if (newKey === '') secrets.delete(NARRATIVE_KEY);
    else secrets.set(NARRATIVE_KEY, newKey);
    parsed.data.narrative.apiKey = '';
  }
  return parsed.data;
}

/** The patch as journaled: the key itself never reaches the journal. */
export function loggedPatch(patch: HedgingConfigPatch): Record<string, unknown> {
  const { narrative: _n, ...logged } = patch;
  return { ...logged, ...(patch.narrative ? { narrative: { ...patch.narrative, ...(patch.narrative.apiKey !== undefined ? { apiKey: '***' } : {}) } } : {}) };
}
