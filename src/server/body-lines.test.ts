import { BodyTooLargeError } from '../shared/domain-error';
import { bodyLines } from './body-lines';

async function lines(pieces: string[], maxLine = 10, maxBytes = 1000) {
  const out: (string | null)[] = [];
  for await (const l of bodyLines(
    (async function* () {
      yield* pieces.map((p) => Buffer.from(p));
    })(),
    maxLine,
    maxBytes,
  ))
    out.push(l);
  return out;
}

describe('bodyLines', () => {
  it.each([
    [['a\nb\n'], ['a', 'b']],
    [['a\r\nb'], ['a', 'b']],
    [
      ['ab', 'c\nd', 'e\n'],
      ['abc', 'de'],
    ],
    [['\n\n'], ['', '']],
    [['é', '\n'], ['é']],
    [['0123456789A\nok\n'], [null, 'ok']],
    [
      ['01234', '56789', 'AB\nok'],
      [null, 'ok'],
    ],
    [['0123456789\n'], ['0123456789']],
    [[], []],
  ])('%j → %j', async (pieces, expected) => {
    expect(await lines(pieces)).toEqual(expected);
  });

  it('splits multi-byte characters across pieces correctly', async () => {
    const bytes = Buffer.from('ça\n');
    const out: (string | null)[] = [];
    const pieces = (async function* () {
      yield bytes.subarray(0, 1);
      yield bytes.subarray(1);
    })();
    for await (const l of bodyLines(pieces, 10, 100)) out.push(l);
    expect(out).toEqual(['ça']);
  });

  it('refuses a body over its limit', async () => {
    await expect(lines(['abc\n', 'def\n'], 10, 6)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
