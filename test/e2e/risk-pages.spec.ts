// Risk, Stress and Greeks pages against the live engine: every check compares what the page shows
// with the engine's own figures (risk.snapshot over the API), for the snapshot the page is showing
// (its data-ts), plus the historical replay's progress and results, roles/labels, and screenshots
// of every page in both themes.
import WebSocket from 'ws';
import type { Page } from '@playwright/test';
import type { ReplayProgress, ReplayResult, RiskSnapshot } from '../../src/shared/contract/index';
import type { RunningServer } from '../support/headless';
import { rpc } from './api';
import { expect, test } from './fixtures';

/** The number in a formatted cell: "−1,234.50" → −1234.5, "+12.3k" stays unsupported (use exact cells). */
function num(text: string | null): number {
  const t = (text ?? '').replace(/,/g, '').replace('−', '-').replace('+', '');
  const m = /-?\d+(\.\d+)?/.exec(t);
  if (!m) throw new Error(`no number in '${text}'`);
  return Number(m[0]);
}

/**
 * Runs `check` against the snapshot the page shows: waits until the page's data-ts equals the
 * engine's latest snapshot, runs the check, and retries if a new snapshot landed meanwhile.
 */
async function onShownSnapshot(page: Page, server: RunningServer, root: string, check: (s: RiskSnapshot) => Promise<void>): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let snap: RiskSnapshot | null = null;
    await expect
      .poll(
        async () => {
          snap = await rpc<RiskSnapshot | null>(server, 'risk.snapshot', {});
          return snap !== null && String(snap.ts) === (await page.locator(root).getAttribute('data-ts'));
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const s = snap as unknown as RiskSnapshot;
    await check(s);
    if ((await page.locator(root).getAttribute('data-ts')) === String(s.ts)) return;
  }
  throw new Error('the risk snapshot changed during every attempt');
}

async function allTitled(page: Page): Promise<void> {
  const untitled = await page.locator('.rk-kpi').evaluateAll((els: { getAttribute(name: string): string | null }[]) => els.filter((e) => !(e.getAttribute('title') ?? '').trim()).length);
  expect(untitled).toBe(0);
}

