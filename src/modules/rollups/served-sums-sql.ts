import { bucketSql } from './delay-histogram';
import {
  ACTIVITY_SUMS,
  cast,
  delayMinutes,
  FEEDBACK_SUMS,
  NEEDS_RESPONSE,
  SUM_COLUMNS,
  sumsSelect,
} from './sum-definitions';

/**
 * The sums of brand `b` over [lo, hi), served from the rollups: whole local
 * months from engagement_monthly, the other whole local days from
 * engagement_daily, and the partial days at the window's edges (at most two)
 * from the raw rows — exact, at a cost of about 12 + 60 rollup rows per
 * audience for a year, however dense the history. Delays are merged as
 * histograms (see delay-histogram.ts).
 *
 * `servedLaterals` joins laterals named ed (the ranges), er (rollup sums),
 * ef/ea (raw edges) and eh (histogram); `SERVED_COLUMNS` is the select list.
 */
export function servedLaterals(lo: string, hi: string, audienceParam: string): string {
  const audience = (column: string) =>
    `(${audienceParam}::uuid IS NULL OR ${column} = ${audienceParam}::uuid)`;
  const inEdges = (at: string) =>
    `((${at} >= ${lo} AND ${at} < ed.mid_lo) OR (${at} >= ed.mid_hi AND ${at} < ${hi}))`;
  const rawFeedback = `feedback f WHERE f.brand_id = b.id AND f.workspace_id = b.workspace_id
       AND ${inEdges('f.received_at')} AND ${audience('f.audience_id')}`;
  const days = `r.brand_id = b.id AND ${audience('r.audience_key')}
       AND ((r.day >= ed.first_day AND r.day < ed.days_hi) OR (r.day >= ed.days_lo AND r.day < ed.end_day))`;
  const months = `mo.brand_id = b.id AND ${audience('mo.audience_key')}
       AND mo.month >= ed.first_month AND mo.month < ed.end_month`;
  return `
  CROSS JOIN LATERAL (
    SELECT d.first_day, d.end_day, m.first_month, m.end_month,
           CASE WHEN d.first_day < d.end_day THEN d.first_day::timestamp AT TIME ZONE b.timezone ELSE ${hi} END AS mid_lo,
           CASE WHEN d.first_day < d.end_day THEN d.end_day::timestamp AT TIME ZONE b.timezone ELSE ${hi} END AS mid_hi,
           CASE WHEN m.first_month < m.end_month THEN m.first_month ELSE d.end_day END AS days_hi,
           CASE WHEN m.first_month < m.end_month THEN m.end_month ELSE d.end_day END AS days_lo
      FROM (SELECT l.day + (l.day::timestamp AT TIME ZONE b.timezone < ${lo})::int AS first_day,
                   (${hi} AT TIME ZONE b.timezone)::date AS end_day
              FROM (SELECT (${lo} AT TIME ZONE b.timezone)::date AS day) l) d
     CROSS JOIN LATERAL (
       SELECT (date_trunc('month', d.first_day) + CASE WHEN extract(day FROM d.first_day) = 1
                 THEN interval '0 months' ELSE interval '1 month' END)::date AS first_month,
              date_trunc('month', d.end_day)::date AS end_month) m
  ) ed
  CROSS JOIN LATERAL (
    SELECT ${SUM_COLUMNS.map((c) => `sum(x.${c}) AS r_${c}`).join(', ')} FROM (
      SELECT ${SUM_COLUMNS.map((c) => `r.${c}`).join(', ')} FROM engagement_daily r WHERE ${days}
      UNION ALL
      SELECT ${SUM_COLUMNS.map((c) => `mo.${c}`).join(', ')} FROM engagement_monthly mo WHERE ${months}
    ) x
  ) er
  CROSS JOIN LATERAL (SELECT ${sumsSelect('feedback')} FROM ${rawFeedback}) ef
  CROSS JOIN LATERAL (
    SELECT ${sumsSelect('activities')} FROM activities a
     WHERE a.brand_id = b.id AND a.workspace_id = b.workspace_id
       AND ${inEdges('a.occurred_at')} AND ${audience('a.audience_id')}
  ) ea
  CROSS JOIN LATERAL (
    SELECT coalesce(jsonb_object_agg(bucket, n), '{}'::jsonb) AS delay_histogram FROM (
      SELECT bucket, sum(n)::int AS n FROM (
        SELECT h.key::int AS bucket, h.value::int AS n
          FROM engagement_daily r CROSS JOIN LATERAL jsonb_each_text(r.delay_histogram) h
         WHERE ${days} AND r.responded > 0
        UNION ALL
        SELECT h.key::int, h.value::int
          FROM engagement_monthly mo CROSS JOIN LATERAL jsonb_each_text(mo.delay_histogram) h
         WHERE ${months} AND mo.responded > 0
        UNION ALL
        SELECT ${bucketSql(delayMinutes('f.first_response_at', 'f.received_at'))}, 1
          FROM ${rawFeedback} AND ${NEEDS_RESPONSE} AND f.first_response_at IS NOT NULL
      ) parts GROUP BY bucket) merged
  ) eh`;
}

/** Each sum: the raw edges (ef or ea) plus the rollups (er). */
export const SERVED_COLUMNS = [
  ...FEEDBACK_SUMS.map(
    (s) => `${cast(s, `ef.${s.column} + coalesce(er.r_${s.column}, 0)`)} AS ${s.column}`,
  ),
  ...ACTIVITY_SUMS.map(
    (s) => `${cast(s, `ea.${s.column} + coalesce(er.r_${s.column}, 0)`)} AS ${s.column}`,
  ),
  'eh.delay_histogram',
].join(',\n  ');
