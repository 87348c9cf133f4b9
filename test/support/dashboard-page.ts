/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** Driving the dashboard in Chromium: a signed-in page, the window a view shows, axe-core, sideways scroll. */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A page of the dashboard at `baseUrl` with `key` in its session, collecting console errors. */
export async function openSignedIn(
  context: BrowserContext,
  baseUrl: string,
  key: string,
  hash: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(baseUrl + '/');
  await page.fill('#key', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('header.top');
  await page.goto(baseUrl + '/' + hash);
  return { page, errors };
}

/** The window (`data-from`, `data-to`) the view shows once it has its data. */
export async function shownWindow(page: Page, view: string) {
  const el = await page
    .waitForSelector(`[data-testid=${view}][data-from]`, { timeout: 60_000 })
    .catch(async (e: Error) => {
      // say what the page shows instead (an error, a loading state), not only that it timed out
      const shown = await page.evaluate(() => document.querySelector('main')?.textContent ?? '');
      throw new Error(
        `${e.message}\nat ${page.url()} the page shows: ${shown.trim().slice(0, 500)}`,
      );
    });
  return { from: (await el.getAttribute('data-from'))!, to: (await el.getAttribute('data-to'))! };
}

/** axe-core's serious and critical violations on the page, as `rule: targets`. */
export async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
     
    (window as any).axe.run(document, { resultTypes: ['violations'] }),
  );
  return (
    result.violations
       
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
       
      .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`)
  );
}

/** How far the page scrolls sideways (≤ 0: it fits). */
export const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
