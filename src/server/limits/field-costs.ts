import { MAX_PERIODS } from '../../modules/scoring/engagement-window';
import { MAX_BATCH_ITEMS } from '../../modules/ingestion/interaction-validation';

/** A field's coerced arguments; undefined when they could not be coerced (priced at worst case). */
export type FieldArgs = Record<string, unknown> | undefined;

/** What one field costs, declared once here for the whole schema (keys are `Type.field`). */
export interface FieldCost {
  /** Points for the field's own work (aggregating, scoring, writing), on top of 1 per object. */
  readonly weight?: number | ((args: FieldArgs) => number);
  /** How many objects a list returns at most: its selection is priced that many times. */
  readonly items?: number | ((args: FieldArgs) => number);
}

/** Points per computed series period: each is scored like a small report. */
export const POINTS_PER_PERIOD = 2;
/** Points per item of a recordInteractions batch (validated, linked and written). */
export const POINTS_PER_BATCH_ITEM = 1;

const DAY_MS = 86_400_000;
const PERIOD_DAYS: Record<string, number> = { DAY: 1, WEEK: 7, MONTH: 28 };

/**
 * How many periods a series can return: an upper bound from the window and
 * the granularity (+1 for the brand's time zone shifting the edges), at most
 * MAX_PERIODS (the resolver refuses longer series). Unknown: the maximum.
 */
export function seriesPeriods(args: FieldArgs): number {
  const window = args?.window as { from?: unknown; to?: unknown } | undefined;
  const days = PERIOD_DAYS[String(args?.granularity)];
  if (!(window?.from instanceof Date) || !(window.to instanceof Date) || !days) return MAX_PERIODS;
  const span = window.to.getTime() - window.from.getTime();
  if (!Number.isFinite(span)) return MAX_PERIODS;
  if (span <= 0) return 1; // refused by the resolver
  return Math.min(MAX_PERIODS, Math.ceil(span / (days * DAY_MS)) + 1);
}

/** Items of a recordInteractions batch (unknown: the largest batch allowed). */
export function batchItems(args: FieldArgs): number {
  const input = args?.input as { activities?: unknown; feedback?: unknown } | undefined;
  if (!input) return MAX_BATCH_ITEMS;
  const length = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  return length(input.activities) + length(input.feedback);
}

const series: FieldCost = {
  weight: (args) => 10 + POINTS_PER_PERIOD * seriesPeriods(args),
  items: seriesPeriods,
};

/**
 * Every field that costs more than 1 point per object, and every list that is
 * not a connection (connections are priced by `first`, default 20). Checked
 * against the schema by test/unit/field-costs.test.ts: a typo, a renamed field
 * or a new unpriced list fails it.
 */
export const FIELD_COSTS = {
  'Query.engagement': { weight: 5 },
  'Brand.engagement': { weight: 5 },
  'Query.classification': { weight: 5 },
  'Brand.classification': { weight: 5 },
  'Query.engagementSeries': series,
  'Query.classificationSeries': series,
  'Query.workspaceOverview': { weight: 20 },
  'Brand.dataWindow': { weight: 2 },
  'Mutation.recordInteractions': {
    weight: (args) => 50 + POINTS_PER_BATCH_ITEM * batchItems(args),
  },
  'Mutation.recordActivity': { weight: 5 },
  'Mutation.recordFeedback': { weight: 5 },
  // a subscription is priced once, for the selection of one event
  'Subscription.engagementChanged': { weight: 5 },
  'Subscription.classificationChanged': { weight: 5 },
  // lists without `first`: the schema's own sizes, or estimates where the data decides
  'Query.apiKeys': { items: 10 }, // estimate: keys of a workspace
  'Query.webhooks': { items: 20 }, // MAX_WEBHOOKS
  'Brand.audiences': { items: 10 }, // estimate: audiences of a brand
  'EngagementReport.phases': { items: 4 },
  'EngagementPoint.phases': { items: 4 },
  'PhaseBreakdown.components': { items: 4 },
  'GrunigClassification.scores': { items: 4 },
  'GrunigClassification.evidence': { items: 7 },
  'WorkspaceOverview.brandsByModel': { items: 4 },
  'WorkspaceOverview.brandsByStage': { items: 3 },
  'WorkspaceOverview.sentimentSources': { items: 4 },
  'EngagementReport.sentimentSources': { items: 4 },
} as const satisfies Record<`${string}.${string}`, FieldCost>;

export type PricedField = keyof typeof FIELD_COSTS;

export function fieldCost(typeName: string, fieldName: string): FieldCost | undefined {
  return (FIELD_COSTS as Record<string, FieldCost>)[`${typeName}.${fieldName}`];
}

export function resolveCost(value: number | ((args: FieldArgs) => number), args: FieldArgs) {
  return typeof value === 'function' ? value(args) : value;
}
