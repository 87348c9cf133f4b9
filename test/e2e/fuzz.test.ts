import request from 'supertest';
import { TestApp } from '../support/test-app';
import { fuzzWorld } from '../support/fuzz-world';
import { fuzzTemplates } from '../support/fuzz-templates';
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
  ({ key, revoked } = await fuzzWorld(t, ids));
}, 60_000);
afterAll(() => t.close());

const r = seededRandom(SEED);
const TEMPLATES = fuzzTemplates(r, ids);

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
