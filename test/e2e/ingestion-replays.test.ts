import { TestApp } from '../support/test-app';
import { createBrand, feedbackRow, record } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
});
afterAll(() => t.close());

const at = (minutes: number) => new Date(Date.UTC(2024, 0, 1, 12, minutes)).toISOString();

describe('idempotent replays', () => {
  const batch = () => ({
    activities: [{ kind: 'POST', occurredAt: at(0), reach: 100, externalId: 'post-1' }],
    feedback: [{ kind: 'QUESTION', receivedAt: at(5), externalId: 'q-1', text: 'when?' }],
  });

  it('counts a sequential replay as unchanged and stores one copy', async () => {
    const brandId = await createBrand(t, key);
    const first = await record(t, key, brandId, batch().activities, batch().feedback);
    expect(first.data!.recordInteractions).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    const again = await record(t, key, brandId, batch().activities, batch().feedback);
    expect(again.data!.recordInteractions).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(again.data!.recordInteractions.activityIds).toEqual(
      first.data!.recordInteractions.activityIds,
    );
    expect(await t.sql('SELECT 1 FROM activities WHERE brand_id = $1', [brandId])).toHaveLength(1);
    expect(await t.sql('SELECT 1 FROM feedback WHERE brand_id = $1', [brandId])).toHaveLength(1);
  });

  it('updates mutable fields given by a replay and leaves absent ones alone', async () => {
    const brandId = await createBrand(t, key);
    await record(t, key, brandId, batch().activities, batch().feedback);
    const res = await record(
      t,
      key,
      brandId,
      [{ kind: 'POST', occurredAt: at(0), reach: 250, engagements: 9, externalId: 'post-1' }],
      [
        {
          kind: 'QUESTION',
          receivedAt: at(5),
          externalId: 'q-1',
          category: 'delivery',
          outcome: 'RESOLVED',
        },
      ],
    );
    expect(res.data!.recordInteractions).toMatchObject({ inserted: 0, updated: 2, unchanged: 0 });
    const [a] = await t.sql<{ reach: number; engagements: number }>(
      'SELECT reach, engagements FROM activities WHERE brand_id = $1',
      [brandId],
    );
    expect(a).toEqual({ reach: 250, engagements: 9 });
    const [f] = await t.sql<Record<string, unknown>>(
      'SELECT category, outcome, text FROM feedback WHERE brand_id = $1',
      [brandId],
    );
    expect(f).toEqual({ category: 'delivery', outcome: 'RESOLVED', text: 'when?' });
  });

  it('answers CONFLICT when a replay changes an immutable field, and writes nothing of the batch', async () => {
    const brandId = await createBrand(t, key);
    await record(t, key, brandId, batch().activities, batch().feedback);
    const before = await t.snapshot();
    const res = await record(
      t,
      key,
      brandId,
      [{ kind: 'POST', occurredAt: at(0), externalId: 'new-one' }],
      [{ kind: 'COMPLAINT', receivedAt: at(5), externalId: 'q-1' }],
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(
      (res.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field),
    ).toEqual(['feedback[0].kind']);
    expect(await t.snapshot()).toBe(before);
  });

  it('leaves exactly one copy when 5 identical batches arrive at once', async () => {
    const brandId = await createBrand(t, key);
    const activities = Array.from({ length: 50 }, (_, i) => ({
      kind: 'REPLY',
      occurredAt: at(30),
      inReplyToFeedbackExternalId: `c${i}`,
      externalId: `r${i}`,
    }));
    const feedback = Array.from({ length: 50 }, (_, i) => ({
      kind: 'COMPLAINT',
      receivedAt: at(0),
      externalId: `c${i}`,
    }));
    const results = await Promise.all(
      Array.from({ length: 5 }, () => record(t, key, brandId, activities, feedback)),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const inserted = results.map((r) => r.data!.recordInteractions.inserted).sort();
    expect(inserted).toEqual([0, 0, 0, 0, 100]);
    const [counts] = await t.sql<{ a: string; f: string; answered: string }>(
      `SELECT (SELECT count(*) FROM activities WHERE brand_id = $1) AS a,
              (SELECT count(*) FROM feedback WHERE brand_id = $1) AS f,
              (SELECT count(*) FROM feedback WHERE brand_id = $1 AND first_response_at = $2) AS answered`,
      [brandId, at(30)],
    );
    expect(counts).toEqual({ a: '50', f: '50', answered: '50' });
  });
});

describe('reply links', () => {
  it('links a reply recorded before the feedback it answers (out of order)', async () => {
    const brandId = await createBrand(t, key);
    await record(t, key, brandId, [
      {
        kind: 'REPLY',
        occurredAt: at(20),
        inReplyToFeedbackExternalId: 'tweet-1',
        externalId: 'tweet-2',
      },
    ]);
    expect(
      await t.sql(
        'SELECT 1 FROM activities WHERE in_reply_to_feedback_id IS NOT NULL AND brand_id = $1',
        [brandId],
      ),
    ).toHaveLength(0);
    await record(
      t,
      key,
      brandId,
      [],
      [
        {
          kind: 'COMPLAINT',
          receivedAt: at(0),
          externalId: 'tweet-1',
          inReplyToActivityExternalId: 'tweet-0',
        },
      ],
    );
    const f = await feedbackRow(t, 'tweet-1');
    expect(f!.first_response_at!.toISOString()).toBe(at(20));
    // and a later activity that the feedback itself answered links too
    await record(t, key, brandId, [{ kind: 'POST', occurredAt: at(-10), externalId: 'tweet-0' }]);
    const linked = await feedbackRow(t, 'tweet-1');
    expect(linked!.in_reply_to_activity_id).not.toBeNull();
  });

  it('keeps the earliest INTERACTING reply as firstResponseAt, and recomputes it on delete', async () => {
    const brandId = await createBrand(t, key);
    const created = await record(
      t,
      key,
      brandId,
      [],
      [{ kind: 'QUESTION', receivedAt: at(0), externalId: 'q' }],
    );
    const feedbackId = created.data!.recordInteractions.feedbackIds[0];
    const replies = await record(t, key, brandId, [
      { kind: 'REPLY', occurredAt: at(40), inReplyToFeedbackId: feedbackId },
      { kind: 'DIRECT_MESSAGE', occurredAt: at(15), inReplyToFeedbackExternalId: 'q' },
    ]);
    expect((await feedbackRow(t, 'q'))!.first_response_at!.toISOString()).toBe(at(15));
    const [late, early] = replies.data!.recordInteractions.activityIds;
    await t.ok(key, 'mutation($id: ID!) { deleteActivity(id: $id) }', { id: early });
    expect((await feedbackRow(t, 'q'))!.first_response_at!.toISOString()).toBe(at(40));
    await t.ok(key, 'mutation($id: ID!) { deleteActivity(id: $id) }', { id: late });
    expect((await feedbackRow(t, 'q'))!.first_response_at).toBeNull();
  });

  it('refuses a non-INTERACTING activity as a reply', async () => {
    const brandId = await createBrand(t, key);
    const res = await record(t, key, brandId, [
      { kind: 'SURVEY', occurredAt: at(0), inReplyToFeedbackExternalId: 'x' },
    ]);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves links whichever side arrives first when both arrive concurrently', async () => {
    const brandId = await createBrand(t, key);
    const pairs = 40;
    await Promise.all(
      Array.from({ length: pairs }, (_, i) => [
        record(t, key, brandId, [
          {
            kind: 'REPLY',
            occurredAt: at(10),
            inReplyToFeedbackExternalId: `cf${i}`,
            externalId: `cr${i}`,
          },
        ]),
        record(t, key, brandId, [], [{ kind: 'COMMENT', receivedAt: at(0), externalId: `cf${i}` }]),
      ]).flat(),
    );
    const [row] = await t.sql<{ linked: string; answered: string }>(
      `SELECT (SELECT count(*) FROM activities WHERE brand_id = $1 AND in_reply_to_feedback_id IS NOT NULL) AS linked,
              (SELECT count(*) FROM feedback WHERE brand_id = $1 AND first_response_at IS NOT NULL) AS answered`,
      [brandId],
    );
    expect(row).toEqual({ linked: String(pairs), answered: String(pairs) });
  });

  it('never deadlocks when concurrent batches of one brand touch the same items in opposite orders', async () => {
    const brandId = await createBrand(t, key);
    const feedback = Array.from({ length: 30 }, (_, i) => ({
      kind: 'COMMENT',
      receivedAt: at(0),
      externalId: `d${i}`,
    }));
    await record(t, key, brandId, [], feedback);
    const forward = feedback.map((f, i) => ({ ...f, category: `c${i % 3}` }));
    const backward = [...forward].reverse().map((f) => ({ ...f, category: 'other' }));
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => record(t, key, brandId, [], i % 2 ? forward : backward)),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
  });
});
