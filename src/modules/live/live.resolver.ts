import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { ApiKeyScope } from '../../shared/vocabulary';
import { WindowInput, type TimeWindow } from '../../shared/window';
import { GrunigClassification } from '../classification/classification.types';
import { type FeedbackEntity } from '../feedback/feedback.entity';
import { Feedback, FeedbackFilter } from '../feedback/feedback.types';
import { EngagementReport } from '../scoring/engagement.types';
import { feedbackFeed } from './feedback-feed';
import type { LiveContext } from './live-context';
import type { PushQueue } from './push-queue';
import { reportFeed } from './report-feed';
import type { Scope } from '../../db/scope';

/** No window: the last 30 × 24 hours, rolling with every push. */
export const LIVE_DEFAULT_WINDOW_MS = 30 * 86_400_000;

function liveWindow(window: TimeWindow | null | undefined, now: Date): TimeWindow {
  return window ?? { from: new Date(now.getTime() - LIVE_DEFAULT_WINDOW_MS), to: now };
}

type Data = SubscribeResolverData<unknown, Record<string, unknown>, LiveContext>;
/** Notices name brands by their canonical (lower-case) UUID. */
const brandOf = ({ args }: Data) => String(args.brandId).toLowerCase();

/** A report of the subscription's brand over its live window, pushed as writes settle. */
function liveReport<T extends object>(
  data: Data,
  report: (scope: Scope, brandId: string, window: TimeWindow) => Promise<T>,
): Promise<PushQueue<T>> {
  const brandId = brandOf(data);
  return reportFeed(data.context, brandId, (scope, now) =>
    report(scope, brandId, liveWindow(data.args.window as WindowInput | undefined, now)),
  );
}

/** Subscriptions over graphql-ws (src/server/live-server.ts); events come from LiveHub. */
@Resolver()
export class LiveResolver {
  @Authorized(ApiKeyScope.READ)
  @Subscription(() => Feedback, {
    description:
      'Each new item matching the filter (as `feedback(filter:)`), and each item a change makes match; at most once per item.',
    subscribe: (data: Data) =>
      feedbackFeed(data.context, brandOf(data), data.args.filter as FeedbackFilter | undefined),
  })
  feedbackReceived(
    @Root() item: FeedbackEntity,
    @Arg('brandId', () => ID) _brandId: string,
    @Arg('filter', () => FeedbackFilter, { nullable: true }) _filter?: FeedbackFilter,
  ): Feedback {
    return item;
  }

  @Authorized(ApiKeyScope.READ)
  @Subscription(() => EngagementReport, {
    description:
      'The report, pushed after writes that change it settle (within 2 s), at most once a second; no window: the last 30 × 24 hours, rolling.',
    subscribe: (data: Data) =>
      liveReport(data, (scope, brandId, window) =>
        data.context.services.engagement.report(
          scope,
          brandId,
          window,
          data.args.audienceId as string | undefined,
        ),
      ),
  })
  engagementChanged(
    @Root() report: EngagementReport,
    @Arg('brandId', () => ID) _brandId: string,
    @Arg('window', () => WindowInput, { nullable: true }) _window?: WindowInput,
    @Arg('audienceId', () => ID, { nullable: true }) _audienceId?: string,
  ): EngagementReport {
    return report;
  }

  @Authorized(ApiKeyScope.READ)
  @Subscription(() => GrunigClassification, {
    description: 'The classification, on the terms of engagementChanged.',
    subscribe: (data: Data) =>
      liveReport(data, (scope, brandId, window) =>
        data.context.services.classification.classification(scope, brandId, window, undefined),
      ),
  })
  classificationChanged(
    @Root() classification: GrunigClassification,
    @Arg('brandId', () => ID) _brandId: string,
    @Arg('window', () => WindowInput, { nullable: true }) _window?: WindowInput,
  ): GrunigClassification {
    return classification;
  }
}
