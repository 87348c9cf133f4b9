import type { Scope } from '../../db/scope';
import { EngagementStage } from '../scoring/engagement-report';
import { SentimentSource } from '../../shared/vocabulary';
import { sumsFromRow } from '../rollups/engagement-sums';
import type { BrandSumsRow } from '../scoring/engagement-read-model';
import type { EngagementService, SeriesQuery } from '../scoring/engagement.service';
import { weeksIn, type TimeWindow } from '../../shared/window';
import { NotFoundError } from '../../shared/domain-error';
import { classify, MODEL_ORDER } from './grunig-classifier';
import type {
  ClassificationPoint,
  GrunigClassification,
  WorkspaceOverview,
} from './classification.types';
import { HOUR_MS } from '../../shared/time';
import { dataWindows, spanOf } from '../scoring/data-windows';

/** Bumped whenever a classification formula changes. */
export const CLASSIFICATION_VERSION = 'grunig-model/1.0';
const DEFAULT_WINDOW_MS = 90 * 24 * HOUR_MS;

/** The window asked for, or the 90 × 24 hours ending now. */
export function classificationWindow(
  window: TimeWindow | null | undefined,
  now = new Date(),
): TimeWindow {
  return window ?? { from: new Date(now.getTime() - DEFAULT_WINDOW_MS), to: now };
}

export class ClassificationService {
  constructor(private readonly engagement: EngagementService) {}

  async classification(
    scope: Scope,
    brandId: string,
    window: TimeWindow,
    audienceId: string | null | undefined,
  ): Promise<GrunigClassification> {
    const [row] = await this.engagement.sums(scope, [brandId], window, audienceId);
    if (!row) throw new NotFoundError('Brand', brandId);
    return this.fromRow(row, window);
  }

  fromRow(row: BrandSumsRow, window: TimeWindow): GrunigClassification {
    return {
      brandId: row.id,
      audienceId: row.audience_id,
      window: { from: window.from, to: window.to },
      ...classify(sumsFromRow(row, weeksIn(window))),
      algorithmVersion: CLASSIFICATION_VERSION,
    };
  }

  async series(scope: Scope, series: SeriesQuery): Promise<ClassificationPoint[]> {
    const periods = await this.engagement.periodSums(scope, series);
    return periods.map(({ periodStart, window: part, sums }) => ({
      periodStart,
      window: part,
      ...classify(sums),
    }));
  }

  /** Brands per model and per stage, and the mean score, from one statement. */
  async overview(scope: Scope, window: TimeWindow): Promise<WorkspaceOverview> {
    const rows = await this.engagement.sums(scope, null, window, null);
    const classifications = rows.map((row) => this.fromRow(row, window));
    const reports = rows.map((row) => this.engagement.reportFromRow(row, window));
    return {
      window: { from: window.from, to: window.to },
      brandCount: rows.length,
      dataWindow: spanOf((await dataWindows(scope, null)).values()),
      brandsByModel: MODEL_ORDER.map((model) => ({
        model,
        brands: classifications.filter((c) => c.model === model).length,
      })),
      insufficientData: classifications.filter((c) => c.insufficientData).length,
      brandsByStage: Object.values(EngagementStage).map((stage) => ({
        stage,
        brands: reports.filter((r) => r.stage === stage).length,
      })),
      meanEngagementScore: reports.length
        ? reports.reduce((s, r) => s + r.score, 0) / reports.length
        : null,
      // from the rollups' per-source sums, like every other count of the report
      sentimentSources: Object.values(SentimentSource).map((source) => ({
        source,
        feedback: reports.reduce(
          (n, r) => n + r.sentimentSources.find((c) => c.source === source)!.feedback,
          0,
        ),
      })),
    };
  }
}
