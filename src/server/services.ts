import { ActivityService } from '../modules/activities/activity.service';
import { EngagementRowsService } from '../modules/bi/engagement-rows.service';
import { ApiKeyService } from '../modules/api-keys/api-key.service';
import { AudienceService } from '../modules/audiences/audience.service';
import { BrandService } from '../modules/brands/brand.service';
import { FeedbackService } from '../modules/feedback/feedback.service';
import { IngestionService } from '../modules/ingestion/ingestion.service';
import { ClassificationService } from '../modules/classification/classification.service';
import { EngagementService } from '../modules/scoring/engagement.service';
import { WorkspaceService } from '../modules/workspaces/workspace.service';

/** The one place where services are wired together. They hold no request state. */
export function createServices() {
  const workspaces = new WorkspaceService();
  const brands = new BrandService();
  const engagement = new EngagementService(brands);
  return {
    workspaces,
    apiKeys: new ApiKeyService(workspaces),
    brands,
    audiences: new AudienceService(brands),
    activities: new ActivityService(brands),
    feedback: new FeedbackService(brands),
    ingestion: new IngestionService(brands),
    engagement,
    classification: new ClassificationService(engagement),
    engagementRows: new EngagementRowsService(),
  };
}

export type Services = ReturnType<typeof createServices>;
