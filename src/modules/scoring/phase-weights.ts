import type { FieldProblem } from '../../shared/domain-error';
import { EngagementPhase } from '../../shared/vocabulary';
import { TOLERANCE } from './math';

export type PhaseWeightMap = Record<EngagementPhase, number>;

/** The model's weights: Listening 30 / Processing 20 / Interacting 30 / Broadcasting 20. */
export const DEFAULT_PHASE_WEIGHTS: Readonly<PhaseWeightMap> = Object.freeze({
  [EngagementPhase.LISTENING]: 0.3,
  [EngagementPhase.PROCESSING]: 0.2,
  [EngagementPhase.INTERACTING]: 0.3,
  [EngagementPhase.BROADCASTING]: 0.2,
});

export const PHASES: readonly EngagementPhase[] = [
  EngagementPhase.LISTENING,
  EngagementPhase.PROCESSING,
  EngagementPhase.INTERACTING,
  EngagementPhase.BROADCASTING,
];

/** Four finite, non-negative numbers summing to 1 within 1e-9. */
export function phaseWeightProblems(weights: PhaseWeightMap): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const phase of PHASES) {
    const w = weights[phase];
    if (!Number.isFinite(w) || w < 0)
      problems.push({ field: phase.toLowerCase(), reason: 'must be a number ≥ 0' });
  }
  const sum = PHASES.reduce((s, p) => s + weights[p], 0);
  if (problems.length === 0 && Math.abs(sum - 1) > TOLERANCE) {
    problems.push({ field: 'weights', reason: `must sum to 1 (they sum to ${sum})` });
  }
  return problems;
}

/** Stored weights (jsonb) or the default when unset or unusable. */
export function weightsFrom(stored: Record<string, number> | null | undefined): PhaseWeightMap {
  if (!stored) return { ...DEFAULT_PHASE_WEIGHTS };
  const weights = Object.fromEntries(PHASES.map((p) => [p, Number(stored[p])])) as PhaseWeightMap;
  return phaseWeightProblems(weights).length ? { ...DEFAULT_PHASE_WEIGHTS } : weights;
}
