import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/headless';
import { rpc, widenStops } from './api';

// Its own server and data folder: the flash crash it starts must not leak into other spec files.

test.describe('alerts and history after a flash crash', () => {
  test.describe.configure({ mode: 'serial' });
  let dir = '';
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-alerts-'));
    server = await startServer({ dataDir: dir, token: `e2e-alerts-${process.pid}` });
  });
  test.afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('alerts appear in priority order and can be acknowledged; the count of unacknowledged drops', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`${server!.url}#/alerts`);
    const rows = page.getByTestId('alert-row');
    const count = page.getByTestId('unack-count');
    await expect(count).toHaveAttribute('data-count', /^\d+$/);
    if ((await rows.count()) === 0) await expect(page.getByText(/^No alerts\./)).toBeVisible();

    await widenStops(server!);
    await rpc(server!, 'sim.scenario', { name: 'flash-crash', depth: 0.3 });
    // The daily-loss breaker trips within ~30 s and raises an emergency alert, which sorts first.
    const breakerAlert = rows.filter({ hasText: 'daily loss breaker tripped' });
    await expect(breakerAlert).toHaveCount(1, { timeout: 60_000 });
    await expect(rows.first()).toHaveAttribute('data-level', 'emergency');
    await expect(breakerAlert).toContainText('2.00%'); // threshold, in the metric's unit
    const unackedRows = await page.locator('[data-testid="alert-row"][data-acked="false"]').count();
    expect(unackedRows).toBeGreaterThanOrEqual(2);
    const before = Number(await count.getAttribute('data-count'));
    expect(before).toBe(unackedRows);

    await breakerAlert.getByRole('button', { name: /^Acknowledge/ }).click();
    await expect(breakerAlert).toHaveAttribute('data-acked', 'true');
    await expect(breakerAlert.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);
    await expect.poll(async () => Number(await count.getAttribute('data-count'))).toBeLessThan(before);

    // Filters: by level, by status; then acknowledge everything visible.
    await page.getByLabel('Level', { exact: true }).selectOption('emergency');
    await expect(breakerAlert).toHaveCount(1);
    await expect(page.locator('[data-testid="alert-row"]:not([data-level="emergency"])')).toHaveCount(0);
    await page.getByLabel('Level', { exact: true }).selectOption('');
    await page.getByLabel('Status', { exact: true }).selectOption('acked');
    await expect(rows.first()).toHaveAttribute('data-acked', 'true');
    await page.getByLabel('Status', { exact: true }).selectOption('open');
    await page.getByRole('button', { name: /^Acknowledge all visible/ }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Acknowledged \d+ alerts?\.$/ })).toBeVisible();
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await expect(page.locator('[data-testid="alert-row"][data-acked="true"]').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/alerts-dark.png' });
  });

  test('History lists the preservation and breaker events with details, and exports CSV', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`${server!.url}#/history`);
    // Breaker trip from the journal.
    const trip = page.locator('[data-testid="breaker-event-row"][data-kind="breaker.activated"]').filter({ hasText: 'daily loss' });
    await expect(trip).toHaveCount(1, { timeout: 30_000 });
    await expect(trip).toContainText('tripped');

    // Capital preservation escalates (on the crash's drawdown, or on the VaR of the levered book); the
    // table is newest first, so the first escalation, from L0, is the last row.
    const pres = page.getByTestId('preservation-row');
    await expect(pres.first()).toBeVisible({ timeout: 60_000 });
    const firstEvent = pres.last();
    await expect(firstEvent).toContainText('escalate');
    const trigger = (await firstEvent.locator('td').nth(4).textContent()) ?? '';
    expect(['drawdown', 'volatility', 'correlation', 'loss_streak', 'tail_risk', 'liquidity']).toContain(trigger);
    await firstEvent.click();
    const detail = page.getByTestId('preservation-detail');
    await expect(detail).toBeVisible();
    await expect(detail).toContainText(/L0 → L[1-3]/);
    await expect(detail.locator('dd').nth(1)).toHaveText(trigger);
    await expect(detail.getByTestId('preservation-outcome')).toHaveText(/pending|loss avoided|cost of protection/);
    const orders = detail.getByRole('table', { name: 'Orders placed' }).locator('tbody tr');
    expect(await orders.count()).toBeGreaterThan(0);
    await expect(orders.first()).toContainText(/filled|rejected/);

    // Filters: a trigger that did not fire empties the table; direction is applied locally.
    await page.getByLabel('Trigger', { exact: true }).selectOption(trigger);
    await expect(pres.first()).toContainText(trigger);
    await page.getByLabel('Trigger', { exact: true }).selectOption(trigger === 'liquidity' ? 'loss_streak' : 'liquidity');
    await expect(page.getByText('No events match these filters.')).toBeVisible();
    await page.getByLabel('Trigger', { exact: true }).selectOption('');
    await page.getByLabel('Direction', { exact: true }).selectOption('escalate');
    await expect(pres.first()).toBeVisible();
    await page.getByLabel('Direction', { exact: true }).selectOption('');
    await pres.last().click();
    await expect(detail).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/history-dark.png' });

    // CSV export: a real download whose header row is right (RFC 4180, CRLF).
    const presPanel = page.getByRole('region', { name: 'Capital preservation events' });
    const [download] = await Promise.all([page.waitForEvent('download'), presPanel.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bulwark-preservation-\d{8}-\d{6}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('id,time_utc,from_level,to_level,direction,trigger,trigger_value,metrics,orders,orders_filled,orders_detail,outcome,outcome_at_utc');
    expect(lines[1]).toMatch(/^\d+,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,[0-3],[0-3],(escalate|recover),/);
    expect(text).toContain(`,escalate,${trigger},`);
    expect(text).toMatch(/\r\n\d+,[^,]+,0,[1-3],escalate,/);
    expect(lines.at(-1)).toBe(''); // every record ends with CRLF

    const brkPanel = page.getByRole('region', { name: 'Overrides and breaker events' });
    const [d2] = await Promise.all([page.waitForEvent('download'), brkPanel.getByRole('button', { name: 'Export CSV' }).click()]);
    const t2 = readFileSync(await d2.path(), 'utf8');
    expect(t2.split('\r\n')[0]).toBe('event_id,time_utc,kind,breaker,by,detail,metric,value,threshold,expires_at_utc');
    expect(t2).toContain('breaker.activated,daily_loss,');
  });
});
