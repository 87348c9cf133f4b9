/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { IMPORT_FORMATS } from '../../src/modules/import/import-formats';
import { Importer } from '../../src/modules/import/importer';
import { TestApp } from '../support/test-app';

/**
 * The dashboard in headless Chromium (Debian's, installed by .ci/run) on the
 * seeded demo data: the numbers on the page are the API's, on a laptop and a
 * phone, and a screenshot of each is saved under .test-results/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHARED =
  process.env.SHARED_DATA_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'data');
const SHOTS = path.join(__dirname, '..', '..', '.test-results');

let t: TestApp;
let server: http.Server;
let base: string;
let key: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install chromium (as .ci/run does) or set CHROMIUM_PATH`,
    );
  if (!existsSync(path.join(SHARED, 'twcs-sample-5k.csv')))
    throw new Error(
      `the shared datasets are not at ${SHARED}: clone beside ../shared or set SHARED_DATA_DIR`,
    );
  t = await TestApp.start();
  key = await t.key('demo');
  const workspaceId = (await t.ok(key, '{ viewer { workspace { id } } }')).viewer.workspace.id;
  for (const [format, file] of [
    ['play-reviews', 'google-play-bank-reviews.csv'],
    ['twcs', 'twcs-sample-5k.csv'],
  ] as const)
    await new Importer(t.dataSource, t.app.services, workspaceId).run(
      IMPORT_FORMATS[format]!(path.join(SHARED, file)),
    );
  server = http.createServer(t.http).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox'],
  });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await t?.close();
});

const API_REPORT = `query($b: ID!, $w: WindowInput!) {
  engagement(brandId: $b, window: $w) { score stage feedbackCount activityCount phases { phase score contribution } }
  classification(brandId: $b, window: $w) { model direction symmetry }
}`;

async function openWithKey(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(base + '/');
  await page.fill('#key', key);
  await page.click('#key-form button[type=submit]');
  await page.waitForSelector('#report:not([hidden])');
  expect(errors).toEqual([]);
}

async function compareWithApi(page: Page, brandName: string) {
  const brandId = await page.$eval(
    '#brand',
    (s, name) => {
      const select = s as HTMLSelectElement;
      return [...select.options].find((o) => o.text === name)!.value;
    },
    brandName,
  );
  await page.selectOption('#brand', brandId);
  await page.waitForFunction(
    (id) => document.getElementById('report')!.dataset.brand === id,
    brandId,
  );
  await page.waitForFunction(() => !document.getElementById('message')!.textContent);
  const shown = await page.evaluate(() => ({
    window: {
      from: document.getElementById('report')!.dataset.from,
      to: document.getElementById('report')!.dataset.to,
    },
    score: document.getElementById('score')!.textContent,
    stage: document.getElementById('stage')!.textContent,
    model: document.getElementById('model')!.textContent,
    direction: document.getElementById('direction')!.textContent,
    symmetry: document.getElementById('symmetry')!.textContent,
    phases: [...document.querySelectorAll('#phases tr')].map((row) => ({
      phase: (row as HTMLElement).dataset.phase,
      score: row.querySelector('[data-testid=phase-score]')!.textContent,
      contribution: row.querySelector('[data-testid=phase-contribution]')!.textContent,
    })),
    trendPoints: Number(document.getElementById('trend')!.dataset.points),
    dot: !!document.querySelector('[data-testid=plane-dot]'),
  }));
  const api = await t.ok(key, API_REPORT, { b: brandId, w: shown.window });
  expect(shown.score).toBe(api.engagement.score.toFixed(1));
  expect(shown.stage).toBe(api.engagement.stage);
  expect(shown.direction).toBe(api.classification.direction.toFixed(2));
  expect(shown.symmetry).toBe(api.classification.symmetry.toFixed(2));
  expect(shown.model.toUpperCase().replace(/[- ]/g, '_')).toBe(api.classification.model);
  expect(shown.phases).toEqual(
    api.engagement.phases.map((p: any) => ({
      phase: p.phase,
      score: p.score.toFixed(1),
      contribution: p.contribution.toFixed(1),
    })),
  );
  expect(shown.trendPoints).toBeGreaterThan(1);
  expect(shown.dot).toBe(true);
  return api;
}

describe('dashboard in headless Chromium, on the seeded demo data', () => {
  it('shows a bank and a Twitter brand exactly as the API reports them (laptop)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openWithKey(page);
    const names = await page.$$eval('#brand option', (os) => os.map((o) => o.textContent));
    expect(names.length).toBeGreaterThanOrEqual(80);
    const bank = await compareWithApi(page, '하나은행');
    expect(bank.engagement.feedbackCount).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-laptop.png'), fullPage: true });
    await compareWithApi(page, names.find((n) => /AppleSupport/i.test(n!)) ?? names[0]!);
    await page.close();
  }, 60_000);

  it('fits a phone screen without sideways scrolling, and keeps the key for the session', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await context.newPage();
    await openWithKey(page);
    await compareWithApi(page, '하나은행');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-phone.png'), fullPage: true });
    await page.reload();
    await page.waitForSelector('#report:not([hidden])'); // no key asked again
    await context.close();
  }, 60_000);

  it('serves its files itself (no CDN) with a strict content security policy', async () => {
    const res = await fetch(base + '/');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    const explorer = await fetch(base + '/explorer');
    expect(explorer.status).toBe(200);
    expect(await explorer.text()).not.toMatch(/https?:\/\//);
  });
});
