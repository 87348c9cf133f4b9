import type { EntityManager } from 'typeorm';

/**
 * Links between activities and feedback, and the derived firstResponseAt.
 * Callers hold the brand's write lock, so a link by external id is resolved
 * by whichever side arrives last, even when the two arrive concurrently.
 */
export class ReplyLinks {
  /**
   * Resolves pending external-id links that involve the given new rows and
   * returns the feedback ids whose replies changed.
   */
  async resolve(
    m: EntityManager,
    brandId: string,
    newActivityIds: string[],
    newFeedbackIds: string[],
  ): Promise<string[]> {
    if (newActivityIds.length === 0 && newFeedbackIds.length === 0) return [];
    const answered: { feedback_id: string }[] = await m.query(
      `WITH linked AS (
         UPDATE activities a SET in_reply_to_feedback_id = f.id, updated_at = now()
           FROM feedback f
          WHERE a.brand_id = $1 AND f.brand_id = $1
            AND a.in_reply_to_feedback_id IS NULL
            AND a.in_reply_to_feedback_external_id = f.external_id
            AND (a.id = ANY($2::uuid[]) OR f.id = ANY($3::uuid[]))
          RETURNING a.in_reply_to_feedback_id AS feedback_id)
       SELECT feedback_id FROM linked
       UNION
       SELECT in_reply_to_feedback_id FROM activities
        WHERE brand_id = $1 AND id = ANY($2::uuid[]) AND in_reply_to_feedback_id IS NOT NULL`,
      [brandId, newActivityIds, newFeedbackIds],
    );
    await m.query(
      `UPDATE feedback f SET in_reply_to_activity_id = a.id, updated_at = now()
         FROM activities a
        WHERE f.brand_id = $1 AND a.brand_id = $1
          AND f.in_reply_to_activity_id IS NULL
          AND f.in_reply_to_activity_external_id = a.external_id
          AND (f.id = ANY($3::uuid[]) OR a.id = ANY($2::uuid[]))`,
      [brandId, newActivityIds, newFeedbackIds],
    );
    return answered.map((r) => r.feedback_id);
  }

  /** Sets firstResponseAt = earliest INTERACTING reply (or null) for these feedback items. */
  async refreshFirstResponse(
    m: EntityManager,
    brandId: string,
    feedbackIds: string[],
  ): Promise<void> {
    if (feedbackIds.length === 0) return;
    await m.query(
      `UPDATE feedback f SET first_response_at = r.first, updated_at = now()
         FROM (SELECT ids.id,
                      (SELECT min(a.occurred_at) FROM activities a
                        WHERE a.brand_id = $1 AND a.in_reply_to_feedback_id = ids.id
                          AND a.phase = 'INTERACTING') AS first
                 FROM unnest($2::uuid[]) AS ids(id)) r
        WHERE f.brand_id = $1 AND f.id = r.id
          AND f.first_response_at IS DISTINCT FROM r.first`,
      [brandId, feedbackIds],
    );
  }

  /** Before an activity is deleted: unlink feedback that names it; returns the feedback it answered. */
  async detachActivity(m: EntityManager, brandId: string, activityId: string): Promise<string[]> {
    await m.query(
      `UPDATE feedback SET in_reply_to_activity_id = NULL, updated_at = now()
        WHERE brand_id = $1 AND in_reply_to_activity_id = $2`,
      [brandId, activityId],
    );
    const rows: { id: string | null }[] = await m.query(
      `SELECT in_reply_to_feedback_id AS id FROM activities WHERE brand_id = $1 AND id = $2`,
      [brandId, activityId],
    );
    return rows.map((r) => r.id).filter((id): id is string => id !== null);
  }

  /** Before a feedback item is deleted: its replies keep their external id, lose the direct link. */
  async detachFeedback(m: EntityManager, brandId: string, feedbackId: string): Promise<void> {
    await m.query(
      `UPDATE activities SET in_reply_to_feedback_id = NULL, updated_at = now()
        WHERE brand_id = $1 AND in_reply_to_feedback_id = $2`,
      [brandId, feedbackId],
    );
  }
}
