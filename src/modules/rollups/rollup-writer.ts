import type { EntityManager } from 'typeorm';
import type { RemovedItem } from '../../db/change-log';
import type { WriteScope } from '../../db/scope';
import { bucketSql } from './delay-histogram';
import {
  delayMinutes,
  NEEDS_RESPONSE,
  NO_AUDIENCE,
  SUM_COLUMNS,
  sumsSelect,
} from './sum-definitions';

export interface RollupKey {
  audienceKey: string;
  day: string;
}

/**
 * Keeps engagement_daily equal to the raw rows: after a write, the (audience,
 * local day) rows it touched are recomputed from the facts of those days, in
 * the same transaction (see apply). Writers hold the brand's write lock, so
 * rows are never written concurrently (no deadlocks, no lost updates).
 */
export class RollupWriter {
  /**
   * Brings the rollups up to date with everything a write transaction
   * changed (its ChangeLog), once, just before it commits.
   */
  async apply(scope: WriteScope): Promise<void> {
    for (const [brandId, changes] of scope.changes.byBrand) {
      if (changes.rebuild) {
        await this.rebuild(scope.manager, brandId);
        continue;
      }
      const keys = await this.keysOf(
        scope.manager,
        brandId,
        [...changes.feedbackIds],
        [...changes.activityIds],
        changes.removed,
      );
      await this.refresh(scope.manager, brandId, keys);
    }
  }

  /** The rollup keys of these feedback items and activities as they are now, and of removed items. */
  private async keysOf(
    m: EntityManager,
    brandId: string,
    feedbackIds: string[],
    activityIds: string[],
    removed: readonly RemovedItem[],
  ): Promise<RollupKey[]> {
    if (feedbackIds.length === 0 && activityIds.length === 0 && removed.length === 0) return [];
    const rows: { audience_key: string; day: string }[] = await m.query(
      `WITH b AS (SELECT timezone FROM brands WHERE id = $1)
       SELECT DISTINCT coalesce(f.audience_id, '${NO_AUDIENCE}') AS audience_key,
              to_char((f.received_at AT TIME ZONE b.timezone)::date, 'YYYY-MM-DD') AS day
         FROM feedback f, b WHERE f.brand_id = $1 AND f.id = ANY($2::uuid[])
       UNION
       SELECT DISTINCT coalesce(a.audience_id, '${NO_AUDIENCE}'),
              to_char((a.occurred_at AT TIME ZONE b.timezone)::date, 'YYYY-MM-DD')
         FROM activities a, b WHERE a.brand_id = $1 AND a.id = ANY($3::uuid[])
       UNION
       SELECT DISTINCT coalesce(r.audience_id, '${NO_AUDIENCE}'),
              to_char((r.at AT TIME ZONE b.timezone)::date, 'YYYY-MM-DD')
         FROM unnest($4::uuid[], $5::timestamptz[]) AS r(audience_id, at), b`,
      [
        brandId,
        feedbackIds,
        activityIds,
        removed.map((r) => r.audienceId),
        removed.map((r) => r.at),
      ],
    );
    return rows.map((r) => ({ audienceKey: r.audience_key, day: r.day }));
  }

