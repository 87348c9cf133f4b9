import type { WriteScope } from '../../db/scope';

/** The channel every write notifies on, and every server process listens to. */
export const CHANGES_CHANNEL = 'rapport_changes';

/**
 * What a notification says: ids only, never data (subscribers re-read what
 * they push, in their caller's workspace). `f` lists feedback items the
 * write inserted or changed; a notice without `f` still says that the
 * brand's numbers may have moved.
 */
export interface ChangeNotice {
  readonly w: string;
  readonly b: string;
  readonly f?: readonly string[];
}

/** NOTIFY payloads must stay under 8,000 bytes: 100 ids of 39 bytes each, and the envelope. */
export const IDS_PER_NOTICE = 100;

/** The notices of one write transaction (one per brand, more when it touched many items). */
export function changeNotices(scope: WriteScope): ChangeNotice[] {
  const notices: ChangeNotice[] = [];
  for (const [brandId, changes] of scope.changes.byBrand) {
    const ids = [...changes.feedbackIds];
    const base = { w: scope.workspaceId, b: brandId };
    if (ids.length === 0) notices.push(base);
    for (let i = 0; i < ids.length; i += IDS_PER_NOTICE)
      notices.push({ ...base, f: ids.slice(i, i + IDS_PER_NOTICE) });
  }
  return notices;
}

/**
 * Run just before COMMIT: PostgreSQL delivers a transaction's notifications
 * only when it commits, so a rolled-back write notifies nobody.
 */
export async function notifyChanges(scope: WriteScope): Promise<void> {
  const notices = changeNotices(scope).map((n) => JSON.stringify(n));
  if (notices.length === 0) return;
  await scope.manager.query(`SELECT pg_notify('${CHANGES_CHANNEL}', n) FROM unnest($1::text[]) n`, [
    notices,
  ]);
}

/** A notification's payload, or null when it is not one of ours. */
export function parseNotice(payload: string | undefined): ChangeNotice | null {
  try {
    const value = JSON.parse(payload ?? '') as Partial<ChangeNotice>;
    if (typeof value.w !== 'string' || typeof value.b !== 'string') return null;
    const f = Array.isArray(value.f) ? value.f.filter((id) => typeof id === 'string') : undefined;
    return { w: value.w, b: value.b, ...(f ? { f } : {}) };
  } catch {
    return null;
  }
}
