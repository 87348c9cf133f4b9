import type { Scope } from '../../db/scope';
import type { TimeWindow } from '../../shared/window';
import { preparedQuery } from '../../db/prepared-query';
import { SERVED_COLUMNS, servedLaterals } from '../rollups/served-sums-sql';
import type { SumsRow } from '../rollups/engagement-sums';
import { PERIOD_SQL, type Granularity } from './granularity';

/** Whether the audience filter ($5) names an audience of brand b (true without a filter). */
const AUDIENCE_FOUND = `($5::uuid IS NULL OR EXISTS (
  SELECT 1 FROM audiences au WHERE au.brand_id = b.id AND au.id = $5::uuid)) AS audience_found,
  $5::uuid AS audience_id`;

export interface BrandSumsRow extends SumsRow {
  audience_found: boolean;
  audience_id: string | null;
  id: string;
  workspace_id: string;
  name: string;
  slug: string;
  timezone: string;
  response_target_minutes: number;
  created_at: Date;
  updated_at: Date;
  phase_weights: Record<string, number> | null;
  /** brands.data_version (bigint as text): what the report cache keys on. */
  data_version: string;
}

/** What is read fresh on every report, cached or not: the brand, its workspace's weights, its version. */
export type BrandVersionRow = Pick<
  BrandSumsRow,
  | 'id'
  | 'workspace_id'
  | 'name'
  | 'slug'
  | 'timezone'
  | 'response_target_minutes'
  | 'created_at'
  | 'updated_at'
  | 'phase_weights'
  | 'data_version'
>;

const BRAND_COLUMNS = `b.id, b.workspace_id, b.name, b.slug, b.timezone, b.response_target_minutes,
       b.created_at, b.updated_at, w.phase_weights, b.data_version::text AS data_version`;

export interface PeriodSumsRow extends SumsRow {
  audience_found: boolean;
  period_start: Date;
  seconds: number;
  phase_weights: Record<string, number> | null;
}

/** Which brands: two statements, so that each has an index-friendly generic plan. */
function which(brandIds: readonly string[] | null, searchParam: string): string {
  return brandIds === null
    ? `$2::uuid[] IS NULL AND (${searchParam}::text IS NULL OR b.name ILIKE ${searchParam} OR b.slug ILIKE ${searchParam})`
    : 'b.id = ANY($2::uuid[])';
}

/**
 * Where engagement sums come from: one statement per report, per list of
 * brands, per ranking and per series, served from the daily rollups (see
 * served-sums-sql.ts). The only place that reads sums for scoring.
 */
export class EngagementReadModel {
  /**
   * Sums of several brands (null: every brand of the workspace, whose name or
   * slug is like `search` when given) over one window.
   */
  async brandSums(
    scope: Scope,
    brandIds: readonly string[] | null,
    window: TimeWindow,
    audienceId: string | null,
    search: string | null = null,
  ): Promise<BrandSumsRow[]> {
    const params = [scope.workspaceId, brandIds, window.from, window.to, audienceId];
    return preparedQuery(
      scope.manager,
      `SELECT ${BRAND_COLUMNS}, ${AUDIENCE_FOUND}, ${SERVED_COLUMNS}
         FROM brands b
         JOIN workspaces w ON w.id = b.workspace_id
         ${servedLaterals('$3::timestamptz', '$4::timestamptz', '$5')}
        WHERE b.workspace_id = $1 AND ${which(brandIds, '$6')}`,
      brandIds === null ? [...params, search] : params,
    );
  }

  /** The brands of brandSums without their sums: one index lookup (the report cache's check). */
  async brandVersions(
    scope: Scope,
    brandIds: readonly string[] | null,
    search: string | null = null,
  ): Promise<BrandVersionRow[]> {
    return preparedQuery(
      scope.manager,
      `SELECT ${BRAND_COLUMNS}
         FROM brands b
         JOIN workspaces w ON w.id = b.workspace_id
        WHERE b.workspace_id = $1 AND ${which(brandIds, '$3')}`,
      brandIds === null ? [scope.workspaceId, null, search] : [scope.workspaceId, brandIds],
    );
  }

  /**
   * Sums per period — local days, Monday weeks or calendar months in the
   * brand's time zone — clipped to the window and gap-filled. Periods are
   * stepped in local time and converted back, so a local day lasts 23 or 25
   * hours across daylight-saving changes (and this works on PostgreSQL 15,
   * whose generate_series has no time-zone argument).
   */
  async periodSums(
    scope: Scope,
    brandId: string,
    window: TimeWindow,
    granularity: Granularity,
    audienceId: string | null,
  ): Promise<PeriodSumsRow[]> {
    const { unit, step } = PERIOD_SQL[granularity];
    return preparedQuery(
      scope.manager,
      `WITH brand AS (
         SELECT id, workspace_id, timezone, response_target_minutes FROM brands
          WHERE workspace_id = $1 AND id = $2),
       periods AS (
         SELECT (l AT TIME ZONE brand.timezone) AS start_at,
                ((l + $7::interval) AT TIME ZONE brand.timezone) AS end_at
           FROM brand,
                generate_series(date_trunc($6, $3::timestamptz AT TIME ZONE brand.timezone),
                                $4::timestamptz AT TIME ZONE brand.timezone, $7::interval) AS l),
       clipped AS (
         SELECT start_at, greatest(start_at, $3::timestamptz) AS lo, least(end_at, $4::timestamptz) AS hi
           FROM periods WHERE end_at > $3::timestamptz AND start_at < $4::timestamptz)
       SELECT p.start_at AS period_start, extract(epoch FROM (p.hi - p.lo))::float8 AS seconds,
              w.phase_weights, ${AUDIENCE_FOUND}, ${SERVED_COLUMNS}
         FROM clipped p
         CROSS JOIN brand b
         JOIN workspaces w ON w.id = b.workspace_id
         ${servedLaterals('p.lo', 'p.hi', '$5')}
        ORDER BY p.start_at`,
      [scope.workspaceId, brandId, window.from, window.to, audienceId, unit, step],
    );
  }
}
