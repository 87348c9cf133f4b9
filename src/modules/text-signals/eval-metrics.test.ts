import { labelScores, macroF1 } from './eval-metrics';

describe('labelScores', () => {
  it.each([
    // gold, predicted pairs; label; precision, recall, f1
    [
      [
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ],
      1,
      0.5,
      0.5,
      0.5,
    ],
    [
      [
        [1, 1],
        [1, 1],
        [0, 1],
      ],
      1,
      2 / 3,
      1,
      0.8,
    ],
    [
      [
        [0, 0],
        [0, 0],
      ],
      1,
      0,
      0,
      0,
    ],
    [
      [
        [1, 0],
        [1, 0],
      ],
      1,
      0,
      0,
      0,
    ],
  ] as const)('%j for %s', (pairs, label, precision, recall, f1) => {
    const s = labelScores(pairs as unknown as [number, number][], label);
    expect(s.precision).toBeCloseTo(precision);
    expect(s.recall).toBeCloseTo(recall);
    expect(s.f1).toBeCloseTo(f1);
  });

  it('counts the support as the gold items of the label', () => {
    expect(
      labelScores(
        [
          ['a', 'b'],
          ['a', 'a'],
          ['b', 'a'],
        ],
        'a',
      ).support,
    ).toBe(2);
  });
});

describe('macroF1', () => {
  it('is the unweighted mean of the F1s, 0 for none', () => {
    const pairs: [string, string][] = [
      ['pos', 'pos'],
      ['neg', 'pos'],
      ['neg', 'neg'],
    ];
    const scores = ['pos', 'neg'].map((l) => labelScores(pairs, l));
    expect(macroF1(scores)).toBeCloseTo((2 / 3 + 2 / 3) / 2);
    expect(macroF1([])).toBe(0);
  });
});
