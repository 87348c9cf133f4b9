import request from 'supertest';
import { TestApp } from '../support/test-app';
import { fuzzWorld } from '../support/fuzz-world';
import { fuzzTemplates } from '../support/fuzz-templates';
import { seededRandom } from '../support/random';

/** Hostile request shapes, on the same objects as fuzz.test.ts (see the describe below). */
const SEED = Number(process.env.FUZZ_SEED ?? 7);

let t: TestApp;
let key: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await TestApp.start({ rateLimitPoints: 100_000_000, rateLimitRefillPerSecond: 100_000_000 });
  ({ key } = await fuzzWorld(t, ids));
}, 60_000);
afterAll(() => t.close());

const r = seededRandom(SEED);
const TEMPLATES = fuzzTemplates(r, ids);

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
