import { TestApp } from '../support/test-app';
import { createBrand, record } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
});
afterAll(() => t.close());

const at = (hours: number) => new Date(Date.UTC(2024, 2, 1, hours)).toISOString();

describe('feedback mutations', () => {
  let brandId: string;
  let id: string;
  beforeAll(async () => {
    brandId = await createBrand(t, key);
    const res = await record(t, key, brandId, [], [{ kind: 'SUGGESTION', receivedAt: at(0) }]);
    id = res.data!.recordInteractions.feedbackIds[0]!;
  });

  it('acknowledges at a given time, or now', async () => {
    const given = await t.ok(
      key,
      'mutation($id: ID!) { acknowledgeFeedback(id: $id, at: "2024-03-01T02:00:00Z") { acknowledgedAt } }',
      { id },
    );
    expect(given.acknowledgeFeedback.acknowledgedAt).toBe('2024-03-01T02:00:00.000Z');
    const before = Date.now();
    const now = await t.ok(
      key,
      'mutation($id: ID!) { acknowledgeFeedback(id: $id) { acknowledgedAt } }',
      { id },
    );
    expect(Date.parse(now.acknowledgeFeedback.acknowledgedAt)).toBeGreaterThanOrEqual(
      before - 1000,
    );
  });

  it('categorizes and sets the outcome', async () => {
    const data = await t.ok(
      key,
      'mutation($id: ID!) { c: categorizeFeedback(id: $id, category: " pricing ") { category } o: setFeedbackOutcome(id: $id, outcome: ADOPTED) { outcome category } }',
      { id },
    );
    expect(data).toEqual({
      c: { category: 'pricing' },
      o: { outcome: 'ADOPTED', category: 'pricing' },
    });
  });

  it.each([
    [
      'a blank category',
      'mutation($id: ID!) { categorizeFeedback(id: $id, category: "  ") { id } }',
    ],
    [
      'a future acknowledgement',
      'mutation($id: ID!) { acknowledgeFeedback(id: $id, at: "2999-01-01T00:00:00Z") { id } }',
    ],
    [
      'an unknown outcome',
      'mutation($id: ID!) { setFeedbackOutcome(id: $id, outcome: MAYBE) { id } }',
    ],
  ])('rejects %s with BAD_USER_INPUT and changes nothing', async (_case, query) => {
    const before = await t.snapshot();
    const res = await t.gql(key, query, { id });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await t.snapshot()).toBe(before);
  });

  it('deletes feedback; its replies lose the link but keep their external reference', async () => {
    const res = await record(
      t,
      key,
      brandId,
      [{ kind: 'REPLY', occurredAt: at(3), inReplyToFeedbackExternalId: 'gone' }],
      [{ kind: 'COMMENT', receivedAt: at(2), externalId: 'gone' }],
    );
    const fid = res.data!.recordInteractions.feedbackIds[0]!;
    expect(await t.ok(key, 'mutation($id: ID!) { deleteFeedback(id: $id) }', { id: fid })).toEqual({
      deleteFeedback: fid,
    });
    const [reply] = await t.sql<Record<string, unknown>>(
      'SELECT in_reply_to_feedback_id, in_reply_to_feedback_external_id FROM activities WHERE id = $1',
      [res.data!.recordInteractions.activityIds[0]],
    );
    expect(reply).toEqual({
      in_reply_to_feedback_id: null,
      in_reply_to_feedback_external_id: 'gone',
    });
    const again = await t.gql(key, 'mutation($id: ID!) { deleteFeedback(id: $id) }', { id: fid });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the feedback connection', () => {
  let brandId: string;
  beforeAll(async () => {
    brandId = await createBrand(t, key);
    await record(
      t,
      key,
      brandId,
      [{ kind: 'REPLY', occurredAt: at(5), inReplyToFeedbackExternalId: 'answered-complaint' }],
      [
        { kind: 'COMPLAINT', receivedAt: at(1), externalId: 'waiting-complaint' },
        {
          kind: 'COMMENT',
          receivedAt: at(2),
          sentiment: -0.6,
          externalId: 'waiting-angry-comment',
        },
        {
          kind: 'COMMENT',
          receivedAt: at(3),
          sentiment: -0.2,
          externalId: 'waiting-neutral-comment',
        },
        { kind: 'COMPLAINT', receivedAt: at(4), externalId: 'answered-complaint' },
        { kind: 'PRAISE', receivedAt: at(6), sentiment: 0.9, externalId: 'praise' },
        { kind: 'MENTION', receivedAt: at(7), sentiment: -0.9, externalId: 'angry-mention' },
      ],
    );
  });

  const list = async (filter: Record<string, unknown>) => {
    const data = await t.ok(
      key,
      'query($b: ID!, $f: FeedbackFilter) { feedback(brandId: $b, filter: $f, first: 100) { totalCount nodes { externalId } } }',
      { b: brandId, f: filter },
    );
    return data.feedback.nodes.map((n: { externalId: string }) => n.externalId);
  };

  it('gives the inbox of unhappy customers still waiting, newest first', async () => {
    expect(await list({ unanswered: true, negative: true })).toEqual([
      'angry-mention',
      'waiting-angry-comment',
      'waiting-complaint',
    ]);
  });

  it('filters by needing a response, kind, window and outcome', async () => {
    expect(await list({ needsResponse: false })).toEqual(['angry-mention', 'praise']);
    expect(await list({ kinds: ['COMPLAINT'] })).toEqual([
      'answered-complaint',
      'waiting-complaint',
    ]);
    expect(await list({ window: { from: at(2), to: at(4) } })).toEqual([
      'waiting-neutral-comment',
      'waiting-angry-comment',
    ]);
    expect(await list({ unanswered: false })).toEqual(['answered-complaint']);
    expect(await list({ outcome: 'NONE' })).toHaveLength(6);
  });

  it('rejects an empty window', async () => {
    const res = await t.gql(
      key,
      'query($b: ID!) { feedback(brandId: $b, filter: { window: { from: "2024-01-02T00:00:00Z", to: "2024-01-01T00:00:00Z" } }) { totalCount } }',
      { b: brandId },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const data: any = await t.ok(
        key,
        'query($b: ID!, $after: String) { feedback(brandId: $b, first: 2, after: $after) { totalCount nodes { externalId } pageInfo { hasNextPage endCursor } } }',
        { b: brandId, after },
      );
      expect(data.feedback.totalCount).toBe(6);
      seen.push(...data.feedback.nodes.map((n: { externalId: string }) => n.externalId));
      if (!data.feedback.pageInfo.hasNextPage) break;
      after = data.feedback.pageInfo.endCursor;
    }
    expect(seen).toEqual(await list({}));
    expect(new Set(seen).size).toBe(6);
  });

  it('refuses a cursor of another filter, brand or connection with BAD_USER_INPUT', async () => {
    const FEEDBACK =
      'query($b: ID!, $f: FeedbackFilter, $after: String) { feedback(brandId: $b, filter: $f, first: 1, after: $after) { totalCount pageInfo { endCursor } } }';
    const page: any = await t.ok(key, FEEDBACK, { b: brandId, f: { negative: true } });
    const cursor = page.feedback.pageInfo.endCursor as string;
    // the same filter, spelled differently, is the same connection
    await t.ok(key, FEEDBACK, { b: brandId, f: { negative: true, kinds: null }, after: cursor });
    const brands: any = await t.ok(key, '{ brands(first: 1) { pageInfo { endCursor } } }');
    const other = await createBrand(t, key);
    for (const [query, variables] of [
      [FEEDBACK, { b: brandId, f: { negative: false }, after: cursor }],
      [FEEDBACK, { b: brandId, after: cursor }],
      [FEEDBACK, { b: other, f: { negative: true }, after: cursor }],
      [FEEDBACK, { b: brandId, after: brands.brands.pageInfo.endCursor }],
      [
        'query($b: ID!, $after: String) { activities(brandId: $b, after: $after) { totalCount } }',
        { b: brandId, after: cursor },
      ],
    ] as const) {
      const res = await t.gql(key, query, variables);
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'after', reason: expect.any(String) }],
      });
    }
  });

  it('lists activities by phase', async () => {
    const data = await t.ok(
      key,
      'query($b: ID!) { activities(brandId: $b, filter: { phases: [INTERACTING] }) { totalCount nodes { kind inReplyToFeedbackId } } }',
      { b: brandId },
    );
    expect(data.activities.totalCount).toBe(1);
    expect(data.activities.nodes[0].inReplyToFeedbackId).not.toBeNull();
  });
});
