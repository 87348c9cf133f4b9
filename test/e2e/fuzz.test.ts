import request from 'supertest';
import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';
import { seededRandom } from '../support/random';

/**
 * 1,200 generated hostile operations: wrong types, huge strings and lists,
 * deep nesting, unknown enums, NaN/Infinity, absurd dates, SQL-looking
 * strings, fragment fan-out, token floods, other workspaces' ids, revoked keys. None may produce a 5xx or an
 * INTERNAL_SERVER_ERROR, and a rejected mutation must leave the database as it was.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 7);
const OPERATIONS = 1200;

let t: TestApp;
let key: string;
let revoked: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await TestApp.start({ rateLimitPoints: 100_000_000, rateLimitRefillPerSecond: 100_000_000 });
  key = await t.key('fuzz');
  const foreign = await t.key('victim');
  revoked = await t.key('fuzz');
  const revokedId = (await t.ok(revoked, '{ viewer { apiKeyId } }')).viewer.apiKeyId;
  await t.ok(key, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: revokedId });
  ids.own = await createBrand(t, key, { slug: 'own' });
  ids.ownAudience = await createAudience(t, key, ids.own);
  ids.foreign = await createBrand(t, foreign);
  ids.foreignAudience = await createAudience(t, foreign, ids.foreign);
  const r = await record(
    t,
    foreign,
    ids.foreign,
    [{ kind: 'POST', occurredAt: '2024-01-01T00:00:00Z' }],
    [{ kind: 'COMMENT', receivedAt: '2024-01-01T00:00:00Z' }],
  );
  ids.foreignActivity = r.data!.recordInteractions.activityIds[0]!;
  ids.foreignFeedback = r.data!.recordInteractions.feedbackIds[0]!;
}, 60_000);
afterAll(() => t.close());

const r = seededRandom(SEED);
const STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE brands; --",
  '\u0000',
  'x'.repeat(20_000),
  '🙂'.repeat(3000),
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '',
  ' ',
  'null',
  'NaN',
  'Infinity',
  '-1',
  '%00',
  'Robert\u202e',
];
const NUMBERS = [-1, 1e300, -1e300, 2 ** 31, 2 ** 53, 0.5, -0.0, '12', null, true, {}, [], 'NaN'];
const DATES = [
  '1969-12-31T23:59:59Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2024-13-01T00:00:00Z',
  'yesterday',
  '',
  0,
  1e20,
  '2024-01-01',
  '2024-02-30T00:00:00Z',
  '2024-06-01T00:00:00Z',
];
const ENUMS = [
  'POST',
  'REPLY',
  'COMPLAINT',
  'TELEGRAM',
  'post',
  '',
  42,
  null,
  'PROMOTE',
  'ADOPTED',
  'DAY',
  'YEAR',
];
const idPool = () => [
  ids.own,
  ids.foreign,
  ids.foreignAudience,
  ids.foreignActivity,
  ids.foreignFeedback,
  ids.ownAudience,
  '1',
  "' OR 1=1 --",
  '00000000-0000-0000-0000-000000000000',
  crypto.randomUUID(),
];
const any = () =>
  r.pick([r.pick(STRINGS), r.pick(NUMBERS), r.pick(DATES), r.pick(ENUMS), r.pick(idPool())]);
const maybe = <T>(value: T) => (r.chance(0.6) ? value : any());

const activity = () => ({
  kind: maybe(r.pick(['POST', 'REPLY', 'SURVEY'])),
  occurredAt: maybe(r.pick(DATES)),
  reach: maybe(r.int(0, 100)),
  audienceId: r.chance(0.3) ? r.pick(idPool()) : undefined,
  inReplyToFeedbackId: r.chance(0.2) ? r.pick(idPool()) : undefined,
  externalId: r.chance(0.5) ? r.pick(STRINGS) : undefined,
});
const feedbackItem = () => ({
  kind: maybe(r.pick(['COMMENT', 'COMPLAINT'])),
  receivedAt: maybe(r.pick(DATES)),
  sentiment: maybe(r.pick([-1, 0, 1, 1.5, -7])),
  text: r.chance(0.5) ? r.pick(STRINGS) : undefined,
  category: r.chance(0.3) ? r.pick(STRINGS) : undefined,
});
const windowOf = () => (r.chance(0.2) ? any() : { from: r.pick(DATES), to: r.pick(DATES) });

const TEMPLATES: (() => { query: string; variables?: unknown; mutation: boolean })[] = [
  () => ({
    mutation: true,
    query: 'mutation($i: RecordInteractionsInput!) { recordInteractions(input: $i) { inserted } }',
    variables: {
      i: {
        brandId: r.pick(idPool()),
        activities: Array.from({ length: r.chance(0.05) ? 1001 : r.int(0, 4) }, activity),
        feedback: Array.from({ length: r.int(0, 4) }, feedbackItem),
      },
    },
  }),
  () => ({
    mutation: true,
    query: 'mutation($i: ActivityInput!) { recordActivity(input: $i) { id } }',
    variables: { i: { brandId: r.pick(idPool()), ...activity() } },
  }),
  () => ({
    mutation: true,
    query: 'mutation($i: FeedbackInput!) { recordFeedback(input: $i) { id } }',
    variables: { i: { brandId: r.pick(idPool()), ...feedbackItem() } },
  }),
  () => ({
    mutation: true,
    query: 'mutation($i: CreateBrandInput!) { createBrand(input: $i) { id } }',
    variables: {
      i: {
        name: maybe(r.pick(STRINGS)),
        slug: r.chance(0.5) ? r.pick(STRINGS) : undefined,
        timezone: r.pick(['UTC', 'Mars/Base', ...STRINGS]),
        responseTargetMinutes: r.pick(NUMBERS),
      },
    },
  }),
  () => ({
    mutation: true,
    query: 'mutation($id: ID!, $i: UpdateBrandInput!) { updateBrand(id: $id, input: $i) { id } }',
    variables: { id: r.pick(idPool()), i: { timezone: r.pick(STRINGS), name: r.pick(STRINGS) } },
  }),
  () => ({
    mutation: true,
    query: 'mutation($i: CreateAudienceInput!) { createAudience(input: $i) { id } }',
    variables: {
      i: {
        brandId: r.pick(idPool()),
        name: r.pick(STRINGS),
        channel: r.pick(ENUMS),
        size: r.pick(NUMBERS),
      },
    },
  }),
  () => ({
    mutation: true,
    query: `mutation($id: ID!) { ${r.pick(['deleteActivity(id: $id)', 'deleteFeedback(id: $id)', 'acknowledgeFeedback(id: $id) { id }', 'setFeedbackOutcome(id: $id, outcome: ADOPTED) { id }', 'revokeApiKey(id: $id) { id }'])} }`,
    variables: { id: r.pick(idPool()) },
  }),
  () => ({
    mutation: true,
    query:
      'mutation($id: ID!, $c: String!, $at: DateTime) { categorizeFeedback(id: $id, category: $c) { id } acknowledgeFeedback(id: $id, at: $at) { id } }',
    variables: { id: r.pick(idPool()), c: any(), at: r.pick(DATES) },
  }),
  () => ({
    mutation: true,
    query: 'mutation($w: PhaseWeightsInput) { setPhaseWeights(weights: $w) { listening } }',
    variables: {
      w: {
        listening: r.pick(NUMBERS),
        processing: 0.2,
        interacting: 0.3,
        broadcasting: r.pick([0.2, -0.2, 1e300]),
      },
    },
  }),
  () => ({
    mutation: true,
    query:
      'mutation($n: String!, $s: [ApiKeyScope!]!) { createApiKey(input: { name: $n, scopes: $s }) { secret } }',
    variables: { n: r.pick(STRINGS), s: r.pick([[], ['ROOT'], ['READ', 'READ'], 'READ', null]) },
  }),
  () => ({
    mutation: false,
    query:
      'query($b: ID!, $w: WindowInput!, $a: ID) { engagement(brandId: $b, window: $w, audienceId: $a) { score } }',
    variables: { b: r.pick(idPool()), w: windowOf(), a: r.chance(0.3) ? r.pick(idPool()) : null },
  }),
  () => ({
    mutation: false,
    query:
      'query($b: ID!, $w: WindowInput!, $g: Granularity!) { engagementSeries(brandId: $b, window: $w, granularity: $g) { score } classificationSeries(brandId: $b, window: $w, granularity: $g) { model } }',
    variables: { b: r.pick(idPool()), w: windowOf(), g: r.pick(ENUMS) },
  }),
  () => ({
    mutation: false,
    query:
      'query($b: ID!, $f: FeedbackFilter, $n: Int, $after: String) { feedback(brandId: $b, filter: $f, first: $n, after: $after) { totalCount } }',
    variables: {
      b: r.pick(idPool()),
      f: { window: windowOf(), kinds: [r.pick(ENUMS)], negative: r.pick([true, 'yes', 1]) },
      n: r.pick(NUMBERS),
      after: r.pick(STRINGS),
    },
  }),
  () => ({
    mutation: false,
    query:
      'query($n: Int, $after: String, $o: BrandOrder) { brands(first: $n, after: $after, orderBy: $o) { totalCount } }',
    variables: {
      n: r.pick(NUMBERS),
      after: r.pick([...STRINGS, 'WyIyMDI0IiwieCJd']),
      o: {
        field: r.pick(['NAME', 'ENGAGEMENT_SCORE', 'DROP']),
        direction: 'DESC',
        window: r.chance(0.5) ? windowOf() : undefined,
      },
    },
  }),
  () => ({
    mutation: false,
    query:
      `{ ${'brands { edges { node { audiences { id } } } } '.repeat(1)}${'viewer { workspace { id } } '.repeat(r.int(1, 3))} ${'a'.repeat(0)} }`.replace(
        'viewer',
        r.chance(0.5) ? 'viewer' : 'v1: viewer',
      ),
  }),
  () => ({
    mutation: false,
    query: `{ ${Array.from({ length: r.int(31, 200) }, (_, i) => `a${i}: viewer { scopes }`).join(' ')} }`,
  }),
  () => ({
    mutation: false,
    query: `query { ${'brands { nodes { '.repeat(r.int(5, 40))}id${' } }'.repeat(r.int(5, 40))} }`,
  }),
  () => ({
    mutation: false,
    query:
      'query($w: WindowInput) { workspaceOverview(window: $w) { brandCount } classification(brandId: "x", window: $w) { model } }',
    variables: { w: windowOf() },
  }),
  // fragment fan-out: each fragment spreads the next several times
  () => {
    const levels = r.int(2, 40);
    const fan = r.int(2, 3);
    const spreads = (i: number) => Array.from({ length: fan }, () => `...F${i + 1}`).join(' ');
    const leaf = r.pick([
      'scopes',
      'workspace { id }',
      'w: workspace { phaseWeights { listening } }',
    ]);
    return {
      mutation: false,
      query:
        '{ viewer { ...F0 } } ' +
        Array.from({ length: levels }, (_, i) =>
          i < levels - 1
            ? `fragment F${i} on Viewer { ${spreads(i)} }`
            : `fragment F${i} on Viewer { ${leaf} }`,
        ).join(' '),
    };
  },
  // token floods: many tokens, many variables, huge aliases
  () => {
    const n = r.int(1000, 200_000);
    return {
      mutation: false,
      query: r.pick([
        () => `{ viewer { ${'scopes '.repeat(n)} } }`,
        () =>
          `query(${Array.from({ length: Math.ceil(n / 10) }, (_, i) => `$v${i}: Int`).join(' ')}) { viewer { scopes } }`,
        () => `{ ${'a'.repeat(n)}: viewer { scopes } }`,
        () =>
          `{ ${Array.from({ length: r.int(2, 40) }, (_, i) => `${'b'.repeat(r.int(1, 5000))}${i}: viewer { scopes }`).join(' ')} }`,
        () => `{ viewer { scopes } } # ${'x'.repeat(n)}`,
      ])(),
    };
  },
];

const failures: string[] = [];

/** The errors worth reporting: masked internal ones, and any without a code. */
function suspicious(body: { errors?: { extensions?: { code?: string } }[] } | undefined) {
  return (body?.errors ?? []).filter(
    (e) => e.extensions?.code === undefined || e.extensions.code === 'INTERNAL_SERVER_ERROR',
  );
}

