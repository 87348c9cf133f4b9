import type { EntityManager } from 'typeorm';
import type { WriteScope } from '../../db/scope';
import type { TextInference } from '../feedback/text-inference';
import { PLAN, WRITE_ACTIVITIES, WRITE_FEEDBACK } from './interaction-merge-sql';
import { stage, stageRows, type StagedItem } from './interaction-stage';

export type MergeAction = 'insert' | 'update' | 'unchanged' | 'reject';

/** What the merge decided for one staged item. */
export interface MergeVerdict {
  type: 'activity' | 'feedback';
  n: number;
  brandId: string;
  action: MergeAction;
  /** The stored id (new or existing). */
  id: string;
  problems: MergeProblem[];
}

/** Why an item is rejected: a reference that does not exist, or an immutable field it would change. */
export interface MergeProblem {
  field: string;
  reason: string;
  kind: 'reference' | 'conflict';
}

const REFERENCE_REASONS: Record<string, string> = {
  audienceId: 'no such audience for this brand',
  inReplyToFeedbackId: 'no such feedback for this brand',
};
export const CONFLICT_REASON =
  'differs from the stored item with this externalId, and cannot change';

/** A problem as the plan statement reports it: `ref:<field>` or `<field>`. */
export function mergeProblem(code: string): MergeProblem {
  if (code.startsWith('ref:')) {
    const field = code.slice(4);
    return { field, reason: REFERENCE_REASONS[field] ?? 'does not exist', kind: 'reference' };
  }
  return { field: code, reason: CONFLICT_REASON, kind: 'conflict' };
}

/**
 * The set-based path of every ingestion (recordInteractions, POST /ingest,
 * npm run import): items are staged with COPY, decided by one statement and
 * written by at most two, whatever their number — no statement per item.
 *
 *   1. stage: build rows (the text model runs here) and COPY them into TEMP tables;
 *   2. the caller locks the brands (their writers are serialised: links by
 *      external id always resolve, concurrent replays never insert twice);
 *   3. plan: compare with stored rows by external id, check references;
 *   4. write: updates and new feedback; new activities, pending links both
 *      ways and firstResponseAt; the ChangeLog gets what changed, so the
 *      unit of work's beforeCommit brings rollups, data versions, webhooks
 *      and live notices up to date in the same transaction.
 */
export class InteractionMerge {
  constructor(private readonly inference: TextInference) {}

  /** Steps 1: before the brand lock, so that building and copying rows do not hold it. */
  async stage(m: EntityManager, items: readonly StagedItem[]): Promise<void> {
    await stage(m, await stageRows(items, this.inference));
  }

  /** Step 3: the verdict of every staged item. */
  async plan(m: EntityManager): Promise<MergeVerdict[]> {
    const rows: {
      type: 'activity' | 'feedback';
      n: number;
      brand_id: string;
      action: MergeAction;
      id: string;
      problems: string[];
    }[] = await m.query(PLAN);
    return rows.map((r) => ({
      type: r.type,
      n: r.n,
      brandId: r.brand_id,
      action: r.action,
      id: r.id,
      problems: r.problems.map(mergeProblem),
    }));
  }

  /** Step 4: writes what the plan decided (rejected items are skipped) and records the changes. */
  async write(scope: WriteScope, verdicts: readonly MergeVerdict[]): Promise<void> {
    const count = (type: MergeVerdict['type'], action: MergeAction) =>
      verdicts.some((v) => v.type === type && v.action === action);
    const m = scope.manager;
    const newFeedback = count('feedback', 'insert');
    if (newFeedback || count('feedback', 'update') || count('activity', 'update'))
      await m.query(WRITE_FEEDBACK, [scope.workspaceId]);
    let answered: { brand_id: string; id: string }[] = [];
    if (newFeedback || count('activity', 'insert'))
      answered = await m.query(WRITE_ACTIVITIES, [scope.workspaceId]);
    for (const v of verdicts) {
      if (v.action !== 'insert' && v.action !== 'update') continue;
      if (v.type === 'feedback') scope.changes.feedback(v.brandId, [v.id]);
      else scope.changes.activities(v.brandId, [v.id]);
    }
    for (const a of answered) scope.changes.feedback(a.brand_id, [a.id]);
  }
}
