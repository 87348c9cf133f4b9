import { GrunigModel, highest } from '../../modules/classification/grunig-classifier';
import { modelAt, regions } from './grunig-plane';

/** The plane's regions agree with the classifier's own choice for any D, S, P. */
const serverModel = (d: number, s: number, p: number) =>
  highest([
    { model: GrunigModel.PRESS_AGENTRY, score: (1 - d) * p },
    { model: GrunigModel.PUBLIC_INFORMATION, score: (1 - d) * (1 - p) },
    { model: GrunigModel.TWO_WAY_ASYMMETRICAL, score: d * (1 - s) },
    { model: GrunigModel.TWO_WAY_SYMMETRICAL, score: d * s },
  ]);

/** Whether (x, y) lies inside a polygon (even-odd rule). */
function inside(points: [number, number][], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

describe('the Grunig plane', () => {
  it.each([
    [0.8, 0.33, 0, 'TWO_WAY_ASYMMETRICAL'],
    [0.2, 0.9, 0.8, 'PRESS_AGENTRY'], // one-way: promotion decides, not symmetry
    [0.2, 0.1, 0.2, 'PUBLIC_INFORMATION'],
    [0.9, 0.9, 0.5, 'TWO_WAY_SYMMETRICAL'],
    [0.5, 0.5, 0.5, 'TWO_WAY_SYMMETRICAL'], // a four-way tie: the later model
    [0.4, 0.5, 0.5, 'PUBLIC_INFORMATION'],
  ])('D %p, S %p, P %p is %s', (d, s, p, model) => {
    expect(modelAt(d, s, p)).toBe(model);
    expect(serverModel(d, s, p)).toBe(model);
  });

  it('labels every point of a grid with the model the classifier picks, for several P', () => {
    for (const p of [0, 0.2, 0.5, 0.7, 1]) {
      const parts = regions(p, 400);
      for (let d = 0.013; d < 1; d += 0.047)
        for (let s = 0.011; s < 1; s += 0.049) {
          expect(modelAt(d, s, p)).toBe(serverModel(d, s, p));
          const found = parts.filter((r) => inside(r.points, d, s)).map((r) => r.model);
          // on a boundary the sampled polygons may disagree within a step
          if (found.length === 1)
            expect([found[0], d, s, p]).toEqual([serverModel(d, s, p), d, s, p]);
        }
    }
  });
});
