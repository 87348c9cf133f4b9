import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
});
afterAll(() => t.close());

const at = (minutes: number) => new Date(Date.UTC(2024, 0, 1, 12, minutes)).toISOString();

describe('recordActivity and recordFeedback', () => {
  it('derives phase and default intent, and stores what was sent', async () => {
    const brandId = await createBrand(t, key);
    const audienceId = await createAudience(t, key, brandId);
    const data = await t.ok(
      key,
      `mutation($a: ActivityInput!, $b: ActivityInput!) {
         ad: recordActivity(input: $a) { kind phase intent reach engagements audienceId audience { id } }
         policy: recordActivity(input: $b) { phase intent }
       }`,
      {
        a: { brandId, audienceId, kind: 'AD', occurredAt: at(0), reach: 1000, engagements: 25 },
        b: { brandId, kind: 'POLICY_CHANGE', occurredAt: at(1) },
      },
    );
    expect(data.ad).toEqual({
      kind: 'AD',
      phase: 'BROADCASTING',
      intent: 'PROMOTE',
      reach: 1000,
      engagements: 25,
      audienceId,
      audience: { id: audienceId },
    });
    expect(data.policy).toEqual({ phase: 'PROCESSING', intent: 'ACCOMMODATE' });
  });

  it('keeps an explicit intent over the default', async () => {
    const brandId = await createBrand(t, key);
    const data = await t.ok(
      key,
      `mutation($i: ActivityInput!) { recordActivity(input: $i) { intent } }`,
      {
        i: { brandId, kind: 'POST', intent: 'ENGAGE', occurredAt: at(0) },
      },
    );
    expect(data.recordActivity.intent).toBe('ENGAGE');
  });

  it('records feedback with text and defaults the outcome to NONE', async () => {
    const brandId = await createBrand(t, key);
    const data = await t.ok(
      key,
      `mutation($i: FeedbackInput!) { recordFeedback(input: $i) { kind sentiment outcome text firstResponseAt } }`,
      {
        i: {
          brandId,
          kind: 'REVIEW',
          sentiment: -0.5,
          receivedAt: at(0),
          text: '앱이 자꾸 멈춰요',
        },
      },
    );
    expect(data.recordFeedback).toEqual({
      kind: 'REVIEW',
      sentiment: -0.5,
      outcome: 'NONE',
      text: '앱이 자꾸 멈춰요',
      firstResponseAt: null,
    });
  });
});

describe('recordInteractions validation', () => {
  it('lists every bad item by list, index, field and reason, and writes nothing', async () => {
    const brandId = await createBrand(t, key);
    const before = await t.snapshot();
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const res = await record(
      t,
      key,
      brandId,
      [
        { kind: 'POST', occurredAt: at(0) }, // fine
        { kind: 'POST', occurredAt: future }, // future
        { kind: 'POST', occurredAt: at(0), reach: -5 }, // negative
        { kind: 'POST', occurredAt: at(0), inReplyToFeedbackExternalId: 'x' }, // not INTERACTING
      ],
      [
        { kind: 'COMMENT', receivedAt: at(0), sentiment: 1.5 },
        { kind: 'COMMENT', receivedAt: '1999-12-31T23:59:59Z' },
        { kind: 'COMMENT', receivedAt: at(0), text: 'x'.repeat(10_001) },
      ],
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = res.errors![0]!.extensions!.problems as {
      index: number;
      field: string;
      reason: string;
    }[];
    expect(problems.map((p) => p.field).sort()).toEqual([
      'activities[1].occurredAt',
      'activities[2].reach',
      'activities[3].kind',
      'feedback[0].sentiment',
      'feedback[1].receivedAt',
      'feedback[2].text',
    ]);
    expect(problems.every((p) => typeof p.reason === 'string' && p.reason.length > 0)).toBe(true);
    expect(await t.snapshot()).toBe(before);
  });

  it('rejects unknown enum values before anything runs', async () => {
    const brandId = await createBrand(t, key);
    const res = await record(t, key, brandId, [{ kind: 'TELEGRAM', occurredAt: at(0) }]);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a batch of 1,001 items', async () => {
    const brandId = await createBrand(t, key);
    const items = Array.from({ length: 1001 }, () => ({ kind: 'POST', occurredAt: at(0) }));
    const res = await record(t, key, brandId, items);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await t.sql('SELECT 1 FROM activities WHERE brand_id = $1', [brandId])).toHaveLength(0);
  });

  it('accepts 1,000 items in one atomic batch', async () => {
    const brandId = await createBrand(t, key);
    const activities = Array.from({ length: 600 }, (_, i) => ({
      kind: 'POST',
      occurredAt: at(i % 60),
      externalId: `a${i}`,
    }));
    const feedback = Array.from({ length: 400 }, (_, i) => ({
      kind: 'COMMENT',
      receivedAt: at(i % 60),
      externalId: `f${i}`,
    }));
    const res = await record(t, key, brandId, activities, feedback);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordInteractions).toMatchObject({
      inserted: 1000,
      updated: 0,
      unchanged: 0,
    });
  });

  it('rejects duplicate externalIds inside one batch', async () => {
    const brandId = await createBrand(t, key);
    const res = await record(
      t,
      key,
      brandId,
      [],
      [
        { kind: 'COMMENT', receivedAt: at(0), externalId: 'same' },
        { kind: 'COMMENT', receivedAt: at(1), externalId: 'same' },
      ],
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await t.sql('SELECT 1 FROM feedback WHERE brand_id = $1', [brandId])).toHaveLength(0);
  });

  it('rejects a whole batch when one item names an audience of another brand', async () => {
    const brandId = await createBrand(t, key);
    const otherBrand = await createBrand(t, key);
    const foreignAudience = await createAudience(t, key, otherBrand);
    const res = await record(
      t,
      key,
      brandId,
      [{ kind: 'POST', occurredAt: at(0) }],
      [{ kind: 'COMMENT', receivedAt: at(0), audienceId: foreignAudience }],
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((res.errors![0]!.extensions!.problems as { field: string }[])[0]!.field).toBe(
      'feedback[0].audienceId',
    );
    expect(await t.sql('SELECT 1 FROM activities WHERE brand_id = $1', [brandId])).toHaveLength(0);
  });
});

