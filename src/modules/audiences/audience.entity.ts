import { Check, Column, Entity } from 'typeorm';
import { Channel } from '../../shared/vocabulary';
import { BrandRow } from '../brands/brand-row';

/** A public the brand talks with. Fact table: keyed by (brand_id, id). */
@Entity({ name: 'audiences' })
@Check('audiences_size_check', '"size" >= 0')
export class AudienceEntity extends BrandRow {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: Channel, enumName: 'channel' })
  channel!: Channel;

  @Column({ type: 'integer', default: 0 })
  size!: number;
}
