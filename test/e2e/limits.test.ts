import request from 'supertest';
import { TestApp } from '../support/test-app';
import { createBrand } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start({
    maxDepth: 4,
    maxAliases: 5,
    maxCost: 2_000,
    maxBodyBytes: 64 * 1024,
    corsOrigins: ['https://app.example'],
  });
  key = await t.key('limits');
});
afterAll(() => t.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  request(t.http)
    .post('/graphql')
    .set('authorization', `Bearer ${key}`)
    .set('content-type', 'application/json')
    .set(headers)
    .send(body as object);

describe('limits before execution', () => {
  it('refuses a query deeper than the limit, naming the limit', async () => {
    const res = await post({
      query:
        '{ brands { edges { node { audiences { id } } } pageInfo { hasNextPage } } viewer { workspace { phaseWeights { listening } } } }',
    });
    expect(res.body.errors).toBeUndefined();
    const deep = await post({
      query:
        '{ brands(first: 1) { edges { node { engagement(window: { from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z" }) { phases { components { name } } } } } } }',
    });
    expect(deep.body.errors[0].extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'depth',
      value: 6,
      max: 4,
    });
    expect(deep.body.data).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const query = `{ ${Array.from({ length: 6 }, (_, i) => `v${i}: viewer { scopes }`).join(' ')} }`;
    const res = await post({ query });
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'aliases',
      value: 6,
      max: 5,
    });
  });

  it('refuses a query whose estimated cost is over the limit (lists count by their first)', async () => {
    const ok = await post({ query: '{ brands(first: 10) { nodes { audiences { id } } } }' });
    expect(ok.body.errors).toBeUndefined();
    // each alias: 1 (brands) + 100 (nodes) + 100 × (1 + 5) (engagement) = 701 points; three are 2,103
    const page =
      'brands(first: 100) { nodes { engagement(window: { from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z" }) { score } } }';
    const res = await post({ query: `{ a: ${page} b: ${page} c: ${page} }` });
    expect(res.body.errors[0].extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'cost',
      value: 2_103,
      max: 2_000,
    });
  });

  it('prices a series by the periods its window covers, windows from variables too', async () => {
    const brandId = await createBrand(t, key);
    const w = { from: '2022-01-01T00:00:00Z', to: '2024-06-19T00:00:00Z' }; // 900 days
    const series = (g: string) =>
      `engagementSeries(brandId: $b, window: $w, granularity: ${g}) { score }`;
    // each daily series: 1 + 10 + 2 × 901 periods (+1: the brand's time zone) = 1,813 points
    const daily = await post({
      query: `query($b: ID!, $w: WindowInput!) { a: ${series('DAY')} b: ${series('DAY')} }`,
      variables: { b: brandId, w },
    });
    expect(daily.body.errors[0].extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'cost',
      value: 2 * 1_813,
      max: 2_000,
    });
    const weekly = await post({
      query: `query($b: ID!, $w: WindowInput!) { ${series('WEEK')} }`,
      variables: { b: brandId, w },
    });
    expect(weekly.body.errors).toBeUndefined();
    expect(weekly.body.data.engagementSeries).toHaveLength(130);
    expect(weekly.body.extensions.cost.requestedQueryCost).toBe(1 + 10 + 2 * 130);
  });

  it('prices a batch by its items, and writes nothing when it is refused', async () => {
    const brandId = await createBrand(t, key);
    const before = await t.counts();
    // no externalIds: the body must stay under this app's 64 KiB
    const activities = Array.from({ length: 1000 }, () => ({
      kind: 'POST',
      occurredAt: '2024-01-01T00:00:00Z',
    }));
    const res = await post({
      query:
        'mutation($a: RecordInteractionsInput!) { a: recordInteractions(input: $a) { inserted } b: recordInteractions(input: $a) { inserted } }',
      variables: { a: { brandId, activities } },
    });
    // each: 1 + 50 + 1,000 items
    expect(res.body.errors[0].extensions).toMatchObject({ limit: 'cost', value: 2 * 1_051 });
    expect(await t.counts()).toEqual(before);
  });

  it('reports the cost of every response in extensions.cost', async () => {
    const res = await post({ query: '{ brands(first: 10) { nodes { audiences { id } } } }' });
    expect(res.body.extensions.cost).toEqual({
      requestedQueryCost: 1 + 10 * 1 + 10 * 1, // brands, nodes (×10), audiences (×10)
      throttleStatus: {
        maximumAvailable: 50_000,
        currentlyAvailable: expect.any(Number),
        restoreRate: 2_500,
      },
    });
  });

  it('answers a too-large body with 413 and a code, and a malformed body with 400', async () => {
    const big = await post({
      query: `{ viewer { scopes } }`,
      variables: { pad: 'x'.repeat(70 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(big.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'bodySize' });
    const bad = await request(t.http)
      .post('/graphql')
      .set('authorization', `Bearer ${key}`)
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('rate limiting per API key', () => {
  it('answers RATE_LIMITED with Retry-After when the bucket is empty, per key', async () => {
    const tight = await TestApp.start({ rateLimitPoints: 30, rateLimitRefillPerSecond: 1 });
    try {
      const a = await tight.key('rl');
      const b = await tight.key('rl');
      const query = '{ brands(first: 10) { nodes { id } } }'; // 11 points
      const results = [];
      for (let i = 0; i < 3; i++)
        results.push(
          await request(tight.http)
            .post('/graphql')
            .set('authorization', `Bearer ${a}`)
            .send({ query }),
        );
      expect(results.slice(0, 2).map((r) => r.status)).toEqual([200, 200]);
      expect(results[2]!.status).toBe(429);
      expect(results[2]!.headers['retry-after']).toMatch(/^\d+$/);
      expect(results[2]!.body.errors[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: Number(results[2]!.headers['retry-after']),
      });
      // another key has its own bucket
      const other = await request(tight.http)
        .post('/graphql')
        .set('authorization', `Bearer ${b}`)
        .send({ query });
      expect(other.status).toBe(200);
    } finally {
      await tight.close();
    }
  });
});

describe('refused queries are charged', () => {
  it('takes 100 points per refusal, so a key sending hostile queries is soon RATE_LIMITED', async () => {
    const tight = await TestApp.start({ rateLimitPoints: 250, rateLimitRefillPerSecond: 1 });
    try {
      const k = await tight.key('refusals');
      const send = (query: string) =>
        request(tight.http).post('/graphql').set('authorization', `Bearer ${k}`).send({ query });
      const fanOut =
        '{ viewer { ...F0 } } ' +
        Array.from({ length: 12 }, (_, i) =>
          i < 11
            ? `fragment F${i} on Viewer { ...F${i + 1} ...F${i + 1} }`
            : 'fragment F11 on Viewer { scopes }',
        ).join(' ');
      const tokens = `{ viewer { ${'scopes '.repeat(3000)} } }`;
      const first = await send(fanOut); // refused after parsing: 150 points left
      const second = await send(tokens); // refused before parsing: 50 left
      const third = await send(fanOut);
      expect([first, second].map((r) => r.body.errors[0].extensions)).toEqual([
        expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'fragmentSpreads' }),
        expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens' }),
      ]);
      expect(third.status).toBe(429);
      expect(third.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect((await send(tokens)).status).toBe(429);
    } finally {
      await tight.close();
    }
  });
});

describe('for real clients', () => {
  it('echoes a given X-Request-Id and makes one otherwise', async () => {
    const given = await post({ query: '{ viewer { scopes } }' }, { 'x-request-id': 'abc-123' });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await post(
      { query: '{ viewer { scopes } }' },
      { 'x-request-id': 'bad id with spaces' },
    );
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows CORS for configured origins only', async () => {
    const allowed = await request(t.http)
      .options('/graphql')
      .set('origin', 'https://app.example')
      .set('access-control-request-method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(allowed.headers['access-control-allow-headers']).toContain('authorization');
    const other = await post(
      { query: '{ viewer { scopes } }' },
      { origin: 'https://evil.example' },
    );
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
