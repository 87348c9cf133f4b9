import type { Scope } from '../../db/scope';
import { logger } from '../../shared/logger';
import type { LiveContext } from './live-context';
import { PushQueue } from './push-queue';

/** The report as compared between pushes: a rolling window moves, the numbers may not. */
function fingerprint(report: object): string {
  return JSON.stringify({ ...report, window: undefined });
}

/**
 * engagementChanged / classificationChanged: after a write to the brand the
 * report is recomputed once the burst settles (debounceMs after the first
 * notice) and pushed when it differs from the last one, never twice within
 * minIntervalMs. `compute` gets a fresh "now" for rolling windows.
 */
export async function reportFeed<T extends object>(
  ctx: LiveContext,
  brandId: string,
  compute: (scope: Scope, now: Date) => Promise<T>,
): Promise<PushQueue<T>> {
  // computed once up front: the brand, window and audience are checked as the query checks them
  let last = fingerprint(await ctx.read((scope) => compute(scope, new Date())));
  let lastPushAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let dirty = false;

  const schedule = () => {
    if (queue.ended) return;
    if (timer || running) {
      dirty = true;
      return;
    }
    const wait = Math.max(
      ctx.timings.debounceMs,
      lastPushAt + ctx.timings.minIntervalMs - Date.now(),
    );
    timer = setTimeout(() => void run(), wait);
  };
  const run = async () => {
    timer = undefined;
    running = true;
    dirty = false;
    try {
      const report = await ctx.read((scope) => compute(scope, new Date()));
      const print = fingerprint(report);
      if (print !== last && !queue.ended) {
        last = print;
        lastPushAt = Date.now();
        queue.push(report);
      }
    } catch (error) {
      logger.warn('live report feed: read failed, retrying', { error: String(error) });
      dirty = true;
    } finally {
      running = false;
      if (dirty) schedule();
    }
  };

  const unwatch = ctx.hub.watch({
    workspaceId: ctx.caller.workspaceId,
    brandId,
    changed: schedule,
    resync: schedule,
  });
  const queue = new PushQueue<T>(() => {
    clearTimeout(timer);
    unwatch();
  });
  return queue;
}
