import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { ActivityIntent, ActivityKind, EngagementPhase } from '../../shared/vocabulary';
import { AudienceEntity } from '../audiences/audience.entity';
import { BrandEntity } from '../brands/brand.entity';
import { FeedbackEntity } from '../feedback/feedback.entity';

/** Something the brand does. Fact table: keyed by (brand_id, id); every link includes brand_id. */
@Entity({ name: 'activities' })
@Unique('activities_brand_external_id_key', ['brandId', 'externalId'])
@Index('activities_brand_occurred_idx', ['brandId', 'occurredAt'])
@Index('activities_brand_reply_to_idx', ['brandId', 'inReplyToFeedbackId'], {
  where: 'in_reply_to_feedback_id IS NOT NULL',
})
@Index('activities_brand_reply_to_external_idx', ['brandId', 'inReplyToFeedbackExternalId'], {
  where: 'in_reply_to_feedback_external_id IS NOT NULL',
})
@Index('activities_brand_audience_idx', ['brandId', 'audienceId'], {
  where: 'audience_id IS NOT NULL',
})
@Check('activities_reach_check', '"reach" >= 0')
@Check('activities_engagements_check', '"engagements" >= 0')
export class ActivityEntity {
  @PrimaryColumn({ name: 'brand_id', type: 'uuid' })
  brandId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => BrandEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'brand_id', referencedColumnName: 'id' },
  ])
  brand?: Relation<BrandEntity>;

  @Column({ name: 'audience_id', type: 'uuid', nullable: true })
  audienceId!: string | null;

  @ManyToOne(() => AudienceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'brand_id', referencedColumnName: 'brandId' },
    { name: 'audience_id', referencedColumnName: 'id' },
  ])
  audience?: Relation<AudienceEntity>;

  @Column({ type: 'enum', enum: ActivityKind, enumName: 'activity_kind' })
  kind!: ActivityKind;

  @Column({ type: 'enum', enum: EngagementPhase, enumName: 'engagement_phase' })
  phase!: EngagementPhase;

  @Column({ type: 'enum', enum: ActivityIntent, enumName: 'activity_intent' })
  intent!: ActivityIntent;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'integer', nullable: true })
  reach!: number | null;

  @Column({ type: 'integer', nullable: true })
  engagements!: number | null;

  @Column({ name: 'in_reply_to_feedback_id', type: 'uuid', nullable: true })
  inReplyToFeedbackId!: string | null;

  @ManyToOne(() => FeedbackEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'brand_id', referencedColumnName: 'brandId' },
    { name: 'in_reply_to_feedback_id', referencedColumnName: 'id' },
  ])
  inReplyToFeedback?: Relation<FeedbackEntity>;

  @Column({ name: 'in_reply_to_feedback_external_id', type: 'text', nullable: true })
  inReplyToFeedbackExternalId!: string | null;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
