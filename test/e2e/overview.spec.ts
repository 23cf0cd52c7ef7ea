import { expect, test } from './fixtures';
import { rpc } from './api';

interface Snap {
  ts: number;
  equity: number;
  var: {
    historical: Record<'0.95' | '0.99', { var: number; cvar: number }>;
    monteCarlo: Record<'0.95' | '0.99', { var: number; cvar: number; varSe: number; cvarSe: number }>;
  };
  pnlHistory: number[];
  riskScore: { score: number };
  drawdownForecast: { limit: number; horizonDays: number; probHitLimit: number };
  ratios: { sharpe: number | null; sortino: number | null; calmar: number | null; periodsPerYear: number; riskFree: number; days: number };
}

// The renderer's formatting, restated so a failure shows both sides. KPI tiles and the VaR table show whole dollars.
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(2));
const pct = (x: number, d: number): string => `${x < 0 ? '−' : ''}${Math.abs(x * 100).toFixed(d)}%`;

test.describe('overview (headless, built-in simulator)', () => {
  test('KPIs, VaR table and ratios equal the engine figures; charts render; both themes', async ({ page, server }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await expect(page.getByTestId('kpi-var99')).toHaveText(/^[\d,]+(\.\d\d)?$/, { timeout: 20_000 });

    // The UI and a fresh request can straddle a 10 s recompute: poll until both show the same snapshot.
    let snap: Snap | undefined;
    await expect
      .poll(
        async () => {
          snap = (await rpc<Snap>(server, 'risk.snapshot', {})) ?? undefined;
          if (!snap) return 'no snapshot';
          const ui = await Promise.all(['kpi-var95', 'kpi-var99', 'kpi-cvar99', 'var-hist-95', 'cvar-hist-95', 'var-hist-99', 'cvar-hist-99', 'kpi-risk-score'].map(async (id) => (await page.getByTestId(id).textContent()) ?? ''));
          const h = snap.var.historical;
          const want = [int(h['0.95'].var), int(h['0.99'].var), int(h['0.99'].cvar), int(h['0.95'].var), int(h['0.95'].cvar), int(h['0.99'].var), int(h['0.99'].cvar), snap.riskScore.score.toFixed(0)];
          return JSON.stringify(ui) === JSON.stringify(want) ? 'equal' : `ui ${JSON.stringify(ui)} engine ${JSON.stringify(want)}`;
        },
        { timeout: 25_000, intervals: [300] },
      )
      .toBe('equal');
    const s = snap!;
    expect(s.var.historical['0.99'].var).toBeGreaterThan(0);
    expect(s.var.historical['0.99'].cvar).toBeGreaterThanOrEqual(s.var.historical['0.99'].var);

    // Monte Carlo cells: estimate ± 1.96·SE.
    const mc = s.var.monteCarlo['0.99'];
    await expect(page.getByTestId('var-mc-99')).toHaveText(`${int(mc.var)} ± ${int(1.959963984540054 * mc.varSe)}`);

    // Ratios: the snapshot's, computed on the full history of a crypto book (365/yr).
    expect(s.ratios.periodsPerYear).toBe(365);
    expect(s.ratios.days).toBeGreaterThan(250);
    expect(s.ratios.sharpe).not.toBeNull();
    await expect(page.getByTestId('kpi-sharpe')).toHaveText(ratio(s.ratios.sharpe));
    await expect(page.getByTestId('kpi-sortino')).toHaveText(ratio(s.ratios.sortino));
    await expect(page.getByTestId('kpi-calmar')).toHaveText(ratio(s.ratios.calmar));
    await expect(page.getByTestId('cone-prob')).toContainText(pct(s.drawdownForecast.probHitLimit, 1));

    // Equity moves every tick: the tile is within 0.5 % of the engine's summary.
    const sum = await rpc<{ equity: number }>(server, 'portfolio.summary', {});
    const shown = Number(((await page.getByTestId('kpi-equity').textContent()) ?? '').replace(/,/g, ''));
    expect(Math.abs(shown - sum.equity) / sum.equity).toBeLessThan(0.005);

    // VaR-limit utilisation: VaR99/equity ÷ the limit, as the limits view says.
    const lim = await rpc<{ utilisation: { name: string; utilisation: number; value: number; limit: number }[] }>(server, 'limits.get', {});
    const vu = lim.utilisation.find((u) => u.name === 'varLimit');
    expect(vu).toBeDefined();
    await expect(page.getByTestId('var-limit-util')).toContainText(`of ${pct(vu!.limit, 2)}`);

    // Both charts are drawn: a canvas with a real size inside an element named for what it shows.
    for (const name of [/Drawdown trajectory with a 20-day predictive cone/, /Histogram of \d+ daily P&L values with VaR 95, VaR 99 and CVaR 99 lines/]) {
      const chart = page.getByRole('img', { name });
      await expect(chart).toBeVisible();
      const box = await chart.locator('canvas').first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(box?.height ?? 0).toBeGreaterThan(100);
    }
    await expect(page.getByRole('img', { name: new RegExp(`Histogram of ${s.pnlHistory.length} daily`) })).toBeVisible();

    // Controls summary: six breaker chips and the trading state.
    await expect(page.getByTestId('breaker-chip')).toHaveCount(6);
    await expect(page.getByTestId('ov-trading-state')).toHaveText(/ACTIVE|REDUCING|HALTED/);

    // Accessibility basics: every KPI states its convention in a tooltip; one main landmark.
    for (const kpi of await page.locator('.ov-kpis .kpi').all()) expect(((await kpi.getAttribute('title')) ?? '').length).toBeGreaterThan(20);
    await expect(page.getByRole('main')).toHaveCount(1);

    await page.screenshot({ path: 'test-results/screens/overview-full-dark.png' });
    await page.evaluate("document.documentElement.dataset.theme = 'light'");
    await page.waitForTimeout(400);
    await page.screenshot({ path: 'test-results/screens/overview-full-light.png' });
    await page.evaluate("document.documentElement.dataset.theme = 'dark'");
    expect(errors).toEqual([]);
  });

  test('portfolio.equityHistory: downsampled stored snapshots, bad windows refused', async ({ server }) => {
    // A window that ends 8 s ago: its rows are all flushed (the engine batches ~5 s of snapshots).
    const win = (): { from: number; to: number } => ({ from: Date.now() - 3_600_000, to: Date.now() - 8_000 });
    let w = win();
    await expect.poll(async () => (await rpc<{ rows: number }>(server, 'portfolio.equityHistory', (w = win()))).rows, { timeout: 20_000 }).toBeGreaterThan(6);
    const h = await rpc<{ resolution: string; rows: number; points: { ts: number; drawdown: number }[] }>(server, 'portfolio.equityHistory', { ...w, maxPoints: 3 });
    expect(h.resolution).toBe('1s');
    expect(h.points.length).toBeLessThanOrEqual(3);
    expect(h.points.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < h.points.length; i++) expect(h.points[i].ts).toBeGreaterThan(h.points[i - 1].ts);
    const full = await rpc<{ points: { ts: number; drawdown: number }[] }>(server, 'portfolio.equityHistory', { ...w, maxPoints: 5000 });
    // The newest stored row is the last point, and no bucket hides a deeper drawdown than the series' worst.
    expect(h.points[h.points.length - 1].ts).toBe(full.points[full.points.length - 1].ts);
    expect(Math.max(...h.points.map((p) => p.drawdown))).toBe(Math.max(...full.points.map((p) => p.drawdown)));
    await expect(rpc(server, 'portfolio.equityHistory', { from: 2000, to: 1000 })).rejects.toThrow(/from/);
    await expect(rpc(server, 'portfolio.equityHistory', { maxPoints: 1 })).rejects.toThrow(/maxPoints/);
  });
});
