import { z } from 'zod';
import { SecretHint } from './channels';
import { Venue } from './settings';

/**
 * Exchange API credentials per venue. Bulwark's market data is public and needs no key; the keys are
 * kept for private endpoints (account sync), so a live venue is a setting away. Like channel
 * secrets they are write-only: `set` accepts them, no reply ever contains them, views carry
 * `{hasSecret, hint}` (`••••` + the last 4 characters).
 */

export type VenueId = z.infer<typeof Venue>;

/** Venues whose API keys come with a passphrase chosen at key creation (Coinbase Exchange, OKX). */
export const PASSPHRASE_VENUES = ['coinbase', 'okx'] as const satisfies readonly VenueId[];
export const needsPassphrase = (v: VenueId): boolean => (PASSPHRASE_VENUES as readonly VenueId[]).includes(v);

/** Length bounds in characters: generous around what the six venues issue (Bybit keys 18, Kraken secrets 88). */
export const CREDENTIAL_BOUNDS = {
  apiKey: { min: 8, max: 512 },
  apiSecret: { min: 8, max: 4096 },
  passphrase: { min: 1, max: 128 },
} as const;

// A pasted key with a stray space or newline would only fail later, at the venue, with a signature
// error; refusing it here names the field instead. Non-ASCII is refused for the same reason.
const keyText = (min: number, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'required' : 'must be a string') })
    .min(1, 'required')
    .max(max, `too long (max ${max} characters)`)
    .refine((s) => !/\s/.test(s), 'must not contain whitespace')
    .refine((s) => /^[\x21-\x7e]*$/.test(s), 'must be printable ASCII')
    .refine((s) => s.length >= min, `too short (min ${min} characters)`);

const passphraseText = keyText(CREDENTIAL_BOUNDS.passphrase.min, CREDENTIAL_BOUNDS.passphrase.max);

export const VenueCredentialsSetParams = z
  .object({
    venue: Venue,
    apiKey: keyText(CREDENTIAL_BOUNDS.apiKey.min, CREDENTIAL_BOUNDS.apiKey.max),
    apiSecret: keyText(CREDENTIAL_BOUNDS.apiSecret.min, CREDENTIAL_BOUNDS.apiSecret.max),
    /** Required for coinbase and okx, refused for the others. */
    passphrase: z.string('must be a string').optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!needsPassphrase(p.venue)) {
      if (p.passphrase !== undefined) ctx.addIssue({ code: 'custom', path: ['passphrase'], message: `not allowed for ${p.venue}: its API keys have no passphrase` });
      return;
    }
    if (p.passphrase === undefined) {
      ctx.addIssue({ code: 'custom', path: ['passphrase'], message: `required for ${p.venue}` });
      return;
    }
    const r = passphraseText.safeParse(p.passphrase);
    if (!r.success) ctx.addIssue({ code: 'custom', path: ['passphrase'], message: r.error.issues[0]?.message ?? 'invalid' });
  });
export type VenueCredentialsSetParams = z.output<typeof VenueCredentialsSetParams>;

export const VenueCredentialsView = z.object({
  venue: Venue,
  apiKey: SecretHint,
  apiSecret: SecretHint,
  /** null for venues whose keys have no passphrase. */
  passphrase: SecretHint.nullable(),
  /** When the keys were last set (ms epoch), null when none are stored. */
  updatedAt: z.number().nullable(),
});
export type VenueCredentialsView = z.infer<typeof VenueCredentialsView>;

export const venuesRequests = {
  /** Every venue with masked hints of its stored keys; never the keys. */
  'venues.credentials.list': { params: z.object({}).strict(), result: z.array(VenueCredentialsView) },
  /** Stores (replaces) a venue's keys, encrypted; journaled `venue.credentials_set` with masked hints only. */
  'venues.credentials.set': { params: VenueCredentialsSetParams, result: VenueCredentialsView },
  /** Deletes a venue's keys; `NOT_FOUND` when none are stored. Journaled `venue.credentials_removed`. */
  'venues.credentials.remove': { params: z.object({ venue: Venue }).strict(), result: z.object({ removed: Venue }) },
} as const;
