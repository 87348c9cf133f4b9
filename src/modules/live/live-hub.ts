import type { ChangeNotice } from './change-notice';

/** What a live feed hears: notices for its brand, and "re-read everything" after a gap. */
export interface BrandWatcher {
  readonly workspaceId: string;
  readonly brandId: string;
  changed(notice: ChangeNotice): void;
  resync(): void;
}

/** This process's live feeds, by brand: one listener fans out to all of them. */
export class LiveHub {
  private readonly byBrand = new Map<string, Set<BrandWatcher>>();

  watch(watcher: BrandWatcher): () => void {
    let set = this.byBrand.get(watcher.brandId);
    if (!set) this.byBrand.set(watcher.brandId, (set = new Set()));
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.byBrand.get(watcher.brandId) === set)
        this.byBrand.delete(watcher.brandId);
    };
  }

  /** A notice reaches the feeds of its brand in its workspace only. */
  notice(notice: ChangeNotice): void {
    for (const watcher of this.byBrand.get(notice.b) ?? [])
      if (watcher.workspaceId === notice.w) watcher.changed(notice);
  }

  resync(): void {
    for (const set of this.byBrand.values()) for (const watcher of set) watcher.resync();
  }

  get size(): number {
    let n = 0;
    for (const set of this.byBrand.values()) n += set.size;
    return n;
  }
}
