import type { WriteScope } from '../../db/scope';
import type { FieldProblem } from '../../shared/domain-error';
import type { InteractionActivityInput } from '../activities/activity.types';
import type { InteractionFeedbackInput } from '../feedback/feedback.types';
import type { InteractionMerge, MergeVerdict } from './interaction-merge';
import { STAGE_ACTIVITIES, STAGE_FEEDBACK, type StagedItem } from './interaction-stage';
import { validateActivity, validateFeedback } from './interaction-validation';

/** One line of a bulk load, its brand already resolved. */
export type BulkLine =
  | { type: 'activity'; line: number; brandId: string; input: InteractionActivityInput }
  | { type: 'feedback'; line: number; brandId: string; input: InteractionFeedbackInput };

/** A problem of one line: the field (or `line` for the whole line) and why. */
export interface LineProblem {
  field: string;
  reason: string;
}

export interface RejectedLine {
  line: number;
  problems: LineProblem[];
}

export interface ChunkSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedLine[];
}

/** Lines per chunk at most: one transaction, one pass of the merge. */
export const MAX_CHUNK_LINES = 50_000;

/**
 * The bulk path (POST /ingest, npm run import): the rules of
 * recordInteractions line by line — a bad line is rejected with its
 * problems, the others are written — through the same set-based merge.
 * A chunk is written in the caller's transaction (one per chunk).
 */
export class BulkIngestion {
  constructor(private readonly merge: InteractionMerge) {}

  async ingestChunk(
    scope: WriteScope,
    lines: readonly BulkLine[],
    now = new Date(),
  ): Promise<ChunkSummary> {
    if (lines.length > MAX_CHUNK_LINES)
      throw new Error(`at most ${MAX_CHUNK_LINES} lines per chunk`);
    const rejected = new Map<number, LineProblem[]>();
    const valid: StagedItem[] = [];
    for (const l of lines) {
      const problems =
        l.type === 'activity'
          ? validateActivity(l.input, l.line, now)
          : validateFeedback(l.input, l.line, now);
      if (problems.length) rejected.set(l.line, problems.map(lineProblem));
      else valid.push({ ...l, n: l.line } as StagedItem);
    }
    const summary: ChunkSummary = { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
    if (valid.length) {
      const m = scope.manager;
      await this.merge.stage(m, valid);
      const missing = await this.lockBrands(scope, [...new Set(valid.map((v) => v.brandId))]);
      for (const v of valid)
        if (missing.has(v.brandId))
          rejected.set(v.n, [{ field: 'brand', reason: 'no such brand in this workspace' }]);
      const verdicts = await this.merge.plan(m);
      await this.merge.write(scope, verdicts);
      for (const v of verdicts) count(summary, v, rejected);
    }
    summary.rejected = [...rejected]
      .sort(([a], [b]) => a - b)
      .map(([line, problems]) => ({ line, problems }));
    return summary;
  }

  /**
   * Locks the brands (in id order: concurrent loads never deadlock) and
   * returns those not found in the caller's workspace, whose staged lines are dropped.
   */
  private async lockBrands(scope: WriteScope, brandIds: string[]): Promise<Set<string>> {
    const m = scope.manager;
    const found: { id: string }[] = await m.query(
      `SELECT id FROM brands WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [scope.workspaceId, brandIds],
    );
    const present = new Set(found.map((r) => r.id));
    const missing = new Set(brandIds.filter((id) => !present.has(id)));
    if (missing.size) {
      for (const table of [STAGE_FEEDBACK, STAGE_ACTIVITIES])
        await m.query(`DELETE FROM ${table} WHERE brand_id = ANY($1::uuid[])`, [[...missing]]);
    }
    return missing;
  }
}

function count(summary: ChunkSummary, v: MergeVerdict, rejected: Map<number, LineProblem[]>) {
  if (v.action === 'insert') summary.inserted++;
  else if (v.action === 'update') summary.updated++;
  else if (v.action === 'unchanged') summary.unchanged++;
  else
    rejected.set(
      v.n,
      v.problems.map(({ field, reason }) => ({ field, reason })),
    );
}

/** `feedback[12].sentiment` → `sentiment`: a line is one item. */
function lineProblem(p: FieldProblem): LineProblem {
  return { field: p.field.replace(/^\w+\[\d+\]\./, ''), reason: p.reason };
}

/** A line the parser rejected (`kind: required`, `not valid JSON`) as a problem. */
export function parsedProblem(reason: string): LineProblem {
  const match = /^([A-Za-z]+): (.*)$/s.exec(reason);
  return match ? { field: match[1]!, reason: match[2]! } : { field: 'line', reason };
}
