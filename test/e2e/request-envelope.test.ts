import { LEASE_MS } from '../../src/server/limits/point-leases';
import { ApiKeyScope } from '../../src/shared/vocabulary';
import { TestApp } from '../support/test-app';
import { createAudience, createBrand } from '../factories/interactions';

/**
 * What a request costs besides its own work: a known key is answered from
 * memory, the rate-limit take rides with the statements that open the read
 * snapshot (workspace included), and a list sends what its selection needs.
 * Every statement is counted: TypeORM's and the pool's own (the take alone).
 */
let t: TestApp;
let direct = 0;

beforeAll(async () => {
  // keys trusted for an hour: only the revocation itself can make one unknown
  t = await TestApp.start({}, { entries: 100, maxAgeMs: 3_600_000, fallbackMs: 3_600_000 });
  const pool = (
    t.appDataSource.driver as unknown as { master: { query: (...a: unknown[]) => unknown } }
  ).master;
  const query = pool.query.bind(pool);
  pool.query = (...args: unknown[]) => {
    direct++;
    return query(...args);
  };
});
afterAll(() => t.close());

/** Every statement one request sent, and their texts. */
async function sent(key: string, query: string) {
  const [before, directBefore] = [t.statements.count, direct];
  t.statements.recording = true;
  t.statements.recorded.length = 0;
  try {
    const res = await t.gql(key, query);
    expect(res.errors).toBeUndefined();
  } finally {
    t.statements.recording = false;
  }
  return {
    count: t.statements.count - before + (direct - directBefore),
    texts: t.statements.recorded.map((s) => s.text),
  };
}

describe('the request envelope', () => {
  it('answers { __typename } for a known key from memory once its take leased points', async () => {
    const key = await t.key('envelope-typename');
    const first = await sent(key, '{ __typename }');
    expect(first.count).toBe(2); // the lookup, the take (which leases 1 % of the capacity ahead)
    expect(first.texts.join('\n')).not.toMatch(/rapport_take_points/); // the pool's own: counted, not recorded
    expect((await sent(key, '{ __typename }')).count).toBe(0);
  });

  it('sends the take, the workspace and the snapshot in one round trip before a list', async () => {
    const key = await t.key('envelope-list');
    await createBrand(t, key);
    // the points leased by createBrand's take lapse: this list takes from the shared bucket again
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS));
    const { count, texts } = await sent(
      key,
      '{ brands(first: 20) { edges { node { id name } } } }',
    );
    // take + snapshot + workspace, the page, COMMIT
    expect(count).toBe(3);
    expect(texts[0]).toMatch(/rapport_take_points.*START TRANSACTION.*set_config/s);
    expect(texts.join('\n')).not.toMatch(/COUNT\(/i);
  });

  it('sends only the snapshot, the page and COMMIT while the key spends leased points', async () => {
    const key = await t.key('envelope-leased-list');
    await createBrand(t, key);
    const { count, texts } = await sent(
      key,
      '{ brands(first: 20) { edges { node { id name } } } }',
    );
    expect(count).toBe(3);
    expect(texts[0]).toMatch(/^START TRANSACTION.*set_config/s);
    expect(texts.join('\n')).not.toMatch(/rapport_take_points/);
  });

  it('counts only when totalCount is asked, and loads audiences in one more statement', async () => {
    const key = await t.key('envelope-nested');
    for (let i = 0; i < 3; i++) await createAudience(t, key, await createBrand(t, key));
    const total = await sent(key, '{ brands(first: 20) { totalCount edges { node { id } } } }');
    expect(total.count).toBe(4);
    expect(total.texts.some((s) => /COUNT\(/i.test(s))).toBe(true);
    const nested = await sent(
      key,
      '{ brands(first: 20) { edges { node { id name audiences { id name } } } } }',
    );
    expect(nested.count).toBe(4);
  });

  it('refuses a revoked key at once in the revoking process', async () => {
    const admin = await t.key('envelope-revoke');
    const reader = await t.key('envelope-revoke', [ApiKeyScope.READ]);
    const data = await t.ok(reader, '{ viewer { apiKeyId } }');
    expect((await t.gql(reader, '{ __typename }')).status).toBe(200);
    await t.ok(admin, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', {
      id: data.viewer.apiKeyId,
    });
    const refused = await t.gql(reader, '{ __typename }');
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps each workspace to its own rows when the workspace rides with the take', async () => {
    const a = await t.key('envelope-ws-a');
    const b = await t.key('envelope-ws-b');
    const mine = await createBrand(t, a);
    await createBrand(t, b);
    const data = await t.ok(a, '{ brands(first: 100) { nodes { id } } }');
    expect(data.brands.nodes.map((n: { id: string }) => n.id)).toEqual([mine]);
  });
});
