import { saturate } from './math';

/** One explained part of a score: value = f(numerator, denominator); not applicable when the denominator is 0. */
export interface Component {
  name: string;
  weight: number;
  applicable: boolean;
  value: number | null;
  numerator: number;
  denominator: number;
}

/** A component whose value is f(numerator / denominator): not applicable when the denominator is 0. */
function ofRatio(
  name: string,
  weight: number,
  numerator: number,
  denominator: number,
  f: (ratio: number) => number,
): Component {
  const applicable = denominator > 0;
  const value = applicable ? f(numerator / denominator) : null;
  return { name, weight, applicable, value, numerator, denominator };
}

/** A plain share (also a timeliness, whose numerator is a Σ τ). */
export function share(
  name: string,
  weight: number,
  numerator: number,
  denominator: number,
): Component {
  return ofRatio(name, weight, numerator, denominator, (ratio) => ratio);
}

/** Cadence against a weekly target: min(1, n / (weeks × target)). */
export function cadence(
  name: string,
  weight: number,
  count: number,
  weeks: number,
  target: number,
): Component {
  return ofRatio(name, weight, count, weeks * target, (ratio) => Math.min(1, ratio));
}

/** A saturating rate: sat(n / d; k). */
export function saturatingRate(
  name: string,
  weight: number,
  numerator: number,
  denominator: number,
  k: number,
): Component {
  return ofRatio(name, weight, numerator, denominator, (ratio) => saturate(ratio, k));
}

/** Σ wᵢ·vᵢ / Σ wᵢ over the applicable components; null when none is. */
export function weightedMean(components: readonly Component[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const c of components) {
    if (!c.applicable || c.value === null) continue;
    weighted += c.weight * c.value;
    weights += c.weight;
  }
  return weights > 0 ? weighted / weights : null;
}

/** A phase score: 100 × the weighted mean; 0 and not applicable when no component is. */
export function weightedScore(components: readonly Component[]): {
  score: number;
  applicable: boolean;
} {
  const mean = weightedMean(components);
  return mean === null ? { score: 0, applicable: false } : { score: 100 * mean, applicable: true };
}
