import { expect, test } from './fixtures';

test.describe('settings', () => {
  test('switches to the light theme and keeps it after a reload; refuses a bad endpoint', async ({ page, server }) => {
    await page.goto(server.url + '#/settings');
    await page.getByRole('button', { name: 'Light' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.goto(server.url + '#/positions');
    await expect(page.getByTestId('position-row').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/positions-light.png' });
    await page.goto(server.url + '#/settings');
    await page.getByLabel('Coinbase Exchange URL').fill('http://not-a-socket');
    await page.getByRole('row', { name: /Coinbase Exchange/ }).getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('params.feeds.urls.coinbase: must be a ws:// or wss:// URL');
    await page.getByRole('button', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('starts a simulator scenario and injects a feed fault from the UI, both journaled', async ({ page, server }) => {
    await page.goto(server.url + '#/settings');
    await page.getByRole('button', { name: 'Volatility spike' }).click();
    await expect(page.locator('.form-ok')).toHaveText('Volatility spike started');
    await page.getByRole('button', { name: 'Malformed frames' }).click();
    await expect(page.locator('.form-ok')).toHaveText('Malformed frames injected');
    await page.goto(server.url + '#/events');
    await page.getByLabel('Kind').fill('sim.scenario');
    await expect(page.getByTestId('event-row').first()).toContainText('vol-spike');
    await page.getByLabel('Kind').fill('sim.fault');
    await expect(page.getByTestId('event-row').first()).toContainText('malformed');
  });
});
