import type { DataSource } from 'typeorm';
import { UnitOfWork, type UnitOfWorkOptions } from '../db/unit-of-work';
import { ReplyLinks } from '../modules/ingestion/reply-links';
import { RollupWriter } from '../modules/rollups/rollup-writer';
import { notifyChanges } from '../modules/live/change-notice';
import { bumpDataVersions } from '../modules/scoring/data-version';
import { ReportCache, type ReportCacheOptions } from '../modules/scoring/report-cache';
import {
  DEFAULT_TEXT_MODEL_THREADS,
  DEFAULT_WEBHOOK_OPTIONS,
  type WebhookOptions,
} from '../config';
import { WebhookOutbox } from '../modules/webhooks/webhook-outbox';
import { WebhookSecrets } from '../modules/webhooks/webhook-secrets';
import { WebhookService } from '../modules/webhooks/webhook.service';
import { ActivityService } from '../modules/activities/activity.service';
import { EngagementRowsService } from '../modules/bi/engagement-rows.service';
import { ApiKeyService } from '../modules/api-keys/api-key.service';
import {
  ApiKeyCache,
  DEFAULT_KEY_CACHE_OPTIONS,
  type KeyCacheOptions,
} from '../modules/api-keys/api-key-cache';
import { AudienceService } from '../modules/audiences/audience.service';
import { BrandService } from '../modules/brands/brand.service';
import { FeedbackReinference } from '../modules/feedback/feedback-reinference';
import { FeedbackService } from '../modules/feedback/feedback.service';
import { DeletionService } from '../modules/ingestion/deletion.service';
import { IngestionService } from '../modules/ingestion/ingestion.service';
import { BulkIngestion } from '../modules/ingestion/bulk-ingestion';
import { InteractionMerge } from '../modules/ingestion/interaction-merge';
import { TextInference } from '../modules/feedback/text-inference';
import { ClassificationService } from '../modules/classification/classification.service';
import { EngagementService } from '../modules/scoring/engagement.service';
import { WorkspaceService } from '../modules/workspaces/workspace.service';

/** The one place where services are wired together. They hold no request state. */
export function createServices(
  webhookOptions: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS,
  reportCache?: ReportCacheOptions,
  keyCache: KeyCacheOptions = DEFAULT_KEY_CACHE_OPTIONS,
  textModelThreads = DEFAULT_TEXT_MODEL_THREADS,
) {
  const workspaces = new WorkspaceService();
  const brands = new BrandService();
  const engagement = new EngagementService(brands, new ReportCache(reportCache));
  const webhookOutbox = new WebhookOutbox(engagement);
  const webhookSecrets = new WebhookSecrets(webhookOptions.secretKey);
  const links = new ReplyLinks();
  const rollups = new RollupWriter();
  const feedback = new FeedbackService(brands);
  const inference = new TextInference(textModelThreads);
  const merge = new InteractionMerge(inference);
  return {
    /**
     * The unit of work of one request or script step: every write it commits
     * brings the rollups up to date first (from what the writers recorded).
     */
    unitOfWork: (
      dataSource: DataSource,
      workspaceId: string,
      options: Omit<UnitOfWorkOptions, 'beforeCommit'> = {},
    ) =>
      new UnitOfWork(dataSource, workspaceId, {
        ...options,
        beforeCommit: async (scope) => {
          await rollups.apply(scope);
          // in this transaction: cached reports of these brands are stale exactly when it commits
          await bumpDataVersions(scope);
          await webhookOutbox.enqueue(scope); // after the rollups: stages read them
          // delivered by PostgreSQL on commit only: subscribers of every process re-read then
          await notifyChanges(scope);
        },
      }),
    rollups,
    workspaces,
    webhookOutbox,
    webhookSecrets,
    webhooks: new WebhookService(brands, webhookSecrets, webhookOptions.allowPrivateNetworks),
    apiKeys: new ApiKeyService(workspaces, new ApiKeyCache(keyCache)),
    brands,
    audiences: new AudienceService(brands),
    activities: new ActivityService(brands),
    feedback,
    reinference: new FeedbackReinference(brands),
    inference,
    ingestion: new IngestionService(brands, merge),
    bulkIngestion: new BulkIngestion(merge),
    deletions: new DeletionService(brands, feedback, links),
    engagement,
    classification: new ClassificationService(engagement),
    engagementRows: new EngagementRowsService(),
    /** Stops what services run beside requests (the text model's threads). */
    close: () => inference.close(),
  };
}

export type Services = ReturnType<typeof createServices>;
