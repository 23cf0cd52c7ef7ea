import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

interface Hit {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

test.describe('alert channels', () => {
  let sink: Server;
  let sinkUrl = '';
  const hits: Hit[] = [];

  test.beforeAll(async () => {
    sink = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hits.push({ path: req.url ?? '', headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    sink.closeAllConnections();
    await new Promise<void>((r) => sink.close(() => r()));
  });

  test('adds a webhook channel, sends a test message to a loopback sink, and shows the delivery', async ({ page, server }) => {
    await page.goto(server.url + '#/settings');
    const panel = page.getByRole('region', { name: 'Alert channels' });
    await expect(panel.getByText('No alert channels')).toBeVisible();
    await panel.getByRole('button', { name: 'Add channel' }).click();
    await panel.getByLabel('Channel name').fill('Desk webhook');
    // Emergency only, so the simulator's live warnings cannot reach the sink during the test (Test ignores the level).
    await panel.getByLabel('Minimum level').selectOption('emergency');
    // Saving without the URL names the field.
    await panel.getByRole('button', { name: 'Save channel' }).click();
    await expect(panel.getByRole('alert')).toHaveText('params.webhook.url: required');
    await panel.getByLabel('URL', { exact: true }).fill(`${sinkUrl}/hooks/desk-token-123456`);
    await panel.getByLabel('HMAC signing key').fill('sign-me-please');
    await panel.getByRole('button', { name: 'Save channel' }).click();
    await expect(panel.getByRole('status').first()).toHaveText('Desk webhook saved');

    const row = panel.getByTestId('channel-row').filter({ hasText: 'Desk webhook' });
    await expect(row).toContainText('Webhook');
    await expect(row).toContainText('emergency+');
    await expect(row.getByTestId('channel-status')).toHaveText('sent 0 · failed 0 · dropped 0');
    await row.getByRole('button', { name: 'Test' }).click();
    await expect(row.getByTestId('channel-test-result')).toContainText('Test delivered: HTTP 200');
    await expect(row.getByTestId('channel-status')).toHaveText('sent 1 · failed 0 · dropped 0');
    await expect(row).toContainText(/ok \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);

    expect(hits).toHaveLength(1);
    expect(hits[0].path).toBe('/hooks/desk-token-123456');
    expect(hits[0].headers['x-bulwark-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(hits[0].body)).toMatchObject({ source: 'bulwark', level: 'info', test: true, message: 'Test message from Bulwark to "Desk webhook"' });

    // Editing shows the secret as set (masked), never its value.
    await row.getByRole('button', { name: 'Edit' }).click();
    const url = panel.getByLabel('URL', { exact: true });
    await expect(url).toHaveValue('');
    await expect(url).toHaveAttribute('placeholder', 'set (••••3456), leave empty to keep');
    await expect(page.locator('body')).not.toContainText('desk-token');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await page.screenshot({ path: 'test-results/screens/alert-channels.png' });
  });
});
