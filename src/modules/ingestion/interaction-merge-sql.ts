import { STAGE_ACTIVITIES as SA, STAGE_FEEDBACK as SF } from './interaction-stage';

/**
 * The set-based merge of staged items into feedback and activities (see
 * interaction-merge.ts). Every lookup of a stored row is a LATERAL probe of a
 * unique or partial index (LIMIT 1 / OFFSET 0 keep it one), whatever the
 * planner believes of a new brand; UPDATEs join their few rows to the primary
 * key of a MATERIALIZED CTE (inlined, a join on its coalesced columns
 * became a nested loop over the brand's feedback; an extra
 * `id = ANY(ARRAY(…))` restriction made every probe scan the whole array).
 */

/** A conflict (immutable field changed) when `given` is set and differs from `stored`. */
const differs = (given: string, stored: string, field: string) =>
  `CASE WHEN st.id IS NOT NULL AND ${given} IS NOT NULL AND ${given} IS DISTINCT FROM ${stored} THEN '${field}' END`;

/** A mutable field the replay changes. */
const changes = (given: string, stored: string) =>
  `(${given} IS NOT NULL AND ${given} IS DISTINCT FROM ${stored})`;

const verdict = `CASE WHEN jsonb_array_length(v.problems) > 0 THEN 'reject'
                      WHEN v.stored_id IS NULL THEN 'insert'
                      WHEN v.changes THEN 'update' ELSE 'unchanged' END`;

/**
 * Decides every staged item at once: insert, update, unchanged or reject
 * (problems: missing references as `ref:<field>`, changed immutable fields as
 * `<field>`), writes the verdict into the staging tables and returns it.
 */
export const PLAN = `
WITH fv AS (
  SELECT s.n, st.id AS stored_id,
         to_jsonb(array_remove(ARRAY[
           CASE WHEN s.audience_id IS NOT NULL AND au.id IS NULL THEN 'ref:audienceId' END,
           ${differs('s.audience_id', 'st.audience_id', 'audienceId')},
           ${differs('s.kind', 'st.kind::text', 'kind')},
           ${differs('s.sentiment', 'st.sentiment', 'sentiment')},
           ${differs('s.received_at', 'st.received_at', 'receivedAt')},
           ${differs('s.in_reply_to_activity_external_id', 'st.in_reply_to_activity_external_id', 'inReplyToActivityExternalId')}
         ], NULL)) AS problems,
         st.id IS NOT NULL AND (${[
           changes('s.acknowledged_at', 'st.acknowledged_at'),
           changes('s.category', 'st.category'),
           changes('s.outcome', 'st.outcome::text'),
           changes('s.text', 'st.text'),
           changes('s.author_ref', 'st.author_ref'),
         ].join(' OR ')}) AS changes
    FROM ${SF} s
    LEFT JOIN LATERAL (
      SELECT f.id, f.audience_id, f.kind, f.sentiment, f.received_at, f.acknowledged_at, f.category,
             f.outcome, f.in_reply_to_activity_external_id, f.author_ref, f.text
        FROM feedback f WHERE f.brand_id = s.brand_id AND f.external_id = s.external_id LIMIT 1) st ON true
    LEFT JOIN LATERAL (
      SELECT a.id FROM audiences a WHERE a.brand_id = s.brand_id AND a.id = s.audience_id LIMIT 1) au ON true),
fp AS (
  UPDATE ${SF} s SET stored_id = v.stored_id, problems = v.problems, action = ${verdict}
    FROM fv v WHERE s.n = v.n
  RETURNING 'feedback' AS type, s.n, s.brand_id, s.action, coalesce(s.stored_id, s.id) AS id, s.problems),
av AS (
  SELECT s.n, st.id AS stored_id,
         to_jsonb(array_remove(ARRAY[
           CASE WHEN s.audience_id IS NOT NULL AND au.id IS NULL THEN 'ref:audienceId' END,
           CASE WHEN s.in_reply_to_feedback_id IS NOT NULL AND rf.id IS NULL THEN 'ref:inReplyToFeedbackId' END,
           ${differs('s.audience_id', 'st.audience_id', 'audienceId')},
           ${differs('s.kind', 'st.kind::text', 'kind')},
           ${differs('s.intent', 'st.intent::text', 'intent')},
           ${differs('s.occurred_at', 'st.occurred_at', 'occurredAt')},
           ${differs('s.in_reply_to_feedback_id', 'st.in_reply_to_feedback_id', 'inReplyToFeedbackId')},
           ${differs('s.in_reply_to_feedback_external_id', 'st.in_reply_to_feedback_external_id', 'inReplyToFeedbackExternalId')}
         ], NULL)) AS problems,
         st.id IS NOT NULL AND (${changes('s.reach', 'st.reach')} OR ${changes('s.engagements', 'st.engagements')}) AS changes
    FROM ${SA} s
    LEFT JOIN LATERAL (
      SELECT a.id, a.audience_id, a.kind, a.intent, a.occurred_at, a.reach, a.engagements,
             a.in_reply_to_feedback_id, a.in_reply_to_feedback_external_id
        FROM activities a WHERE a.brand_id = s.brand_id AND a.external_id = s.external_id LIMIT 1) st ON true
    LEFT JOIN LATERAL (
      SELECT a.id FROM audiences a WHERE a.brand_id = s.brand_id AND a.id = s.audience_id LIMIT 1) au ON true
    LEFT JOIN LATERAL (
      SELECT f.id FROM feedback f WHERE f.brand_id = s.brand_id AND f.id = s.in_reply_to_feedback_id LIMIT 1) rf ON true),
ap AS (
  UPDATE ${SA} s SET stored_id = v.stored_id, problems = v.problems, action = ${verdict}
    FROM av v WHERE s.n = v.n
  RETURNING 'activity' AS type, s.n, s.brand_id, s.action, coalesce(s.stored_id, s.id) AS id, s.problems)
SELECT * FROM fp UNION ALL SELECT * FROM ap`;

