import type { EntityManager } from 'typeorm';
import type { Scope } from '../../db/scope';
import { WorkspaceEntity } from './workspace.entity';

export class WorkspaceService {
  /** Creates the workspace if it does not exist; safe under concurrency. */
  async findOrCreate(manager: EntityManager, name: string): Promise<WorkspaceEntity> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(WorkspaceEntity)
      .values({ name })
      .orIgnore()
      .execute();
    return manager.findOneByOrFail(WorkspaceEntity, { name });
  }

  async findByName(manager: EntityManager, name: string): Promise<WorkspaceEntity | null> {
    return manager.findOneBy(WorkspaceEntity, { name });
  }

  async get(scope: Scope): Promise<WorkspaceEntity> {
    return scope.manager.findOneByOrFail(WorkspaceEntity, { id: scope.workspaceId });
  }
}
