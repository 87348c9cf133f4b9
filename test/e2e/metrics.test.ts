import request from 'supertest';
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
    await t.ok(key, 'query Dashboard { viewer { scopes } }');
    await t.ok(key, 'query Dashboard { viewer { scopes } }');
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
    expect(delta(/^rapport_graphql_requests_total\{operation="Dashboard",type="query"\}/)).toBe(2);
    expect(delta(/^rapport_graphql_request_duration_seconds_count\{operation="Dashboard"\}/)).toBe(
      2,
    );
    expect(delta(/^rapport_graphql_errors_total\{code="BAD_USER_INPUT"\}/)).toBeGreaterThanOrEqual(
      1,
    );
    expect(delta(/^rapport_ingested_items_total /)).toBe(2);
    expect(after).toMatch(/^rapport_db_pool_connections\{pool="requests",state="total"\} \d+/m);
    expect(after).toMatch(/^rapport_process_resident_memory_bytes \d+/m);
  });
});
