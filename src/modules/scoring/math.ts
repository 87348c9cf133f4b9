/** Every threshold and tie compares with this tolerance (engagement-model.md §2). */
export const TOLERANCE = 1e-9;

/** `a ≥ b` within the tolerance. */
export function atLeast(a: number, b: number): boolean {
  return a >= b - TOLERANCE;
}

/** Timeliness of a delay: 1 when immediate, 0.5 at the target, → 0 when late; negative delays count as 0. */
export function timeliness(delay: number, target: number): number {
  const t = Math.max(0, delay);
  return 1 / (1 + (t / target) ** 2);
}

/** Saturating credit: 0.5 at k. */
export function saturate(x: number, k: number): number {
  return x / (x + k);
}

export const SECONDS_PER_WEEK = 604_800;
