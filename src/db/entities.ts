import { ActivityEntity } from '../modules/activities/activity.entity';
import { ApiKeyEntity } from '../modules/api-keys/api-key.entity';
import { AudienceEntity } from '../modules/audiences/audience.entity';
import { BrandEntity } from '../modules/brands/brand.entity';
import { FeedbackEntity } from '../modules/feedback/feedback.entity';
import { WorkspaceEntity } from '../modules/workspaces/workspace.entity';

export const entities = [
  WorkspaceEntity,
  ApiKeyEntity,
  BrandEntity,
  AudienceEntity,
  ActivityEntity,
  FeedbackEntity,
];
