import type { EntityManager } from 'typeorm';

/**
 * Links between activities and feedback, and the derived firstResponseAt.
 * Callers hold the brand's write lock, so a link by external id is resolved
 * by whichever side arrives last, even when the two arrive concurrently.
 */
export class ReplyLinks {
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
        WHERE f.brand_id = $1 AND f.id = ANY($2::uuid[]) AND f.id = r.id
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
