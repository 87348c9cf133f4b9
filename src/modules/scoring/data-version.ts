import type { WriteScope } from '../../db/scope';

/**
 * Bumps brands.data_version of every brand the write changed (its
 * ChangeLog: items written or removed, rollups rebuilt after a time-zone or
 * response-target change), in the write's transaction: readers see the new
 * version exactly when they see the new data, so a cached report (see
 * cached-sums.ts) is never served past a write. Rows are locked in id order,
 * so two writes to the same brands cannot deadlock here. Weights and brand
 * names need no bump: they are read fresh with the version.
 */
export async function bumpDataVersions(scope: WriteScope): Promise<void> {
  const brandIds = [...scope.changes.byBrand.keys()];
  if (brandIds.length === 0) return;
  await scope.manager.query(
    `UPDATE brands b SET data_version = b.data_version + 1
       FROM (SELECT id FROM brands WHERE workspace_id = $1 AND id = ANY($2::uuid[])
              ORDER BY id FOR NO KEY UPDATE) locked
      WHERE b.id = locked.id`,
    [scope.workspaceId, brandIds],
  );
}