test.describe('risk pages', () => {
  test('Risk: diversification, correlation cell, VaR models and the backtest match the engine', async ({ page, server }) => {
    await page.goto(server.url + '#/risk');
    await expect(page.locator('.page-title')).toHaveText('Risk');
    await expect(page.getByTestId('kpi-diversification')).toHaveText(/^\d{1,3}$/, { timeout: 30_000 });
    await onShownSnapshot(page, server, '.page-risk', async (s) => {
      await expect(page.getByTestId('kpi-diversification')).toHaveText(s.diversification.score.toFixed(0));
      await expect(page.getByTestId('kpi-hhi')).toHaveText(s.hhi.toFixed(3));
      await expect(page.getByTestId('corr-avg')).toHaveText(s.correlation.avgPairwise.toFixed(2));
      // A correlation cell off the diagonal, in the engine's cluster order.
      const table = page.getByRole('table', { name: 'Correlation matrix' });
      await expect(table.getByRole('columnheader')).toHaveText(['Underlying', ...s.correlation.symbols]);
      expect(s.correlation.symbols.length).toBeGreaterThan(2);
      await expect(page.getByTestId('corr-0-1')).toHaveText(s.correlation.matrix[0][1].toFixed(2));
      await expect(page.getByTestId('corr-1-0')).toHaveText(s.correlation.matrix[1][0].toFixed(2));
      for (const k of ['historical', 'parametric', 'monteCarlo'] as const)
        expect(Math.abs(num(await page.getByTestId(`var99-${k}`).textContent()) - s.var[k]['0.99'].var)).toBeLessThan(1);
      const bt = s.backtest;
      expect(bt).not.toBeNull();
      if (!bt) return;
      expect(bt.days).toBe(250);
      await expect(page.getByTestId('bt-exceptions-0.99')).toHaveText(`${bt.levels['0.99'].count} / ${bt.levels['0.99'].expected.toFixed(1)}`);
      await expect(page.getByTestId('bt-exceptions-0.95')).toHaveText(`${bt.levels['0.95'].count} / ${bt.levels['0.95'].expected.toFixed(1)}`);
      await expect(page.getByTestId('basel-zone')).toHaveAttribute('data-zone', bt.levels['0.99'].zone);
      await expect(page.getByTestId('bt-row-0.99')).toContainText(bt.levels['0.99'].kupiec.p.toFixed(3));
    });
    await expect(page.getByRole('img', { name: /Correlation matrix heatmap of \d+ underlyings/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Daily P&L over 250 days/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'VaR by model' }).getByRole('row')).toHaveCount(5);
    await expect(page.getByRole('region', { name: 'Exposure' })).toBeVisible();
    await allTitled(page);
  });

  test('Stress: the worst grid cell, a grid cell and the worst scenario match the engine', async ({ page, server }) => {
    await page.goto(server.url + '#/stress');
    await expect(page.getByTestId('stress-worst')).toHaveText(/\d/, { timeout: 30_000 });
    await onShownSnapshot(page, server, '.page-stress', async (s) => {
      expect(s.stress.worst.pnl).toBeLessThan(0);
      expect(Math.abs(num(await page.getByTestId('stress-worst').textContent()) - s.stress.worst.pnl)).toBeLessThan(1);
      // Cell [price −30 %][vol −50 %] printed to the cent.
      expect(num(await page.getByTestId('grid-0-0').textContent())).toBeCloseTo(s.stress.grid[0][0], 2);
      const worst = s.scenarios.reduce((a, b) => (b.pnl < a.pnl ? b : a));
      await expect(page.getByTestId('kpi-worst-scenario').locator('..')).toContainText(worst.name);
      expect(Math.abs(num(await page.getByTestId('kpi-worst-scenario').textContent()) - worst.pnl)).toBeLessThan(1);
      await expect(page.getByTestId('scenario-row')).toHaveCount(s.scenarios.length);
    });
    await expect(page.getByRole('img', { name: /Stress grid heatmap: P&L for 7 price shocks by 5 volatility shocks/ })).toBeVisible();
    await allTitled(page);
  });

  test('Stress: a historical replay reports progress to 100 % and shows its results', async ({ page, server }) => {
    await page.goto(server.url + '#/stress');
    const bar = page.getByRole('progressbar', { name: 'Replay progress' });
    await expect(bar).toHaveAttribute('aria-valuenow', '0');
    await page.getByRole('radiogroup', { name: 'Replay window' }).getByRole('radio', { name: 'COVID 2020' }).click();
    await expect(page.getByRole('radio', { name: 'COVID 2020' })).toHaveAttribute('aria-checked', 'true');
    await page.getByRole('button', { name: 'Run replay' }).click();
    await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
    await expect(page.getByTestId('replay-result')).toBeVisible();
    await expect(page.getByRole('img', { name: /Equity path through COVID-19 crash/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /Daily P&L through COVID-19 crash.*; worst day 2020-03-16$/ })).toBeVisible();
    // The demo book is net long: its worst day is the S&P's worst day of the window, 16 March 2020 (−12 %).
    await expect(page.getByTestId('replay-worst-day').locator('..')).toContainText('2020-03-16');
    const ref = await rpc<ReplayResult>(server, 'stress.replay', { scenario: '2020' });
    expect(ref.worstDay.date).toBe('2020-03-16');
    const shownWorst = num(await page.getByTestId('replay-worst-day').textContent());
    expect(Math.abs(shownWorst - ref.worstDay.pnl) / Math.abs(ref.worstDay.pnl)).toBeLessThan(0.05); // prices moved a little since
    expect(Math.abs(num(await page.getByTestId('replay-max-dd').textContent()))).toBeCloseTo(ref.maxDrawdown.pct * 100, 0); // shown as −x.x%
    await expect(page.getByTestId('replay-recovery')).toHaveText(ref.recovery.status === 'recovered' ? `${ref.recovery.days} d` : 'Not recovered');
  });

  test('stress.replay pushes stress.progress for its id up to 100 % and refuses a bad scenario', async ({ server }) => {
    const seen: ReplayProgress[] = [];
    const reply = await new Promise<ReplayResult>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
      let result: ReplayResult | undefined;
      ws.on('open', () => ws.send(JSON.stringify({ id: 7, method: 'stress.replay', params: { scenario: '2000-2002', id: 'e2e-dotcom' } })));
      ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as { id?: number; ok?: boolean; value?: ReplayResult; topic?: string; data?: ReplayProgress };
        if (m.topic === 'stress.progress' && m.data?.id === 'e2e-dotcom') seen.push(m.data);
        if (m.id === 7) result = m.value;
        // The host coalesces pushes at 4 Hz: the 100 % frame may follow the reply.
        if (result && seen.at(-1)?.pct === 100) {
          ws.close();
          resolve(result);
        }
      });
      ws.on('error', reject);
      setTimeout(() => reject(new Error(`no 100 % progress; saw ${JSON.stringify(seen.map((x) => x.pct))}`)), 20_000);
    });
    expect(reply.id).toBe('e2e-dotcom');
    expect(reply.dates[0]).toBe('2000-01-04'); // 2000-01-03 is the file's first close: no return
    expect(reply.dates.at(-1)).toBe('2002-12-31');
    expect(seen.at(-1)).toMatchObject({ pct: 100, day: reply.dates.length, days: reply.dates.length, scenario: '2000-2002' });
    for (let i = 1; i < seen.length; i++) expect(seen[i].pct).toBeGreaterThanOrEqual(seen[i - 1].pct);
    expect(reply.equityPath[0]).toBeCloseTo(reply.equity + reply.pnl[0], 6);
    await expect(rpc(server, 'stress.replay', { scenario: '1987' })).rejects.toThrow(/params\.scenario/);
  });

  test('Greeks: book totals, an underlying’s net delta and its hedge match the engine', async ({ page, server }) => {
    await page.goto(server.url + '#/greeks');
    await expect(page.getByTestId('greeks-row').first()).toBeVisible({ timeout: 30_000 });
    await onShownSnapshot(page, server, '.page-greeks', async (s) => {
      const btc = s.greeks.byUnderlying['BTC-USDT'];
      expect(btc).toBeDefined();
      expect(num(await page.getByTestId('greek-delta-BTC-USDT').textContent())).toBeCloseTo(btc.delta, 2);
      expect(num(await page.getByTestId('greek-vega-BTC-USDT').textContent())).toBeCloseTo(btc.vega, 2);
      expect(btc.vega).toBeGreaterThan(0); // two long BTC options
      expect(Math.abs(num(await page.getByTestId('kpi-delta').textContent()) - s.greeks.delta)).toBeLessThan(1);
      const h = s.hedges.find((x) => x.underlying === 'BTC-USDT');
      expect(h).toBeDefined();
      if (!h) return;
      expect(h.hedgeQty * h.spot).toBeCloseTo(-btc.delta, 4);
      const trade = page.getByTestId('hedge-trade-BTC-USDT');
      await expect(trade).toContainText(h.hedgeQty > 0 ? 'BUY' : 'SELL');
      expect(num(await trade.locator('.num').first().textContent())).toBeCloseTo(Math.abs(h.hedgeQty), 3);
      await expect(page.getByRole('table', { name: 'Option positions' }).getByRole('row')).toHaveCount(s.optionGreeks.length + 1);
    });
    await expect(page.getByRole('img', { name: /Delta by strike and expiry for BTC-USDT options/ })).toBeVisible();
    await page.getByRole('radiogroup', { name: 'Greek' }).getByRole('radio', { name: 'Gamma' }).click();
    await expect(page.getByRole('img', { name: /Gamma by strike and expiry for BTC-USDT options/ })).toBeVisible();
    await page.getByLabel('Underlying', { exact: true }).selectOption('ETH-USDT');
    await expect(page.getByRole('img', { name: /Gamma by strike and expiry for ETH-USDT options/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Delta hedge suggestion' })).toBeVisible();
    await allTitled(page);
  });

  test('screenshots of every page, dark and light', async ({ page, server }) => {
    await page.setViewportSize({ width: 1440, height: 1500 });
    for (const theme of ['dark', 'light'] as const) {
      await rpc(server, 'settings.set', { ui: { theme } });
      for (const p of ['risk', 'stress', 'greeks']) {
        await page.goto(`${server.url}#/${p}`);
        await page.reload();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await expect(page.locator(`.page-${p}`)).toHaveAttribute('data-ts', /\d+/, { timeout: 30_000 });
        if (p === 'stress') {
          await page.getByRole('button', { name: 'Run replay' }).click();
          await expect(page.getByTestId('replay-result')).toBeVisible({ timeout: 30_000 });
        }
        await page.waitForTimeout(400); // charts paint on the next frame
        await page.screenshot({ path: `test-results/screens/${p}-${theme}.png` });
      }
    }
    await rpc(server, 'settings.set', { ui: { theme: 'dark' } });
  });
});
