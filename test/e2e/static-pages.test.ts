import request from 'supertest';
import { TestApp } from '../support/test-app';

/** The bundled pages without a browser: headers, and no explorer in production. */
let dev: TestApp;
let prod: TestApp;

beforeAll(async () => {
  dev = await TestApp.start({ explorer: true });
  prod = await TestApp.start({ explorer: false });
});
afterAll(async () => {
  await dev.close();
  await prod.close();
});

const PAGES = ['/', '/explorer', '/dashboard/index.html', '/dashboard/explorer.html'];
const ASSETS = [
  '/dashboard/app.js',
  '/dashboard/app.css',
  '/dashboard/explorer.css',
  '/dashboard/explorer.js',
];

describe('every page and file', () => {
  it.each([...PAGES, ...ASSETS])('%s carries the CSP (never framed) and nosniff', async (url) => {
    const res = await request(dev.http).get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('in production', () => {
  it('serves the dashboard and its files', async () => {
    for (const url of ['/', '/dashboard/index.html', '/dashboard/app.js', '/dashboard/app.css']) {
      const res = await request(prod.http).get(url);
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
  });

  it.each([
    '/explorer',
    '/dashboard/explorer.html',
    '/dashboard/explorer.js',
    '/dashboard/explorer.css',
    '/dashboard/%65xplorer.html',
    '/dashboard/./explorer.html',
    '/dashboard//explorer.html',
    '/dashboard/x/../explorer.html',
    '/dashboard/%2e/explorer.html',
    '/dashboard/explorer.html/',
    '/dashboard/explorer.html?x=1',
  ])('serves no explorer at %s', async (url) => {
    const res = await request(prod.http).get(url);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('GraphQL explorer');
  });
});
