import { logger } from '../../shared/logger';
import type { FeedbackEntity } from '../feedback/feedback.entity';
import type { FeedbackFilter } from '../feedback/feedback.types';
import { IDS_PER_NOTICE } from './change-notice';
import type { LiveContext } from './live-context';
import { PushQueue } from './push-queue';

/** Ids a feed remembers having pushed (the oldest are forgotten first). */
const REMEMBERED = 10_000;
/** After a gap in notices, items changed this long before it are looked at again. */
const RESYNC_SLACK_MS = 60_000;
const RETRY_MS = 1_000;

/**
 * feedbackReceived: the items a write touched, matched in SQL by the very
 * filter of `feedback(filter:)` (FeedbackService.list), pushed oldest first;
 * each item at most once per subscription: when it is new and matches, or
 * when a change (a reclassification, a reply) first makes it match.
 */
export async function feedbackFeed(
  ctx: LiveContext,
  brandId: string,
  filter: FeedbackFilter | null | undefined,
): Promise<PushQueue<FeedbackEntity>> {
  const list = (only: { ids?: readonly string[]; changedSince?: Date }) =>
    ctx.read((scope) =>
      ctx.services.feedback.list(scope, brandId, filter, IDS_PER_NOTICE, null, only),
    );
  // the filter, the brand and its workspace are checked as the query checks them
  await list({ ids: [] });
  const pushed = new Set<string>();
  const pending = new Set<string>();
  let resyncSince: Date | undefined;
  let lastRead = new Date();
  let running = false;

  const drain = async () => {
    if (running) return;
    running = true;
    try {
      while (!queue.ended && (pending.size > 0 || resyncSince)) {
        const startedAt = new Date();
        let items: FeedbackEntity[];
        if (resyncSince) {
          const since = resyncSince;
          resyncSince = undefined;
          items = (await list({ changedSince: since })).nodes;
        } else {
          const ids = [...pending].slice(0, IDS_PER_NOTICE);
          for (const id of ids) pending.delete(id);
          items = (await list({ ids })).nodes;
        }
        lastRead = startedAt;
        for (const item of items.reverse()) {
          if (pushed.has(item.id)) continue;
          pushed.add(item.id);
          if (pushed.size > REMEMBERED) pushed.delete(pushed.values().next().value!);
          queue.push(item);
        }
      }
    } catch (error) {
      logger.warn('live feedback feed: read failed, retrying', { error: String(error) });
      resyncSince ??= new Date(lastRead.getTime() - RESYNC_SLACK_MS);
      setTimeout(() => void drain(), RETRY_MS).unref();
    } finally {
      running = false;
    }
  };

  const unwatch = ctx.hub.watch({
    workspaceId: ctx.caller.workspaceId,
    brandId,
    changed(notice) {
      if (!notice.f?.length) return;
      for (const id of notice.f) pending.add(id);
      void drain();
    },
    resync() {
      resyncSince = new Date(lastRead.getTime() - RESYNC_SLACK_MS);
      void drain();
    },
  });
  const queue = new PushQueue<FeedbackEntity>(unwatch);
  return queue;
}
