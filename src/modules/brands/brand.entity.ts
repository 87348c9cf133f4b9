import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { WorkspaceEntity } from '../workspaces/workspace.entity';

@Entity({ name: 'brands' })
@Unique('brands_workspace_slug_key', ['workspaceId', 'slug'])
@Unique('brands_workspace_id_key', ['workspaceId', 'id'])
@Index('brands_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
@Check('brands_response_target_check', '"response_target_minutes" BETWEEN 1 AND 10080')
export class BrandEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @Column({ name: 'response_target_minutes', type: 'integer', default: 60 })
  responseTargetMinutes!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
