import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { rpc } from './api';

// Every page, reached by keyboard only (Alt+key shortcuts, then Tab into the page), checked for
// accessibility basics and photographed in both themes for review (test-results/screens/).
mkdirSync('test-results/screens', { recursive: true });

interface PageRef {
  id: string;
  label: string;
  key: string;
}

/**
 * The pages as the nav rail lists them (rendered from PAGES in src/renderer/src/store.ts, which the
 * node-side test cannot import): id from the link, label and Alt key from its title "Label (Alt+K)".
 */
async function navPages(page: Page): Promise<PageRef[]> {
  const out: PageRef[] = [];
  for (const a of await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').all()) {
    const m = /^(.+) \(Alt\+(.)\)$/.exec((await a.getAttribute('title')) ?? '');
    out.push({ id: ((await a.getAttribute('href')) ?? '').replace('#/', ''), label: m?.[1] ?? '', key: m?.[2] ?? '' });
  }
  return out;
}

/** Playwright key name for each page's Alt shortcut. */
const keyName = (k: string): string => (k === ',' ? 'Comma' : k);

interface A11yFindings {
  unlabeledButtons: string[];
  unlabeledFields: string[];
  headings: string[];
}

// In-page code is passed as text: the node-side specs are type-checked without the DOM library.
const AUDIT_JS = `(() => {
  const describe = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const tid = el.getAttribute('data-testid');
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + (tid ? '[data-testid=' + tid + ']' : '');
  };
  const visible = (el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed';
  const named = (el) => Boolean((el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby') || (el.getAttribute('title') || '').trim());
  const unlabeledButtons = [...document.querySelectorAll('button, [role="button"]')]
    .filter((b) => visible(b) && !named(b) && !(b.textContent || '').trim() && !b.querySelector('img[alt]:not([alt=""])'))
    .map(describe);
  const unlabeledFields = [...document.querySelectorAll('input:not([type="hidden"]), select, textarea')]
    .filter((f) => visible(f) && !named(f) && !f.closest('label') && !(f.id && document.querySelector('label[for="' + CSS.escape(f.id) + '"]')))
    .map(describe);
  const main = document.querySelector('main');
  const headings = main ? [...main.querySelectorAll('h1, h2, h3, [role="heading"]')].map((h) => (h.textContent || '').trim()) : [];
  return { unlabeledButtons, unlabeledFields, headings };
})()`;

/** Buttons and form fields with no accessible name, anywhere in the document; headings inside main. */
async function audit(page: Page): Promise<A11yFindings> {
  return page.evaluate<A11yFindings>(AUDIT_JS);
}

const FOCUS_IN_MAIN_JS = `(() => {
  const a = document.activeElement;
  if (!a || !a.closest('main')) return null;
  return a.tagName.toLowerCase() + ' "' + (a.getAttribute('aria-label') || a.textContent || '').trim().slice(0, 40) + '"';
})()`;

/** Presses Tab (bounded) until focus lands inside main; returns what got focus, or null. */
async function tabIntoMain(page: Page): Promise<string | null> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate<string | null>(FOCUS_IN_MAIN_JS);
    if (inMain) return inMain;
  }
  return null;
}

async function visitAll(page: Page, pages: PageRef[], theme: 'dark' | 'light'): Promise<void> {
  for (const p of pages) {
    await page.keyboard.press(`Alt+${keyName(p.key)}`);
    // The shell follows: title, nav state, URL and the labelled main landmark.
    await expect(page.locator('h1.page-title')).toHaveText(p.label);
    await expect(page.getByRole('link', { name: new RegExp(`^${p.label}\\b`) })).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveURL(new RegExp(`#/${p.id}$`));
    const main = page.getByRole('main', { name: `${p.id} page` });
    await expect(main).toBeVisible();
    // Let the page's first requests answer before auditing and photographing it.
    await page.waitForTimeout(1_500);

    const found = await audit(page);
    expect.soft(found.headings.length, `${p.id} (${theme}): headings inside main`).toBeGreaterThan(0);
    expect.soft(found.unlabeledButtons, `${p.id} (${theme}): buttons without an accessible name`).toEqual([]);
    expect.soft(found.unlabeledFields, `${p.id} (${theme}): form fields without a label`).toEqual([]);
    expect.soft(await page.locator('button:not([aria-label]):empty').count(), `${p.id}: empty buttons`).toBe(0);
    // Photographed before tabbing, so no focus ring is left on the picture.
    await page.screenshot({ path: `test-results/screens/${p.id}-${theme}.png` });
    if (theme === 'dark') {
      // Keyboard reachability: Tab from the shell reaches something interactive on the page.
      expect.soft(await tabIntoMain(page), `${p.id}: Tab never reached the page content`).not.toBeNull();
    }
  }
}

test.describe('every page by keyboard: landmarks, headings, labels; screenshots in both themes', () => {
  test('dark then light', async ({ page, server }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await rpc(server, 'settings.set', { ui: { theme: 'dark' } });
    await page.goto(server.url + '#/overview');
    // Live before anything is photographed: heartbeat running and a first risk snapshot shown.
    await expect(page.getByTestId('engine-status')).toContainText('ENGINE LIVE', { timeout: 20_000 });
    await expect(page.getByTestId('kpi-var99')).toHaveText(/^[\d,]+(\.\d\d)?$/, { timeout: 20_000 });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const pages = await navPages(page);
    expect(pages.map((p) => p.id)).toEqual(['overview', 'positions', 'risk', 'stress', 'greeks', 'controls', 'hedging', 'alerts', 'history', 'events', 'reports', 'settings']);
    for (const p of pages) expect(p.label.length * p.key.length, `nav link ${p.id}: title "Label (Alt+K)"`).toBeGreaterThan(0);
    await visitAll(page, pages, 'dark');

    await rpc(server, 'settings.set', { ui: { theme: 'light' } });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('engine-status')).toContainText('ENGINE LIVE', { timeout: 20_000 });
    await visitAll(page, pages, 'light');
    await rpc(server, 'settings.set', { ui: { theme: 'dark' } });
    expect(errors, 'uncaught page errors').toEqual([]);
  });
});
