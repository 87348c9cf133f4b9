import { LRUCache } from 'lru-cache';
import type { TimeWindow } from '../../shared/window';
import type { BrandSumsRow } from './engagement-read-model';

export interface ReportCacheOptions {
  /** At most this many (brand, window, audience) entries; 0 disables the cache. */
  readonly entries: number;
  /** And at most about this many bytes of them. */
  readonly maxBytes: number;
}

export const DEFAULT_REPORT_CACHE_OPTIONS: ReportCacheOptions = {
  entries: 5000,
  maxBytes: 32 * 1024 * 1024,
};

interface Entry {
  /** brands.data_version the row was read at (bigint, as text). */
  readonly version: bigint;
  readonly row: BrandSumsRow;
}

/**
 * Window sums of brands, each at the data version it was read at: bounded
 * by count and approximate size (least recently used first out). One entry
 * per (workspace, brand, window, audience) — a newer version replaces the
 * older, which no snapshot that can still ask for it would find current.
 * Weights are not part of the key: they are applied to the sums afterwards.
 */
export class ReportCache {
  private readonly lru: LRUCache<string, Entry> | null;

  constructor(options: ReportCacheOptions = DEFAULT_REPORT_CACHE_OPTIONS) {
    this.lru =
      options.entries > 0
        ? new LRUCache<string, Entry>({
            max: options.entries,
            maxSize: options.maxBytes,
            sizeCalculation: (entry) => approximateBytes(entry.row),
          })
        : null;
  }

  get enabled(): boolean {
    return this.lru !== null;
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }

  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }

  key(workspaceId: string, brandId: string, window: TimeWindow, audienceId: string | null): string {
    return `${workspaceId}/${brandId}/${window.from.getTime()}/${window.to.getTime()}/${audienceId ?? ''}`;
  }

  /** Whether anything is cached under this key, at any version. */
  has(key: string): boolean {
    return this.lru?.has(key) ?? false;
  }

  /** The row cached under this key if it was read at exactly this version. */
  get(key: string, version: string): BrandSumsRow | undefined {
    const entry = this.lru?.get(key);
    return entry && entry.version === BigInt(version) ? entry.row : undefined;
  }

  /** Keeps the newest version: a slow reader of an older snapshot does not push it out. */
  set(key: string, version: string, row: BrandSumsRow): void {
    if (!this.lru) return;
    const v = BigInt(version);
    const old = this.lru.get(key, { updateAgeOnGet: false });
    if (old && old.version > v) return;
    this.lru.set(key, { version: v, row });
  }
}

/** UTF-16 text of the row's JSON plus per-entry overhead (key, maps): an estimate, not a measure. */
function approximateBytes(row: BrandSumsRow): number {
  return 2 * JSON.stringify(row).length + 256;
}
