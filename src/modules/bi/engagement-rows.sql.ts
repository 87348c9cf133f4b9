import { cast, NO_AUDIENCE, SUMS } from '../rollups/sum-definitions';

/** The columns that count items: a period with none of them is empty. */
const ITEM_COLUMNS = SUMS.filter((s) => s.countsItems).map((s) => s.column);

/**
 * BI rows from the daily rollups: sums per brand × audience × period over
 * the local days that start within the window, in keyset order
 * (brand_id, audience_key, period_day). Parameters:
 * $1 workspace, $2 brand ids|null, $3 from, $4 to, $5 unit (day|week|month),
 * $6 audience ids|null, $7 updatedSince|null, $8–$10 cursor (or nulls).
 */
export function rowsCte(): string {
  return `
  WITH b AS (
    SELECT b.id, b.name, b.timezone, w.phase_weights,
           lo.day + (lo.day::timestamp AT TIME ZONE b.timezone < $3::timestamptz)::int AS first_day,
           hi.day + (hi.day::timestamp AT TIME ZONE b.timezone < $4::timestamptz)::int AS end_day
      FROM brands b
      JOIN workspaces w ON w.id = b.workspace_id
      CROSS JOIN LATERAL (SELECT ($3::timestamptz AT TIME ZONE b.timezone)::date AS day) lo
      CROSS JOIN LATERAL (SELECT ($4::timestamptz AT TIME ZONE b.timezone)::date AS day) hi
     WHERE b.workspace_id = $1 AND ($2::uuid[] IS NULL OR b.id = ANY($2::uuid[]))
       AND ($8::uuid IS NULL OR b.id >= $8::uuid)),
  g AS (
    SELECT d.brand_id, d.audience_key, date_trunc($5, d.day)::date AS period_day,
           ${SUMS.map((s) => `${cast(s, `sum(d.${s.column})`)} AS ${s.column}`).join(', ')},
           max(d.updated_at) AS updated_at
      FROM b JOIN engagement_daily d
        ON d.brand_id = b.id AND d.day >= b.first_day AND d.day < b.end_day
     WHERE ($6::uuid[] IS NULL OR d.audience_key = ANY($6::uuid[]))
       AND ($8::uuid IS NULL OR (d.brand_id, d.audience_key) >= ($8::uuid, $9::uuid))
     GROUP BY 1, 2, 3
    HAVING CASE WHEN $7::timestamptz IS NULL
                THEN sum(${ITEM_COLUMNS.map((c) => `d.${c}`).join(' + ')}) > 0
                ELSE max(d.updated_at) > $7::timestamptz END),
  page AS (
    SELECT g.* FROM g
     WHERE $8::uuid IS NULL OR (g.brand_id, g.audience_key, g.period_day) > ($8::uuid, $9::uuid, $10::date))`;
}

export function rowsPage(): string {
  return `${rowsCte()}
  SELECT p.*, b.name AS brand_name, b.phase_weights,
         nullif(p.audience_key, '${NO_AUDIENCE}'::uuid) AS audience_id, a.name AS audience_name, a.channel,
         to_char(p.period_day, 'YYYY-MM-DD') AS period_key,
         (p.period_day::timestamp AT TIME ZONE b.timezone) AS period_start,
         (least((p.period_day + ('1 ' || $5)::interval)::date, b.end_day) - greatest(p.period_day, b.first_day))
           AS days
    FROM page p
    JOIN b ON b.id = p.brand_id
    LEFT JOIN audiences a ON a.brand_id = p.brand_id AND a.id = p.audience_key
   ORDER BY p.brand_id, p.audience_key, p.period_day
   LIMIT $11`;
}

export function rowsCount(): string {
  return `${rowsCte()} SELECT count(*)::int AS n FROM g`;
}
