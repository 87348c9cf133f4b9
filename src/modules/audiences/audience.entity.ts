import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Channel } from '../../shared/vocabulary';
import { BrandEntity } from '../brands/brand.entity';

/** A public the brand talks with. Fact table: keyed by (brand_id, id). */
@Entity({ name: 'audiences' })
@Check('audiences_size_check', '"size" >= 0')
export class AudienceEntity {
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

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: Channel, enumName: 'channel' })
  channel!: Channel;

  @Column({ type: 'integer', default: 0 })
  size!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
