import DataLoader from 'dataloader';
import type { UnitOfWork } from '../db/unit-of-work';
import type { AudienceEntity } from '../modules/audiences/audience.entity';
import type { Audience } from '../modules/audiences/audience.types';
import type { BrandSumsRow } from '../modules/scoring/engagement-read-model';
import { dataWindows } from '../modules/scoring/data-windows';
import { NotFoundError } from '../shared/domain-error';
import type { TimeWindow, WindowInput } from '../shared/window';
import type { Services } from './services';

/** Per-request batching for nested fields: one query per field per request, not per parent. */
export function createLoaders(uow: UnitOfWork, services: Services) {
  const sumsLoaders = new Map<string, DataLoader<string, BrandSumsRow>>();
  return {
    /**
     * Window sums per brand, one loader per (window, audience): Brand.engagement
     * and Brand.classification on a list share one statement.
     */
    brandSums(window: WindowInput, audienceId: string | null): DataLoader<string, BrandSumsRow> {
      const key = `${window.from.toISOString()}/${window.to.toISOString()}/${audienceId ?? ''}`;
      let loader = sumsLoaders.get(key);
      if (!loader) {
        loader = new DataLoader<string, BrandSumsRow>(async (brandIds) => {
          const rows = await uow.read((scope) =>
            services.engagement.sums(scope, brandIds, window, audienceId),
          );
          const byId = new Map(rows.map((row) => [row.id, row]));
          return brandIds.map((id) => byId.get(id) ?? new NotFoundError('Brand', id));
        });
        sumsLoaders.set(key, loader);
      }
      return loader;
    },
    /** Brand.dataWindow on a list: one statement. */
    dataWindows: new DataLoader<string, TimeWindow | null>(async (brandIds) => {
      const windows = await uow.read((scope) => dataWindows(scope, brandIds));
      return brandIds.map((id) => windows.get(id) ?? null);
    }),
    audiencesByBrand: new DataLoader<string, Audience[]>(async (brandIds) => {
      const rows = await uow.read((scope) => services.audiences.listByBrands(scope, brandIds));
      return brandIds.map((id) => rows.filter((a) => a.brandId === id));
    }),
    audience: new DataLoader<{ brandId: string; id: string }, AudienceEntity | null, string>(
      async (keys) => {
        const rows = await uow.read((scope) => services.audiences.findByKeys(scope, keys));
        const byKey = new Map(rows.map((a) => [`${a.brandId}/${a.id}`, a]));
        return keys.map((k) => byKey.get(`${k.brandId}/${k.id}`) ?? null);
      },
      { cacheKeyFn: (k) => `${k.brandId}/${k.id}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
