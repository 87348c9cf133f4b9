import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { NotFoundError } from '../shared/domain-error';
import { isUuid } from '../shared/validate';
import type { ChangeLog } from './change-log';

/**
 * What every service call works in: the transaction of one request (or
 * script step) and the workspace it belongs to. Row-level security on that
 * transaction is the isolation guarantee (see unit-of-work.ts); services
 * still name the workspace in their SQL, for index-friendly plans.
 */
export interface Scope {
  readonly manager: EntityManager;
  readonly workspaceId: string;
  /**
   * A read-only REPEATABLE READ snapshot (UnitOfWork.read): every statement
   * sees the same committed state, which the report cache relies on.
   */
  readonly snapshot?: boolean;
}

/** A scope that writes: it also records what it changed (see ChangeLog). */
export interface WriteScope extends Scope {
  readonly changes: ChangeLog;
}

/** The one find-or-NOT_FOUND: the entity with this id in the scope's workspace. */
export async function findInScope<Entity extends ObjectLiteral>(
  scope: Scope,
  entity: EntityTarget<Entity>,
  name: string,
  id: string,
): Promise<Entity> {
  const found = await findOrNull(scope, entity, id);
  if (!found) throw new NotFoundError(name, id);
  return found;
}

/** The entity with this id in the scope's workspace, or null (also for ids that are no UUID). */
export async function findOrNull<Entity extends ObjectLiteral>(
  scope: Scope,
  entity: EntityTarget<Entity>,
  id: string,
): Promise<Entity | null> {
  if (!isUuid(id)) return null;
  return scope.manager.findOneBy(entity, { id, workspaceId: scope.workspaceId } as never);
}
