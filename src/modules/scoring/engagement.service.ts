import type { Scope, WriteScope } from '../../db/scope';
import { type Connection, toConnection } from '../../shared/connection';
import { CursorScope } from '../../shared/cursor';
import { NotFoundError, ValidationError } from '../../shared/domain-error';
import { isUuid } from '../../shared/validate';
import type { BrandService } from '../brands/brand.service';
import type { BrandEntity } from '../brands/brand.entity';
import type { BrandFilter } from '../brands/brand.types';
import { searchPattern } from '../brands/brand.validation';
import { WorkspaceEntity } from '../workspaces/workspace.entity';
import type { PhaseWeights, PhaseWeightsInput } from './phase-weights.types';
import {
  ALGORITHM_VERSION,
  scoreEngagement,
  sentimentMix,
  sentimentSourceCounts,
} from './engagement-report';
import type { EngagementSums } from '../rollups/engagement-sums';
import { responseTimeFromRow, sumsFromRow } from '../rollups/engagement-sums';
import { EngagementReadModel, type BrandSumsRow } from './engagement-read-model';
import { cachedBrandSums } from './cached-sums';
import { ReportCache } from './report-cache';
import type { EngagementPoint, EngagementReport } from './engagement.types';
import { assertTimeWindow, assertSeriesWindow } from './engagement-window';
import { weeksIn, type TimeWindow } from '../../shared/window';
import type { Granularity } from './granularity';
import { phaseWeightProblems, weightsFrom, type PhaseWeightMap } from './phase-weights';
import { WEEK_SECONDS } from '../../shared/time';

export class EngagementService {
  constructor(
    private readonly brands: BrandService,
    private readonly cache = new ReportCache(),
    private readonly readModel = new EngagementReadModel(),
  ) {}

  async report(
    scope: Scope,
    brandId: string,
    window: TimeWindow,
    audienceId: string | null | undefined,
  ): Promise<EngagementReport> {
    const reports = await this.reports(scope, [brandId], window, audienceId);
    const report = reports.get(brandId);
    if (!report) throw new NotFoundError('Brand', brandId);
    return report;
  }

  /** Reports of several brands in one statement. */
  async reports(
    scope: Scope,
    brandIds: readonly string[],
    window: TimeWindow,
    audienceId: string | null | undefined,
  ): Promise<Map<string, EngagementReport>> {
    const rows = await this.sums(scope, brandIds, window, audienceId);
    return new Map(rows.map((row) => [row.id, this.reportFromRow(row, window)]));
  }

  /**
   * The window sums of several brands (null: all of the workspace) in one
   * statement, shared by engagement and classification. Checks the window
   * (≤ 3,660 days) and that the audience filter names an audience of each brand.
   * `search` (an ILIKE pattern, see searchPattern) narrows "all of the workspace".
   */
  async sums(
    scope: Scope,
    brandIds: readonly string[] | null,
    window: TimeWindow,
    audienceId: string | null | undefined,
    search: string | null = null,
  ): Promise<BrandSumsRow[]> {
    assertTimeWindow(window);
    const audience = audienceFilter(audienceId);
    const ids = brandIds === null ? null : brandIds.filter(isUuid);
    if (ids !== null && ids.length === 0) return [];
    // only a read snapshot may use the cache (a write transaction sees uncommitted sums)
    const rows =
      this.cache.enabled && scope.snapshot
        ? await cachedBrandSums(this.readModel, this.cache, scope, ids, window, audience, search)
        : await this.readModel.brandSums(scope, ids, window, audience, search);
    if (rows.some((row) => !row.audience_found)) throw new NotFoundError('Audience', audience!);
    return rows;
  }

  async series(scope: Scope, series: SeriesQuery): Promise<EngagementPoint[]> {
    const periods = await this.periodSums(scope, series);
    return periods.map(({ periodStart, window: part, sums, weights }) => ({
      periodStart,
      window: part,
      ...scoreEngagement(sums, weights),
    }));
  }

  /**
   * The sums of each period of a series (shared by engagement and
   * classification series): checks the window (≤ 1,000 periods) and the audience.
   */
  async periodSums(
    scope: Scope,
    { brandId, window, granularity, audienceId }: SeriesQuery,
  ): Promise<PeriodSums[]> {
    const audience = audienceFilter(audienceId);
    const brand = await this.brands.require(scope, brandId);
    assertSeriesWindow(window, brand.timezone, granularity);
    const rows = await this.readModel.periodSums(scope, brand.id, window, granularity, audience);
    if (rows.length && !rows[0]!.audience_found) throw new NotFoundError('Audience', audience!);
    return rows.map((row) => {
      const from = new Date(Math.max(row.period_start.getTime(), window.from.getTime()));
      return {
        periodStart: row.period_start,
        window: { from, to: new Date(from.getTime() + row.seconds * 1000) },
        sums: sumsFromRow(row, row.seconds / WEEK_SECONDS),
        weights: weightsFrom(row.phase_weights),
      };
    });
  }