  /**
   * Recomputes these rollup rows from the raw rows of their days. A row is
   * rewritten (and its updated_at moved) only when a sum changed; a row left
   * empty stays, with zeros, so that incremental BI loads see it change.
   */
  private async refresh(m: EntityManager, brandId: string, keys: RollupKey[]): Promise<void> {
    if (keys.length === 0) return;
    const unique = [...new Map(keys.map((k) => [`${k.audienceKey}/${k.day}`, k])).values()]
      // a fixed order: concurrent writers of one brand are already serialised, this keeps it so if that changes
      .sort((a, b) => a.audienceKey.localeCompare(b.audienceKey) || a.day.localeCompare(b.day));
    const sameAudience = (alias: string) =>
      `coalesce(${alias}.audience_id, '${NO_AUDIENCE}') = k.audience_key`;
    await m.query(
      `WITH b AS (SELECT id, workspace_id, timezone, response_target_minutes FROM brands WHERE id = $1),
       keys AS (
         SELECT k.audience_key, k.day, (k.day::timestamp AT TIME ZONE b.timezone) AS lo,
                ((k.day + 1)::timestamp AT TIME ZONE b.timezone) AS hi
           FROM unnest($2::uuid[], $3::date[]) AS k(audience_key, day), b),
       computed AS (
         SELECT k.audience_key, k.day, fs.*, acts.*, hist.histogram
           FROM keys k CROSS JOIN b
           CROSS JOIN LATERAL (
             SELECT ${sumsSelect('feedback')} FROM feedback f
              WHERE f.brand_id = b.id AND f.received_at >= k.lo AND f.received_at < k.hi AND ${sameAudience('f')}) fs
           CROSS JOIN LATERAL (
             SELECT ${sumsSelect('activities')} FROM activities a
              WHERE a.brand_id = b.id AND a.occurred_at >= k.lo AND a.occurred_at < k.hi AND ${sameAudience('a')}) acts
           CROSS JOIN LATERAL (
             SELECT coalesce(jsonb_object_agg(bucket, n), '{}'::jsonb) AS histogram FROM (
               SELECT ${bucketSql(delayMinutes('f.first_response_at', 'f.received_at'))} AS bucket, count(*)::int AS n
                 FROM feedback f
                WHERE f.brand_id = b.id AND f.received_at >= k.lo AND f.received_at < k.hi AND ${sameAudience('f')}
                  AND ${NEEDS_RESPONSE} AND f.first_response_at IS NOT NULL
                GROUP BY 1) x) hist)
       INSERT INTO engagement_daily (brand_id, workspace_id, audience_key, day, ${SUM_COLUMNS.join(', ')}, delay_histogram)
       SELECT b.id, b.workspace_id, c.audience_key, c.day, ${SUM_COLUMNS.map((col) => `c.${col}`).join(', ')}, c.histogram
         FROM computed c CROSS JOIN b
       ON CONFLICT (brand_id, audience_key, day) DO UPDATE SET
         ${SUM_COLUMNS.map((col) => `${col} = EXCLUDED.${col}`).join(', ')},
         delay_histogram = EXCLUDED.delay_histogram, updated_at = now()
       WHERE (${SUM_COLUMNS.map((col) => `engagement_daily.${col}`).join(', ')}, engagement_daily.delay_histogram)
             IS DISTINCT FROM (${SUM_COLUMNS.map((col) => `EXCLUDED.${col}`).join(', ')}, EXCLUDED.delay_histogram)`,
      [brandId, unique.map((k) => k.audienceKey), unique.map((k) => k.day)],
    );
    await this.refreshMonths(m, brandId, unique);
  }

  /** Re-sums the months of these days from engagement_daily (after the days were refreshed). */
  private async refreshMonths(m: EntityManager, brandId: string, keys: RollupKey[]): Promise<void> {
    await m.query(
      `WITH k AS (
         SELECT DISTINCT k.audience_key, date_trunc('month', k.day)::date AS month
           FROM unnest($2::uuid[], $3::date[]) AS k(audience_key, day)),
       sums AS (
         SELECT k.audience_key, k.month, s.*, h.histogram FROM k
          CROSS JOIN LATERAL (
            SELECT ${SUM_COLUMNS.map((c) => `coalesce(sum(d.${c}), 0) AS ${c}`).join(', ')}
              FROM engagement_daily d
             WHERE d.brand_id = $1 AND d.audience_key = k.audience_key
               AND d.day >= k.month AND d.day < (k.month + interval '1 month')::date) s
          CROSS JOIN LATERAL (${mergedHistogram(`d.brand_id = $1 AND d.audience_key = k.audience_key
               AND d.day >= k.month AND d.day < (k.month + interval '1 month')::date`)}) h)
       INSERT INTO engagement_monthly (brand_id, workspace_id, audience_key, month, ${SUM_COLUMNS.join(', ')}, delay_histogram)
       SELECT b.id, b.workspace_id, s.audience_key, s.month, ${SUM_COLUMNS.map((c) => `s.${c}`).join(', ')}, s.histogram
         FROM sums s CROSS JOIN (SELECT id, workspace_id FROM brands WHERE id = $1) b
       ON CONFLICT (brand_id, audience_key, month) DO UPDATE SET
         ${SUM_COLUMNS.map((col) => `${col} = EXCLUDED.${col}`).join(', ')},
         delay_histogram = EXCLUDED.delay_histogram, updated_at = now()
       WHERE (${SUM_COLUMNS.map((col) => `engagement_monthly.${col}`).join(', ')}, engagement_monthly.delay_histogram)
             IS DISTINCT FROM (${SUM_COLUMNS.map((col) => `EXCLUDED.${col}`).join(', ')}, EXCLUDED.delay_histogram)`,
      [brandId, keys.map((k) => k.audienceKey), keys.map((k) => k.day)],
    );
  }