/** A new text is read again; a stored sentiment means the model's sentiment is not used. */
const retext = `(s.text IS NOT NULL AND s.text IS DISTINCT FROM f.text)`;
const reread = (column: string, unusedWithSentiment: string | null) =>
  `${column} = CASE WHEN NOT ${retext} THEN f.${column}` +
  (unusedWithSentiment ? ` WHEN f.sentiment IS NOT NULL THEN ${unusedWithSentiment}` : '') +
  ` ELSE s.${column} END`;

/**
 * Updates of stored feedback and activities, and inserts of new feedback
 * (linked at once to stored activities they comment on). $1: workspace.
 */
export const WRITE_FEEDBACK = `
WITH uf AS (
  UPDATE feedback f SET
         acknowledged_at = coalesce(s.acknowledged_at, f.acknowledged_at),
         category = coalesce(s.category, f.category),
         outcome = coalesce(s.outcome::feedback_outcome, f.outcome),
         author_ref = coalesce(s.author_ref, f.author_ref),
         ${reread('inferred_sentiment', 'NULL')},
         ${reread('sentiment_cues', `'{}'::text[]`)},
         ${reread('inferred_complaint', null)},
         ${reread('complaint_cues', null)},
         ${reread('inference_version', null)},
         text = coalesce(s.text, f.text),
         updated_at = now()
    FROM ${SF} s
   WHERE s.action = 'update' AND f.brand_id = s.brand_id AND f.id = s.stored_id
  RETURNING f.id),
ua AS (
  UPDATE activities a SET reach = coalesce(s.reach, a.reach),
         engagements = coalesce(s.engagements, a.engagements), updated_at = now()
    FROM ${SA} s
   WHERE s.action = 'update' AND a.brand_id = s.brand_id AND a.id = s.stored_id
  RETURNING a.id)
INSERT INTO feedback (brand_id, id, workspace_id, audience_id, kind, sentiment, received_at,
                      acknowledged_at, category, outcome, in_reply_to_activity_id,
                      in_reply_to_activity_external_id, external_id, author_ref, text,
                      inferred_sentiment, inferred_complaint, sentiment_cues, complaint_cues,
                      inference_version)
SELECT s.brand_id, s.id, $1, s.audience_id, s.kind::feedback_kind, s.sentiment, s.received_at,
       s.acknowledged_at, s.category, coalesce(s.outcome, 'NONE')::feedback_outcome,
       (SELECT a.id FROM activities a WHERE a.brand_id = s.brand_id
           AND a.external_id = s.in_reply_to_activity_external_id LIMIT 1),
       s.in_reply_to_activity_external_id, s.external_id, s.author_ref, s.text,
       s.inferred_sentiment, s.inferred_complaint, coalesce(s.sentiment_cues, '{}'),
       coalesce(s.complaint_cues, '{}'), s.inference_version
  FROM ${SF} s WHERE s.action = 'insert' ORDER BY s.n`;

