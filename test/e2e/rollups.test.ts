import { RollupWriter } from '../../src/modules/rollups/rollup-writer';
import { TestApp } from '../support/test-app';
import { rounded } from '../support/rounded-rows';
import { createAudience, createBrand, record } from '../factories/interactions';
import { seededRandom } from '../support/random';

/**
 * engagement_daily is maintained in every write's transaction. After random
 * histories written by concurrent clients (replays, late links, updates,
 * acknowledgements, deletions, a time-zone change), the rollups must equal a
 * rebuild from the raw rows, and add up to the raw report.
 */
const SEED = Number(process.env.ROLLUP_SEED ?? 11);
const MIN = 60_000;
const START = Date.UTC(2024, 0, 1);
const SUMS = `sum(feedback)::int AS feedback, sum(acknowledged)::int AS acknowledged, sum(ack_timeliness) AS ack_timeliness,
  sum(categorized)::int AS categorized, sum(needs_response)::int AS needs_response, sum(actioned)::int AS actioned,
  sum(responded)::int AS responded, sum(response_timeliness) AS response_timeliness, sum(negative)::int AS negative,
  sum(negative_responded)::int AS negative_responded, sum(listening)::int AS listening, sum(processing)::int AS processing,
  sum(interacting)::int AS interacting, sum(broadcasting)::int AS broadcasting, sum(proactive)::int AS proactive,
  sum(broadcast_engagements) AS broadcast_engagements, sum(broadcast_reach) AS broadcast_reach,
  sum(promotional_broadcasts)::int AS promotional_broadcasts`;

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await TestApp.start({ rateLimitPoints: 10_000_000, rateLimitRefillPerSecond: 10_000_000 });
  key = await t.key('rollups');
});
afterAll(() => t.close());

const ROLLUP_ROWS = `SELECT audience_key, to_char(day, 'YYYY-MM-DD') AS day,
    ${SUMS.replace(/sum\((\w+)\)(::int)?/g, '$1')}, delay_histogram
  FROM engagement_daily WHERE brand_id = $1
   AND feedback + listening + processing + interacting + broadcasting > 0 -- emptied rows stay, with zeros
 ORDER BY audience_key, day`;
const MONTH_ROWS = `SELECT audience_key, to_char(month, 'YYYY-MM-DD') AS month,
    ${SUMS.replace(/sum\((\w+)\)(::int)?/g, '$1')}, delay_histogram
  FROM engagement_monthly WHERE brand_id = $1
   AND feedback + listening + processing + interacting + broadcasting > 0
 ORDER BY audience_key, month`;
const rollupRows = (brandId: string) => t.sql(ROLLUP_ROWS, [brandId]);

