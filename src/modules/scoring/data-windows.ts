import type { Scope } from '../../db/scope';
import type { TimeWindow } from '../../shared/window';

/**
 * Where each brand has data: from the start of its first local day holding
 * feedback or activities to the end of its last (the brand's time zone), read
 * from the daily rollups (days emptied by deletions count as empty). Brands
 * without data are absent. `brandIds` null: every brand of the workspace.
 */
export async function dataWindows(
  scope: Scope,
  brandIds: readonly string[] | null,
): Promise<Map<string, TimeWindow>> {
  const rows: { id: string; from: Date; to: Date }[] = await scope.manager.query(
    `SELECT d.brand_id AS id,
            (min(d.day)::timestamp AT TIME ZONE b.timezone) AS "from",
            ((max(d.day) + 1)::timestamp AT TIME ZONE b.timezone) AS "to"
       FROM engagement_daily d JOIN brands b ON b.id = d.brand_id
      WHERE d.workspace_id = $1 AND b.workspace_id = $1
        AND ($2::uuid[] IS NULL OR d.brand_id = ANY($2::uuid[]))
        AND (d.feedback > 0 OR d.listening + d.processing + d.interacting + d.broadcasting > 0)
      GROUP BY d.brand_id, b.timezone`,
    [scope.workspaceId, brandIds],
  );
  return new Map(rows.map((r) => [r.id, { from: new Date(r.from), to: new Date(r.to) }]));
}

/** The span of several windows (null when there are none). */
export function spanOf(windows: Iterable<TimeWindow>): TimeWindow | null {
  const list = [...windows];
  if (!list.length) return null;
  return {
    from: new Date(Math.min(...list.map((w) => w.from.getTime()))),
    to: new Date(Math.max(...list.map((w) => w.to.getTime()))),
  };
}