/**
 * Inserts of new activities (linked at once to the feedback they answer,
 * stored or new), then the links that waited for this chunk's new rows, and
 * firstResponseAt of every feedback item that gained a reply: in one
 * statement. Returns the feedback items that gained replies. $1: workspace.
 */
export const WRITE_ACTIVITIES = `
WITH ins AS (
  INSERT INTO activities (brand_id, id, workspace_id, audience_id, kind, phase, intent, occurred_at,
                          reach, engagements, in_reply_to_feedback_id,
                          in_reply_to_feedback_external_id, external_id)
  SELECT s.brand_id, s.id, $1, s.audience_id, s.kind::activity_kind, s.phase::engagement_phase,
         coalesce(s.intent, s.default_intent)::activity_intent, s.occurred_at, s.reach, s.engagements,
         coalesce(s.in_reply_to_feedback_id,
                  (SELECT f.id FROM feedback f WHERE f.brand_id = s.brand_id
                      AND f.external_id = s.in_reply_to_feedback_external_id LIMIT 1)),
         s.in_reply_to_feedback_external_id, s.external_id
    FROM ${SA} s WHERE s.action = 'insert' ORDER BY s.n
  RETURNING brand_id, id, external_id, in_reply_to_feedback_id, occurred_at, phase),
waiting AS MATERIALIZED (
  SELECT w.brand_id, w.id, s.id AS feedback_id
    FROM ${SF} s
   CROSS JOIN LATERAL (
     SELECT a.brand_id, a.id FROM activities a
      WHERE a.brand_id = s.brand_id AND a.in_reply_to_feedback_external_id = s.external_id
        AND a.in_reply_to_feedback_id IS NULL OFFSET 0) w
   WHERE s.action = 'insert' AND s.external_id IS NOT NULL),
linked AS (
  UPDATE activities a SET in_reply_to_feedback_id = w.feedback_id, updated_at = now()
    FROM waiting w
   WHERE a.brand_id = w.brand_id AND a.id = w.id
  RETURNING a.brand_id, a.in_reply_to_feedback_id, a.occurred_at, a.phase),
replies AS MATERIALIZED (
  SELECT r.brand_id, r.in_reply_to_feedback_id AS id, min(r.occurred_at) AS first
    FROM (SELECT brand_id, in_reply_to_feedback_id, occurred_at, phase FROM ins
          UNION ALL SELECT brand_id, in_reply_to_feedback_id, occurred_at, phase FROM linked) r
   WHERE r.in_reply_to_feedback_id IS NOT NULL AND r.phase = 'INTERACTING'
   GROUP BY 1, 2),
comments AS MATERIALIZED (
  SELECT c.brand_id, c.id, i.id AS activity_id
    FROM ins i
   CROSS JOIN LATERAL (
     SELECT f.brand_id, f.id FROM feedback f
      WHERE f.brand_id = i.brand_id AND f.in_reply_to_activity_external_id = i.external_id
        AND f.in_reply_to_activity_id IS NULL OFFSET 0) c
   WHERE i.external_id IS NOT NULL),
touched AS MATERIALIZED (
  SELECT coalesce(r.brand_id, c.brand_id) AS brand_id, coalesce(r.id, c.id) AS id,
         r.first, c.activity_id
    FROM replies r FULL JOIN comments c ON c.brand_id = r.brand_id AND c.id = r.id),
fb AS (
  -- firstResponseAt only moves earlier as replies are added (deletions recompute it, see
  -- ReplyLinks.refreshFirstResponse): the stored value and the new replies' earliest suffice
  UPDATE feedback f
     SET in_reply_to_activity_id = coalesce(x.activity_id, f.in_reply_to_activity_id),
         first_response_at = least(f.first_response_at, x.first),
         updated_at = now()
    FROM touched x
   WHERE f.brand_id = x.brand_id AND f.id = x.id
     AND (coalesce(x.activity_id, f.in_reply_to_activity_id), least(f.first_response_at, x.first))
         IS DISTINCT FROM (f.in_reply_to_activity_id, f.first_response_at)
  RETURNING f.id)
SELECT brand_id, id FROM replies`;
