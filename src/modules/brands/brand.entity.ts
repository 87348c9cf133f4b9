import { Check, Column, Entity, Index, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../db/timestamp-columns';
import { WorkspaceRow } from '../workspaces/workspace-row';

@Entity({ name: 'brands' })
@Unique('brands_workspace_slug_key', ['workspaceId', 'slug'])
@Unique('brands_workspace_id_key', ['workspaceId', 'id'])
@Index('brands_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
@Check('brands_response_target_check', '"response_target_minutes" BETWEEN 1 AND 10080')
export class BrandEntity extends WorkspaceRow {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @Column({ name: 'response_target_minutes', type: 'integer', default: 60 })
  responseTargetMinutes!: number;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
