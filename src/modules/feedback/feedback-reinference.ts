import type { Scope, WriteScope } from '../../db/scope';
import { INFERENCE_VERSION } from '../text-signals/text-model';
import type { BrandService } from '../brands/brand.service';
import { inferredColumns } from './feedback-inference';

/** Items re-read per transaction: the brand's write lock is held for one chunk at a time. */
export const REINFER_CHUNK = 500;

/** Stored texts that the current model version has not read (erased texts cannot be re-read). */
const STALE = `f.brand_id = $1 AND f.workspace_id = $2 AND f.text <> ''
  AND f.inference_version IS DISTINCT FROM $3`;

/**
 * Applies the current text model (INFERENCE_VERSION) to stored feedback read
 * by another version, a chunk per call, under the brand's write lock; the
 * rollups of the items' days follow at commit (scope.changes), so every
 * number stays exact. Corrections and provided values are untouched: they
 * still take precedence.
 */
export class FeedbackReinference {
  constructor(private readonly brands: BrandService) {}

  /** How many of the brand's items wait for the current version. */
  async pending(scope: Scope, brandId: string): Promise<number> {
    const [row]: { n: number }[] = await scope.manager.query(
      `SELECT count(*)::int AS n FROM feedback f WHERE ${STALE}`,
      [brandId, scope.workspaceId, INFERENCE_VERSION],
    );
    return row!.n;
  }

  /** Re-reads up to `limit` items of the brand; returns how many (0: the brand is done). */
  async chunk(scope: WriteScope, brandId: string, limit = REINFER_CHUNK): Promise<number> {
    const brand = await this.brands.require(scope, brandId, true);
    const m = scope.manager;
    const rows: { id: string; kind: string; sentiment: number | null; text: string }[] =
      await m.query(
        `SELECT f.id, f.kind, f.sentiment, f.text FROM feedback f WHERE ${STALE} ORDER BY f.id LIMIT $4`,
        [brand.id, scope.workspaceId, INFERENCE_VERSION, limit],
      );
    if (rows.length === 0) return 0;
    const read = rows.map((r) => ({ id: r.id, ...inferredColumns(r.kind, r.sentiment, r.text) }));
    await m.query(
      `UPDATE feedback f
          SET inferred_sentiment = x.inferred_sentiment, inferred_complaint = x.inferred_complaint,
              sentiment_cues = x.sentiment_cues, complaint_cues = x.complaint_cues,
              inference_version = x.inference_version, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS x(
              id uuid, inferred_sentiment float8, inferred_complaint boolean, sentiment_cues text[],
              complaint_cues text[], inference_version text)
        WHERE f.brand_id = $1 AND f.id = x.id`,
      [brand.id, JSON.stringify(read)],
    );
    scope.changes.feedback(
      brand.id,
      rows.map((r) => r.id),
    );
    return rows.length;
  }
}
