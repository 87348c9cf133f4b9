import { bucketSql } from '../rollups/delay-histogram';
import {
  ACTIVITY_COLUMNS,
  FEEDBACK_COLUMNS,
  FLOAT_COLUMNS,
  SUM_COLUMNS,
} from '../rollups/rollup-columns';
import { ACTIVITY_SUMS, delayMinutes, feedbackSums, NEEDS_RESPONSE } from './engagement-sql';

/**
 * The sums of brand `b` over [lo, hi), served from the daily rollups: the
 * whole local days inside the window come from engagement_daily, the partial
 * days at its edges (at most two) from the raw rows, so the result is exact
 * while its cost grows with days, not events. Delays are merged as
 * histograms (see delay-histogram.ts).
 *
 * `servedLaterals` joins laterals named ed (day range), er (rollups), ef/ea
 * (raw edges) and eh (histogram); `SERVED_COLUMNS` is the select list.
 */
export function servedLaterals(lo: string, hi: string, audienceParam: string): string {
  const audience = (column: string) =>
    `(${audienceParam}::uuid IS NULL OR ${column} = ${audienceParam}::uuid)`;
  const inEdges = (at: string) =>
    `((${at} >= ${lo} AND ${at} < ed.mid_lo) OR (${at} >= ed.mid_hi AND ${at} < ${hi}))`;
  const rawFeedback = `feedback f WHERE f.brand_id = b.id AND f.workspace_id = b.workspace_id
       AND ${inEdges('f.received_at')} AND ${audience('f.audience_id')}`;
  return `
  CROSS JOIN LATERAL (
    SELECT d.first_day, d.end_day,
           CASE WHEN d.first_day < d.end_day THEN d.first_day::timestamp AT TIME ZONE b.timezone ELSE ${hi} END AS mid_lo,
           CASE WHEN d.first_day < d.end_day THEN d.end_day::timestamp AT TIME ZONE b.timezone ELSE ${hi} END AS mid_hi
      FROM (SELECT l.day + (l.day::timestamp AT TIME ZONE b.timezone < ${lo})::int AS first_day,
                   (${hi} AT TIME ZONE b.timezone)::date AS end_day
              FROM (SELECT (${lo} AT TIME ZONE b.timezone)::date AS day) l) d
  ) ed
  CROSS JOIN LATERAL (
    SELECT ${SUM_COLUMNS.map((c) => `sum(r.${c}) AS r_${c}`).join(', ')}
      FROM engagement_daily r
     WHERE r.brand_id = b.id AND r.day >= ed.first_day AND r.day < ed.end_day
       AND ${audience('r.audience_key')}
  ) er
  CROSS JOIN LATERAL (SELECT ${feedbackSums('b.response_target_minutes')} FROM ${rawFeedback}) ef
  CROSS JOIN LATERAL (
    SELECT ${ACTIVITY_SUMS} FROM activities a
     WHERE a.brand_id = b.id AND a.workspace_id = b.workspace_id
       AND ${inEdges('a.occurred_at')} AND ${audience('a.audience_id')}
  ) ea
  CROSS JOIN LATERAL (
    SELECT coalesce(jsonb_object_agg(bucket, n), '{}'::jsonb) AS delay_histogram FROM (
      SELECT bucket, sum(n)::int AS n FROM (
        SELECT h.key::int AS bucket, h.value::int AS n
          FROM engagement_daily r CROSS JOIN LATERAL jsonb_each_text(r.delay_histogram) h
         WHERE r.brand_id = b.id AND r.day >= ed.first_day AND r.day < ed.end_day
           AND ${audience('r.audience_key')} AND r.responded > 0
        UNION ALL
        SELECT ${bucketSql(delayMinutes('f.first_response_at', 'f.received_at'))}, 1
          FROM ${rawFeedback} AND ${NEEDS_RESPONSE} AND f.first_response_at IS NOT NULL
      ) parts GROUP BY bucket) merged
  ) eh`;
}

const served = (raw: string, column: string) =>
  `(${raw}.${column} + coalesce(er.r_${column}, 0))::${FLOAT_COLUMNS.has(column) ? 'float8' : 'int'} AS ${column}`;

export const SERVED_COLUMNS = [
  ...FEEDBACK_COLUMNS.map((c) => served('ef', c)),
  ...ACTIVITY_COLUMNS.map((c) => served('ea', c)),
  'eh.delay_histogram',
].join(',\n  ');
