import { createBrand, RECORD } from '../factories/interactions';
import { TestApp } from '../support/test-app';

/**
 * recordInteractions sends a fixed number of statements per batch, whatever
 * its size (set-based: staged with COPY, one plan, two writes, the rollups).
 */
let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('statements');
});
afterAll(() => t.close());

function batch(prefix: string, n: number) {
  const at = (i: number) => new Date(Date.UTC(2024, 2, 1) + i * 600_000).toISOString();
  const feedback = Array.from({ length: n }, (_, i) => ({
    kind: 'QUESTION',
    receivedAt: at(i),
    sentiment: -0.5,
    externalId: `${prefix}-f${i}`,
  }));
  // replies to this batch's feedback and to feedback that arrives later
  const activities = Array.from({ length: n }, (_, i) => ({
    kind: 'REPLY',
    occurredAt: at(i + 3),
    inReplyToFeedbackExternalId: `${prefix}-f${i * 2}`,
    externalId: `${prefix}-a${i}`,
  }));
  return { activities, feedback };
}

/** Authentication, transaction, stage (prepare + 2 COPY), lock, plan, 2 writes, 3 rollup statements, the commit chain. */
const STATEMENTS_PER_BATCH = 17;

it('sends as many statements for 1,000 items as for 10, and no more than the set-based merge needs', async () => {
  const brandId = await createBrand(t, key);
  const count = async (prefix: string, n: number) =>
    t.statementsFor(key, RECORD, { input: { brandId, ...batch(prefix, n) } });
  await count('warm', 5);
  const small = await count('small', 5);
  t.statements.recording = true;
  const large = await count('large', 500);
  t.statements.recording = false;
  if (process.env.SHOW_STATEMENTS)
    for (const s of t.statements.recorded)
      process.stdout.write(`-- ${s.text.replace(/\s+/g, ' ').slice(0, 110)}\n`);
  const replay = await count('large', 500);
  process.stdout.write(
    `statements per batch: 10 items ${small}, 1,000 items ${large}, replay ${replay}\n`,
  );
  expect(large).toBe(small);
  expect(large).toBeLessThanOrEqual(STATEMENTS_PER_BATCH); // 25 before the merge went through staging
  expect(replay).toBeLessThanOrEqual(large);
});
