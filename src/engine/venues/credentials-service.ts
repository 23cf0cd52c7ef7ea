/**
 * Exchange API credentials: the `venues.credentials.*` requests. Values go to the encrypted secret
 * store under `venue:<venue>:<field>` and are never returned, journaled or logged; views and journal
 * entries carry masked hints (`••••` + the last 4 characters) only. Nothing reads them yet: market
 * data is public, and the keys wait for the private endpoints (account sync).
 */
import type { Database, Statement } from 'better-sqlite3';
import { RpcFailure } from '../../shared/contract/errors';
import { Venue } from '../../shared/contract/settings';
import { needsPassphrase, type VenueId, type VenueCredentialsSetParams, type VenueCredentialsView } from '../../shared/contract/venues';
import type { NewEvent } from '../db/journal';
import { SecretError } from '../secrets/cipher';
import type { SecretStore } from '../secrets/store';

export interface VenueCredentialsDeps {
  db: Database;
  secrets: Pick<SecretStore, 'set' | 'hint' | 'delete'>;
  append: (e: NewEvent) => void;
}

type Field = 'apiKey' | 'apiSecret' | 'passphrase';
export const venueSecretName = (venue: VenueId, field: Field): string => `venue:${venue}:${field}`;

export class VenueCredentialsService {
  private readonly updatedStmt: Statement;

  constructor(private readonly d: VenueCredentialsDeps) {
    // The secret store keeps updated_at per secret; a venue's keys are always written together, so
    // the newest of its rows is when its keys were set.
    this.updatedStmt = d.db.prepare('SELECT MAX(updated_at) FROM secrets WHERE name IN (?, ?, ?)').pluck();
  }

  view(venue: VenueId): VenueCredentialsView {
    const s = this.d.secrets;
    const updatedAt = this.updatedStmt.get(venueSecretName(venue, 'apiKey'), venueSecretName(venue, 'apiSecret'), venueSecretName(venue, 'passphrase')) as number | null;
    return {
      venue,
      apiKey: s.hint(venueSecretName(venue, 'apiKey')),
      apiSecret: s.hint(venueSecretName(venue, 'apiSecret')),
      passphrase: needsPassphrase(venue) ? s.hint(venueSecretName(venue, 'passphrase')) : null,
      updatedAt,
    };
  }

  list(): VenueCredentialsView[] {
    return Venue.options.map((v) => this.view(v));
  }

  /** Replaces all of a venue's keys at once (a key and a secret from different key pairs never mix). */
  set(p: VenueCredentialsSetParams): VenueCredentialsView {
    // The contract checks this too; repeated here because the service must not trust its caller.
    if (needsPassphrase(p.venue) !== (p.passphrase !== undefined)) {
      throw new RpcFailure('BAD_REQUEST', `params.passphrase: ${p.passphrase === undefined ? `required for ${p.venue}` : `not allowed for ${p.venue}`}`, 'params.passphrase');
    }
    const replaced = this.d.secrets.hint(venueSecretName(p.venue, 'apiKey')).hasSecret;
    try {
      this.d.db.transaction(() => {
        this.d.secrets.delete(`venue:${p.venue}`);
        this.d.secrets.set(venueSecretName(p.venue, 'apiKey'), p.apiKey);
        this.d.secrets.set(venueSecretName(p.venue, 'apiSecret'), p.apiSecret);
        if (p.passphrase !== undefined) this.d.secrets.set(venueSecretName(p.venue, 'passphrase'), p.passphrase);
      })();
    } catch (err) {
      if (err instanceof SecretError) throw new RpcFailure('UNAVAILABLE', `secret store: ${err.message}`);
      throw err;
    }
    const v = this.view(p.venue);
    this.d.append({ kind: 'venue.credentials_set', severity: 'info', source: 'trader', payload: { venue: p.venue, replaced, apiKey: v.apiKey.hint, apiSecret: v.apiSecret.hint, passphrase: v.passphrase?.hint ?? null } });
    return v;
  }

  remove(venue: VenueId): { removed: VenueId } {
    const before = this.view(venue);
    if (!before.apiKey.hasSecret && !before.apiSecret.hasSecret && !before.passphrase?.hasSecret) {
      throw new RpcFailure('NOT_FOUND', `params.venue: no API keys stored for ${venue}`, 'params.venue');
    }
    this.d.secrets.delete(`venue:${venue}`);
    this.d.append({ kind: 'venue.credentials_removed', severity: 'info', source: 'trader', payload: { venue, apiKey: before.apiKey.hint, apiSecret: before.apiSecret.hint, passphrase: before.passphrase?.hint ?? null } });
    return { removed: venue };
  }
}