  /** Rebuilds the monthly rollups of a brand (or all: null) from its daily rollups. */
  async rebuildMonths(m: EntityManager, brandId: string | null): Promise<void> {
    await m.query('DELETE FROM engagement_monthly WHERE $1::uuid IS NULL OR brand_id = $1', [
      brandId,
    ]);
    await m.query(
      `WITH months AS (
         SELECT d.brand_id, d.workspace_id, d.audience_key, date_trunc('month', d.day)::date AS month,
                ${SUM_COLUMNS.map((c) => `sum(d.${c}) AS ${c}`).join(', ')}
           FROM engagement_daily d WHERE $1::uuid IS NULL OR d.brand_id = $1
          GROUP BY 1, 2, 3, 4),
       hist AS (
         SELECT brand_id, audience_key, month, jsonb_object_agg(bucket, n) AS histogram FROM (
           SELECT d.brand_id, d.audience_key, date_trunc('month', d.day)::date AS month,
                  h.key::int AS bucket, sum(h.value::int)::int AS n
             FROM engagement_daily d CROSS JOIN LATERAL jsonb_each_text(d.delay_histogram) h
            WHERE ($1::uuid IS NULL OR d.brand_id = $1) AND d.responded > 0
            GROUP BY 1, 2, 3, 4) x
          GROUP BY 1, 2, 3)
       INSERT INTO engagement_monthly (brand_id, workspace_id, audience_key, month, ${SUM_COLUMNS.join(', ')}, delay_histogram)
       SELECT m.brand_id, m.workspace_id, m.audience_key, m.month, ${SUM_COLUMNS.map((c) => `m.${c}`).join(', ')},
              coalesce(h.histogram, '{}'::jsonb)
         FROM months m LEFT JOIN hist h USING (brand_id, audience_key, month)`,
      [brandId],
    );
  }

  /**
   * Rebuilds every rollup row of a brand, or of all brands (null), from the
   * raw rows in one set-based statement: after a brand's time zone or
   * response target changed, for backfills, repairs and benchmarks.
   */
  async rebuild(m: EntityManager, brandId: string | null): Promise<void> {
    await this.rebuildDays(m, brandId);
    await this.rebuildMonths(m, brandId);
  }

  /** The daily rollups alone (the DailyRollups migration's backfill, before months existed). */
  async rebuildDays(m: EntityManager, brandId: string | null): Promise<void> {
    await m.query('DELETE FROM engagement_daily WHERE $1::uuid IS NULL OR brand_id = $1', [
      brandId,
    ]);
    const key = (alias: string, at: string) =>
      `${alias}.brand_id, coalesce(${alias}.audience_id, '${NO_AUDIENCE}'::uuid) AS audience_key,
       (${alias}.${at} AT TIME ZONE b.timezone)::date AS day`;
    await m.query(
      `WITH b AS (SELECT id, workspace_id, timezone, response_target_minutes FROM brands
                   WHERE $1::uuid IS NULL OR id = $1),
       fs AS (SELECT ${key('f', 'received_at')}, ${sumsSelect('feedback')}
                FROM feedback f JOIN b ON b.id = f.brand_id GROUP BY 1, 2, 3),
       acts AS (SELECT ${key('a', 'occurred_at')}, ${sumsSelect('activities')}
                  FROM activities a JOIN b ON b.id = a.brand_id GROUP BY 1, 2, 3),
       hist AS (SELECT brand_id, audience_key, day, jsonb_object_agg(bucket, n) AS histogram FROM (
                  SELECT ${key('f', 'received_at')},
                         ${bucketSql(delayMinutes('f.first_response_at', 'f.received_at'))} AS bucket, count(*)::int AS n
                    FROM feedback f JOIN b ON b.id = f.brand_id
                   WHERE ${NEEDS_RESPONSE} AND f.first_response_at IS NOT NULL
                   GROUP BY 1, 2, 3, 4) x
                GROUP BY 1, 2, 3)
       INSERT INTO engagement_daily (brand_id, workspace_id, audience_key, day, ${SUM_COLUMNS.join(', ')}, delay_histogram)
       SELECT brand_id, b.workspace_id, audience_key, day,
              ${SUM_COLUMNS.map((col) => `coalesce(${col}, 0)`).join(', ')}, coalesce(hist.histogram, '{}'::jsonb)
         FROM fs FULL JOIN acts USING (brand_id, audience_key, day)
         LEFT JOIN hist USING (brand_id, audience_key, day)
         JOIN b ON b.id = brand_id`,
      [brandId],
    );
  }
}

/** Histograms of the daily rows matching `where` (alias d) merged: bucket → count. */
function mergedHistogram(where: string): string {
  return `SELECT coalesce(jsonb_object_agg(bucket, n), '{}'::jsonb) AS histogram FROM (
            SELECT h.key::int AS bucket, sum(h.value::int)::int AS n
              FROM engagement_daily d CROSS JOIN LATERAL jsonb_each_text(d.delay_histogram) h
             WHERE ${where} AND d.responded > 0
             GROUP BY 1) x`;
}
