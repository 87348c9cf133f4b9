import { reclassifyProblems } from '../../src/modules/feedback/reclassification';
import { TestApp } from '../support/test-app';
import {
  ANGRY,
  BY_EXTERNAL_IDS,
  CRASH,
  HAPPY,
  RECLASSIFY,
  textSignalChecks,
  type TextSignalApp,
} from '../support/text-signal-checks';
import { createBrand, record } from '../factories/interactions';

/**
 * Text signals in storage, rollups and the API (engagement-model.md, "Text
 * signals"): CORRECTED beats PROVIDED beats INFERRED; every number is computed
 * from the effective values, and the rollups stay equal to a rebuild through
 * inference, replays, reclassification and re-inference.
 */
let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await TestApp.start({ rateLimitPoints: 10_000_000, rateLimitRefillPerSecond: 10_000_000 });
  key = await t.key('text-signals');
});
afterAll(() => t.close());

const app = {} as TextSignalApp;
beforeAll(() => Object.assign(app, { t, key }));
const { items, byExt } = textSignalChecks(app);

describe('filters', () => {
  let brandId: string;
  beforeAll(async () => {
    brandId = await createBrand(t, key);
    const res = await record(
      t,
      key,
      brandId,
      [
        {
          kind: 'REPLY',
          occurredAt: '2024-02-01T12:00:00Z',
          inReplyToFeedbackExternalId: 'answered-angry',
        },
      ],
      [
        {
          externalId: 'waiting-angry',
          kind: 'COMMENT',
          receivedAt: '2024-02-01T09:00:00Z',
          text: ANGRY,
        },
        {
          externalId: 'answered-angry',
          kind: 'QUESTION',
          receivedAt: '2024-02-01T10:00:00Z',
          text: CRASH,
        },
        {
          externalId: 'waiting-happy',
          kind: 'COMMENT',
          receivedAt: '2024-02-01T11:00:00Z',
          text: HAPPY,
        },
        {
          externalId: 'provided-low',
          kind: 'REVIEW',
          sentiment: -0.9,
          receivedAt: '2024-02-02T09:00:00Z',
        },
        { externalId: 'plain', kind: 'MENTION', receivedAt: '2024-02-02T10:00:00Z' },
      ],
    );
    expect(res.errors).toBeUndefined();
  });
  const exts = async (filter: Record<string, unknown>) =>
    (await items(brandId, filter)).map((f) => f.externalId).sort();

  it('filters by the effective complaint flag', async () => {
    expect(await exts({ complaint: true })).toEqual(['answered-angry', 'waiting-angry']);
    expect(await exts({ complaint: false })).toEqual(['plain', 'provided-low', 'waiting-happy']);
  });

  it('filters by sentiment source and by external ids', async () => {
    expect(await exts({ sentimentSources: ['PROVIDED'] })).toEqual(['provided-low']);
    expect(await exts({ sentimentSources: ['INFERRED', 'NONE'] })).toEqual([
      'answered-angry',
      'plain',
      'waiting-angry',
      'waiting-happy',
    ]);
    expect(await exts({ externalIds: ['plain', 'waiting-happy', 'nope'] })).toEqual([
      'plain',
      'waiting-happy',
    ]);
  });

  it('gives the inbox of unhappy customers still waiting: negative and unanswered, effective values', async () => {
    expect(await exts({ negative: true, unanswered: true })).toEqual([
      'provided-low',
      'waiting-angry',
    ]);
    expect(await exts({ negative: false })).toEqual(['plain', 'waiting-happy']);
    const { id } = await byExt(brandId, 'waiting-angry');
    await t.ok(key, RECLASSIFY, { id, input: { sentiment: 0.2, complaint: false } });
    expect(await exts({ negative: true, unanswered: true })).toEqual(['provided-low']);
  });

  it('refuses more than 100 external ids', async () => {
    const res = await t.gql(key, BY_EXTERNAL_IDS, {
      brandId,
      filter: { externalIds: Array.from({ length: 101 }, (_, i) => `x${i}`) },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [expect.objectContaining({ field: 'filter.externalIds' })],
    });
  });
});

describe('reclassifyFeedback refuses bad input and other workspaces', () => {
  let id: string;
  beforeAll(async () => {
    const brandId = await createBrand(t, key);
    const res = await record(
      t,
      key,
      brandId,
      [],
      [{ externalId: 'x', kind: 'COMMENT', receivedAt: '2024-02-01T09:00:00Z', text: ANGRY }],
    );
    id = res.data!.recordInteractions.feedbackIds[0]!;
  });

  it.each([
    ['a sentiment above 1', { sentiment: 1.01 }, 'input.sentiment'],
    ['a sentiment below −1', { sentiment: -1.5 }, 'input.sentiment'],
    ['an empty input', {}, 'input'],
    ['only nulls', { sentiment: null, complaint: null }, 'input'],
    ['reset: false alone', { reset: false }, 'input'],
    ['a reset with a sentiment', { reset: true, sentiment: 0.1 }, 'input.reset'],
    ['a reset with a complaint flag', { reset: true, complaint: true }, 'input.reset'],
  ])('refuses %s, writing nothing', async (_, input, field) => {
    const before = await t.snapshot();
    const res = await t.gql(key, RECLASSIFY, { id, input });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [expect.objectContaining({ field })],
    });
    expect(await t.snapshot()).toBe(before);
  });

  it('refuses a sentiment that is not a number (NaN cannot travel in JSON: checked directly)', () => {
    expect(reclassifyProblems({ sentiment: Number.NaN })).toEqual([
      { field: 'input.sentiment', reason: 'must be a number from -1 to 1' },
    ]);
    expect(reclassifyProblems({ sentiment: Number.POSITIVE_INFINITY })).toHaveLength(1);
  });

  it("answers NOT_FOUND for another workspace's item, and for an id that is no UUID", async () => {
    const other = await t.key('text-signals-other');
    const before = await t.snapshot();
    for (const target of [id, 'not-a-uuid']) {
      const res = await t.gql(other, RECLASSIFY, { id: target, input: { complaint: false } });
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(await t.snapshot()).toBe(before);
  });
});
