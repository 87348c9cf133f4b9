/**
 * The Grunig plane, drawn from the classifier's own formulas
 * (engagement-model.md §6): for the brand's promotion share P the model at a
 * point (D, S) is the highest of PRESS_AGENTRY = (1−D)·P, PUBLIC_INFORMATION =
 * (1−D)·(1−P), TWO_WAY_ASYMMETRICAL = D·(1−S), TWO_WAY_SYMMETRICAL = D·S
 * (ties within 1e-9: the later one). One-way models do not depend on S, so
 * the plane shows one one-way region (which one is decided by P), and the
 * two-way regions above and below S = ½ where D·max(S, 1−S) beats it.
 */
export type Model =
  'PRESS_AGENTRY' | 'PUBLIC_INFORMATION' | 'TWO_WAY_ASYMMETRICAL' | 'TWO_WAY_SYMMETRICAL';

const ORDER: Model[] = [
  'PRESS_AGENTRY',
  'PUBLIC_INFORMATION',
  'TWO_WAY_ASYMMETRICAL',
  'TWO_WAY_SYMMETRICAL',
];
const TOLERANCE = 1e-9;

export function scoresAt(d: number, s: number, p: number): number[] {
  return [(1 - d) * p, (1 - d) * (1 - p), d * (1 - s), d * s];
}

export function modelAt(d: number, s: number, p: number): Model {
  const scores = scoresAt(d, s, p);
  const max = Math.max(...scores);
  let model: Model = ORDER[0]!;
  scores.forEach((x, i) => {
    if (x >= max - TOLERANCE) model = ORDER[i]!;
  });
  return model;
}

/** The one-way model the plane shows for a promotion share (ties: public information). */
export function oneWayModel(p: number): Model {
  return p > 1 - p + TOLERANCE ? 'PRESS_AGENTRY' : 'PUBLIC_INFORMATION';
}

export interface Region {
  model: Model;
  /** Polygon in plane units: x = D, y = S, both in [0, 1]. */
  points: [number, number][];
}

/** Where the two-way models start, per D: S ≥ k (symmetrical) and S ≤ 1 − k (asymmetrical). */
function threshold(d: number, p: number): number {
  const oneWay = (1 - d) * Math.max(p, 1 - p);
  return d <= 0 ? Infinity : oneWay / d;
}

/** The plane's regions for a promotion share, sampled along D. */
export function regions(p: number, steps = 200): Region[] {
  const xs = Array.from({ length: steps + 1 }, (_, i) => i / steps);
  const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  const upper = xs.map((d) => clamp(threshold(d, p), 0.5, 1)); // symmetrical from here up
  const lower = xs.map((d) => clamp(1 - threshold(d, p), 0, 0.5)); // asymmetrical up to here
  const rev = <T>(a: T[]) => [...a].reverse();
  return [
    {
      model: oneWayModel(p),
      points: [
        ...xs.map((d, i) => [d, upper[i]!] as [number, number]),
        ...rev(xs.map((d, i) => [d, lower[i]!] as [number, number])),
      ],
    },
    {
      model: 'TWO_WAY_SYMMETRICAL',
      points: [...xs.map((d, i) => [d, upper[i]!] as [number, number]), [1, 1], [0, 1]],
    },
    {
      model: 'TWO_WAY_ASYMMETRICAL',
      points: [...xs.map((d, i) => [d, lower[i]!] as [number, number]), [1, 0], [0, 0]],
    },
  ];
}

/** A point well inside a region, for its label (the widest part along D = 0.85 or 0.15). */
export function labelPoint(model: Model, p: number): [number, number] {
  const k = threshold(0.85, p);
  if (model === 'TWO_WAY_SYMMETRICAL') return [0.78, (Math.max(0.5, k) + 1) / 2 + 0.04];
  if (model === 'TWO_WAY_ASYMMETRICAL') return [0.78, Math.min(0.5, 1 - k) / 2 - 0.02];
  return [0.04, 0.5];
}
