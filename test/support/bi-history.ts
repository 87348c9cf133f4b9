import { createAudience, createBrand, record } from '../factories/interactions';
import { seededRandom } from './random';
import type { TestApp } from './test-app';

export const MIN = 60_000;
export const START = Date.UTC(2024, 0, 1);

/**
 * The BI tests' history: random feedback and activities of two brands (UTC and
 * Asia/Seoul), items without an audience among them, and another workspace's
 * brand that must never show up. Returns the two brands.
 */
export async function seedBiHistory(
  t: TestApp,
  key: string,
): Promise<{ id: string; zone: string }[]> {
  const brands: { id: string; zone: string }[] = [];
  const r = seededRandom(8);
  for (const zone of ['UTC', 'Asia/Seoul']) {
    const brandId = await createBrand(t, key, { timezone: zone });
    brands.push({ id: brandId, zone });
    const audiences = [
      await createAudience(t, key, brandId, 'A'),
      await createAudience(t, key, brandId, 'B'),
    ];
    const at = () => new Date(START + r.int(0, 40 * 24 * 60) * MIN).toISOString();
    const audience = () => (r.chance(0.25) ? null : r.pick(audiences));
    const feedback = Array.from({ length: 150 }, (_, i) => ({
      kind: r.pick(['COMMENT', 'QUESTION', 'COMPLAINT', 'PRAISE']),
      receivedAt: at(),
      audienceId: audience(),
      acknowledgedAt: null,
      externalId: `f${i}`,
    }));
    const activities = Array.from({ length: 150 }, (_, i) => ({
      kind: r.pick(['REPLY', 'POST', 'SURVEY', 'ANALYSIS']) as string,
      occurredAt: at(),
      audienceId: audience(),
      reach: r.int(0, 500),
      engagements: r.int(0, 20),
      externalId: `a${i}`,
      inReplyToFeedbackExternalId: r.chance(0.4) ? `f${r.int(0, 149)}` : null,
    })).map((a) => (a.kind === 'REPLY' ? a : { ...a, inReplyToFeedbackExternalId: null }));
    const res = await record(t, key, brandId, activities, feedback);
    expect(res.errors).toBeUndefined();
  }
  // another workspace: never in these rows
  const other = await t.key('bi-other');
  const otherBrand = await createBrand(t, other);
  await record(t, other, otherBrand, [{ kind: 'POST', occurredAt: new Date(START).toISOString() }]);
  return brands;
}
