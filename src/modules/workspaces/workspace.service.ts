import type { EntityManager } from 'typeorm';
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

  async get(manager: EntityManager, id: string): Promise<WorkspaceEntity> {
    return manager.findOneByOrFail(WorkspaceEntity, { id });
  }
}
