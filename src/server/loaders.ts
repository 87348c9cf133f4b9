import DataLoader from 'dataloader';
import type { UnitOfWork } from '../db/unit-of-work';
import type { AudienceEntity } from '../modules/audiences/audience.entity';
import type { Services } from './services';

/** Per-request batching for nested fields: one query per field per request, not per parent. */
export function createLoaders(uow: UnitOfWork, services: Services) {
  const workspaceId = uow.workspaceId;
  return {
    audiencesByBrand: new DataLoader<string, AudienceEntity[]>(async (brandIds) => {
      const rows = await uow.read((m) => services.audiences.listByBrands(m, workspaceId, brandIds));
      return brandIds.map((id) => rows.filter((a) => a.brandId === id));
    }),
    audience: new DataLoader<{ brandId: string; id: string }, AudienceEntity | null, string>(
      async (keys) => {
        const rows = await uow.read((m) => services.audiences.findByKeys(m, workspaceId, keys));
        const byKey = new Map(rows.map((a) => [`${a.brandId}/${a.id}`, a]));
        return keys.map((k) => byKey.get(`${k.brandId}/${k.id}`) ?? null);
      },
      { cacheKeyFn: (k) => `${k.brandId}/${k.id}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
