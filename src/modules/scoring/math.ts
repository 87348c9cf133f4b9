/** Every threshold and tie compares with this tolerance (engagement-model.md §2). */
export const TOLERANCE = 1e-9;

/** `a ≥ b` within the tolerance. */
export function atLeast(a: number, b: number): boolean {
  return a >= b - TOLERANCE;
}

/** Saturating credit: 0.5 at k. */
export function saturate(x: number, k: number): number {
  return x / (x + k);
}
