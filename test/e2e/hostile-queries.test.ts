import request from 'supertest';
import { TestApp } from '../support/test-app';

/**
 * The hostile documents of issues #13.1 and #13.2, against the default
 * limits: each is refused with QUERY_TOO_COMPLEX (before it is expanded,
 * parsed or validated) while the server keeps answering /healthz.
 */
let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('hostile');
});
afterAll(() => t.close());

/** Sends `query`, and /healthz at the same time: both must be answered. */
async function refusedWhileHealthy(query: string) {
  const [res, health] = await Promise.all([
    request(t.http)
      .post('/graphql')
      .set('authorization', `Bearer ${key}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query })),
    request(t.http).get('/healthz'),
  ]);
  expect(health.status).toBe(200);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  return res.body.errors[0].extensions;
}

describe('hostile documents', () => {
  it('refuses 30 levels of fragments each spreading the next twice (1 KB, 2^30 expansions)', async () => {
    const query =
      `query { viewer { ...F0 } } ` +
      Array.from({ length: 30 }, (_, i) =>
        i < 29
          ? `fragment F${i} on Viewer { ...F${i + 1} ...F${i + 1} }`
          : `fragment F29 on Viewer { scopes }`,
      ).join(' ');
    expect(await refusedWhileHealthy(query)).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'fragmentSpreads',
      max: 1000,
    });
  });

  it('refuses a 4.9 MB query repeating one field 700,000 times', async () => {
    expect(await refusedWhileHealthy(`{ viewer { ${'scopes '.repeat(700_000)} } }`)).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'queryBytes',
      value: 4_900_015,
      max: 65_536,
    });
  });

  it('refuses a query declaring 200,000 unused variables', async () => {
    const query = `query(${Array.from({ length: 200_000 }, (_, i) => `$v${i}: Int`).join(' ')}) { viewer { scopes } }`;
    expect(await refusedWhileHealthy(query)).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'queryBytes',
    });
  });

  it('refuses many tokens and many variables within the byte limit', async () => {
    expect(await refusedWhileHealthy(`{ viewer { ${'scopes '.repeat(9000)} } }`)).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'tokens',
      value: 2001,
      max: 2000,
    });
    const variables = Array.from({ length: 101 }, (_, i) => `$v${i}: Int`).join(' ');
    expect(await refusedWhileHealthy(`query(${variables}) { viewer { scopes } }`)).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'variables',
      value: 101,
      max: 100,
    });
  });

  it('still answers an ordinary query', async () => {
    expect((await t.ok(key, '{ viewer { scopes } }')).viewer.scopes).toContain('READ');
  });
});
