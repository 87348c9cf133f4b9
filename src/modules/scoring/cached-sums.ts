import type { Scope } from '../../db/scope';
import type { TimeWindow } from '../../shared/window';
import type { BrandSumsRow, EngagementReadModel } from './engagement-read-model';
import type { ReportCache } from './report-cache';

/**
 * brandSums through the report cache. Exact because every write that changes
 * a brand's sums bumps brands.data_version in its own transaction
 * (bumpDataVersions), and because this runs in one REPEATABLE READ snapshot
 * (Scope.snapshot): the version read here and the sums read (now or when the
 * entry was stored, at the same version) describe the same committed state.
 * Other processes need not be told: the version lives in the database and is
 * read on every report, so their writes are seen at the reader's next snapshot.
 *
 * A hit costs one index lookup of the brands (which also brings the current
 * name, time zone and weights, so those never come from the cache). When
 * some of the brands have nothing cached at all, the lookup is skipped and
 * the one sums statement, which returns the versions, serves them all: a
 * request never sends more statements than without the cache, except after
 * a write (lookup, then the sums of the stale brands).
 */
export async function cachedBrandSums(
  readModel: EngagementReadModel,
  cache: ReportCache,
  scope: Scope,
  brandIds: readonly string[] | null,
  window: TimeWindow,
  audienceId: string | null,
  search: string | null,
): Promise<BrandSumsRow[]> {
  const keyOf = (brandId: string) => cache.key(scope.workspaceId, brandId, window, audienceId);
  const store = (rows: BrandSumsRow[]) => {
    // a missing audience is not cached: it could be created later at the same version
    for (const row of rows) if (row.audience_found) cache.set(keyOf(row.id), row.data_version, row);
    return rows;
  };
  if (brandIds !== null && !brandIds.every((id) => cache.has(keyOf(id)))) {
    return store(await readModel.brandSums(scope, brandIds, window, audienceId));
  }
  const brands = await readModel.brandVersions(scope, brandIds, search);
  const found = new Map<string, BrandSumsRow>();
  const missing: string[] = [];
  for (const brand of brands) {
    const cached = cache.get(keyOf(brand.id), brand.data_version);
    if (cached) found.set(brand.id, { ...cached, ...brand });
    else missing.push(brand.id);
  }
  if (missing.length) {
    for (const row of store(await readModel.brandSums(scope, missing, window, audienceId)))
      found.set(row.id, row);
  }
  return brands.flatMap((brand) => found.get(brand.id) ?? []);
}
