import { expect, test } from './fixtures';

test.describe('command palette (keyboard only)', () => {
  test('Ctrl+K, "stre", Enter goes to Stress; arrows move the active option', async ({ page, server }) => {
    await page.goto(server.url);
    await expect(page.getByTestId('engine-status')).toContainText('ENGINE LIVE');
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: 'Command palette' });
    await expect(dialog).toBeVisible();
    const input = dialog.getByRole('combobox', { name: 'Command or page' });
    await expect(input).toBeFocused();
    // Every page is a command, each with its shortcut.
    const options = dialog.getByRole('option');
    for (const label of ['Overview', 'Positions', 'Risk', 'Stress', 'Greeks', 'Controls', 'Hedging', 'Alerts', 'History', 'Events', 'Reports', 'Settings']) {
      await expect(options.filter({ hasText: new RegExp(`^Go to${label}`) })).toHaveCount(1);
    }
    await expect(options.filter({ hasText: /^Go toStress/ })).toContainText('Alt+4');

    await page.keyboard.type('stre');
    await expect(options.first()).toContainText('Stress');
    await page.screenshot({ path: 'test-results/screens/palette-dark.png' });
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    // aria-activedescendant follows the active option.
    await expect(input).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id')) ?? 'missing');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.locator('.page-title')).toHaveText('Stress');
    await expect(page).toHaveURL(/#\/stress$/);

    // Arrow keys over the unfiltered list (pages first, in rail order): Down, Down, Enter → Risk.
    await page.keyboard.press('Control+K');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
    await expect(options.first()).toHaveAttribute('aria-selected', 'false');
    await expect(input).toHaveAttribute('aria-activedescendant', (await options.nth(2).getAttribute('id')) ?? 'missing');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.locator('.page-title')).toHaveText('Risk');

    await page.keyboard.press('Control+K');
    await page.keyboard.type('zzzq');
    await expect(dialog.getByRole('listbox')).toContainText('No command matches');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('"halt" opens the typed-confirmation Halt dialog; "?" lists the shortcuts', async ({ page, server }) => {
    await page.goto(server.url + '#/positions');
    await expect(page.getByTestId('position-row').first()).toBeVisible();
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await page.keyboard.press('Control+K');
    await page.keyboard.type('halt');
    await expect(palette.getByRole('option').first()).toContainText('Halt trading…');
    await page.keyboard.press('Enter');
    const halt = page.getByRole('dialog', { name: 'Halt trading' });
    await expect(halt).toBeVisible();
    await expect(halt.getByLabel('Reason')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(halt).toBeHidden();
    await expect(page.getByTestId('trading-state')).toHaveAttribute('data-mode', 'ACTIVE');

    // "New order…" lands in the ticket's Symbol field.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('new order: btc-usdt');
    await expect(palette.getByRole('option').first()).toContainText('New order: BTC-USDT');
    await page.keyboard.press('Enter');
    const symbol = page.getByRole('region', { name: 'Order ticket' }).getByRole('combobox', { name: 'Symbol' });
    await expect(symbol).toBeFocused();
    await expect(symbol).toHaveValue('BTC-USDT');
    await page.keyboard.press('Escape');

    // "?" outside a text field: the shortcut list.
    await page.locator('.page-title').click();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help.getByRole('table')).toContainText('Ctrl+Shift+H');
    await expect(help.getByRole('table')).toContainText('Go to Settings');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    // Typing "?" in a text field types it.
    await page.getByLabel('Filter').fill('');
    await page.getByLabel('Filter').press('?');
    await expect(page.getByLabel('Filter')).toHaveValue('?');
    await expect(help).toBeHidden();
  });
});
