import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

test.describe('reports', () => {
  test('generates a PDF with progress to 100, lists it and downloads it under its name', async ({ page, server }) => {
    await page.goto(server.url + '#/reports');
    await expect(page.getByTestId('report-list')).toContainText(/No reports yet|bulwark-risk-/);
    await page.getByTestId('report-pdf').click();
    await expect(page.getByTestId('report-progress')).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
    await expect(page.getByTestId('report-result')).toContainText(/bulwark-risk-\d{4}-\d{2}-\d{2}-\d{8}T\d{6}Z\.pdf · .* · \d+ pages/);
    const name = /(bulwark-risk-\S+\.pdf)/.exec((await page.getByTestId('report-result').textContent()) ?? '')?.[1];
    expect(name).toBeTruthy();
    const row = page.getByTestId('report-row').filter({ hasText: name! });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('PDF');
    await page.screenshot({ path: 'test-results/screens/reports.png' });
    const [dl] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: `Download ${name!}` }).click()]);
    expect(dl.suggestedFilename()).toBe(name);
    const path = await dl.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('the schedule refuses a bad time and saves a good one', async ({ page, server }) => {
    await page.goto(server.url + '#/reports');
    await page.getByTestId('schedule-time').fill('25:00');
    await expect(page.getByText('Time: must be a UTC time written HH:MM (00:00 to 23:59)')).toBeVisible();
    await expect(page.getByTestId('schedule-save')).toBeDisabled();
    await page.getByTestId('schedule-time').fill('18:45');
    await page.getByTestId('schedule-enabled').check();
    await page.getByTestId('schedule-save').click();
    await expect(page.locator('.form-ok')).toHaveText('Saved: a PDF report daily at 18:45 UTC.');
    await page.reload();
    await expect(page.getByTestId('schedule-time')).toHaveValue('18:45');
    await expect(page.getByTestId('schedule-enabled')).toBeChecked();
  });
});
