import type { Page } from '@playwright/test';
import type { HedgeMonitor, HedgeProposal, HedgingConfigView, HedgingStatus, SystemStatus } from '../../src/shared/contract/index';
import type { RunningServer } from '../support/headless';
import { rpc } from './api';
import { expect, test } from './fixtures';

const status = (s: RunningServer) => rpc<HedgingStatus>(s, 'hedging.status');
const pending = async (s: RunningServer) => rpc<HedgeProposal[]>(s, 'hedging.proposals', { status: 'pending' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The page's money format (format.ts fmtMoney with sign): −1,234.56 / +12.00. */
const money = (n: number) => `${n < 0 ? '−' : n > 0 ? '+' : ''}${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * A fresh pending proposal: the HEDGE signal is edge-triggered (it re-arms once the score is 10 %
 * below the threshold), so first lift the threshold out of reach, let one rescore (every second)
 * re-arm it, then put the threshold at half of today's score.
 */
async function freshProposal(server: RunningServer): Promise<HedgeProposal> {
  await rpc(server, 'hedging.config.set', { patch: { tailRiskThreshold: 0.99 } });
  await sleep(2500);
  const s = await status(server);
  expect(s.score).not.toBeNull();
  await rpc(server, 'hedging.config.set', { patch: { tailRiskThreshold: Number((s.score! * 0.5).toPrecision(4)) } });
  let found: HedgeProposal | undefined;
  await expect
    .poll(async () => {
      found = (await pending(server))[0];
      return found !== undefined;
    }, { timeout: 15_000 })
    .toBe(true);
  return found!;
}

async function theme(page: Page, server: RunningServer, t: 'dark' | 'light'): Promise<void> {
  await rpc(server, 'settings.set', { ui: { theme: t } });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', t);
}

test.describe('hedging page', () => {
  test('score gauge, approve through the dialog, active hedge P&L, reject with a reason, screenshots', async ({ page, server }) => {
    test.setTimeout(150_000);
    // Puts and short perps, small enough minimum that the demo book gets a proposal.
    await rpc(server, 'hedging.config.set', { patch: { enabled: true, mode: 'propose', hedgeTypes: ['put_options', 'futures_short'], minHedgeSize: 1000, proposalTtlMs: 600_000 } });
    await expect.poll(async () => (await status(server)).score, { timeout: 40_000 }).not.toBeNull();
    for (const p of await pending(server)) await rpc(server, 'hedging.reject', { id: p.id, reason: 'clear the slate for the test' });

    await page.goto(server.url + '#/hedging');
    await expect(page.getByRole('heading', { name: 'Tail-risk score' })).toBeVisible();
    await expect(page.getByTestId('hedging-gauge')).toBeVisible();

    const first = await freshProposal(server);
    const card = page.locator(`[data-testid="hedge-proposal"][data-id="${first.id}"]`);
    await expect(card).toBeVisible();
    await expect(card.getByTestId('hedge-order')).toHaveCount(first.orders.length);
    await expect(card).toContainText(first.rationale.slice(0, 40));
    await expect(card.getByTestId('proposal-expiry')).toContainText('expires in');

    // The gauge's read-out is the engine's score (3 decimals) and threshold; the score moves every
    // second, so poll until one page reading matches one engine reading taken right after it.
    await expect
      .poll(async () => {
        const shown = await page.getByTestId('tail-score').textContent();
        const s = await status(server);
        return shown === s.score!.toFixed(3) ? 'match' : `${shown} vs ${s.score}`;
      }, { timeout: 15_000 })
      .toBe('match');
    const cfg = await rpc<HedgingConfigView>(server, 'hedging.config.get');
    await expect(page.getByTestId('tail-threshold')).toHaveText(cfg.tailRiskThreshold.toFixed(3));

    await page.screenshot({ path: 'test-results/screens/hedging-proposal-dark.png', fullPage: true });

    // Approve: the dialog lists every order; executing moves the hedge into the active table.
    await card.getByRole('button', { name: 'Approve…' }).click();
    const dlg = page.getByRole('dialog', { name: `Approve hedge ${first.id}` });
    await expect(dlg.getByTestId('hedge-order')).toHaveCount(first.orders.length);
    for (const o of first.orders) await expect(dlg).toContainText(o.symbol);
    await dlg.getByRole('button', { name: /Approve and execute/ }).click();
    await expect(dlg).toBeHidden();
    await expect(page.getByTestId('proposal-outcome')).toContainText(`${first.id}: executed`);
    const rows = page.getByTestId('active-hedge');
    await expect(rows.first()).toBeVisible();
    const after = (await rpc<HedgeProposal[]>(server, 'hedging.proposals', {})).find((p) => p.id === first.id)!;
    expect(after.status).toBe('executed');
    expect(after.decidedBy).toMatch(/^user:/);

    // P&L equals the engine's monitor: stall the market data so marks hold still, let the page poll
    // the monitor (every 2 s), then compare leg by leg (to the cent, as displayed).
    await rpc(server, 'sim.fault', { kind: 'stall', durationMs: 9000 });
    await sleep(4500);
    const mon = await rpc<HedgeMonitor>(server, 'hedging.monitor');
    const active = mon.hedges.filter((h) => h.status === 'active');
    expect(active.length).toBeGreaterThan(0);
    await expect(rows).toHaveCount(active.length);
    for (const h of active) {
      const cell = page.locator(`[data-testid="active-hedge"][data-symbol="${h.symbol}"]`).getByTestId('hedge-pnl');
      await expect(cell).toHaveText(money(h.pnl));
    }
    await expect(page.getByTestId('mon-protection')).not.toHaveText('—');
    await expect(page.getByTestId('hedging-effectiveness')).toBeVisible();
    expect(mon.effectiveness.map((e) => e.proposalId)).toContain(first.id);
    expect(mon.responseTimes.samples).toBeGreaterThanOrEqual(1);

    // Reject a second proposal: the reason is required.
    const second = await freshProposal(server);
    const card2 = page.locator(`[data-testid="hedge-proposal"][data-id="${second.id}"]`);
    await card2.getByRole('button', { name: 'Reject…' }).click();
    const rdlg = page.getByRole('dialog', { name: `Reject hedge ${second.id}` });
    const submit = rdlg.getByRole('button', { name: 'Reject proposal' });
    await expect(submit).toBeDisabled();
    await rdlg.getByLabel('Reason').fill('premium too rich today');
    await submit.click();
    await expect(rdlg).toBeHidden();
    const decided = page.locator(`[data-testid="decided-proposal"][data-id="${second.id}"]`);
    await expect(decided).toContainText('rejected');
    await expect(decided).toContainText('premium too rich today');
    const rejected = (await rpc<HedgeProposal[]>(server, 'hedging.proposals', { status: 'rejected' })).find((p) => p.id === second.id)!;
    expect(rejected.reason).toBe('premium too rich today');

    await page.screenshot({ path: 'test-results/screens/hedging-dark.png', fullPage: true });
    await theme(page, server, 'light');
    await expect(rows.first()).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/screens/hedging-light.png', fullPage: true });
    await theme(page, server, 'dark');

    // Close one hedge by hand: the reason is required, the order is journaled, the row goes.
    const target = (await rpc<HedgeMonitor>(server, 'hedging.monitor', {})).hedges.find((h) => h.status === 'active')!;
    await page.locator(`[data-testid="active-hedge"][data-symbol="${target.symbol}"]`).getByRole('button', { name: `Close hedge ${target.symbol}` }).click();
    const cdlg = page.getByRole('dialog', { name: `Close hedge ${target.symbol}` });
    await expect(cdlg.getByRole('button', { name: 'Close hedge' })).toBeDisabled();
    await cdlg.getByLabel('Reason').fill('taking the hedge off into strength');
    await cdlg.getByRole('button', { name: 'Close hedge' }).click();
    await expect(cdlg).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Closed ${target.symbol}` })).toBeVisible();
    const closedView = (await rpc<HedgeMonitor>(server, 'hedging.monitor', {})).hedges.find((h) => h.id === target.id)!;
    expect(closedView.status).toBe('closed');
  });

  test('mode switch asks before auto; settings save a change and name the bad field; data folder copies', async ({ page, server, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await rpc(server, 'hedging.config.set', { patch: { mode: 'propose' } });
    await page.goto(server.url + '#/hedging');
    const modes = page.getByRole('group', { name: 'Hedging mode' });
    await modes.getByRole('button', { name: 'auto' }).click();
    const confirm = page.getByRole('dialog', { name: 'Switch hedging to auto' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await rpc<HedgingConfigView>(server, 'hedging.config.get')).mode).toBe('propose');
    await modes.getByRole('button', { name: 'auto' }).click();
    await confirm.getByRole('button', { name: 'Switch to auto' }).click();
    await expect(modes.getByRole('button', { name: 'auto' })).toHaveAttribute('aria-pressed', 'true');
    expect((await rpc<HedgingConfigView>(server, 'hedging.config.get')).mode).toBe('auto');
    await modes.getByRole('button', { name: 'propose' }).click();
    await expect(modes.getByRole('button', { name: 'propose' })).toHaveAttribute('aria-pressed', 'true');

    await page.goto(server.url + '#/settings');
    const section = page.getByRole('region', { name: 'Hedging' });
    await section.getByLabel('Max hedge cost (% of equity)').fill('3.5');
    await section.getByLabel('Re-hedge frequency (minutes)').fill('30');
    await section.getByRole('button', { name: 'Save hedging settings' }).click();
    await expect(section.getByRole('status')).toContainText('Hedging settings saved (maxHedgeCost, rehedgeFrequencyMs)');
    const saved = await rpc<HedgingConfigView>(server, 'hedging.config.get');
    expect(saved.maxHedgeCost).toBeCloseTo(0.035, 12);
    expect(saved.rehedgeFrequencyMs).toBe(1_800_000);

    await section.getByLabel('Tail-risk threshold').fill('2');
    await section.getByRole('button', { name: 'Save hedging settings' }).click();
    await expect(section.getByTestId('hedging-error-tailRiskThreshold')).toHaveText('tailRiskThreshold: must be a number above 0 and at most 1');
    await expect(section.getByLabel('Tail-risk threshold')).toHaveAttribute('aria-invalid', 'true');
    expect((await rpc<HedgingConfigView>(server, 'hedging.config.get')).tailRiskThreshold).toBe(saved.tailRiskThreshold);

    await section.getByRole('button', { name: 'Revert' }).click();
    await section.getByLabel('Narrative base URL').fill('ftp://llm.local');
    await section.getByRole('button', { name: 'Save hedging settings' }).click();
    await expect(section.getByTestId('hedging-error-narrative.baseUrl')).toHaveText('narrative.baseUrl: must be an http:// or https:// URL');
    await section.locator('fieldset').first().scrollIntoViewIfNeeded();
    await section.screenshot({ path: 'test-results/screens/hedging-settings-dark.png' });

    const sys = await rpc<SystemStatus>(server, 'system.status');
    await expect(page.getByTestId('data-folder')).toHaveText(sys.dataDir);
    await page.getByRole('button', { name: 'Copy data folder path' }).click();
    await expect(page.getByText('Copied')).toBeVisible();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(sys.dataDir);
  });
});
