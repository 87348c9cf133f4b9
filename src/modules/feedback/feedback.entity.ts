import { Check, Column, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { FeedbackKind, FeedbackOutcome, type SentimentSource } from '../../shared/vocabulary';
import { ActivityEntity } from '../activities/activity.entity';
import { AudienceFact, FactTable } from '../audiences/audience-fact';

/** Something the audience says. Fact table: keyed by (brand_id, id); every link includes brand_id. */
@FactTable('feedback', { time: ['received', 'receivedAt'], repliesTo: 'activity' })
@Check('feedback_sentiment_check', '"sentiment" BETWEEN -1 AND 1')
export class FeedbackEntity extends AudienceFact {
  @Column({ type: 'enum', enum: FeedbackKind, enumName: 'feedback_kind' })
  kind!: FeedbackKind;

  /** PROVIDED: what the caller sent (immutable). The effective value is effectiveSentiment. */
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

  @Column({ name: 'author_ref', type: 'text', nullable: true })
  authorRef!: string | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  // Text signals (engagement-model.md, "Text signals"; the TextSignals migration)
  @Column({ name: 'inferred_sentiment', type: 'double precision', nullable: true })
  inferredSentiment!: number | null;

  @Column({ name: 'inferred_complaint', type: 'boolean', nullable: true })
  inferredComplaint!: boolean | null;

  @Column({ name: 'sentiment_cues', type: 'text', array: true, default: () => "'{}'" })
  sentimentCues!: string[];

  @Column({ name: 'complaint_cues', type: 'text', array: true, default: () => "'{}'" })
  complaintCues!: string[];

  @Column({ name: 'inference_version', type: 'text', nullable: true })
  inferenceVersion!: string | null;

  @Column({ name: 'corrected_sentiment', type: 'double precision', nullable: true })
  correctedSentiment!: number | null;

  @Column({ name: 'corrected_complaint', type: 'boolean', nullable: true })
  correctedComplaint!: boolean | null;

  /** Generated: corrected, else provided, else inferred. */
  @Column({ name: 'effective_sentiment', type: 'double precision', insert: false, update: false })
  effectiveSentiment!: number | null;

  /** Generated: which of those gave effectiveSentiment. */
  @Column({ name: 'sentiment_source', type: 'text', insert: false, update: false })
  sentimentSource!: SentimentSource;

  /** Generated: corrected, else kind COMPLAINT or inferred. */
  @Column({ name: 'effective_complaint', type: 'boolean', insert: false, update: false })
  effectiveComplaint!: boolean;

  /** Generated: the model's one "negative" predicate (sum-definitions.ts NEGATIVE). */
  @Column({ type: 'boolean', insert: false, update: false })
  negative!: boolean;
}
