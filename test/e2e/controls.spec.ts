import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/headless';
import { rpc, widenStops } from './api';

// This file manages its own servers (not the shared fixture): the override lifecycle must stop and
// restart the engine on the same data folder, and the emergency actions leave the book halted/flat,
// which must not leak into other spec files.
const TOKEN = `e2e-controls-${process.pid}`;


const remaining = async (page: Page, id: string): Promise<number> => Number(await page.getByTestId(`remaining-${id}`).getAttribute('data-ms'));

test.describe('controls: breaker override lifecycle across a restart', () => {
  test.describe.configure({ mode: 'serial' });
  let dir = '';
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-override-'));
    server = await startServer({ dataDir: dir, token: TOKEN });
  });
  test.afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a flash crash halts; override with reason + 1 min counts down, survives a restart, then is revoked', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`${server!.url}#/controls`);
    const daily = page.locator('[data-testid="breaker-row"][data-breaker="daily_loss"]');
    await expect(page.getByTestId('breaker-row')).toHaveCount(6);
    await expect(page.getByTestId('controls-mode')).toHaveAttribute('data-mode', 'ACTIVE');
    await expect(daily).toHaveAttribute('data-status', 'armed');
    // The drawdown breaker is not overridable by default: no button, a label instead.
    await expect(page.locator('[data-breaker="drawdown"]')).toContainText('not overridable');

    await widenStops(server!);
    // A deep crash, so the daily loss reaches 2 % even when other controls (the live volatility
    // reading, preservation) act first; the test waits for the breaker it is about.
    await rpc(server!, 'sim.scenario', { name: 'flash-crash', depth: 0.3 });
    await expect(daily).toHaveAttribute('data-status', 'tripped', { timeout: 60_000 });
    await expect(page.getByTestId('controls-mode')).toHaveAttribute('data-mode', 'HALTED');
    await expect(daily).toContainText('daily_loss');
    await expect(daily).toContainText('2.000%'); // threshold of the trip
    await expect(page.getByTestId('source-breakers')).toContainText('HALTED');
    await expect(page.getByTestId('trading-state')).toHaveText(/TRADING HALTED/);
    await page.screenshot({ path: 'test-results/screens/controls-dark.png', fullPage: true });

    // The dialog: submit stays disabled until reason, a valid expiry and the confirmation are all there.
    await page.getByRole('button', { name: 'Override daily loss' }).click();
    const dialog = page.getByRole('dialog', { name: 'Override the daily loss breaker' });
    await expect(dialog).toBeVisible();
    const submit = dialog.getByRole('button', { name: 'Override breaker' });
    const reason = dialog.getByLabel('Reason');
    const minutes = dialog.getByLabel('Expires in (minutes)');
    const understand = dialog.getByRole('checkbox', { name: /I understand/ });
    await expect(dialog).toContainText('max 4 h');
    await expect(submit).toBeDisabled();
    await reason.fill('known data glitch in the feed');
    await expect(submit).toBeDisabled(); // no confirmation yet
    await reason.fill('');
    await understand.check();
    await expect(submit).toBeDisabled(); // no reason
    await reason.fill('ok');
    await expect(submit).toBeDisabled(); // reason too short
    await reason.fill('known data glitch in the feed');
    await minutes.fill('241');
    await expect(submit).toBeDisabled();
    await expect(dialog).toContainText('expiresInMinutes: must be a whole number from 1 to 240');
    await minutes.fill('1');
    await expect(submit).toBeEnabled();
    await page.screenshot({ path: 'test-results/screens/controls-override-dialog.png' });
    await submit.click();
    await expect(dialog).toBeHidden();
    await expect(daily).toHaveAttribute('data-status', 'overridden');
    await expect(daily).toContainText('known data glitch in the feed');

    // The countdown ticks down every second.
    const r1 = await remaining(page, 'daily_loss');
    expect(r1).toBeGreaterThan(45_000);
    expect(r1).toBeLessThanOrEqual(60_000);
    await expect.poll(() => remaining(page, 'daily_loss'), { timeout: 5_000 }).toBeLessThan(r1 - 1_500);
    await expect(page.getByTestId('remaining-daily_loss')).toHaveText(/^0m [0-5]\ds$/);
    const beforeRestart = await remaining(page, 'daily_loss');

    // Restart the engine on the same data folder: the override and its remaining time persist.
    await server!.stop();
    server = await startServer({ dataDir: dir, token: TOKEN });
    await page.goto(`${server.url}#/controls`);
    const dailyAfter = page.locator('[data-testid="breaker-row"][data-breaker="daily_loss"]');
    await expect(dailyAfter).toHaveAttribute('data-status', 'overridden');
    await expect(dailyAfter).toContainText('known data glitch in the feed');
    await expect.poll(() => remaining(page, 'daily_loss')).toBeGreaterThan(0);
    const afterRestart = await remaining(page, 'daily_loss');
    expect(afterRestart).toBeLessThan(beforeRestart);
    expect(afterRestart).toBeGreaterThan(beforeRestart - 20_000);

    // Revoke: the breaker leaves `overridden` (armed, and re-trips if the loss got deeper).
    await page.getByRole('button', { name: 'Revoke daily loss override' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'daily loss override revoked' })).toBeVisible();
    await expect(dailyAfter).not.toHaveAttribute('data-status', 'overridden');
    const events = await rpc<{ items: { kind: string }[] }>(server, 'events.list', { limit: 10, kind: 'breaker.override_revoked' });
    expect(events.items).toHaveLength(1);
  });
});

