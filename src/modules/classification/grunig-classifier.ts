import { EngagementPhase } from '../../shared/vocabulary';
import { cadence, share, weightedMean, type Component } from '../scoring/component';
import { totalActivities, type EngagementSums } from '../rollups/engagement-sums';
import { atLeast, TOLERANCE } from '../scoring/math';

/** Grunig's four models, in the order that breaks ties (the later wins). */
export enum GrunigModel {
  PRESS_AGENTRY = 'PRESS_AGENTRY',
  PUBLIC_INFORMATION = 'PUBLIC_INFORMATION',
  TWO_WAY_ASYMMETRICAL = 'TWO_WAY_ASYMMETRICAL',
  TWO_WAY_SYMMETRICAL = 'TWO_WAY_SYMMETRICAL',
}

export const MODEL_ORDER: readonly GrunigModel[] = [
  GrunigModel.PRESS_AGENTRY,
  GrunigModel.PUBLIC_INFORMATION,
  GrunigModel.TWO_WAY_ASYMMETRICAL,
  GrunigModel.TWO_WAY_SYMMETRICAL,
];

export interface Classification {
  model: GrunigModel | null;
  insufficientData: boolean;
  confidence: number;
  mixedMotive: boolean;
  direction: number;
  symmetry: number;
  promotion: number;
  scores: { model: GrunigModel; score: number }[];
  evidence: Component[];
}

/** Grunig classification from window sums (engagement-model.md §6). */
export function classify(s: EngagementSums): Classification {
  const activities = totalActivities(s);
  const broadcasts = s.activities[EngagementPhase.BROADCASTING];
  const listeningAndProcessing =
    s.activities[EngagementPhase.LISTENING] + s.activities[EngagementPhase.PROCESSING];

  const directionParts = [
    share('twoWayShare', 0.4, activities - broadcasts, activities),
    share('responseRate', 0.4, s.responded, s.needsResponse),
    cadence('listeningCadence', 0.2, s.activities[EngagementPhase.LISTENING], s.weeks, 1),
  ];
  const adoption = share('adoption', 0.5, s.adopted, s.needsResponse);
  // the value credits adoption in full from a 10 % adoption rate on
  if (adoption.value !== null) adoption.value = Math.min(1, adoption.value / 0.1);
  const symmetryParts = [
    adoption,
    share('understandingShare', 0.25, s.understanding, listeningAndProcessing),
    share(
      'accommodativeReplyShare',
      0.25,
      s.accommodativeReplies,
      s.activities[EngagementPhase.INTERACTING],
    ),
  ];
  const promotionPart = share('promotionShare', 1, s.promotionalBroadcasts, broadcasts);

  const direction = weightedMean(directionParts) ?? 0;
  const symmetry = weightedMean(symmetryParts) ?? 0;
  const promotion = promotionPart.value ?? 0;
  const scores = [
    { model: GrunigModel.PRESS_AGENTRY, score: (1 - direction) * promotion },
    { model: GrunigModel.PUBLIC_INFORMATION, score: (1 - direction) * (1 - promotion) },
    { model: GrunigModel.TWO_WAY_ASYMMETRICAL, score: direction * (1 - symmetry) },
    { model: GrunigModel.TWO_WAY_SYMMETRICAL, score: direction * symmetry },
  ];
  const n = activities + s.feedback;
  const insufficientData = n === 0;
  const top = highest(scores);
  const sorted = scores.map((x) => x.score).sort((a, b) => b - a);
  const confidence = insufficientData
    ? 0
    : Math.min(1, (sorted[0]! - sorted[1]!) / 0.3) * (1 - Math.exp(-n / 50));
  return {
    model: insufficientData ? null : top,
    insufficientData,
    confidence,
    mixedMotive:
      Math.abs(scores[2]!.score - scores[3]!.score) <= 0.1 + TOLERANCE && atLeast(direction, 0.5),
    direction,
    symmetry,
    promotion,
    scores,
    evidence: [...directionParts, ...symmetryParts, promotionPart],
  };
}

/** The highest score; within 1e-9 it is a tie, and the later model in MODEL_ORDER wins. */
export function highest(scores: readonly { model: GrunigModel; score: number }[]): GrunigModel {
  const max = Math.max(...scores.map((s) => s.score));
  const tied = scores.filter((s) => atLeast(s.score, max));
  return tied[tied.length - 1]!.model;
}
