import { validateBatch } from './interaction-validation';
import { ActivityKind, FeedbackKind } from '../../shared/vocabulary';

const now = new Date('2024-06-01T00:00:00Z');
const ok = new Date('2024-05-01T00:00:00Z');
const post = (extra: object = {}) => ({ kind: ActivityKind.POST, occurredAt: ok, ...extra });
const comment = (extra: object = {}) => ({ kind: FeedbackKind.COMMENT, receivedAt: ok, ...extra });

describe('validateBatch', () => {
  it.each([
    ['a valid activity', [post()], [], []],
    ['a valid feedback item', [], [comment({ sentiment: -1, text: 'x' })], []],
    [
      'an activity 2 days in the future',
      [post({ occurredAt: new Date('2024-06-03T00:00:00Z') })],
      [],
      ['activities[0].occurredAt'],
    ],
    [
      'an activity 12 hours ahead (clock skew)',
      [post({ occurredAt: new Date('2024-06-01T12:00:00Z') })],
      [],
      [],
    ],
    ['an invalid date', [post({ occurredAt: new Date('nope') })], [], ['activities[0].occurredAt']],
    [
      'a time before 2000',
      [],
      [comment({ receivedAt: new Date('1999-01-01T00:00:00Z') })],
      ['feedback[0].receivedAt'],
    ],
    ['negative reach', [post({ reach: -1 })], [], ['activities[0].reach']],
    ['fractional engagements', [post({ engagements: 1.5 })], [], ['activities[0].engagements']],
    ['reach over 2^31-1', [post({ reach: 2 ** 31 })], [], ['activities[0].reach']],
    ['sentiment above 1', [], [comment({ sentiment: 1.01 })], ['feedback[0].sentiment']],
    ['sentiment NaN', [], [comment({ sentiment: Number.NaN })], ['feedback[0].sentiment']],
    ['a blank externalId', [post({ externalId: ' ' })], [], ['activities[0].externalId']],
    [
      'a 257-character externalId',
      [],
      [comment({ externalId: 'x'.repeat(257) })],
      ['feedback[0].externalId'],
    ],
    [
      'a 101-character category',
      [],
      [comment({ category: 'x'.repeat(101) })],
      ['feedback[0].category'],
    ],
    ['a non-uuid audience', [post({ audienceId: '42' })], [], ['activities[0].audienceId']],
    [
      'a POST answering feedback',
      [post({ inReplyToFeedbackExternalId: 'f' })],
      [],
      ['activities[0].kind'],
    ],
    [
      'a REPLY answering feedback',
      [post({ kind: ActivityKind.REPLY, inReplyToFeedbackExternalId: 'f' })],
      [],
      [],
    ],
    [
      'a repeated feedback externalId',
      [],
      [comment({ externalId: 'a' }), comment({ externalId: 'a' })],
      ['feedback[1].externalId'],
    ],
    [
      'the same externalId for an activity and a feedback item',
      [post({ externalId: 'a' })],
      [comment({ externalId: 'a' })],
      [],
    ],
  ])('%s', (_case, activities, feedback, fields) => {
    const problems = validateBatch(activities as never, feedback as never, now);
    expect(problems.map((p) => p.field)).toEqual(fields);
  });

  it('reports the index of each item in its own list', () => {
    const problems = validateBatch(
      [post(), post({ reach: -1 })],
      [comment(), comment(), comment({ sentiment: 2 })],
      now,
    );
    expect(problems.map((p) => [p.field, p.index])).toEqual([
      ['activities[1].reach', 1],
      ['feedback[2].sentiment', 2],
    ]);
  });

  it('refuses more than 1,000 items at once', () => {
    const problems = validateBatch(
      Array.from({ length: 600 }, () => post()),
      Array.from({ length: 401 }, () => comment()),
      now,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(/1000/);
  });
});
