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

describe('eraseAuthor', () => {
  it("removes a person's texts and references in the workspace only, keeping every number", async () => {
    const brandId = await createBrand(t, key);
    await record(
      t,
      key,
      brandId,
      [{ kind: 'REPLY', occurredAt: at(2), inReplyToFeedbackExternalId: 'p1' }],
      [
        {
          kind: 'COMPLAINT',
          receivedAt: at(1),
          authorRef: 'user-42',
          text: 'my address is …',
          externalId: 'p1',
        },
        { kind: 'QUESTION', receivedAt: at(1), authorRef: 'user-42', text: 'and my phone …' },
        { kind: 'PRAISE', receivedAt: at(1), authorRef: 'user-7', text: 'great' },
      ],
    );
    const other = await t.key('elsewhere');
    const otherBrand = await createBrand(t, other);
    await record(
      t,
      other,
      otherBrand,
      [],
      [{ kind: 'COMMENT', receivedAt: at(1), authorRef: 'user-42', text: 'kept' }],
    );
    const REPORT =
      'query($b: ID!) { engagement(brandId: $b, window: { from: "2024-03-01T00:00:00Z", to: "2024-03-02T00:00:00Z" }) { score feedbackCount phases { components { numerator denominator } } } }';
    const before = await t.ok(key, REPORT, { b: brandId });

    const writer = await t.key('acme', ['READ', 'WRITE'] as never);
    expect(
      (await t.gql(writer, 'mutation { eraseAuthor(authorRef: "user-42") { erasedFeedback } }'))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const erased = await t.ok(
      key,
      'mutation { eraseAuthor(authorRef: "user-42") { erasedFeedback } }',
    );
    expect(erased.eraseAuthor.erasedFeedback).toBe(2);

    const rows = await t.sql<{ kind: string; author_ref: string | null; text: string | null }>(
      'SELECT kind, author_ref, text FROM feedback WHERE brand_id = $1 ORDER BY kind',
      [brandId],
    );
    expect(rows).toEqual([
      { kind: 'QUESTION', author_ref: null, text: null },
      { kind: 'COMPLAINT', author_ref: null, text: null },
      { kind: 'PRAISE', author_ref: 'user-7', text: 'great' },
    ]);
    const untouched = await t.sql('SELECT 1 FROM feedback WHERE brand_id = $1 AND text = $2', [
      otherBrand,
      'kept',
    ]);
    expect(untouched).toHaveLength(1);
    expect(await t.ok(key, REPORT, { b: brandId })).toEqual(before);
  });
});

describe('eraseAuthor counts', () => {
  it.each([
    [0, 'nobody-here'],
    [1, 'one-item'],
    [7, 'many-items'],
  ])('answers erasedFeedback %i for a person with that many items', async (n, authorRef) => {
    const brandId = await createBrand(t, key);
    const items = Array.from({ length: n }, (_, i) => ({
      kind: 'COMMENT',
      receivedAt: at(i % 24),
      authorRef,
      text: `item ${i}`,
    }));
    if (n) await record(t, key, brandId, [], items);
    const erased = await t.ok(
      key,
      'mutation($a: String!) { eraseAuthor(authorRef: $a) { erasedFeedback } }',
      { a: authorRef },
    );
    expect(erased.eraseAuthor.erasedFeedback).toBe(n);
    const left = await t.sql('SELECT 1 FROM feedback WHERE author_ref = $1', [authorRef]);
    expect(left).toHaveLength(0);
  });
});