/** Rebuilds the brand's rollups in a transaction that is rolled back, and compares. */
async function expectRollupsEqualRebuild(brandId: string): Promise<void> {
  const incremental = await rollupRows(brandId);
  const months = await t.sql(MONTH_ROWS, [brandId]);
  expect(incremental.length).toBeGreaterThan(20);
  expect(months.length).toBeGreaterThan(1);
  const runner = t.dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    await new RollupWriter().rebuild(runner.manager, brandId);
    const rebuilt = await runner.query(ROLLUP_ROWS, [brandId]);
    // float sums may differ in the last bit (another summation order)
    expect(rounded(incremental)).toEqual(rounded(rebuilt));
    expect(rounded(months)).toEqual(rounded(await runner.query(MONTH_ROWS, [brandId])));
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

// One history, built up case by case (each case goes on from the previous one).
describe(`daily rollups under concurrent random writes (seed ${SEED})`, () => {
  const r = seededRandom(SEED);
  let brandId: string;
  const at = () => new Date(START + r.int(0, 45 * 24 * 60) * MIN).toISOString();

  it('equal a rebuild after 4 concurrent clients, replays, deletions and single mutations', async () => {
    brandId = await createBrand(t, key, {
      timezone: 'America/New_York',
      responseTargetMinutes: 90,
    });
    const audiences = [
      await createAudience(t, key, brandId, 'A'),
      await createAudience(t, key, brandId, 'B'),
    ];
    const audience = () => (r.chance(0.3) ? null : r.pick(audiences));
    const client = async (c: number) => {
      for (let b = 0; b < 12; b++) {
        const feedback = Array.from({ length: r.int(0, 15) }, (_, i) => ({
          kind: r.pick(['COMMENT', 'QUESTION', 'COMPLAINT', 'PRAISE', 'REVIEW']),
          receivedAt: at(),
          audienceId: audience(),
          sentiment: r.chance(0.5) ? r.pick([-0.9, -0.1, 0.5]) : null,
          externalId: `f${c}-${b}-${i}`,
          acknowledgedAt: r.chance(0.3) ? at() : null,
          category: r.chance(0.3) ? 'x' : null,
        }));
        const activities = Array.from({ length: r.int(0, 15) }, (_, i) => ({
          kind: r.pick(['REPLY', 'POST', 'SURVEY', 'ANALYSIS', 'AD', 'COMMUNITY_CHAT']),
          occurredAt: at(),
          audienceId: audience(),
          reach: r.chance(0.5) ? r.int(0, 1000) : null,
          externalId: `a${c}-${b}-${i}`,
          // answers feedback of any client, maybe not yet recorded (links resolve in any order)
          inReplyToFeedbackExternalId: null as string | null,
        }));
        for (const a of activities)
          if (a.kind === 'REPLY' && r.chance(0.8))
            a.inReplyToFeedbackExternalId = `f${r.int(0, 3)}-${r.int(0, 11)}-${r.int(0, 5)}`;
        const res = await record(t, key, brandId, activities, feedback);
        expect(res.errors).toBeUndefined();
        if (r.chance(0.3)) {
          // a replay that updates mutable fields
          await record(
            t,
            key,
            brandId,
            [],
            feedback.slice(0, 3).map((f) => ({ ...f, outcome: 'RESOLVED', acknowledgedAt: at() })),
          );
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(client));

    // single-item mutations and deletions
    const replies = await t.sql<{ id: string }>(
      `SELECT id FROM activities WHERE brand_id = $1 AND kind = 'REPLY' ORDER BY id LIMIT 5`,
      [brandId],
    );
    for (const { id } of replies)
      await t.ok(key, 'mutation($id: ID!) { deleteActivity(id: $id) }', { id });
    const items = await t.sql<{ id: string }>(
      `SELECT id FROM feedback WHERE brand_id = $1 ORDER BY id LIMIT 6`,
      [brandId],
    );
    for (const [i, { id }] of items.entries()) {
      if (i % 3 === 0) await t.ok(key, 'mutation($id: ID!) { deleteFeedback(id: $id) }', { id });
      if (i % 3 === 1)
        await t.ok(
          key,
          'mutation($id: ID!) { setFeedbackOutcome(id: $id, outcome: ADOPTED) { id } }',
          { id },
        );
      if (i % 3 === 2)
        await t.ok(
          key,
          'mutation($id: ID!) { categorizeFeedback(id: $id, category: "late") { id } }',
          { id },
        );
    }
    await expectRollupsEqualRebuild(brandId);
  });

  it('are rebuilt on other local days after a time-zone change, and stay equal to a rebuild', async () => {
    const before = await rollupRows(brandId);
    await t.ok(
      key,
      'mutation($id: ID!) { updateBrand(id: $id, input: { timezone: "Asia/Seoul" }) { id } }',
      { id: brandId },
    );
    expect(await rollupRows(brandId)).not.toEqual(before);
    await record(t, key, brandId, [{ kind: 'SURVEY', occurredAt: at() }]);
    await expectRollupsEqualRebuild(brandId);
  });

  it('add up to the raw report over every day they cover', async () => {
    const [{ first, last }] = await t.sql<{ first: string; last: string }>(
      `SELECT min(day)::text AS first, (max(day) + 1)::text AS last FROM engagement_daily WHERE brand_id = $1`,
      [brandId],
    );
    const window = {
      from: (
        await t.sql<{ t: Date }>(`SELECT ($1::date::timestamp AT TIME ZONE 'Asia/Seoul') AS t`, [
          first,
        ])
      )[0]!.t.toISOString(),
      to: (
        await t.sql<{ t: Date }>(`SELECT ($1::date::timestamp AT TIME ZONE 'Asia/Seoul') AS t`, [
          last,
        ])
      )[0]!.t.toISOString(),
    };
    const report = (
      await t.ok(
        key,
        'query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) { feedbackCount activityCount phases { components { name numerator denominator } } } }',
        { b: brandId, w: window },
      )
    ).engagement;
    const [totals] = await t.sql<Record<string, number>>(
      `SELECT ${SUMS} FROM engagement_daily WHERE brand_id = $1`,
      [brandId],
    );
    const component = (name: string) =>
      report.phases.flatMap((p: any) => p.components).find((c: any) => c.name === name);
    expect(report.feedbackCount).toBe(totals!.feedback);
    expect(report.activityCount).toBe(
      totals!.listening + totals!.processing + totals!.interacting + totals!.broadcasting,
    );
    expect(component('coverage').numerator).toBe(totals!.acknowledged);
    expect(component('ackTimeliness').numerator).toBeCloseTo(totals!.ack_timeliness!, 9);
    expect(component('responseRate')).toMatchObject({
      numerator: totals!.responded,
      denominator: totals!.needs_response,
    });
    expect(component('responseTimeliness').numerator).toBeCloseTo(totals!.response_timeliness!, 9);
    expect(component('concernsAddressed')).toMatchObject({
      numerator: totals!.negative_responded,
      denominator: totals!.negative,
    });
    expect(component('proactiveCadence').numerator).toBe(totals!.proactive);
    expect(component('engagementRate')).toMatchObject({
      numerator: totals!.broadcast_engagements,
      denominator: totals!.broadcast_reach,
    });
  });
});
