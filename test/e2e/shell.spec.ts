import WebSocket from 'ws';
import { expect, test } from './fixtures';

test.describe('headless shell', () => {
  test('loads, shows a live heartbeat and clocks', async ({ page, server }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await expect(page).toHaveTitle('Bulwark');
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    const engine = page.getByTestId('engine-status');
    await expect(engine).toContainText('ENGINE LIVE');
    const seq = page.getByTestId('heartbeat-seq');
    const first = Number(await seq.textContent());
    await expect.poll(async () => Number(await seq.textContent()), { timeout: 5000 }).toBeGreaterThan(first + 1);
    await expect(page.getByTestId('db-status')).toContainText(/DB v\d+ · WAL/);
    await expect(page.getByTestId('clock-utc')).toHaveText(/^UTC \d\d:\d\d:\d\d$/);
    // The heavy risk recompute reaches the first screen: VaR in money and a 0-100 score.
    await expect(page.getByTestId('kpi-var99')).toHaveText(/^[\d,]+(\.\d\d)?$/, { timeout: 15_000 });
    await expect(page.getByTestId('kpi-risk-score')).toHaveText(/^\d{1,3}$/);
    await page.screenshot({ path: 'test-results/screens/overview-dark.png' });
    expect(errors).toEqual([]);
  });

  test('navigates by click, by keyboard and by URL', async ({ page, server }) => {
    await page.goto(server.url);
    const title = page.locator('.page-title');
    await page.getByRole('link', { name: /Controls/ }).click();
    await expect(title).toHaveText('Controls');
    await expect(page).toHaveURL(/#\/controls$/);
    await expect(page.getByRole('link', { name: /Controls/ })).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Alt+3');
    await expect(title).toHaveText('Risk');
    await page.keyboard.press('Alt+e');
    await expect(title).toHaveText('Events');
    await page.reload();
    await expect(title).toHaveText('Events');
  });

  test('a note added through the UI appears in the journal, and a bad one is refused', async ({ page, server }) => {
    await page.goto(server.url + '#/events');
    const box = page.getByLabel('Journal note');
    const text = `Cut BTC beta before FOMC ${Date.now()}`;
    await box.fill(text);
    await page.getByRole('button', { name: 'Add note' }).click();
    const row = page.getByTestId('event-row').first();
    await expect(row).toContainText(text);
    await expect(row).toContainText('note');
    await expect(box).toHaveValue('');
    await expect(page.getByRole('button', { name: 'Add note' })).toBeDisabled(); // empty box cannot submit

    await page.getByLabel('Severity').selectOption('critical');
    await expect(page.getByText('No events match these filters.')).toBeVisible();
    await page.getByLabel('Severity').selectOption('');
    await page.getByLabel('Kind').fill('note');
    await expect(page.getByTestId('event-row')).toHaveCount(1);
    await page.screenshot({ path: 'test-results/screens/events-dark.png' });
  });

  test('pages through a long journal', async ({ page, server }) => {
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
      let n = 0;
      ws.on('open', () => {
        for (let i = 1; i <= 60; i++) ws.send(JSON.stringify({ id: i, method: 'events.note', params: { text: `bulk ${i}` } }));
      });
      ws.on('message', (raw) => {
        if ((JSON.parse(raw.toString()) as { id?: number }).id && ++n === 60) {
          ws.close();
          resolve();
        }
      });
      ws.on('error', reject);
    });
    await page.goto(server.url + '#/events');
    await page.getByLabel('Kind').fill('note');
    await expect(page.getByTestId('event-row')).toHaveCount(50);
    await expect(page.getByTestId('event-row').first()).toContainText('bulk 60');
    await page.getByRole('button', { name: 'Older ›' }).click();
    await expect(page.getByTestId('event-row').first()).toContainText('bulk 10');
    await expect(page.getByRole('button', { name: 'Older ›' })).toBeDisabled();
  });

  test('the API refuses a missing or wrong token', async ({ server }) => {
    const attempt = (url: string, headers?: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, headers ? { headers } : {});
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', () => resolve('error'));
      });
    const base = `ws://127.0.0.1:${server.port}/api`;
    expect(await attempt(base)).toBe('401');
    expect(await attempt(`${base}?token=wrong`)).toBe('401');
    expect(await attempt(`${base}?token=${server.token}`)).toBe('open');
    expect(await attempt(base, { Authorization: `Bearer ${server.token}` })).toBe('open');
  });
});
