import { RollupWriter } from '../../src/modules/rollups/rollup-writer';
import { TestApp } from '../support/test-app';
import { createBrand, RECORD } from '../factories/interactions';
import { seededRandom } from '../support/random';
import { type ServerProcess, startTwoServers } from '../support/server-processes';

/**
 * Two server processes on one database, hammered concurrently: rate limits,
 * idempotent batches and external-id links hold across them.
 */
const CAPACITY = 10_000;
const REFILL = 5;
let t: TestApp;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  t = await TestApp.start();
  const env = {
    DATABASE_URL: t.databaseUrl,
    RATE_LIMIT_POINTS: String(CAPACITY),
    RATE_LIMIT_REFILL_PER_SECOND: String(REFILL),
  };
  [a, b] = await startTwoServers(env);
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await t?.close();
});

const record = (
  server: ServerProcess,
  key: string,
  brandId: string,
  activities: object[],
  feedback: object[],
) => server.gql(key, RECORD, { input: { brandId, activities, feedback } });

describe('two API processes on one database', () => {
  it('share one rate-limit bucket per key', async () => {
    const key = await t.key('multi-rate');
    const query = '{ viewer { scopes } brands(first: 50) { totalCount edges { node { id } } } }';
    const probe = await a.gql(key, query);
    const perRequest: number = probe.body.extensions.cost.requestedQueryCost;
    expect(perRequest).toBeGreaterThan(10);
    const started = Date.now();
    let accepted = 1;
    let refusedA = 0;
    let refusedB = 0;
    const results = await Promise.all(
      Array.from({ length: Math.min(600, Math.ceil((2.5 * CAPACITY) / perRequest)) }, (_, i) =>
        (i % 2 ? a : b).gql(key, query).then((r) => ({ r, i })),
      ),
    );
    for (const { r, i } of results) {
      if (r.status === 200 && !r.body.errors) accepted++;
      else {
        expect(r.status).toBe(429);
        expect(r.body.errors![0].extensions.code).toBe('RATE_LIMITED');
        if (i % 2) refusedA++;
        else refusedB++;
      }
    }
    const seconds = (Date.now() - started) / 1000 + 1;
    // one bucket for both: never more than capacity + refill, whichever process answered
    expect(accepted * perRequest).toBeLessThanOrEqual(CAPACITY + REFILL * seconds + perRequest);
    expect(accepted * perRequest).toBeGreaterThan(CAPACITY * 0.5);
    expect(refusedA).toBeGreaterThan(0);
    expect(refusedB).toBeGreaterThan(0);
  });

  it('store a batch replayed through both processes at once exactly once', async () => {
    const key = await t.key('multi-idempotent');
    const brandId = await createBrand(t, key);
    const feedback = Array.from({ length: 25 }, (_, i) => ({
      kind: 'QUESTION',
      receivedAt: new Date(Date.UTC(2024, 0, 1, 8) + i * 60_000).toISOString(),
      externalId: `q${i}`,
    }));
    const activities = feedback.map((f, i) => ({
      kind: 'REPLY',
      occurredAt: new Date(Date.parse(f.receivedAt) + 3_600_000).toISOString(),
      inReplyToFeedbackExternalId: f.externalId,
      externalId: `r${i}`,
    }));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        record(i % 2 ? a : b, key, brandId, activities, feedback),
      ),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const inserted = results.reduce((s, r) => s + r.body.data.recordInteractions.inserted, 0);
    expect(inserted).toBe(50);
    const [counts] = await t.sql<{ f: number; a: number; linked: number }>(
      `SELECT (SELECT count(*)::int FROM feedback WHERE brand_id = $1) AS f,
              (SELECT count(*)::int FROM activities WHERE brand_id = $1) AS a,
              (SELECT count(*)::int FROM feedback WHERE brand_id = $1 AND first_response_at IS NOT NULL) AS linked`,
      [brandId],
    );
    expect(counts).toEqual({ f: 25, a: 25, linked: 25 });
  });

  it('resolve external-id links whichever process gets which side first', async () => {
    const key = await t.key('multi-links');
    const brandId = await createBrand(t, key);
    const r = seededRandom(3);
    const sends = r.shuffle(
      Array.from({ length: 40 }, (_, i) => [
        () =>
          record(
            a,
            key,
            brandId,
            [],
            [
              {
                kind: 'COMPLAINT',
                receivedAt: new Date(Date.UTC(2024, 1, 1) + i * 600_000).toISOString(),
                externalId: `c${i}`,
              },
            ],
          ),
        () =>
          record(
            b,
            key,
            brandId,
            [
              {
                kind: 'REPLY',
                occurredAt: new Date(Date.UTC(2024, 1, 1) + i * 600_000 + 900_000).toISOString(),
                inReplyToFeedbackExternalId: `c${i}`,
                externalId: `a${i}`,
              },
            ],
            [],
          ),
      ]).flat(),
    );
    const results = await Promise.all(sends.map((send) => send()));
    for (const res of results) expect(res.body.errors).toBeUndefined();
    const [linked] = await t.sql<{ replies: number; answered: number }>(
      `SELECT (SELECT count(*)::int FROM activities WHERE brand_id = $1 AND in_reply_to_feedback_id IS NOT NULL) AS replies,
              (SELECT count(*)::int FROM feedback WHERE brand_id = $1
                  AND first_response_at = received_at + interval '15 minutes') AS answered`,
      [brandId],
    );
    expect(linked).toEqual({ replies: 40, answered: 40 });
    // and the rollups the two processes kept equal a rebuild
    const rows = `SELECT audience_key, day::text, feedback, responded, response_timeliness::numeric(20,9), interacting
                    FROM engagement_daily WHERE brand_id = $1 ORDER BY 1, 2`;
    const kept = await t.sql(rows, [brandId]);
    const rebuilt = await t.dataSource.transaction(async (m) => {
      await new RollupWriter().rebuild(m, brandId);
      return m.query(rows, [brandId]);
    });
    expect(kept).toEqual(rebuilt);
  });
});
