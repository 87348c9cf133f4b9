import { BodyTooLargeError } from '../shared/domain-error';

/**
 * The lines of a streamed body (`\n` or `\r\n`), read as the stream is
 * consumed (backpressure: nothing is read ahead of the consumer). A line over
 * `maxLineBytes` is yielded as null, unread; more than `maxBytes` in all is
 * BodyTooLargeError (413).
 */
export async function* bodyLines(
  body: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
  maxBytes: number,
): AsyncGenerator<string | null> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let tooLong = false;
  let total = 0;
  const line = (tail: Buffer): string | null => {
    const text = tooLong ? null : Buffer.concat([...parts, tail]).toString('utf8');
    parts = [];
    partBytes = 0;
    tooLong = false;
    return text === null ? null : text.endsWith('\r') ? text.slice(0, -1) : text;
  };
  for await (const piece of body) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    total += chunk.length;
    if (total > maxBytes) throw new BodyTooLargeError();
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const tail = chunk.subarray(start, nl);
      if (partBytes + tail.length > maxLineBytes) tooLong = true;
      yield line(tail);
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length) {
      partBytes += rest.length;
      if (partBytes > maxLineBytes) {
        tooLong = true;
        parts = [];
      } else parts.push(rest);
    }
  }
  if (partBytes > 0 || tooLong) yield line(Buffer.alloc(0));
}
