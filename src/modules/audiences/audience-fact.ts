import { Column, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { BrandRow } from '../brands/brand-row';
import { AudienceEntity } from './audience.entity';

/**
 * A fact of a brand (an activity or a feedback item): of one of the brand's
 * audiences or of none, and idempotent by the caller's external id.
 */
export abstract class AudienceFact extends BrandRow {
  @Column({ name: 'audience_id', type: 'uuid', nullable: true })
  audienceId!: string | null;

  @ManyToOne(() => AudienceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'brand_id', referencedColumnName: 'brandId' },
    { name: 'audience_id', referencedColumnName: 'id' },
  ])
  audience?: Relation<AudienceEntity>;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;
}

export interface FactTableShape {
  /** Index name part and property of the time the fact happened (`occurred`, `occurredAt`). */
  time: [string, string];
  /** The other fact table a row may answer: `feedback` for activities, `activity` for feedback. */
  repliesTo: 'feedback' | 'activity';
}

/**
 * `@Entity` of a fact table with the keys every fact table has: the external
 * id unique per brand, (brand, time), the reply links by id and by external
 * id, and the audience, each partial where the column may be null.
 */
export function FactTable(table: string, shape: FactTableShape): ClassDecorator {
  const other = shape.repliesTo;
  const property = `inReplyTo${other[0]!.toUpperCase()}${other.slice(1)}`;
  const column = `in_reply_to_${other}`;
  return (target) => {
    Entity({ name: table })(target);
    Unique(`${table}_brand_external_id_key`, ['brandId', 'externalId'])(target);
    Index(`${table}_brand_${shape.time[0]}_idx`, ['brandId', shape.time[1]])(target);
    Index(`${table}_brand_reply_to_idx`, ['brandId', `${property}Id`], {
      where: `${column}_id IS NOT NULL`,
    })(target);
    Index(`${table}_brand_reply_to_external_idx`, ['brandId', `${property}ExternalId`], {
      where: `${column}_external_id IS NOT NULL`,
    })(target);
    Index(`${table}_brand_audience_idx`, ['brandId', 'audienceId'], {
      where: 'audience_id IS NOT NULL',
    })(target);
  };
}
