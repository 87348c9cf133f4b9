import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../db/timestamp-columns';

/** A tenant: one customer account. Every other row belongs to exactly one. */
@Entity({ name: 'workspaces' })
export class WorkspaceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  /** Phase weights chosen by the workspace; null means the model's 30/20/30/20. */
  @Column({ name: 'phase_weights', type: 'jsonb', nullable: true })
  phaseWeights!: Record<string, number> | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
