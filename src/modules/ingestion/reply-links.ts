import type { EntityManager } from 'typeorm';

/**
 * Links between activities and feedback, and the derived firstResponseAt.
 * Callers hold the brand's write lock, so a link by external id is resolved
 * by whichever side arrives last, even when the two arrive concurrently.
 */
/** A link from a child row to its parent, by id or by the parent's external id. */
interface LinkKind {
  readonly child: 'activities' | 'feedback';
  readonly parent: 'activities' | 'feedback';
  readonly idColumn: string;
  readonly extColumn: string;
}

/** A reply (activity) answering a feedback item. */
const REPLY: LinkKind = {
  child: 'activities',
  parent: 'feedback',
  idColumn: 'in_reply_to_feedback_id',
  extColumn: 'in_reply_to_feedback_external_id',
};

/** Feedback answering an activity (a comment on a post). */
const COMMENT: LinkKind = {
  child: 'feedback',
  parent: 'activities',
  idColumn: 'in_reply_to_activity_id',
  extColumn: 'in_reply_to_activity_external_id',
};

export class ReplyLinks {
  /**
   * Before new activities are inserted: resolves their external-id links to
   * feedback of the same batch or already stored, so that they are inserted
   * linked (no update afterwards). What is still unknown stays pending.
   */
  async prelink(
    m: EntityManager,
    brandId: string,
    activities: {
      in_reply_to_feedback_id: string | null;
      in_reply_to_feedback_external_id: string | null;
    }[],
    batchFeedback: { id: string; external_id: string | null }[],
  ): Promise<void> {
    const pending = activities.filter(
      (a) => a.in_reply_to_feedback_id === null && a.in_reply_to_feedback_external_id !== null,
    );
    if (pending.length === 0) return;
    const byExt = new Map<string, string>();
    for (const f of batchFeedback) if (f.external_id !== null) byExt.set(f.external_id, f.id);
    const unknown = [
      ...new Set(
        pending.map((a) => a.in_reply_to_feedback_external_id!).filter((e) => !byExt.has(e)),
      ),
    ];
    if (unknown.length) {
      const stored: { id: string; external_id: string }[] = await m.query(
        'SELECT id, external_id FROM feedback WHERE brand_id = $1 AND external_id = ANY($2::text[])',
        [brandId, unknown],
      );
      for (const f of stored) byExt.set(f.external_id, f.id);
    }
    for (const a of pending)
      a.in_reply_to_feedback_id = byExt.get(a.in_reply_to_feedback_external_id!) ?? null;
  }

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
    const replies = await this.link(m, brandId, REPLY, newActivityIds, newFeedbackIds);
    await this.link(m, brandId, COMMENT, newFeedbackIds, newActivityIds);
    const answeredBefore: { feedback_id: string }[] = await m.query(
      `SELECT DISTINCT in_reply_to_feedback_id AS feedback_id FROM activities
        WHERE brand_id = $1 AND id = ANY($2::uuid[]) AND in_reply_to_feedback_id IS NOT NULL`,
      [brandId, newActivityIds],
    );
    return [
      ...new Set([...replies.map(([, f]) => f), ...answeredBefore.map((r) => r.feedback_id)]),
    ];
  }

  /**
   * Resolves one kind of link in both directions: new children naming a
   * parent by external id, and stored children waiting for new parents.
   * Returns the [child, parent] pairs it linked.
   *
   * Every lookup is a restriction on (brand_id, key) = ANY(array), never a
   * join clause: a brand created since the last ANALYZE is estimated at one
   * row, and a join would then be planned as a nested loop over the brand.
   */
  private async link(
    m: EntityManager,
    brandId: string,
    kind: LinkKind,
    newChildIds: string[],
    newParentIds: string[],
  ): Promise<(readonly [string, string])[]> {
    const { child, parent, idColumn, extColumn } = kind;
    const pendingChildren = `SELECT id, ${extColumn} AS ext FROM ${child}
        WHERE brand_id = $1 AND id = ANY($2::uuid[])
          AND ${idColumn} IS NULL AND ${extColumn} IS NOT NULL`;
    const parentsByExt = `SELECT id, external_id AS ext FROM ${parent}
        WHERE brand_id = $1 AND external_id = ANY($2::text[])`;
    const newParents = `SELECT id, external_id AS ext FROM ${parent}
        WHERE brand_id = $1 AND id = ANY($2::uuid[]) AND external_id IS NOT NULL`;
    const waitingChildren = `SELECT id, ${extColumn} AS ext FROM ${child}
        WHERE brand_id = $1 AND ${idColumn} IS NULL AND ${extColumn} = ANY($2::text[])`;
    const pairs = [
      ...(await this.match(m, pendingChildren, parentsByExt, brandId, newChildIds)),
      ...(await this.match(m, newParents, waitingChildren, brandId, newParentIds)).map(
        ([p, c]) => [c, p] as const,
      ),
    ];
    if (pairs.length) {
      await m.query(
        `UPDATE ${child} c SET ${idColumn} = p.parent_id, updated_at = now()
           FROM unnest($2::uuid[], $3::uuid[]) AS p(child_id, parent_id)
          WHERE c.brand_id = $1 AND c.id = ANY($2::uuid[]) AND c.id = p.child_id`,
        [brandId, pairs.map(([c]) => c), pairs.map(([, p]) => p)],
      );
    }
    return pairs;
  }

  /**
   * Pairs [source id, target id]: rows of `sources` (new rows with an
   * external key) matched by that key to rows of `targets`.
   */
  private async match(
    m: EntityManager,
    sources: string,
    targets: string,
    brandId: string,
    ids: string[],
  ): Promise<(readonly [string, string])[]> {
    if (ids.length === 0) return [];
    const from: { id: string; ext: string }[] = await m.query(sources, [brandId, ids]);
    if (from.length === 0) return [];
    const to: { id: string; ext: string }[] = await m.query(targets, [
      brandId,
      [...new Set(from.map((r) => r.ext))],
    ]);
    const byExt = new Map<string, string[]>();
    for (const row of to) byExt.set(row.ext, [...(byExt.get(row.ext) ?? []), row.id]);
    return from.flatMap((row) => (byExt.get(row.ext) ?? []).map((id) => [row.id, id] as const));
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
