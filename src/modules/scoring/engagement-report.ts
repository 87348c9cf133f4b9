import { EngagementPhase, SentimentSource } from '../../shared/vocabulary';
import { SOURCE_FIELDS } from '../rollups/sum-definitions';
import { weightedScore, type Component } from './component';
import { totalActivities, type EngagementSums } from '../rollups/engagement-sums';
import { atLeast } from './math';
import { PHASES, type PhaseWeightMap } from './phase-weights';
import { broadcastingComponents } from './phases/broadcasting';
import { interactingComponents } from './phases/interacting';
import { listeningComponents } from './phases/listening';
import { processingComponents } from './phases/processing';

/** Bumped whenever a formula changes (engagement-model.md, first paragraph). */
export const ALGORITHM_VERSION = 'engagement-model/1.1';

export enum EngagementStage {
  BROADCAST = 'BROADCAST',
  INTERACTION = 'INTERACTION',
  ENGAGEMENT = 'ENGAGEMENT',
}

export interface PhaseResult {
  phase: EngagementPhase;
  score: number;
  applicable: boolean;
  weight: number;
  contribution: number;
  activityShare: number | null;
  targetShare: number;
  components: Component[];
}

export interface EngagementScores {
  score: number;
  stage: EngagementStage;
  mixAlignment: number | null;
  phases: PhaseResult[];
  activityCount: number;
  feedbackCount: number;
}

const COMPONENTS: Record<EngagementPhase, (s: EngagementSums) => Component[]> = {
  [EngagementPhase.LISTENING]: listeningComponents,
  [EngagementPhase.PROCESSING]: processingComponents,
  [EngagementPhase.INTERACTING]: interactingComponents,
  [EngagementPhase.BROADCASTING]: broadcastingComponents,
};

/** Sums → components → phases → score, mix and stage (engagement-model.md §4–5). */
export function scoreEngagement(sums: EngagementSums, weights: PhaseWeightMap): EngagementScores {
  const activityCount = totalActivities(sums);
  const phases = PHASES.map((phase): PhaseResult => {
    const components = COMPONENTS[phase](sums);
    const { score, applicable } = weightedScore(components);
    return {
      phase,
      score,
      applicable,
      weight: weights[phase],
      contribution: weights[phase] * score,
      activityShare: activityCount > 0 ? sums.activities[phase] / activityCount : null,
      targetShare: weights[phase],
      components,
    };
  });
  const score = phases.reduce((s, p) => s + p.contribution, 0);
  const mixAlignment =
    activityCount > 0
      ? 100 *
        (1 - 0.5 * phases.reduce((s, p) => s + Math.abs((p.activityShare ?? 0) - p.targetShare), 0))
      : null;
  return {
    score,
    stage: stageOf(phases, mixAlignment),
    mixAlignment,
    phases,
    activityCount,
    feedbackCount: sums.feedback,
  };
}

export function stageOf(
  phases: readonly PhaseResult[],
  mixAlignment: number | null,
): EngagementStage {
  const scoreOf = (phase: EngagementPhase) => phases.find((p) => p.phase === phase)!.score;
  if (
    phases.every((p) => atLeast(p.score, 50)) &&
    mixAlignment !== null &&
    atLeast(mixAlignment, 70)
  ) {
    return EngagementStage.ENGAGEMENT;
  }
  if (
    atLeast(scoreOf(EngagementPhase.LISTENING), 25) ||
    atLeast(scoreOf(EngagementPhase.INTERACTING), 25)
  ) {
    return EngagementStage.INTERACTION;
  }
  return EngagementStage.BROADCAST;
}

/** Feedback per source of its effective sentiment, every source in the enum order. */
export function sentimentSourceCounts(
  sums: Pick<EngagementSums, (typeof SOURCE_FIELDS)[SentimentSource]>,
): { source: SentimentSource; feedback: number }[] {
  return Object.values(SentimentSource).map((source) => ({
    source,
    feedback: sums[SOURCE_FIELDS[source]],
  }));
}

/** Feedback by effective sentiment: positive, neutral, negative and, for the rest, unknown. */
export function sentimentMix(
  sums: Pick<EngagementSums, 'feedback' | 'positive' | 'neutral' | 'negative'>,
): { positive: number; neutral: number; negative: number; unknown: number } {
  const { positive, neutral, negative } = sums;
  return { positive, neutral, negative, unknown: sums.feedback - positive - neutral - negative };
}
