import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn } from '../../db/timestamp-columns';
import { ApiKeyScope } from '../../shared/vocabulary';
import { WorkspaceRow } from '../workspaces/workspace-row';

@Entity({ name: 'api_keys' })
@Index('api_keys_workspace_idx', ['workspaceId'])
export class ApiKeyEntity extends WorkspaceRow {
  @Column({ type: 'text' })
  name!: string;

  /** SHA-256 of the secret: keys are 192-bit random, so a fast hash is safe and lookups stay O(1). */
  @Column({ name: 'secret_hash', type: 'bytea', unique: true })
  secretHash!: Buffer;

  /** The first characters of the secret, safe to show, to tell keys apart. */
  @Column({ name: 'secret_prefix', type: 'text' })
  secretPrefix!: string;

  @Column({ type: 'enum', enum: ApiKeyScope, enumName: 'api_key_scope', array: true })
  scopes!: ApiKeyScope[];

  @CreatedAtColumn()
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** Last write transaction of this key (read-your-writes with replicas). */
  @Column({ name: 'last_write_at', type: 'timestamptz', nullable: true })
  lastWriteAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
