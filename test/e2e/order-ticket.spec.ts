import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/headless';
import { rpc } from './api';

// Own server: this file changes limits and trades, which must not leak into other spec files.
interface CheckView {
  decision: 'approve' | 'reduce' | 'deny';
  allowedQty?: number;
  addsExposure: boolean;
  reasons: { code: string; message: string }[];
  sizing: { size: number; targetQty: number } | null;
}

test.describe('order ticket: the pre-trade decision before sending', () => {
  test.describe.configure({ mode: 'serial' });
  let dir = '';
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-ticket-'));
    server = await startServer({ dataDir: dir, token: `e2e-ticket-${process.pid}` });
    // The correlation check needs the risk engine's correlations: wait for the first snapshot.
    await expect.poll(async () => (await rpc<{ ts: number } | null>(server!, 'risk.snapshot', {})) !== null, { timeout: 20_000 }).toBe(true);
  });
  test.afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an order that breaks a limit shows DENY with its reason and Send is disabled; the suggested size can be taken', async ({ page }) => {
    const s = server!;
    // Any two crypto books move together: with a 0.05 correlation cap, adding ETH is refused.
    await rpc(s, 'limits.set', { patch: { maxCorrelation: 0.05 } });
    await page.goto(`${s.url}#/positions`);
    await expect(page.getByTestId('position-row').first()).toBeVisible();
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await ticket.getByRole('combobox', { name: 'Symbol' }).fill('ETH-USDT');
    await ticket.getByRole('group', { name: 'Side' }).getByRole('button', { name: 'Buy' }).click();
    await ticket.getByRole('textbox', { name: 'Qty' }).fill('1');

    const decision = ticket.getByTestId('ticket-decision');
    await expect(decision).toHaveAttribute('data-decision', 'deny');
    await expect(ticket.getByTestId('ticket-decision-label')).toHaveText('DENY');
    const engine = await rpc<CheckView>(s, 'orders.check', { symbol: 'ETH-USDT', side: 'buy', qty: 1, type: 'market' });
    expect(engine.decision).toBe('deny');
    const codes = engine.reasons.map((r) => r.code);
    expect(codes).toContain('CORRELATION_LIMIT');
    for (const r of engine.reasons) await expect(decision).toContainText(r.code);
    await expect(decision).toContainText(/ETH-USDT moves with the .* position \(effective ρ 0\.\d\d > 0\.05\)/);
    await expect(ticket.getByTestId('ticket-send')).toBeDisabled();
    await expect(ticket.getByTestId('ticket-what')).toHaveText('Refused by the pre-trade check: nothing will be sent.');
    await page.screenshot({ path: 'test-results/screens/order-ticket-deny-dark.png' });
    // Enter does not send a denied order.
    const fillsBefore = (await rpc<unknown[]>(s, 'fills.list', { limit: 1000 })).length;
    await ticket.getByRole('textbox', { name: 'Qty' }).press('Enter');
    await page.waitForTimeout(300);
    expect((await rpc<unknown[]>(s, 'fills.list', { limit: 1000 })).length).toBe(fillsBefore);

    // The sizing model's suggestion, as the engine computed it, goes into Qty on one click.
    expect(engine.sizing).not.toBeNull();
    const target = engine.sizing!.size;
    expect(target).toBeGreaterThan(0);
    const shown = Number(((await ticket.getByTestId('ticket-suggested').textContent()) ?? '').replace(/,/g, ''));
    // The size follows the live mark, so the ticket's check and this request can differ by a tick.
    expect(Math.abs(shown - target) / target).toBeLessThan(0.01);
    await ticket.getByRole('button', { name: 'Use suggested size' }).click();
    await expect(ticket.getByRole('textbox', { name: 'Qty' })).toHaveValue(String(shown));

    await ticket.getByRole('textbox', { name: 'Qty' }).press('Escape');
    await expect(ticket.getByRole('textbox', { name: 'Qty' })).toHaveValue('');
    await expect(decision).toBeHidden();
    await rpc(s, 'limits.set', { patch: { maxCorrelation: 0.7 } });
  });

  test('a reducing order shows APPROVE, says what it will do, and fills on Enter', async ({ page }) => {
    const s = server!;
    await page.goto(`${s.url}#/positions`);
    const row = page.locator('[data-testid="position-row"][data-symbol="AVAX-USDT"]');
    await expect(row).toBeVisible();
    const before = (await rpc<{ symbol: string; qty: number }[]>(s, 'positions.list', {})).find((p) => p.symbol === 'AVAX-USDT')!.qty;
    expect(before).toBeGreaterThan(100);
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await ticket.getByRole('combobox', { name: 'Symbol' }).fill('AVAX-USDT');
    await ticket.getByRole('group', { name: 'Side' }).getByRole('button', { name: 'Sell' }).click();
    const qty = ticket.getByRole('textbox', { name: 'Qty' });
    await qty.fill('100');
    await expect(ticket.getByTestId('ticket-decision')).toHaveAttribute('data-decision', 'approve');
    await expect(ticket.getByTestId('ticket-decision-label')).toHaveText('APPROVE');
    await expect(ticket.getByTestId('ticket-decision')).toContainText('reduces exposure');
    await expect(ticket.getByTestId('ticket-what')).toContainText(/^Will sell 100 AVAX-USDT at market · ≈ [\d,]+\.\d\d notional · reduces exposure$/);
    const send = ticket.getByTestId('ticket-send');
    await expect(send).toBeEnabled();
    // The button's description is the sentence saying what will happen.
    await expect(send).toHaveAccessibleDescription(/Will sell 100 AVAX-USDT at market/);
    await page.evaluate("document.documentElement.dataset.theme = 'light'");
    await page.screenshot({ path: 'test-results/screens/order-ticket-approve-light.png' });
    await page.evaluate("document.documentElement.dataset.theme = 'dark'");
    await qty.press('Enter');
    await expect(ticket.getByTestId('ticket-fill')).toHaveText(/^Filled sell 100 AVAX-USDT @ [\d,.]+ · fee [\d,.]+$/);
    await expect.poll(async () => (await rpc<{ symbol: string; qty: number }[]>(s, 'positions.list', {})).find((p) => p.symbol === 'AVAX-USDT')!.qty).toBe(before - 100);
    await expect(row.locator('td').nth(3)).toHaveText((before - 100).toLocaleString('en-US'));
  });

  test('an unknown symbol is named in the check error, not a crash', async ({ page }) => {
    await page.goto(`${server!.url}#/positions`);
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await ticket.getByRole('combobox', { name: 'Symbol' }).fill('NOPE-USDT');
    await ticket.getByRole('textbox', { name: 'Qty' }).fill('1');
    await expect(ticket.getByTestId('ticket-decision')).toHaveAttribute('data-decision', 'error');
    await expect(ticket.getByTestId('ticket-decision')).toContainText('unknown instrument NOPE-USDT');
  });
});