describe(`fuzzing with ${OPERATIONS} hostile operations (seed ${SEED})`, () => {
  it('never answers 5xx or INTERNAL_SERVER_ERROR, and rejected mutations change nothing', async () => {
    for (let n = 0; n < OPERATIONS; n++) {
      const op = r.pick(TEMPLATES)();
      let useRevoked = r.chance(0.03);
      const before = op.mutation ? await t.snapshot() : '';
      let res;
      if (r.chance(0.03)) {
        // raw, malformed bodies
        useRevoked = false;
        const body = r.pick([
          '{"query": NaN}',
          '{"query": "{ viewer { scopes } }", "variables": Infinity}',
          'x'.repeat(6 * 1024 * 1024),
          '[]',
          '{"query": 1}',
          '\u0000',
        ]);
        res = await request(t.http)
          .post('/graphql')
          .set('authorization', `Bearer ${key}`)
          .set('content-type', 'application/json')
          .send(body);
      } else {
        res = await request(t.http)
          .post('/graphql')
          .set('authorization', `Bearer ${useRevoked ? revoked : key}`)
          .set('content-type', 'application/json')
          .send(JSON.stringify({ query: op.query, variables: op.variables }));
      }
      const codes: string[] = (res.body?.errors ?? []).map(
        (e: { extensions?: { code?: string } }) => e.extensions?.code,
      );
      if (
        res.status >= 500 ||
        codes.includes('INTERNAL_SERVER_ERROR') ||
        codes.some((c) => c === undefined)
      ) {
        failures.push(
          `#${n} ${res.status} ${JSON.stringify(suspicious(res.body)).slice(0, 400)} ← ${op.query.slice(0, 120)} ${JSON.stringify(op.variables ?? {}).slice(0, 200)}`,
        );
      }
      if (useRevoked && res.status !== 401)
        failures.push(
          `#${n} a revoked key got ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`,
        );
      if (
        op.mutation &&
        codes.length > 0 &&
        (res.body?.data == null || Object.values(res.body.data).every((v) => v === null))
      ) {
        if ((await t.snapshot()) !== before)
          failures.push(`#${n} a rejected mutation changed the database: ${op.query.slice(0, 80)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

/*
 * Hostile request shapes: lone UTF-16 surrogates anywhere in the variables,
 * subscriptions over HTTP, bad automatic-persisted-query hashes. Each must get
 * a client code (never INTERNAL_SERVER_ERROR), write nothing when refused, and
 * log no error.
 */
const SHAPES = 300;
const LONE = ['\ud800', '\udfff', 'a\udc00b', '\ud83d', '\ude42\ud83d', 'ok\ud83d\ude42\udc00'];

/** The value with some of its strings (and keys) made ill-formed; `hit` says whether any was. */
function withLoneSurrogates(value: unknown, hit: { any: boolean }): unknown {
  if (typeof value === 'string' && r.chance(0.4)) {
    hit.any = true;
    return r.chance(0.5) ? value + r.pick(LONE) : r.pick(LONE) + value;
  }
  if (Array.isArray(value)) return value.map((v) => withLoneSurrogates(v, hit));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (r.chance(0.03)) {
          hit.any = true;
          return [k + r.pick(LONE), v];
        }
        return [k, withLoneSurrogates(v, hit)];
      }),
    );
  }
  return value;
}

const sha256 = async (text: string) =>
  Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString(
    'hex',
  );

describe(`${SHAPES} hostile request shapes (seed ${SEED})`, () => {
  it('lone surrogates, subscriptions over HTTP and bad persisted-query hashes get client codes', async () => {
    const shapeFailures: string[] = [];
    const errorLines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      if (String(chunk).includes('"level":"error"')) errorLines.push(String(chunk).slice(0, 300));
      return true;
    });
    const withVariables = TEMPLATES.filter((template) => template().variables !== undefined);
    try {
      for (let n = 0; n < SHAPES; n++) {
        const kind = r.pick(['surrogates', 'subscription', 'persisted'] as const);
        let op: { query?: string; variables?: unknown; mutation: boolean };
        let body: Record<string, unknown>;
        let expected: readonly string[];
        const hit = { any: false };
        let viaGet = false;
        if (kind === 'surrogates') {
          op = r.pick(withVariables)();
          const variables = withLoneSurrogates(op.variables, hit);
          body = { query: op.query, variables };
          expected = hit.any ? ['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'] : [];
        } else if (kind === 'subscription') {
          const query = r.pick([
            'subscription { viewer { scopes } }',
            'subscription S($b: ID!) { brand(id: $b) { id } }',
            'query Q { viewer { scopes } } subscription S { viewer { scopes } }',
            'subscription { recordInteractions(input: {}) { inserted } }',
          ]);
          op = { query, mutation: false };
          body = {
            query,
            variables: { b: ids.own },
            operationName: query.includes('Q') ? 'S' : undefined,
          };
          viaGet = r.chance(0.3);
          expected = ['BAD_REQUEST', 'BAD_USER_INPUT'];
        } else {
          const query = r.pick([
            '{ viewer { scopes } }',
            'mutation { createBrand(input: { name: "apq" }) { id } }',
          ]);
          op = { query, mutation: query.startsWith('mutation') };
          const hash = r.pick([
            await sha256(query + ' '),
            (await sha256(query)).toUpperCase(),
            'x'.repeat(64),
            '',
            'abc',
            5,
            null,
            { $ne: 1 },
          ]);
          const persistedQuery = r.chance(0.15)
            ? r.pick(['x', 1, [], {}, true])
            : { version: r.pick([1, 1, 1, 2, 0, '1', null]), sha256Hash: hash };
          body = r.chance(0.3)
            ? { extensions: { persistedQuery } }
            : { query, extensions: { persistedQuery } };
          expected = ['BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED'];
        }
        const before = op.mutation ? await t.snapshot() : '';
        const res = viaGet
          ? await request(t.http)
              .get('/graphql')
              .query({ query: body.query as string, operationName: body.operationName as string })
              .set('authorization', `Bearer ${key}`)
          : await request(t.http)
              .post('/graphql')
              .set('authorization', `Bearer ${key}`)
              .set('content-type', 'application/json')
              .send(JSON.stringify(body));
        const errors: { extensions?: { code?: string } }[] = res.body?.errors ?? [];
        const codes = errors.map((e) => e.extensions?.code);
        const refused =
          errors.length > 0 &&
          (res.body?.data == null || Object.values(res.body.data).every((v) => v === null));
        const where = `#${n} ${kind} ${res.status} ${JSON.stringify(res.body).slice(0, 300)} ← ${JSON.stringify(body).slice(0, 200)}`;
        if (
          res.status >= 500 ||
          codes.some((c) => c === undefined || c === 'INTERNAL_SERVER_ERROR')
        )
          shapeFailures.push(where);
        // an ill-formed string, a subscription or a bad hash: refused, with one of the expected codes
        const mustRefuse = kind !== 'surrogates' || hit.any;
        if (mustRefuse && !(refused && codes.every((c) => expected.includes(c!))))
          shapeFailures.push(`not refused as expected: ${where}`);
        if (op.mutation && refused && (await t.snapshot()) !== before)
          shapeFailures.push(`a refused request changed the database: ${where}`);
      }
    } finally {
      spy.mockRestore();
    }
    expect(shapeFailures).toEqual([]);
    expect(errorLines).toEqual([]);
  }, 300_000);
});
