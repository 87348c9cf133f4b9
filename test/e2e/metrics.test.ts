import request from 'supertest';
import { DEFAULT_HTTP_OPTIONS } from '../../src/config';
import { createApp } from '../../src/server/app';
import { TestApp } from '../support/test-app';
import { createBrand, record } from '../factories/interactions';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.close());

const value = (text: string, line: RegExp): number => {
  const found = text.split('\n').find((l) => line.test(l));
  return found === undefined ? 0 : Number(found.split(' ').pop());
};

describe('GET /metrics', () => {
  it('counts requests and latency by operation, errors by code, ingested items and the pool', async () => {
    const key = await t.key('metrics');
    const before = (await request(t.http).get('/metrics')).text;
    await t.ok(key, 'query Viewer { viewer { scopes } }');
    await t.ok(key, 'query Viewer { viewer { scopes } }');
    const broken = await t.gql(key, 'query Broken { brands(first: 5000) { totalCount } }');
    expect(broken.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const brandId = await createBrand(t, key);
    await record(
      t,
      key,
      brandId,
      [{ kind: 'POST', occurredAt: '2024-01-01T00:00:00Z' }],
      [{ kind: 'COMMENT', receivedAt: '2024-01-01T00:00:00Z' }],
    );
    const res = await request(t.http).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const after = res.text;
    const delta = (line: RegExp) => value(after, line) - value(before, line);
    expect(delta(/^rapport_graphql_requests_total\{operation="Viewer",type="query"\}/)).toBe(2);
    expect(delta(/^rapport_graphql_request_duration_seconds_count\{operation="Viewer"\}/)).toBe(2);
    expect(delta(/^rapport_graphql_errors_total\{code="BAD_USER_INPUT"\}/)).toBeGreaterThanOrEqual(
      1,
    );
    expect(delta(/^rapport_ingested_items_total /)).toBe(2);
    expect(after).toMatch(/^rapport_db_pool_connections\{pool="requests",state="total"\} \d+/m);
    expect(after).toMatch(/^rapport_process_resident_memory_bytes \d+/m);
  });
});

describe('/metrics labels and access', () => {
  it('labels only known operation names: invented ones are "other", so the output stays bounded', async () => {
    const key = await t.key('metrics-names');
    const before = (await request(t.http).get('/metrics')).text;
    for (let i = 0; i < 200; i++) await t.ok(key, `query Tenant_secret_${i} { viewer { scopes } }`);
    const after = (await request(t.http).get('/metrics')).text;
    expect(after).not.toMatch(/Tenant_secret/);
    const delta = (line: RegExp) => value(after, line) - value(before, line);
    expect(delta(/^rapport_graphql_requests_total\{operation="other",type="query"\}/)).toBe(200);
    const labels = new Set([...after.matchAll(/operation="([^"]*)"/g)].map((m) => m[1]));
    expect(labels.size).toBeLessThanOrEqual(5); // Viewer, Broken→other, other, anonymous, …
    expect(after.length - before.length).toBeLessThan(2000);
  });

  it("operators can add their clients' operation names (METRICS_OPERATIONS)", async () => {
    const app = await createApp(
      t.appDataSource,
      { migrated: true },
      { ...DEFAULT_HTTP_OPTIONS, metricsOperations: ['NightlyLoad'] },
    );
    try {
      const key = await t.key('metrics-names');
      await request(app.express)
        .post('/graphql')
        .set('authorization', `Bearer ${key}`)
        .send({ query: 'query NightlyLoad { viewer { scopes } }' });
      const text = (await request(app.express).get('/metrics')).text;
      expect(text).toMatch(
        /^rapport_graphql_requests_total\{operation="NightlyLoad",type="query"\} 1$/m,
      );
    } finally {
      await app.stop();
    }
  });

  it('with METRICS_TOKEN, needs "Authorization: Bearer <token>"', async () => {
    const token = 'metrics-token-0123456789';
    const app = await createApp(
      t.appDataSource,
      { migrated: true },
      { ...DEFAULT_HTTP_OPTIONS, metricsToken: token },
    );
    try {
      for (const header of [undefined, 'Bearer wrong-token-0123456789', token]) {
        const req = request(app.express).get('/metrics');
        if (header) req.set('authorization', header);
        const res = await req;
        expect(res.status).toBe(401);
        expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(res.text).not.toMatch(/rapport_/);
      }
      const ok = await request(app.express).get('/metrics').set('authorization', `Bearer ${token}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toMatch(/^rapport_graphql_requests_total|^# HELP/m);
    } finally {
      await app.stop();
    }
  });
});
