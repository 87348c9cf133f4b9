import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';

/**
 * Workspace B must never see or touch anything of workspace A: every
 * operation that takes an id answers as if the object did not exist.
 */
let t: TestApp;
let a: string;
let b: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await TestApp.start();
  a = await t.key('workspace-a');
  b = await t.key('workspace-b');
  ids.brand = await createBrand(t, a, { name: 'Secret brand' });
  ids.audience = await createAudience(t, a, ids.brand);
  const recorded = await record(
    t,
    a,
    ids.brand,
    [{ kind: 'POST', occurredAt: '2024-01-01T00:00:00Z', externalId: 'p1' }],
    [{ kind: 'COMPLAINT', receivedAt: '2024-01-01T01:00:00Z', externalId: 'c1' }],
  );
  ids.activity = recorded.data!.recordInteractions.activityIds[0]!;
  ids.feedback = recorded.data!.recordInteractions.feedbackIds[0]!;
  ids.apiKey = (await t.ok(a, '{ viewer { apiKeyId } }')).viewer.apiKeyId;
});
afterAll(() => t.close());

const NOT_FOUND: [string, string, (ids: Record<string, string>) => Record<string, unknown>][] = [
  [
    'updateBrand',
    'mutation($id: ID!) { updateBrand(id: $id, input: { name: "pwned" }) { id } }',
    (i) => ({ id: i.brand }),
  ],
  [
    'createAudience',
    'mutation($b: ID!) { createAudience(input: { brandId: $b, name: "x", channel: OTHER }) { id } }',
    (i) => ({ b: i.brand }),
  ],
  [
    'updateAudience',
    'mutation($id: ID!) { updateAudience(id: $id, input: { size: 1 }) { id } }',
    (i) => ({ id: i.audience }),
  ],
  [
    'recordActivity',
    'mutation($b: ID!) { recordActivity(input: { brandId: $b, kind: POST, occurredAt: "2024-01-01T00:00:00Z" }) { id } }',
    (i) => ({ b: i.brand }),
  ],
  [
    'recordFeedback',
    'mutation($b: ID!) { recordFeedback(input: { brandId: $b, kind: COMMENT, receivedAt: "2024-01-01T00:00:00Z" }) { id } }',
    (i) => ({ b: i.brand }),
  ],
  [
    'recordInteractions',
    'mutation($b: ID!) { recordInteractions(input: { brandId: $b, activities: [{ kind: POST, occurredAt: "2024-01-01T00:00:00Z" }] }) { inserted } }',
    (i) => ({ b: i.brand }),
  ],
  ['deleteActivity', 'mutation($id: ID!) { deleteActivity(id: $id) }', (i) => ({ id: i.activity })],
  ['deleteFeedback', 'mutation($id: ID!) { deleteFeedback(id: $id) }', (i) => ({ id: i.feedback })],
  [
    'acknowledgeFeedback',
    'mutation($id: ID!) { acknowledgeFeedback(id: $id) { id } }',
    (i) => ({ id: i.feedback }),
  ],
  [
    'categorizeFeedback',
    'mutation($id: ID!) { categorizeFeedback(id: $id, category: "x") { id } }',
    (i) => ({ id: i.feedback }),
  ],
  [
    'setFeedbackOutcome',
    'mutation($id: ID!) { setFeedbackOutcome(id: $id, outcome: ADOPTED) { id } }',
    (i) => ({ id: i.feedback }),
  ],
  [
    'revokeApiKey',
    'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
    (i) => ({ id: i.apiKey }),
  ],
  ['feedback', 'query($b: ID!) { feedback(brandId: $b) { totalCount } }', (i) => ({ b: i.brand })],
  [
    'activities',
    'query($b: ID!) { activities(brandId: $b) { totalCount } }',
    (i) => ({ b: i.brand }),
  ],
];

describe('another workspace', () => {
  it.each(NOT_FOUND)('%s answers NOT_FOUND and changes nothing', async (_name, query, vars) => {
    const before = await t.snapshot();
    const res = await t.gql(b, query, vars(ids));
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.data ?? null).toBeNull();
    expect(JSON.stringify(res)).not.toContain('Secret brand');
    expect(await t.snapshot()).toBe(before);
  });

  it('gets null for brand(id) and an empty brands list', async () => {
    const data = await t.ok(
      b,
      'query($id: ID!) { brand(id: $id) { id } brands { totalCount nodes { id } } }',
      { id: ids.brand },
    );
    expect(data.brand).toBeNull();
    expect(data.brands).toEqual({ totalCount: 0, nodes: [] });
  });

  it('cannot point its own items at A audiences or feedback', async () => {
    const own = await createBrand(t, b);
    const res = await record(t, b, own, [
      {
        kind: 'REPLY',
        occurredAt: '2024-01-01T02:00:00Z',
        inReplyToFeedbackId: ids.feedback,
        audienceId: ids.audience,
      },
    ]);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (res.errors![0]!.extensions!.problems as { field: string }[])
      .map((p) => p.field)
      .sort();
    expect(fields).toEqual(['activities[0].audienceId', 'activities[0].inReplyToFeedbackId']);
  });

  it('does not list A keys', async () => {
    const keys = await t.ok(b, '{ apiKeys { id } }');
    expect(keys.apiKeys.map((k: { id: string }) => k.id)).not.toContain(ids.apiKey);
  });

  it('answers the owner normally (the ids are real)', async () => {
    const data = await t.ok(
      a,
      'query($id: ID!) { brand(id: $id) { name } feedback(brandId: $id) { totalCount } }',
      { id: ids.brand },
    );
    expect(data).toEqual({ brand: { name: 'Secret brand' }, feedback: { totalCount: 1 } });
  });

  it.each(['not-a-uuid', '00000000-0000-0000-0000-000000000000'])(
    'treats the id %s as not found',
    async (id) => {
      expect((await t.ok(a, 'query($id: ID!) { brand(id: $id) { id } }', { id })).brand).toBeNull();
      const res = await t.gql(a, 'mutation($id: ID!) { deleteFeedback(id: $id) }', { id });
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    },
  );
});
