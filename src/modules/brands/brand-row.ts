import {
  Column,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../db/timestamp-columns';
import { BrandEntity } from './brand.entity';

/**
 * A row of one brand (audiences and the fact tables): keyed by (brand_id, id),
 * brand_id leading every key and link, the brand's workspace beside it.
 */
export abstract class BrandRow {
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

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
