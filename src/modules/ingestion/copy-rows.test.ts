import { copyField, copyLine } from './copy-rows';

describe('COPY text format', () => {
  it.each([
    [null, '\\N'],
    [true, 't'],
    [false, 'f'],
    [0.25, '0.25'],
    [-1, '-1'],
    [new Date('2026-01-02T03:04:05.678Z'), '2026-01-02T03:04:05.678Z'],
    ['plain', 'plain'],
    ['a\tb\nc\rd\\e', 'a\\tb\\nc\\rd\\\\e'],
    ['\\N', '\\\\N'],
    [[], '{}'],
    [['x', 'NULL', 'a "q"', 'b\\c', 'd,e'], '{"x","NULL","a \\\\"q\\\\"","b\\\\\\\\c","d,e"}'],
  ] as const)('%j → %s', (value, expected) => {
    expect(copyField(value as never)).toBe(expected);
  });

  it('refuses numbers COPY cannot read back', () => {
    expect(() => copyField(Number.NaN)).toThrow('finite');
  });

  it('joins fields with tabs and ends the row', () => {
    expect(copyLine(['a', null, 1])).toBe('a\t\\N\t1\n');
  });
});