  /** A workspace's brands ranked by score over a window: one statement per page. */
  async ranking(
    scope: Scope,
    window: TimeWindow,
    descending: boolean,
    first: number,
    after: string | null | undefined,
    filter?: BrandFilter | null,
  ): Promise<Connection<BrandEntity>> {
    assertTimeWindow(window);
    const search = searchPattern(filter);
    const cursors = new CursorScope('brands', 'ENGAGEMENT_SCORE', descending, window, { search });
    const cursor = cursors.decode(after, ['number', 'uuid']);
    const rows = await this.sums(scope, null, window, null, search);
    const sign = descending ? -1 : 1;
    const compare = (a: RankKey, b: RankKey) =>
      sign * (a.score - b.score) || sign * a.id.localeCompare(b.id);
    const ranked = rows
      .map((row) => ({ row, id: row.id, score: scoreFromRow(row, window) }))
      .sort(compare);
    const key = cursor ? { score: cursor[0] as number, id: cursor[1] as string } : null;
    const start = key ? ranked.findIndex((r) => compare(r, key) > 0) : 0;
    const page = start < 0 ? [] : ranked.slice(start, start + first + 1);
    const scores = new Map(page.map((r) => [r.id, r.score]));
    return toConnection(
      page.map((r) => brandOf(r.row)),
      first,
      rows.length,
      cursor !== null,
      (brand) => cursors.encode([scores.get(brand.id)!, brand.id]),
    );
  }

  async setWeights(
    scope: WriteScope,
    input: PhaseWeightsInput | null | undefined,
  ): Promise<PhaseWeights> {
    let stored: PhaseWeightMap | null = null;
    if (input) {
      stored = {
        LISTENING: input.listening,
        PROCESSING: input.processing,
        INTERACTING: input.interacting,
        BROADCASTING: input.broadcasting,
      };
      const problems = phaseWeightProblems(stored);
      if (problems.length) throw new ValidationError(problems);
    }
    await scope.manager.update(
      WorkspaceEntity,
      { id: scope.workspaceId },
      { phaseWeights: stored },
    );
    return toPhaseWeights(weightsFrom(stored));
  }

  async weights(scope: Scope): Promise<PhaseWeights> {
    const workspace = await scope.manager.findOneByOrFail(WorkspaceEntity, {
      id: scope.workspaceId,
    });
    return toPhaseWeights(weightsFrom(workspace.phaseWeights));
  }

  reportFromRow(row: BrandSumsRow, window: TimeWindow): EngagementReport {
    const weights = weightsFrom(row.phase_weights);
    const sums = sumsFromRow(row, weeksIn(window));
    const scores = scoreEngagement(sums, weights);
    return {
      brandId: row.id,
      audienceId: row.audience_id,
      window: { from: window.from, to: window.to },
      ...scores,
      algorithmVersion: ALGORITHM_VERSION,
      weights: toPhaseWeights(weights),
      responseTime: responseTimeFromRow(row),
      sentimentSources: sentimentSourceCounts(sums),
      sentimentMix: sentimentMix(sums),
    };
  }
}

/** A brand's score alone (what a ranking sorts by): no percentiles, no report object. */
function scoreFromRow(row: BrandSumsRow, window: TimeWindow): number {
  return scoreEngagement(sumsFromRow(row, weeksIn(window)), weightsFrom(row.phase_weights)).score;
}

/** A valid audience id, or null for no filter; anything else names no audience. */
export function audienceFilter(audienceId: string | null | undefined): string | null {
  if (audienceId === null || audienceId === undefined) return null;
  if (!isUuid(audienceId)) throw new NotFoundError('Audience', audienceId);
  return audienceId;
}

/** What a series asks for: a brand's window in periods, optionally of one audience. */
export interface SeriesQuery {
  brandId: string;
  window: TimeWindow;
  granularity: Granularity;
  audienceId?: string | null;
}

export interface PeriodSums {
  periodStart: Date;
  /** The part of the period inside the window. */
  window: TimeWindow;
  sums: EngagementSums;
  weights: PhaseWeightMap;
}

interface RankKey {
  score: number;
  id: string;
}

function toPhaseWeights(w: PhaseWeightMap): PhaseWeights {
  return {
    listening: w.LISTENING,
    processing: w.PROCESSING,
    interacting: w.INTERACTING,
    broadcasting: w.BROADCASTING,
  };
}

function brandOf(row: BrandSumsRow): BrandEntity {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    slug: row.slug,
    timezone: row.timezone,
    responseTargetMinutes: row.response_target_minutes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
