import request from 'supertest';
import { DEFAULT_HTTP_OPTIONS } from '../../src/config';
import { createApp, type App } from '../../src/server/app';
import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';

// the report cache is exact: every answer of the cached app equals the uncached app's
let t: TestApp;
let uncached: App;

beforeAll(async () => {
  t = await TestApp.start();
  uncached = await createApp(
    t.appDataSource,
    { migrated: true },
    DEFAULT_HTTP_OPTIONS,
    undefined,
    undefined,
    { reports: { entries: 0, maxBytes: 1 }, responses: { entries: 0, maxBytes: 1 } },
  );
});
afterAll(async () => {
  await uncached.stop();
  await t.close();
});

const WINDOW = { from: '2024-01-01T00:00:00Z', to: '2024-03-01T00:00:00Z' };
const REPORT = `query($b: ID!, $a: ID, $w: WindowInput!) {
  engagement(brandId: $b, audienceId: $a, window: $w) {
    score stage mixAlignment activityCount feedbackCount weights { listening }
    phases { phase score contribution components { name value } }
  }
  classification(brandId: $b, audienceId: $a, window: $w) { model confidence }
  brands(first: 10, orderBy: { field: ENGAGEMENT_SCORE, direction: DESC, window: $w }) {
    nodes { id name timezone engagement(window: $w) { score feedbackCount } }
  }
}`;

