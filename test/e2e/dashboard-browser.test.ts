/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { IMPORT_FORMATS } from '../../src/modules/import/import-formats';
import { Importer } from '../../src/modules/import/importer';
import { axe, openSignedIn, shownWindow, sidewaysScroll } from '../support/dashboard-page';
import { buildServer, ServerProcess } from '../support/server-processes';
import { TestApp } from '../support/test-app';

/**
 * The dashboard in headless Chromium (Debian's, installed by .ci/run), served
 * by the built server (as `npm start` serves it: dist/ and the bundle) on the
 * imported shared data: each view shows the API's numbers, the inbox is live,
 * no console errors, no serious axe-core violations, no sideways scroll on a
 * phone; screenshots of every view go to .test-results/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHARED =
  process.env.SHARED_DATA_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'data');
const SHOTS = path.join(__dirname, '..', '..', '.test-results');
const BANK = '하나은행';

let t: TestApp;
let server: ServerProcess;
let key: string;
let bankId: string;
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
  buildServer();
  key = await t.key('demo');
  const workspaceId = (await t.ok(key, '{ viewer { workspace { id } } }')).viewer.workspace.id;
  for (const [format, file] of [
    ['play-reviews', 'google-play-bank-reviews.csv'],
    ['twcs', 'twcs-sample-5k.csv'],
  ] as const)
    await new Importer(t.dataSource, t.app.services, workspaceId).run(
      IMPORT_FORMATS[format]!(path.join(SHARED, file)),
    );
  bankId = (await t.ok(key, `{ brands(first: 1, filter: { search: "${BANK}" }) { nodes { id } } }`))
    .brands.nodes[0].id;
  server = await ServerProcess.start({ DATABASE_URL: t.databaseUrl });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox'],
  });
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await t?.close();
});

const open = (context: BrowserContext, hash: string) =>
  openSignedIn(context, server.url, key, hash);

const RANKING = `query($w: WindowInput!) {
  brands(first: 20, orderBy: { field: ENGAGEMENT_SCORE, direction: DESC, window: $w }) {
    nodes { name engagement(window: $w) { score } }
  }
}`;
const BRAND_REPORT = `query($b: ID!, $w: WindowInput!) {
  engagement(brandId: $b, window: $w) {
    score stage responseTime { medianMinutes }
    sentimentMix { positive neutral negative unknown }
    sentimentSources { source feedback }
    phases { phase score contribution components { name value } }
  }
  classification(brandId: $b, window: $w) { model direction symmetry promotion }
}`;
const INBOX = `query($b: ID!, $w: WindowInput!) {
  feedback(brandId: $b, first: 100, filter: { negative: true, unanswered: true, window: $w }) {
    totalCount nodes { id }
  }
}`;

describe('the dashboard in headless Chromium, on the imported shared data', () => {
  let laptop: BrowserContext;
  beforeAll(async () => {
    laptop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  });
  afterAll(() => laptop.close());

  it('a default window never sends the reader back to a view they have left', async () => {
    // the race CI once met: the overview's data arrives after the address has moved to a brand
    const page = await laptop.newPage();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let asked!: () => void;
    const overviewAsked = new Promise<void>((r) => (asked = r));
    const isOverview = (body: string | null) => !!body?.includes('OverviewData');
    await page.route('**/graphql', async (route) => {
      if (isOverview(route.request().postData())) {
        asked();
        await held;
      }
      await route.continue();
    });
    await page.goto(server.url + '/');
    await page.fill('#key', key);
    await page.click('button[type=submit]');
    await overviewAsked;
    const brandHash = `#/brands/${bankId}`;
    await page.evaluate((h) => history.replaceState(null, '', h), brandHash); // not yet re-rendered
    const answered = page.waitForResponse((r) => isOverview(r.request().postData()));
    release();
    await answered;
    for (let i = 0; i < 3; i++)
      // the overview's effects run after a paint
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    expect(new URL(page.url()).hash).toBe(brandHash);
    await page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect((await shownWindow(page, 'brand')).from).toBeTruthy();
    await page.close();
  }, 60_000);

  it('overview: brands ranked as the API ranks them, over the latest 90 days with data', async () => {
    const { page, errors } = await open(laptop, '#/');
    const w = await shownWindow(page, 'overview');
    expect(await page.url()).toContain(`from=${encodeURIComponent(w.from)}`);
    expect((Date.parse(w.to) - Date.parse(w.from)) / 86_400_000).toBeLessThanOrEqual(90);
    const data = (await t.ok(key, '{ workspaceOverview { dataWindow { to } } }')).workspaceOverview;
    // ends with the UTC day where the data ends, not today
    expect(Date.parse(w.to) - Date.parse(data.dataWindow.to)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(w.to) - Date.parse(data.dataWindow.to)).toBeLessThan(86_400_000);
    expect(w.to).toMatch(/T00:00:00\.000Z$/);
    const api = (await t.ok(key, RANKING, { w })).brands.nodes;
    await page.waitForSelector('[data-testid=ranking] tbody tr');
    const shown = await page.$$eval('[data-testid=ranking] tbody tr', (rows) =>
      rows.map((r) => ({
        name: r.querySelector('[data-testid=brand-link]')!.textContent,
        score: r.querySelector('[data-testid=score]')!.textContent,
      })),
    );
    expect(shown).toEqual(
      api.map((b: any) => ({ name: b.name, score: b.engagement.score.toFixed(1) })),
    );
    await page.fill('input[type=search]', BANK);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=ranking] tbody tr').length === 1,
    );
    await page.fill('input[type=search]', '');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-overview.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it("brand: a bank's score, response rate, phases and Grunig model as the API reports them", async () => {
    const { page, errors } = await open(laptop, `#/brands/${bankId}`);
    const w = await shownWindow(page, 'brand');
    const api = await t.ok(key, BRAND_REPORT, { b: bankId, w });
    await page.waitForSelector('[data-testid=trend] canvas');
    const shown = await page.evaluate(() => ({
      score: document.querySelector('[data-testid=score]')!.textContent,
      stage: (document.querySelector('[data-testid=stage]') as HTMLElement).dataset.stage,
      rate: document.querySelector('[data-testid=response-rate]')!.textContent,
      model: (document.querySelector('[data-testid=model]') as HTMLElement).dataset.model,
      region: (document.querySelector('[data-testid=plane]') as unknown as SVGElement).dataset
        .region,
      dot: !!document.querySelector('[data-testid=plane-dot]'),
      counts: Object.fromEntries(
        [...document.querySelectorAll('[data-testid^=sentiment] [data-count]')].map((li) => [
          (li as HTMLElement).dataset.count,
          li.querySelector('.count-n')!.textContent!.split(' ')[0],
        ]),
      ),
      phases: [...document.querySelectorAll('[data-testid=phases] tbody[data-phase]')].map((b) => ({
        phase: (b as HTMLElement).dataset.phase,
        score: b.querySelector('[data-testid=phase-score]')!.textContent,
        contribution: b.querySelector('[data-testid=phase-contribution]')!.textContent,
      })),
    }));
    const rate = api.engagement.phases[2].components.find(
      (c: any) => c.name === 'responseRate',
    ).value;
    expect(shown).toEqual({
      score: api.engagement.score.toFixed(1),
      stage: api.engagement.stage,
      rate: rate === null ? '—' : `${(rate * 100).toFixed(1)} %`,
      model: api.classification.model,
      region: api.classification.model, // the dot sits in the region labelled with the API's model
      dot: true,
      counts: Object.fromEntries(
        [
          ...Object.entries(api.engagement.sentimentMix),
          ...api.engagement.sentimentSources.map((x: any) => [x.source, x.feedback]),
        ].map(([k, n]) => [k, (n as number).toLocaleString('en')]),
      ),
      phases: api.engagement.phases.map((p: any) => ({
        phase: p.phase,
        score: p.score.toFixed(1),
        contribution: p.contribution.toFixed(1),
      })),
    });
    await page.click('[data-testid=phases] details summary');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-brand.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('inbox: the bank’s unanswered negative feedback, and a new complaint appears live', async () => {
    const { page, errors } = await open(laptop, `#/brands/${bankId}/inbox`);
    const w = await shownWindow(page, 'inbox');
    const api = (await t.ok(key, INBOX, { b: bankId, w })).feedback;
    expect(Number(await page.textContent('[data-testid=inbox-total]'))).toBe(api.totalCount);
    const ids = await page.$$eval('[data-testid=inbox-items] li', (lis) =>
      lis.map((li) => li.getAttribute('data-id')),
    );
    expect(new Set(ids)).toEqual(
      new Set(api.totalCount <= 500 ? api.nodes.map((n: any) => n.id) : ids),
    );
    expect(ids.length).toBe(Math.min(api.totalCount, 500));
    await page.waitForSelector('[data-testid=live]:has-text("Live")');
    const receivedAt = new Date(Date.parse(w.to) - 3_600_000).toISOString();
    const created = await t.ok(
      key,
      `mutation($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`,
      {
        input: {
          brandId: bankId,
          kind: 'COMPLAINT',
          receivedAt,
          text: 'The app logs me out every time I open it.',
        },
      },
    );
    const id = created.recordFeedback.id;
    await page.waitForSelector(`[data-testid=inbox-items] li[data-id="${id}"]`, {
      timeout: 10_000,
    });
    expect(await page.textContent(`li[data-id="${id}"] .text`)).toContain('logs me out');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-inbox.png'), fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});

describe('on a phone (390 px)', () => {
  it.each([
    ['overview', '#/'],
    ['brand', 'BRAND'],
    ['inbox', 'INBOX'],
  ])(
    '%s fits without sideways scrolling',
    async (view, hash) => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
      });
      const target =
        hash === 'BRAND'
          ? `#/brands/${bankId}`
          : hash === 'INBOX'
            ? `#/brands/${bankId}/inbox`
            : hash;
      const { page, errors } = await open(context, target);
      await shownWindow(page, view);
      await page.waitForLoadState('networkidle');
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: path.join(SHOTS, `dashboard-${view}-phone.png`),
        fullPage: view !== 'inbox',
      });
      expect(errors).toEqual([]);
      await context.close();
    },
    60_000,
  );
});

describe('the files', () => {
  it('are served by the server itself (no CDN) with a strict content security policy', async () => {
    const res = await fetch(server.url + '/');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(await res.text()).not.toMatch(/https?:\/\//);
    const bundle = await fetch(server.url + '/dashboard/app.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
  });
});
