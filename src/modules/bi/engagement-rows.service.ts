import type { Scope } from '../../db/scope';
import { type Connection, pageSize, toConnection } from '../../shared/connection';
import { CursorScope } from '../../shared/cursor';
import { NotFoundError, ValidationError } from '../../shared/domain-error';
import { isUuid } from '../../shared/validate';
import type { SumsRow } from '../rollups/engagement-sums';
import { sumsFromRow } from '../rollups/engagement-sums';
import { scoreEngagement } from '../scoring/engagement-report';
import { assertTimeWindow } from '../scoring/engagement-window';
import { Granularity, PERIOD_SQL } from '../scoring/granularity';
import { PHASES, weightsFrom } from '../scoring/phase-weights';
import { NO_AUDIENCE } from '../rollups/sum-definitions';
import type { EngagementRowData } from './engagement-row-columns';
import type { EngagementRowFilter } from './engagement-row.types';
import { rowsCount, rowsPage } from './engagement-rows.sql';

export const MAX_ROWS_PAGE = 1000;

interface GroupRow extends SumsRow {
  brand_id: string;
  audience_key: string;
  audience_id: string | null;
  brand_name: string;
  audience_name: string | null;
  channel: string | null;
  phase_weights: Record<string, number> | null;
  period_key: string;
  period_start: Date;
  days: number;
  updated_at: Date;
}

/** Flat engagement rows for BI tools and exports, served from the daily rollups. */
export class EngagementRowsService {
  async page(
    scope: Scope,
    filter: EngagementRowFilter,
    first: number | null | undefined,
    after: string | null | undefined,
    withCount = true,
  ): Promise<Connection<EngagementRowData>> {
    const { manager: m, workspaceId } = scope;
    const size = pageSize(first, MAX_ROWS_PAGE);
    const params = this.params(workspaceId, filter);
    const cursors = new CursorScope('engagementRows', {
      ...filter,
      granularity: filter.granularity ?? Granularity.DAY,
    });
    const cursor = this.cursor(cursors, after);
    if (after == null) await this.assertVisible(scope, filter);
    const rows: GroupRow[] = await m.query(rowsPage(), [...params, ...cursor, size + 1]);
    const total = withCount
      ? ((await m.query(rowsCount(), [...params, null, null, null]))[0].n as number)
      : -1;
    return toConnection(
      rows.map((row) => toRow(row, filter.granularity)),
      size,
      total,
      cursor[0] !== null,
      (row) =>
        cursors.encode([
          row.brandId as string,
          (row.audienceId as string | null) ?? NO_AUDIENCE,
          row.periodKey as string,
        ]),
    );
  }

  /**
   * Every row of the filter, page by page by key (constant memory): for
   * exports. `read` runs each page in a transaction of its own, so nothing is
   * held between pages; the key order means no row comes twice or is skipped.
   */
  async *all(
    read: <T>(work: (scope: Scope) => Promise<T>) => Promise<T>,
    filter: EngagementRowFilter,
  ): AsyncGenerator<EngagementRowData[]> {
    let after: string | null = null;
    for (;;) {
      const cursor = after;
      const page: Connection<EngagementRowData> = await read((scope) =>
        this.page(scope, filter, MAX_ROWS_PAGE, cursor, false),
      );
      if (page.nodes.length) yield page.nodes;
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor;
    }
  }

  /** Brands and audiences named by the filter must be this workspace's: NOT_FOUND otherwise (first page only). */
  private async assertVisible(scope: Scope, filter: EngagementRowFilter): Promise<void> {
    const { manager: m, workspaceId } = scope;
    for (const [entity, table, ids] of [
      ['Brand', 'brands', filter.brandIds],
      ['Audience', 'audiences', filter.audienceIds],
    ] as const) {
      if (!ids?.length) continue;
      const found: { id: string }[] = await m.query(
        `SELECT id FROM ${table} WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
        [workspaceId, ids],
      );
      const missing = ids.find((id) => !found.some((row) => row.id === id));
      if (missing) throw new NotFoundError(entity, missing);
    }
  }

  private params(workspaceId: string, filter: EngagementRowFilter): unknown[] {
    assertTimeWindow(filter.window);
    const problems = [
      ...ids(filter.brandIds, 'brandIds'),
      ...ids(filter.audienceIds, 'audienceIds'),
    ];
    if (problems.length) throw new ValidationError(problems);
    return [
      workspaceId,
      filter.brandIds ?? null,
      filter.window.from,
      filter.window.to,
      PERIOD_SQL[filter.granularity ?? Granularity.DAY].unit,
      filter.audienceIds ?? null,
      filter.updatedSince ?? null,
    ];
  }

  private cursor(
    cursors: CursorScope,
    after: string | null | undefined,
  ): [string | null, string | null, string | null] {
    const key = cursors.decode(after, ['uuid', 'uuid', 'day']);
    return key ? (key as [string, string, string]) : [null, null, null];
  }
}

function ids(values: string[] | null | undefined, field: string) {
  if (values == null) return [];
  if (values.length > 1000) return [{ field, reason: 'at most 1,000 ids' }];
  return values.filter((id) => !isUuid(id)).map(() => ({ field, reason: 'not an id' }));
}

function toRow(row: GroupRow, granularity: Granularity): EngagementRowData {
  const scores = scoreEngagement(sumsFromRow(row, row.days / 7), weightsFrom(row.phase_weights));
  const out: EngagementRowData = {
    brandId: row.brand_id,
    brandName: row.brand_name,
    audienceId: row.audience_id,
    audienceName: row.audience_name,
    channel: row.channel,
    periodStart: row.period_start,
    granularity,
    score: scores.score,
    feedbackCount: scores.feedbackCount,
    activityCount: scores.activityCount,
    updatedAt: row.updated_at,
  };
  Object.defineProperty(out, 'periodKey', { value: row.period_key, enumerable: false });
  scores.phases.forEach((phase, i) => {
    out[`${PHASES[i]!.toLowerCase()}Score`] = phase.score;
    for (const c of phase.components) {
      out[`${c.name}Numerator`] = c.numerator;
      out[`${c.name}Denominator`] = c.denominator;
    }
  });
  return out;
}
