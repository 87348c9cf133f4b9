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
import { FeedbackKind, FeedbackOutcome } from '../../shared/vocabulary';
import { ActivityEntity } from '../activities/activity.entity';
import { AudienceEntity } from '../audiences/audience.entity';
import { BrandEntity } from '../brands/brand.entity';

/** Something the audience says. Fact table: keyed by (brand_id, id); every link includes brand_id. */
@Entity({ name: 'feedback' })
@Unique('feedback_brand_external_id_key', ['brandId', 'externalId'])
@Index('feedback_brand_received_idx', ['brandId', 'receivedAt'])
@Index('feedback_brand_reply_to_external_idx', ['brandId', 'inReplyToActivityExternalId'], {
  where: 'in_reply_to_activity_external_id IS NOT NULL',
})
@Index('feedback_brand_reply_to_idx', ['brandId', 'inReplyToActivityId'], {
  where: 'in_reply_to_activity_id IS NOT NULL',
})
@Index('feedback_brand_audience_idx', ['brandId', 'audienceId'], {
  where: 'audience_id IS NOT NULL',
})
@Check('feedback_sentiment_check', '"sentiment" BETWEEN -1 AND 1')
export class FeedbackEntity {
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

  @Column({ type: 'enum', enum: FeedbackKind, enumName: 'feedback_kind' })
  kind!: FeedbackKind;

  @Column({ type: 'double precision', nullable: true })
  sentiment!: number | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  /** Derived: earliest occurredAt of the INTERACTING activities answering this item. */
  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({
    type: 'enum',
    enum: FeedbackOutcome,
    enumName: 'feedback_outcome',
    default: FeedbackOutcome.NONE,
  })
  outcome!: FeedbackOutcome;

  @Column({ name: 'in_reply_to_activity_id', type: 'uuid', nullable: true })
  inReplyToActivityId!: string | null;

  @ManyToOne(() => ActivityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'brand_id', referencedColumnName: 'brandId' },
    { name: 'in_reply_to_activity_id', referencedColumnName: 'id' },
  ])
  inReplyToActivity?: Relation<ActivityEntity>;

  @Column({ name: 'in_reply_to_activity_external_id', type: 'text', nullable: true })
  inReplyToActivityExternalId!: string | null;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ name: 'author_ref', type: 'text', nullable: true })
  authorRef!: string | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
