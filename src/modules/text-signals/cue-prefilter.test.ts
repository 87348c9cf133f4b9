import { prefilter } from './cue-prefilter';

describe('prefilter', () => {
  const table = [
    { keys: ['charg', "n't"] },
    { keys: ['no '] },
    { keys: ['??', '!!'] },
    {}, // no keys: always a candidate
    { keys: ['abc'] },
  ];
  const { candidates } = prefilter(table);

  it.each([
    // text, candidates
    ['', [0, 0, 0, 1, 0]],
    ['overcharging again', [1, 0, 0, 1, 0]],
    ["it doesn't", [1, 0, 0, 1, 0]],
    ['no one', [0, 1, 0, 1, 0]],
    ['nothing', [0, 0, 0, 1, 0]],
    ['ending in no', [0, 0, 0, 1, 0]],
    ['why??', [0, 0, 1, 1, 0]],
    ['wow!!', [0, 0, 1, 1, 0]],
    ['!', [0, 0, 0, 1, 0]],
    ['ab', [0, 0, 0, 1, 0]],
    ['éabcé', [0, 0, 0, 1, 1]],
    ['abé', [0, 0, 0, 1, 0]],
    ['xabcxcharg no !!', [1, 1, 1, 1, 1]],
  ])('%j → %j', (text, expected) => {
    expect([...candidates(text)]).toEqual(expected);
  });

  it.each(['a', 'é!', ''])('refuses the key %j (two ASCII characters or more)', (key) => {
    expect(() => prefilter([{ keys: [key] }])).toThrow(/prefilter key/);
  });
});
