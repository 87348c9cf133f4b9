import { Check, Column, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { ActivityIntent, ActivityKind, EngagementPhase } from '../../shared/vocabulary';
import { AudienceFact, FactTable } from '../audiences/audience-fact';
import { FeedbackEntity } from '../feedback/feedback.entity';

/** Something the brand does. Fact table: keyed by (brand_id, id); every link includes brand_id. */
@FactTable('activities', { time: ['occurred', 'occurredAt'], repliesTo: 'feedback' })
@Check('activities_reach_check', '"reach" >= 0')
@Check('activities_engagements_check', '"engagements" >= 0')
export class ActivityEntity extends AudienceFact {
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
}