describe('values GraphQL itself rejects', () => {
  const ok = { kind: 'COMMENT', receivedAt: at(0) };

  it('carry problems like any other bad input: a date inside a batch names its item and field', async () => {
    const brandId = await createBrand(t, key);
    const before = await t.snapshot();
    const res = await record(
      t,
      key,
      brandId,
      [],
      [ok, ok, ok, { ...ok, receivedAt: 'last tuesday' }],
    );
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ index: 3, field: 'feedback[3].receivedAt', reason: expect.any(String) }],
    });
    expect(res.errors![0]!.message).toMatch(/feedback\[3\]\.receivedAt/);
    expect(await t.snapshot()).toBe(before);
  });

  it('lists every bad value of a batch, with the problems the services find in the same shape', async () => {
    const brandId = await createBrand(t, key);
    const res = await record(
      t,
      key,
      brandId,
      [{ kind: 'TELEGRAM', occurredAt: at(0) }],
      [
        { ...ok, mood: 'sad' },
        { ...ok, sentiment: 'very' },
        { ...ok, receivedAt: 'last tuesday' },
      ],
    );
    const problems = res.errors![0]!.extensions!.problems as { index: number; field: string }[];
    expect(problems.map(({ index, field }) => ({ index, field }))).toEqual([
      { index: 0, field: 'activities[0].kind' },
      { index: 0, field: 'feedback[0]' }, // GraphQL names the object; the reason names `mood`
      { index: 1, field: 'feedback[1].sentiment' },
      { index: 2, field: 'feedback[2].receivedAt' },
    ]);
  });

  it('name the field a variable fills when it sits inside a written input', async () => {
    const brandId = await createBrand(t, key);
    const res = await t.gql(
      key,
      'mutation($b: ID!, $f: [InteractionFeedbackInput!]) { recordInteractions(input: { brandId: $b, feedback: $f }) { inserted } }',
      { b: brandId, f: [ok, { ...ok, receivedAt: 'last tuesday' }] },
    );
    expect(res.errors?.[0]?.extensions?.problems).toEqual([
      { index: 1, field: 'feedback[1].receivedAt', reason: expect.any(String) },
    ]);
  });

  it('name the field of a bad value written in the query', async () => {
    const brandId = await createBrand(t, key);
    const res = await t.gql(
      key,
      `mutation { recordInteractions(input: { brandId: "${brandId}", feedback: [
         { kind: COMMENT, receivedAt: "${at(0)}" }, { kind: TELEGRAM, receivedAt: "${at(0)}" }] }) { inserted } }`,
    );
    expect(res.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'GRAPHQL_VALIDATION_FAILED',
      problems: [
        { index: 1, field: 'feedback[1].kind', reason: expect.stringMatching(/TELEGRAM/) },
      ],
    });
  });

  it('come as one error listing them all, past the 50 where GraphQL gives up', async () => {
    const brandId = await createBrand(t, key);
    const bad = Array.from({ length: 60 }, () => ({ ...ok, receivedAt: 'never' }));
    const res = await record(t, key, brandId, [], bad);
    expect(res.errors).toHaveLength(1);
    const problems = res.errors![0]!.extensions!.problems as { index: number }[];
    expect(problems.map((p) => p.index)).toEqual(bad.map((_, i) => i));
  });

  it('report a missing or null required variable at its argument', async () => {
    for (const variables of [{}, { input: null }]) {
      const res = await t.gql(key, RECORD_ONLY, variables);
      expect(res.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'input', reason: expect.any(String) }],
      });
    }
  });
});

const RECORD_ONLY =
  'mutation($input: RecordInteractionsInput!) { recordInteractions(input: $input) { inserted } }';
