import type { WriteScope } from '../../db/scope';
import { isUuid } from '../../shared/validate';

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

/**
 * What every report of a workspace is computed from, short of the facts
 * themselves: the workspace row (phase weights) and every brand row whole
 * (name, zone, response target, data_version — which every write of facts
 * bumps, see above). Equal fingerprints in two snapshots mean every report
 * of the workspace, and every list of its brands, is the same in both: what
 * the response cache (server/response-cache) keys on. One statement without
 * parameters (it rides in the round trip that opens a read snapshot: see
 * UnitOfWork.readAtOpening), proportional to the workspace's brands; its one
 * row's `fingerprint` is the answer.
 */
export function dataFingerprintStatement(workspaceId: string): string {
  if (!isUuid(workspaceId)) throw new Error('invalid workspace id');
  return `SELECT md5(concat((SELECT w::text FROM workspaces w WHERE w.id = '${workspaceId}'), '|',
                 (SELECT string_agg(b::text, '|' ORDER BY b.id) FROM brands b
                   WHERE b.workspace_id = '${workspaceId}'))) AS fingerprint`;
}
