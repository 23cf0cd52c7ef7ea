import { rpc } from './api';
import { expect, test } from './fixtures';

interface View {
  venue: string;
  apiKey: { hasSecret: boolean; hint: string | null };
  passphrase: { hasSecret: boolean; hint: string | null } | null;
}

const KEY = 'e2eOkxKey-5c2a8e31-9d4b-4f3a-WXYZ';
const SECRET = 'e2eOkxSecret-8F3C0D2B9A7E6F5D-QRST';
const PASS = 'e2e-Pass-phrase-LMNO';

test.describe('venue API keys', () => {
  test('sets OKX keys through the dialog, shows only the masked hint, refuses a bad key, and removes them after confirmation', async ({ page, server }) => {
    await page.goto(server.url + '#/settings');
    const cell = page.getByTestId('venue-keys-okx');
    await expect(cell).toHaveText('not set');

    await page.getByRole('button', { name: 'OKX v5 API keys' }).click();
    const dialog = page.getByTestId('venue-keys-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('API key', { exact: true })).toHaveAttribute('type', 'password');
    await expect(dialog.getByLabel('API key', { exact: true })).toHaveAttribute('autocomplete', 'off');
    await expect(dialog.getByRole('button', { name: 'Remove…' })).toHaveCount(0);

    // Inner whitespace is refused by the engine, naming the field; nothing is stored.
    await dialog.getByLabel('API key', { exact: true }).fill('has space inside');
    await dialog.getByLabel('API secret', { exact: true }).fill(SECRET);
    await dialog.getByLabel('Passphrase').fill(PASS);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('params.apiKey: must not contain whitespace');
    await expect(dialog.getByLabel('API key', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    await dialog.getByLabel('API key', { exact: true }).fill(KEY);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('.form-ok')).toHaveText('OKX v5 API keys saved');
    await expect(cell).toHaveText('set ••••WXYZ');
    await expect(page.getByTestId('venue-keys-binance')).toHaveText('not set');

    // The page and the API carry hints only.
    const html = await page.content();
    for (const clear of [KEY, SECRET, PASS]) expect(html).not.toContain(clear);
    const list = await rpc<View[]>(server, 'venues.credentials.list');
    const okx = list.find((v) => v.venue === 'okx');
    expect(okx?.apiKey).toEqual({ hasSecret: true, hint: '••••WXYZ' });
    expect(okx?.passphrase).toEqual({ hasSecret: true, hint: '••••LMNO' });
    expect(JSON.stringify(list)).not.toContain(KEY);

    // Reopened: the stored hints, empty inputs; Remove asks first, Keep backs out.
    await page.getByRole('button', { name: 'OKX v5 API keys' }).click();
    await expect(dialog.getByTestId('venue-keys-stored')).toContainText('key ••••WXYZ · secret ••••QRST · passphrase ••••LMNO');
    await expect(dialog.getByLabel('API key', { exact: true })).toHaveValue('');
    await dialog.getByRole('button', { name: 'Remove…' }).click();
    await expect(dialog.getByRole('group', { name: 'Confirm removal' })).toContainText('Remove the stored OKX v5 keys?');
    await dialog.getByRole('button', { name: 'Keep' }).click();
    await expect(cell).toHaveText('set ••••WXYZ');
    await dialog.getByRole('button', { name: 'Remove…' }).click();
    await dialog.getByRole('button', { name: 'Remove keys' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('.form-ok')).toHaveText('OKX v5 API keys removed');
    await expect(cell).toHaveText('not set');

    const events = await rpc<{ items: { kind: string; payload: Record<string, unknown> }[] }>(server, 'events.list', { limit: 20 });
    const kinds = events.items.filter((x) => x.kind.startsWith('venue.')).map((x) => x.kind);
    expect(kinds).toEqual(['venue.credentials_removed', 'venue.credentials_set']);
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });
});
