/**
 * Which of a table's patterns could match a text, found in one pass over it:
 * each pattern lists literal keys, one of which every match contains
 * (complaint-cues.ts). A text holding none of a pattern's keys cannot match it,
 * so the pattern need not run; the others run as before, so the outcome is the
 * one of running them all. Most texts hold the keys of two or three patterns.
 */
export interface Keyed {
  /** Omitted: the pattern always runs. */
  keys?: readonly string[];
}

export interface Prefilter {
  /** Per pattern of the table, 1 when it could match `text`, else 0. */
  candidates(text: string): Uint8Array;
}

const ASCII = 128;

/**
 * Keys (ASCII, two characters or more) are bucketed by their first two
 * characters; within a bucket the third character is compared before the key.
 * Characters are numbered among those the keys use (a small table stays in cache).
 */
export function prefilter(table: readonly Keyed[]): Prefilter {
  const code = new Int8Array(ASCII).fill(-1); // character → its number, -1: in no key's first two
  let size = 0;
  for (const { keys = [] } of table)
    for (const key of keys)
      for (const ch of key.slice(0, 2)) {
        const c = ch.charCodeAt(0);
        if (c < ASCII && code[c] === -1) code[c] = size++;
      }
  const slot = new Int16Array(size * size).fill(-1);
  const keys: string[][] = [];
  const owners: number[][] = [];
  const thirds: number[][] = [];
  const always: number[] = [];
  table.forEach((entry, index) => {
    if (!entry.keys) {
      always.push(index);
      return;
    }
    for (const key of entry.keys) {
      if (key.length < 2 || [...key].some((ch) => ch.charCodeAt(0) >= ASCII))
        throw new Error(`prefilter key ${JSON.stringify(key)}: two ASCII characters or more`);
      const at = code[key.charCodeAt(0)] * size + code[key.charCodeAt(1)];
      if (slot[at] === -1) {
        slot[at] = keys.length;
        keys.push([]);
        owners.push([]);
        thirds.push([]);
      }
      keys[slot[at]].push(key);
      owners[slot[at]].push(index);
      thirds[slot[at]].push(key.length > 2 ? key.charCodeAt(2) : -1);
    }
  });

  function candidates(text: string): Uint8Array {
    const found = new Uint8Array(table.length);
    for (const i of always) found[i] = 1;
    let c = text.length > 0 && text.charCodeAt(0) < ASCII ? code[text.charCodeAt(0)] : -1;
    for (let i = 0; i + 1 < text.length; i += 1) {
      const n = text.charCodeAt(i + 1);
      const next = n < ASCII ? code[n] : -1;
      const s = c !== -1 && next !== -1 ? slot[c * size + next] : -1;
      c = next;
      if (s === -1) continue;
      const ks = keys[s];
      const third = text.charCodeAt(i + 2); // NaN past the end: equal to no key's
      for (let j = 0; j < ks.length; j += 1) {
        const owner = owners[s][j];
        if (found[owner] === 1) continue;
        const t = thirds[s][j];
        if (t === -1 || (t === third && (ks[j].length === 3 || text.startsWith(ks[j], i))))
          found[owner] = 1;
      }
    }
    return found;
  }
  return { candidates };
}
