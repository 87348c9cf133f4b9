import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { findInScope, type Scope } from '../../db/scope';
import { ValidationError } from '../../shared/domain-error';
import { Problems } from '../../shared/validate';
import { ApiKeyScope } from '../../shared/vocabulary';
import { WorkspaceService } from '../workspaces/workspace.service';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyCache, KEYS_CHANNEL, keyNoticePayload } from './api-key-cache';
import { hashApiKeySecret, newApiKeySecret, secretPrefix } from './api-key-secret';
import type { Caller } from './caller';

export interface CreatedKey {
  readonly secret: string;
  readonly apiKey: ApiKeyEntity;
}

export const ALL_SCOPES = [ApiKeyScope.READ, ApiKeyScope.WRITE, ApiKeyScope.ADMIN] as const;

export class ApiKeyService {
  constructor(
    private readonly workspaces = new WorkspaceService(),
    /** Known keys: most requests are authenticated without a round trip (api-key-cache.ts). */
    readonly cache = new ApiKeyCache(),
  ) {}

  /** The caller behind a secret, or null for a missing, unknown or revoked key. */
  async authenticate(dataSource: DataSource, secret: string): Promise<Caller | null> {
    const hash = hashApiKeySecret(secret);
    const cacheKey = hash.toString('base64');
    const known = this.cache.get(cacheKey);
    if (known) return known;
    const started = this.cache.begin();
    const caller = await this.lookUp(dataSource, hash);
    this.cache.remember(cacheKey, caller, started);
    return caller;
  }

  private async lookUp(dataSource: DataSource, hash: Buffer): Promise<Caller | null> {
    // One round trip, before any workspace is known: a SECURITY DEFINER function
    // (see the RowLevelSecurity migration) finds the key and notes its use at most once a minute.
    const rows: {
      id: string;
      workspace_id: string;
      scopes: string[];
      last_write_at: Date | null;
    }[] = await dataSource.query(
      'SELECT id, workspace_id, scopes, last_write_at FROM rapport_authenticate($1)',
      [hash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      keyId: row.id,
      workspaceId: row.workspace_id,
      scopes: parseScopes(row.scopes),
      lastWriteAt: row.last_write_at,
    };
  }

  async create(
    scope: Scope,
    name: string,
    scopes: readonly ApiKeyScope[],
    secret: string = newApiKeySecret(),
  ): Promise<CreatedKey> {
    const problems = new Problems();
    problems.text('name', name, 100, true);
    if (scopes.length === 0) problems.add('scopes', 'must name at least one scope');
    if (problems.list.length) throw new ValidationError(problems.list);
    const apiKey = scope.manager.create(ApiKeyEntity, {
      workspaceId: scope.workspaceId,
      name: name.trim(),
      scopes: [...new Set(scopes)],
      secretHash: hashApiKeySecret(secret),
      secretPrefix: secretPrefix(secret),
      lastUsedAt: null,
      revokedAt: null,
    });
    await scope.manager.save(apiKey);
    return { secret, apiKey };
  }

  async list(scope: Scope): Promise<ApiKeyEntity[]> {
    return scope.manager.find(ApiKeyEntity, {
      where: { workspaceId: scope.workspaceId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async revoke(scope: Scope, id: string): Promise<ApiKeyEntity> {
    const key = await findInScope(scope, ApiKeyEntity, 'ApiKey', id);
    if (key.revokedAt === null) {
      key.revokedAt = new Date();
      await scope.manager.update(
        ApiKeyEntity,
        { id, workspaceId: scope.workspaceId, revokedAt: IsNull() },
        { revokedAt: key.revokedAt },
      );
      // delivered on commit: every process forgets the key (the revoking one also at once, `forget`)
      await scope.manager.query(`SELECT pg_notify('${KEYS_CHANNEL}', $1)`, [
        keyNoticePayload(id, true),
      ]);
    }
    this.cache.forget(id);
    return key;
  }

  /** Forgets a key in this process (after the revocation committed: see ApiKeyResolver). */
  forget(keyId: string): void {
    this.cache.forget(keyId);
  }

  /**
   * Makes `secret` an admin key of the workspace `name` (idempotent: an
   * existing key with that secret is left as it is).
   */
  async ensureKey(
    manager: EntityManager,
    workspaceName: string,
    keyName: string,
    secret: string,
  ): Promise<{ created: boolean; workspaceId: string }> {
    const workspace = await this.workspaces.findOrCreate(manager, workspaceName);
    const existing = await manager.findOneBy(ApiKeyEntity, {
      secretHash: hashApiKeySecret(secret),
    });
    if (existing) return { created: false, workspaceId: existing.workspaceId };
    await this.create({ manager, workspaceId: workspace.id }, keyName, ALL_SCOPES, secret);
    return { created: true, workspaceId: workspace.id };
  }

  async countKeys(manager: EntityManager): Promise<number> {
    return manager.count(ApiKeyEntity);
  }
}

function parseScopes(raw: string | string[]): ApiKeyScope[] {
  const list = Array.isArray(raw) ? raw : raw.replace(/[{}]/g, '').split(',');
  return list.filter((s): s is ApiKeyScope => (ALL_SCOPES as readonly string[]).includes(s));
}
