import type { FieldProblem } from '../../shared/domain-error';
import type { ReclassifyFeedbackInput } from './feedback.types';

/** What is wrong with a reclassification: nothing to do, a reset mixed with values, a sentiment off [−1, 1]. */
export function reclassifyProblems(input: ReclassifyFeedbackInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const sentiment = input.sentiment ?? null;
  const complaint = input.complaint ?? null;
  if (input.reset) {
    if (sentiment !== null || complaint !== null)
      problems.push({ field: 'input.reset', reason: 'must come alone: it drops both corrections' });
  } else if (sentiment === null && complaint === null) {
    problems.push({ field: 'input', reason: 'give a sentiment, a complaint flag, or reset: true' });
  }
  if (sentiment !== null && !(Number.isFinite(sentiment) && sentiment >= -1 && sentiment <= 1))
    problems.push({ field: 'input.sentiment', reason: 'must be a number from -1 to 1' });
  return problems;
}
