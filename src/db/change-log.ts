/** An item that is about to be deleted: where it counted (its audience and time). */
export interface RemovedItem {
  readonly audienceId: string | null;
  readonly at: Date;
}

/** What one write changed in one brand. */
export interface BrandChanges {
  readonly feedbackIds: Set<string>;
  readonly activityIds: Set<string>;
  readonly removed: RemovedItem[];
  /** Everything the brand's numbers depend on changed (time zone, response target). */
  rebuild: boolean;
}

/**
 * What one write transaction changed, per brand. Writers say what they
 * touched here, once; the unit of work brings the rollups up to date from it
 * just before it commits (one refresh per transaction, whatever the writer).
 */
export class ChangeLog {
  private readonly brands = new Map<string, BrandChanges>();

  /** Feedback items inserted or changed (their rollup rows are found as they are at commit). */
  feedback(brandId: string, ids: Iterable<string>): void {
    for (const id of ids) this.of(brandId).feedbackIds.add(id);
  }

  /** Activities inserted or changed. */
  activities(brandId: string, ids: Iterable<string>): void {
    for (const id of ids) this.of(brandId).activityIds.add(id);
  }

  /** Items about to be deleted: at commit they are gone, so say where they counted. */
  removed(brandId: string, items: readonly RemovedItem[]): void {
    this.of(brandId).removed.push(...items);
  }

  rebuild(brandId: string): void {
    this.of(brandId).rebuild = true;
  }

  get byBrand(): ReadonlyMap<string, BrandChanges> {
    return this.brands;
  }

  private of(brandId: string): BrandChanges {
    let changes = this.brands.get(brandId);
    if (!changes) {
      changes = { feedbackIds: new Set(), activityIds: new Set(), removed: [], rebuild: false };
      this.brands.set(brandId, changes);
    }
    return changes;
  }
}
