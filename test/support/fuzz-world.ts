import { createAudience, createBrand, record } from '../factories/interactions';
import type { TestApp } from './test-app';

/**
 * The fuzz tests' world: a key, a revoked key, the caller's own brand and
 * audience, and another workspace's brand, audience, activity and feedback
 * (their ids go into `ids` for the generated operations to aim at).
 */
export async function fuzzWorld(
  t: TestApp,
  ids: Record<string, string>,
): Promise<{ key: string; revoked: string }> {
  const key = await t.key('fuzz');
  const foreign = await t.key('victim');
  const revoked = await t.key('fuzz');
  const revokedId = (await t.ok(revoked, '{ viewer { apiKeyId } }')).viewer.apiKeyId;
  await t.ok(key, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: revokedId });
  ids.own = await createBrand(t, key, { slug: 'own' });
  ids.ownAudience = await createAudience(t, key, ids.own);
  ids.foreign = await createBrand(t, foreign);
  ids.foreignAudience = await createAudience(t, foreign, ids.foreign);
  const r = await record(
    t,
    foreign,
    ids.foreign,
    [{ kind: 'POST', occurredAt: '2024-01-01T00:00:00Z' }],
    [{ kind: 'COMMENT', receivedAt: '2024-01-01T00:00:00Z' }],
  );
  ids.foreignActivity = r.data!.recordInteractions.activityIds[0]!;
  ids.foreignFeedback = r.data!.recordInteractions.feedbackIds[0]!;
  return { key, revoked };
}
