import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectron } from '../../scripts/electron-path.mjs';

// The desktop window. It runs wherever an Electron binary is installed; on machines where it could
// not be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1, offline CI) it is skipped with the reason.
const found = findElectron();
const bin = { path: found.path, reason: found.reason && `Skipped: ${found.reason}. Install the Electron binary to run the desktop spec.` };

test.describe('desktop window', () => {
  test.skip(!bin.path, bin.reason ?? '');

  test('opens a hardened window whose renderer reaches the engine', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bulwark-electron-'));
    const app = await electron.launch({ executablePath: bin.path!, args: ['.', '--data-dir', dataDir, '--no-sandbox'] });
    const win = await app.firstWindow();
    await expect(win.getByTestId('engine-status')).toContainText('ENGINE LIVE');
    // Sandboxed, isolated, no node integration: the page sees neither `require` nor `process`.
    expect(await win.evaluate('[typeof require, typeof process, typeof window.bulwark]')).toEqual(['undefined', 'undefined', 'object']);
    await win.getByRole('link', { name: /Events/ }).click();
    await win.getByLabel('Journal note').fill('from the desktop');
    await win.getByRole('button', { name: 'Add note' }).click();
    await expect(win.getByTestId('event-row').first()).toContainText('from the desktop');
    await app.close();
  });
});
