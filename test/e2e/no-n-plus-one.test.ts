import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';

let t: TestApp;

beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.close());

const LIST = `query($n: Int!, $w: WindowInput!) {
  brands(first: $n) { nodes { id name audiences { id name } engagement(window: $w) { score phases { score } } } }
}`;
const WINDOW = { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' };

describe('nested fields on a list of brands', () => {
  it('send as many SQL statements for 8 brands as for 2', async () => {
    const key = await t.key('many-brands');
    for (let i = 0; i < 8; i++) {
      const brandId = await createBrand(t, key);
      await createAudience(t, key, brandId, `aud ${i}`);
      await record(
        t,
        key,
        brandId,
        [{ kind: 'POST', occurredAt: '2024-01-05T00:00:00Z' }],
        [{ kind: 'COMMENT', receivedAt: '2024-01-05T00:00:00Z' }],
      );
    }
    const two = await t.statementsFor(key, LIST, { n: 2, w: WINDOW });
    const eight = await t.statementsFor(key, LIST, { n: 8, w: WINDOW });
    expect(eight).toBe(two);
    // authentication, the page and its count, one per nested field, and the transaction around them
    expect(two).toBeGreaterThanOrEqual(5);
    expect(two).toBeLessThanOrEqual(7);
  });

  it('one report is one statement beyond authentication and the transaction', async () => {
    const key = await t.key('one-report');
    const brandId = await createBrand(t, key);
    // the key is known (createBrand used it): (rate-limit take; BEGIN; set_config) in one round trip + 1 read + COMMIT
    const viewer = await t.statementsFor(key, '{ viewer { scopes } }');
    const query =
      'query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) { score } }';
    const report = await t.statementsFor(key, query, { b: brandId, w: WINDOW });
    expect(viewer).toBe(3);
    // the workspace's data fingerprint (the response cache) rides in the round trip that opens the snapshot…
    expect(report).toBe(viewer);
    // …and answers the same query again: no report statement
    expect(await t.statementsFor(key, query, { b: brandId, w: WINDOW })).toBe(viewer - 1);
  });
});
