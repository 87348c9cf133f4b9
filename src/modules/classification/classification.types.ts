import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CountType } from '../../shared/count-type';
import { Window } from '../../shared/window';
import { EngagementStage } from '../scoring/engagement-report';
import { BrandReport, ScoreComponent, SentimentSourceCount } from '../scoring/engagement.types';
import { GrunigModel } from './grunig-classifier';

registerEnumType(GrunigModel, {
  name: 'GrunigModel',
  description: "Grunig's four models of public relations.",
});

@ObjectType()
export class GrunigModelScore {
  @Field(() => GrunigModel)
  model!: GrunigModel;

  @Field(() => Float, { description: 'The four scores sum to 1.' })
  score!: number;
}

@ObjectType({
  description: 'How a brand communicates, with the evidence (engagement-model.md §6).',
})
export class GrunigClassification extends BrandReport {
  @Field(() => GrunigModel, { nullable: true, description: 'Null when there is no data.' })
  model!: GrunigModel | null;

  @Field()
  insufficientData!: boolean;

  @Field(() => Float, { description: 'min(1, (top − second) / 0.3) × (1 − e^(−n/50)).' })
  confidence!: number;

  @Field({ description: 'The two-way scores within 0.10 of each other, with direction ≥ 0.5.' })
  mixedMotive!: boolean;

  @Field(() => Float, { description: 'D: one-way 0 … two-way 1.' })
  direction!: number;

  @Field(() => Float, { description: 'S: persuade 0 … adapt 1.' })
  symmetry!: number;

  @Field(() => Float, { description: 'P: share of promotional broadcasts.' })
  promotion!: number;

  @Field(() => [GrunigModelScore], { description: 'In the enum order.' })
  scores!: GrunigModelScore[];

  @Field(() => [ScoreComponent], {
    description:
      'twoWayShare, responseRate, listeningCadence (→ D); adoption, understandingShare, accommodativeReplyShare (→ S); promotionShare (→ P).',
  })
  evidence!: ScoreComponent[];

  @Field()
  algorithmVersion!: string;
}

@ObjectType()
export class ClassificationPoint {
  @Field({ description: "The period's local start." })
  periodStart!: Date;

  @Field(() => Window)
  window!: Window;

  @Field(() => GrunigModel, { nullable: true })
  model!: GrunigModel | null;

  @Field()
  insufficientData!: boolean;

  @Field(() => Float)
  confidence!: number;

  @Field(() => Float)
  direction!: number;

  @Field(() => Float)
  symmetry!: number;

  @Field(() => Float)
  promotion!: number;
}

export const ModelCount = CountType<GrunigModel, 'model', 'brands'>('ModelCount', GrunigModel, {
  key: 'model',
  count: 'brands',
});
export type ModelCount = InstanceType<typeof ModelCount>;

export const StageCount = CountType<EngagementStage, 'stage', 'brands'>(
  'StageCount',
  EngagementStage,
  { key: 'stage', count: 'brands' },
);
export type StageCount = InstanceType<typeof StageCount>;

@ObjectType({ description: 'The workspace at a glance over one window.' })
export class WorkspaceOverview {
  @Field(() => Window)
  window!: Window;

  @Field(() => Int)
  brandCount!: number;

  @Field(() => Window, {
    nullable: true,
    description:
      'Where the workspace has data, whatever the window: from the start of the first local day (in its brand’s zone) with feedback or activities to the end of the last; null without data.',
  })
  dataWindow!: Window | null;

  @Field(() => [ModelCount], {
    description: 'Every model, in the enum order (brands without data are not counted).',
  })
  brandsByModel!: ModelCount[];

  @Field(() => Int, { description: 'Brands with no activity and no feedback in the window.' })
  insufficientData!: number;

  @Field(() => [StageCount], { description: 'Every stage, in the enum order.' })
  brandsByStage!: StageCount[];

  @Field(() => Float, {
    nullable: true,
    description: 'Mean engagement score; null without brands.',
  })
  meanEngagementScore!: number | null;

  @Field(() => [SentimentSourceCount], {
    description: "The window's feedback of every brand per sentiment source, in the enum order.",
  })
  sentimentSources!: SentimentSourceCount[];
}