async function uncachedAnswer(key: string, variables: Record<string, unknown>) {
  const res = await request(uncached.express)
    .post('/graphql')
    .set('authorization', `Bearer ${key}`)
    .send({ query: REPORT, variables });
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

/** Reads the report twice from the cached app (the second surely a hit) and once uncached. */
async function expectExact(key: string, brandId: string, audienceId: string | null) {
  const variables = { b: brandId, a: audienceId, w: WINDOW };
  const first = await t.ok(key, REPORT, variables);
  const again = await t.ok(key, REPORT, variables);
  const truth = await uncachedAnswer(key, variables);
  expect(first).toEqual(truth);
  expect(again).toEqual(truth);
  return truth;
}

describe('the report cache', () => {
  it('answers exactly what an uncached server answers, write after write', async () => {
    const key = await t.key('report-cache-exact');
    const brandId = await createBrand(t, key);
    const other = await createBrand(t, key);
    const audienceId = await createAudience(t, key, brandId);
    const check = async () => {
      await expectExact(key, brandId, null);
      await expectExact(key, brandId, audienceId);
    };
    const seen = new Set<string>();
    const note = async () => {
      const { engagement } = await expectExact(key, brandId, null);
      seen.add(JSON.stringify(engagement));
    };

    await check();
    // a batch
    const batch = await record(
      t,
      key,
      brandId,
      [
        { kind: 'POST', occurredAt: '2024-01-05T10:00:00Z', audienceId, externalId: 'a1' },
        { kind: 'REPLY', occurredAt: '2024-01-06T10:00:00Z', inReplyToFeedbackExternalId: 'f1' },
      ],
      [{ kind: 'COMMENT', receivedAt: '2024-01-06T09:00:00Z', audienceId, externalId: 'f1' }],
    );
    expect(batch.errors).toBeUndefined();
    await check();
    await note();
    // single mutations
    const feedback = await t.ok(
      key,
      `mutation($i: FeedbackInput!) { recordFeedback(input: $i) { id } }`,
      { i: { brandId, kind: 'QUESTION', receivedAt: '2024-02-10T23:30:00Z', sentiment: -0.8 } },
    );
    await check();
    await note();
    const activity = await t.ok(
      key,
      `mutation($i: ActivityInput!) { recordActivity(input: $i) { id } }`,
      { i: { brandId, kind: 'POST', occurredAt: '2024-02-11T00:30:00Z' } },
    );
    await check();
    await note();
    // another brand's write changes the ranking, not this brand's sums
    expect(
      (await record(t, key, other, [{ kind: 'POST', occurredAt: '2024-01-09T00:00:00Z' }])).errors,
    ).toBeUndefined();
    await check();
    // deletions
    await t.ok(key, `mutation($id: ID!) { deleteFeedback(id: $id) }`, {
      id: feedback.recordFeedback.id,
    });
    await check();
    await note();
    await t.ok(key, `mutation($id: ID!) { deleteActivity(id: $id) }`, {
      id: activity.recordActivity.id,
    });
    await check();
    // weights of the workspace
    await t.ok(
      key,
      `mutation { setPhaseWeights(weights: { listening: 0.1, processing: 0.2, interacting: 0.3, broadcasting: 0.4 }) { listening } }`,
    );
    await check();
    await note();
    // a time zone moves the local days the rollups are cut at; a name is read fresh
    await t.ok(
      key,
      `mutation($id: ID!) { updateBrand(id: $id, input: { timezone: "Pacific/Kiritimati", name: "Renamed" }) { id } }`,
      { id: brandId },
    );
    await check();
    await t.ok(
      key,
      `mutation($id: ID!) { updateBrand(id: $id, input: { responseTargetMinutes: 5 }) { id } }`,
      {
        id: brandId,
      },
    );
    await check();
    await note();
    // the writes moved the report: a cache that missed one would have been caught above
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('a repeated query is answered with no statement of its own; another on cached sums with the version lookup', async () => {
    const key = await t.key('report-cache-statements');
    const brandId = await createBrand(t, key);
    await record(t, key, brandId, [{ kind: 'POST', occurredAt: '2024-01-05T00:00:00Z' }]);
    const query = `query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) { score } }`;
    const variables = { b: brandId, w: WINDOW };
    const viewer = await t.statementsFor(key, '{ viewer { scopes } }');
    const statementsOf = async (q: string) => {
      t.statements.recording = true;
      const before = t.statements.recorded.length;
      const count = await t.statementsFor(key, q, variables);
      const texts = t.statements.recorded.slice(before).map((s) => s.text);
      t.statements.recording = false;
      return { count, reportRead: texts.some((text) => text.includes('engagement_daily')) };
    };
    // the fingerprint rides in the round trip that opens the snapshot (as the viewer's does)
    // nothing cached: then the report statement (which also reads the version)
    expect(await statementsOf(query)).toEqual({ count: viewer, reportRead: true });
    // the same query again: the response cache answers at that fingerprint, nothing more is read
    expect(await statementsOf(query)).toEqual({ count: viewer - 1, reportRead: false });
    // another selection of the same report: the report cache's version lookup instead of the report
    const other = query.replace('{ score }', '{ score stage }');
    expect(await statementsOf(other)).toEqual({ count: viewer, reportRead: false });
    // after a write: the fingerprint has moved, the version too: lookup, then the report
    await record(t, key, brandId, [{ kind: 'POST', occurredAt: '2024-01-06T00:00:00Z' }]);
    expect(await statementsOf(query)).toEqual({ count: viewer + 1, reportRead: true });
    expect(await statementsOf(query)).toEqual({ count: viewer - 1, reportRead: false });
  });

  it('a write that rolls back leaves the version, and the cache, as they were', async () => {
    const key = await t.key('report-cache-rollback');
    const brandId = await createBrand(t, key);
    const [before] = await t.sql<{ v: string }>(
      'SELECT data_version::text AS v FROM brands WHERE id = $1',
      [brandId],
    );
    const bad = await record(t, key, brandId, [{ kind: 'POST', occurredAt: 'not a date' }]);
    expect(bad.errors).toBeDefined();
    const [after] = await t.sql<{ v: string }>(
      'SELECT data_version::text AS v FROM brands WHERE id = $1',
      [brandId],
    );
    expect(after).toEqual(before);
    await record(t, key, brandId, [{ kind: 'POST', occurredAt: '2024-01-05T00:00:00Z' }]);
    const [bumped] = await t.sql<{ v: string }>(
      'SELECT data_version::text AS v FROM brands WHERE id = $1',
      [brandId],
    );
    expect(Number(bumped!.v)).toBe(Number(before!.v) + 1);
  });
});
