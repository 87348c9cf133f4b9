/** Precision, recall and F1 of one label, and macro-F1 over several (for `npm run eval:text`). */
export interface LabelScores {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Scores of `label` over (gold, predicted) pairs; 0 where a ratio has no denominator. */
export function labelScores<T>(pairs: readonly (readonly [T, T])[], label: T): LabelScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gold, predicted] of pairs) {
    if (predicted === label && gold === label) tp += 1;
    else if (predicted === label) fp += 1;
    else if (gold === label) fn += 1;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return { label: String(label), support: tp + fn, precision, recall, f1 };
}

/** The unweighted mean of the labels' F1. */
export function macroF1(scores: readonly LabelScores[]): number {
  return ratio(
    scores.reduce((sum, s) => sum + s.f1, 0),
    scores.length,
  );
}
