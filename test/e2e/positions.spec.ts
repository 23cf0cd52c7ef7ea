import { expect, test } from './fixtures';

test.describe('positions (headless, built-in simulator)', () => {
  test('position P&L moves live, sorts, filters, and a paper order fills', async ({ page, server }) => {
    await page.goto(server.url + '#/positions');
    const rows = page.getByTestId('position-row');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    const btc = page.locator('[data-testid="position-row"][data-symbol="BTC-USDT"]');
    const pnlCell = btc.locator('td').nth(8);
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 3; i++) {
      seen.add((await pnlCell.textContent()) ?? '');
      await page.waitForTimeout(250);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3); // the number changed at least twice while we watched
    const equity = page.getByTestId('summary-equity');
    await expect(equity).toHaveText(/^[\d,]+\.\d\d$/);

    await page.getByRole('columnheader', { name: /^Symbol/ }).click();
    const first = await rows.first().getAttribute('data-symbol');
    const all = await Promise.all((await rows.all()).map(async (r) => (await r.getAttribute('data-symbol')) ?? ''));
    expect(first).toBe([...all].sort()[0]);
    await page.getByLabel('Kind').selectOption('option');
    await expect(rows).toHaveCount(3);
    await page.getByLabel('Kind').selectOption('');

    // A reducing order: always allowed by the pre-trade validator (adding crypto to this book can be
    // refused by the 0.7 correlation limit, as it should).
    await page.getByRole('combobox', { name: 'Symbol' }).fill('SOL-USDT');
    await page.getByRole('textbox', { name: 'Qty' }).fill('10');
    await page.getByRole('button', { name: 'Sell', exact: true }).first().click();
    await page.getByRole('button', { name: 'Sell', exact: true }).last().click();
    await expect(page.locator('.form-ok').filter({ hasText: 'Filled sell 10 SOL-USDT' })).toBeVisible();
    // The table is virtualised: with a large book (other specs share this server) the row may be off screen.
    await page.getByLabel('Filter').fill('SOL-USDT');
    await expect(page.locator('[data-symbol="SOL-USDT"] td').nth(3)).toHaveText('490');
    await page.screenshot({ path: 'test-results/screens/positions-dark.png' });
  });

  test('a bad CSV is refused with its line numbers and imports nothing', async ({ page, server }) => {
    await page.goto(server.url + '#/positions');
    await expect(page.getByTestId('position-row').first()).toBeVisible();
    const before = await page.getByTestId('position-row').count();
    await page.getByLabel('CSV text').fill('symbol,qty,avg_cost\nADA-USDT,100,0.9\nXRP-USDT,lots,2.1');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('alert')).toContainText('line 3: qty: "lots" is not a number');
    await expect(page.getByTestId('position-row')).toHaveCount(before);
  });
});
