import { findInScope, type WriteScope } from '../../db/scope';
import { ActivityEntity } from '../activities/activity.entity';
import type { BrandService } from '../brands/brand.service';
import { FeedbackEntity } from '../feedback/feedback.entity';
import type { FeedbackService } from '../feedback/feedback.service';
import type { ReplyLinks } from './reply-links';

/** Deleting recorded interactions: the links and first responses they took part in follow. */
export class DeletionService {
  constructor(
    private readonly brands: BrandService,
    private readonly feedback: FeedbackService,
    private readonly links: ReplyLinks,
  ) {}

  /** Deletes an activity; the feedback it answered gets its firstResponseAt recomputed. */
  async deleteActivity(scope: WriteScope, id: string): Promise<string> {
    const activity = await findInScope(scope, ActivityEntity, 'Activity', id);
    await this.brands.require(scope, activity.brandId, true);
    const m = scope.manager;
    const answered = await this.links.detachActivity(m, activity.brandId, activity.id);
    await m.delete(ActivityEntity, { brandId: activity.brandId, id: activity.id });
    await this.links.refreshFirstResponse(m, activity.brandId, answered);
    scope.changes.feedback(activity.brandId, answered);
    scope.changes.removed(activity.brandId, [
      { audienceId: activity.audienceId, at: activity.occurredAt },
    ]);
    return activity.id;
  }

  /** Deletes a feedback item; its replies keep their external id and lose the direct link. */
  async deleteFeedback(scope: WriteScope, id: string): Promise<string> {
    const item = await this.feedback.lockedItem(scope, id);
    const m = scope.manager;
    const replies: { id: string }[] = await m.query(
      'SELECT id FROM activities WHERE brand_id = $1 AND in_reply_to_feedback_id = $2',
      [item.brandId, item.id],
    );
    await this.links.detachFeedback(m, item.brandId, item.id);
    await m.delete(FeedbackEntity, { brandId: item.brandId, id: item.id });
    scope.changes.activities(
      item.brandId,
      replies.map((r) => r.id),
    );
    scope.changes.removed(item.brandId, [{ audienceId: item.audienceId, at: item.receivedAt }]);
    return item.id;
  }
}
