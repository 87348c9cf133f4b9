import request from 'supertest';
import { DEFAULT_HTTP_OPTIONS } from '../../src/config';
import { createApp, type App } from '../../src/server/app';
import { ApiKeyScope } from '../../src/shared/vocabulary';
import { TestApp } from '../support/test-app';
import { createBrand, RECORD } from '../factories/interactions';

// whole responses are kept per workspace, key scopes and data fingerprint: never served across them
let t: TestApp;
let other: App; // a second server process on the same database

beforeAll(async () => {
  t = await TestApp.start();
  other = await createApp(t.appDataSource, { migrated: true }, DEFAULT_HTTP_OPTIONS);
});
afterAll(async () => {
  await other.stop();
  await t.close();
});

const WINDOW = { from: '2024-01-01T00:00:00Z', to: '2024-03-01T00:00:00Z' };
const OVERVIEW = `query($w: WindowInput!) {
  brands(first: 20, orderBy: { field: ENGAGEMENT_SCORE, direction: DESC, window: $w }) {
    nodes { name engagement(window: $w) { score feedbackCount } classification(window: $w) { model } }
  }
}`;
const overview = async (key: string) =>
  (await t.ok(key, OVERVIEW, { w: WINDOW })).brands.nodes as {
    name: string;
    engagement: { feedbackCount: number };
  }[];

describe('the response cache', () => {
  it("answers each workspace with its own brands, and each key's scopes with their own answer", async () => {
    const a = await t.key('response-cache-a');
    const b = await t.key('response-cache-b');
    await createBrand(t, a, { name: 'Only in A' });
    await createBrand(t, b, { name: 'Only in B' });
    for (let i = 0; i < 2; i++) {
      expect((await overview(a)).map((n) => n.name)).toEqual(['Only in A']);
      expect((await overview(b)).map((n) => n.name)).toEqual(['Only in B']);
    }
    // a key without READ of a workspace whose answer is cached is refused, not served
    const writeOnly = await t.key('response-cache-a', [ApiKeyScope.WRITE]);
    const refused = await t.gql(writeOnly, OVERVIEW, { w: WINDOW });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("sees another process's write at the next request", async () => {
    const key = await t.key('response-cache-processes');
    const brandId = await createBrand(t, key, { name: 'Two processes' });
    expect((await overview(key))[0]!.engagement.feedbackCount).toBe(0);
    expect((await overview(key))[0]!.engagement.feedbackCount).toBe(0); // a hit
    const written = await request(other.express)
      .post('/graphql')
      .set('authorization', `Bearer ${key}`)
      .send({
        query: RECORD,
        variables: {
          input: {
            brandId,
            feedback: [{ kind: 'COMMENT', receivedAt: '2024-01-10T00:00:00Z', externalId: 'x1' }],
          },
        },
      });
    expect(written.body.errors).toBeUndefined();
    expect((await overview(key))[0]!.engagement.feedbackCount).toBe(1);
    // and a rename there, which changes no facts, too
    await request(other.express)
      .post('/graphql')
      .set('authorization', `Bearer ${key}`)
      .send({
        query: `mutation($id: ID!) { updateBrand(id: $id, input: { name: "Renamed elsewhere" }) { id } }`,
        variables: { id: brandId },
      })
      .expect(200);
    expect((await overview(key))[0]!.name).toBe('Renamed elsewhere');
  });

  it('keeps no answer with errors, and none whose window ends now', async () => {
    const key = await t.key('response-cache-errors');
    const brandId = await createBrand(t, key);
    const missing = '00000000-0000-4000-8000-000000000099';
    const query = `query($b: ID!) { classification(brandId: $b) { window { to } } }`;
    const kept = t.app.responseCache.size;
    const first = await t.ok(key, query, { b: brandId });
    await new Promise((r) => setTimeout(r, 5));
    const second = await t.ok(key, query, { b: brandId });
    expect(second.classification.window.to).not.toBe(first.classification.window.to);
    expect(t.app.responseCache.size).toBe(kept);
    const report = `query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) { score } }`;
    const res = await t.gql(key, report, { b: missing, w: WINDOW });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(t.app.responseCache.size).toBe(kept);
    await t.ok(key, report, { b: brandId, w: WINDOW });
    expect(t.app.responseCache.size).toBe(kept + 1);
  });
});