test.describe('controls: emergency actions, trading state, limits, shortcut', () => {
  test.describe.configure({ mode: 'serial' });
  let dir = '';
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-emergency-'));
    server = await startServer({ dataDir: dir, token: TOKEN });
  });
  test.afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Ctrl+Shift+H opens the Halt dialog from any page', async ({ page }) => {
    await page.goto(`${server!.url}#/positions`);
    await expect(page.getByTestId('position-row').first()).toBeVisible();
    await page.keyboard.press('Control+Shift+H');
    const dialog = page.getByRole('dialog', { name: 'Halt trading' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Ctrl+Shift+H');
    await expect(dialog.getByLabel('Reason')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.locator('.page-title')).toHaveText('Positions');
  });

  test('every emergency action needs its word typed exactly plus a reason, then executes', async ({ page }) => {
    await page.goto(`${server!.url}#/controls`);
    await expect(page.getByTestId('controls-mode')).toHaveAttribute('data-mode', 'ACTIVE');
    await expect(page.getByRole('button', { name: /Flatten all: close \d+ positions/ })).toBeVisible();
    const panel = page.getByRole('region', { name: 'Emergency actions' });

    /** Opens the dialog, checks the wrong word keeps it disabled, confirms with the right one. */
    const confirm = async (open: RegExp, title: string, word: string, wrong: string, action: string): Promise<ReturnType<Page['getByRole']>> => {
      await panel.getByRole('button', { name: open }).click();
      const dialog = page.getByRole('dialog', { name: title });
      await expect(dialog).toBeVisible();
      const go = dialog.getByRole('button', { name: action, exact: true });
      await expect(go).toBeDisabled();
      await dialog.getByLabel(`Type ${word} to confirm`).fill(wrong);
      await dialog.getByLabel('Reason').fill('e2e drill');
      await expect(go).toBeDisabled();
      await dialog.getByLabel(`Type ${word} to confirm`).fill(word);
      await dialog.getByLabel('Reason').fill('');
      await expect(go).toBeDisabled(); // the word alone is not enough
      await dialog.getByLabel('Reason').fill('e2e drill');
      await expect(go).toBeEnabled();
      await go.click();
      await expect(dialog.getByTestId('emergency-result')).toBeVisible();
      return dialog;
    };
    const close = async (dialog: ReturnType<Page['getByRole']>): Promise<void> => {
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await expect(dialog).toBeHidden();
    };

    let d = await confirm(/^Cancel all/, 'Cancel all resting orders', 'CANCEL', 'cancel', 'Cancel all orders');
    await expect(d.getByTestId('emergency-result')).toHaveText(/Cancelled \d+ resting orders?/);
    await close(d);

    await panel.getByLabel('Reduce by percent').fill('10');
    d = await confirm(/^Reduce 10%/, 'Reduce all positions by 10%', 'REDUCE', 'REDUCED', 'Reduce 10%');
    await expect(d.getByTestId('emergency-result')).toHaveText(/\d+ orders?: [1-9]\d* filled · 0 rejected/);
    await expect(d.getByRole('table', { name: 'Emergency orders' }).getByText('filled').first()).toBeVisible();
    await close(d);
    await expect(page.getByTestId('emergency-last')).toContainText('Reduce 10%');

    d = await confirm(/^Halt/, 'Halt trading', 'HALT', 'HALT ', 'Halt trading');
    await expect(d.getByTestId('emergency-result')).toContainText('HALTED');
    await close(d);
    await expect(page.getByTestId('controls-mode')).toHaveAttribute('data-mode', 'HALTED');
    await expect(page.getByTestId('trading-state')).toHaveText(/TRADING HALTED/);
    await expect(page.getByTestId('source-manual')).toContainText('HALTED');

    // Flatten while halted: the closes reduce exposure, so they pass.
    d = await confirm(/^Flatten all/, 'Flatten all positions', 'FLATTEN', 'Flatten', 'Flatten all');
    await expect(d.getByTestId('emergency-result')).toHaveText(/\d+ orders?: [1-9]\d* filled/);
    await close(d);

    // Resume from the trading-state panel: a reason is required.
    const activeBtn = page.getByRole('group', { name: 'Set manual mode' }).getByRole('button', { name: 'ACTIVE' });
    await expect(activeBtn).toBeDisabled();
    await page.getByRole('form', { name: 'Set the manual trading state' }).getByLabel('Reason').fill('drill over');
    await activeBtn.click();
    await expect(page.getByTestId('controls-mode')).toHaveAttribute('data-mode', 'ACTIVE');
    await expect(page.getByTestId('trading-state')).toHaveText(/TRADING ACTIVE/);
  });

  test('the limits editor refuses bad values naming the field, and saves a good one', async ({ page }) => {
    await page.goto(`${server!.url}#/controls`);
    const limits = page.getByRole('region', { name: 'Limits' });
    const save = limits.getByRole('button', { name: 'Save limits' });
    const daily = limits.getByLabel(/\(maxDailyLoss\) base value/);
    const positions = limits.getByLabel(/\(maxPositions\) base value/);
    await expect(daily).toHaveValue('2');
    await expect(save).toBeDisabled();

    await daily.fill('50');
    await expect(limits.getByTestId('limits-errors')).toContainText('maxDailyLoss: must not exceed maxDrawdown (10.00%)');
    await expect(daily).toHaveAttribute('aria-invalid', 'true');
    await expect(save).toBeDisabled();
    await daily.fill('lots');
    await expect(limits.getByTestId('limits-errors')).toContainText('maxDailyLoss: must be a number');
    await daily.fill('2');
    await positions.fill('2');
    await expect(limits.getByTestId('limits-errors')).toContainText('maxPositions: must be from 3 to 20');
    await expect(save).toBeDisabled();

    await positions.fill('15');
    await expect(limits.getByTestId('limits-errors')).toBeHidden();
    await expect(save).toBeEnabled();
    await save.click();
    await expect(limits.getByTestId('limits-message')).toContainText('Saved maxPositions');
    await expect(positions).toHaveValue('15');
    const row = limits.locator('[data-limit="maxPositions"]');
    await expect(row.locator('td').nth(3)).toHaveText('15'); // effective
    const view = await rpc<{ base: { maxPositions: number } }>(server!, 'limits.get');
    expect(view.base.maxPositions).toBe(15);
  });
});
