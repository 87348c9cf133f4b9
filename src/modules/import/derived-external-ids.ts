import { createHash } from 'node:crypto';

/**
 * External ids for lines that carry none, so that importing a file again
 * changes nothing: `line-` + the first 24 hex digits of the SHA-256 of the
 * line's content + `-` + how many lines of that same content came before it
 * in the file, plus one. Stable across runs and when other lines are added or
 * moved; two identical lines stay two items.
 */
export class DerivedExternalIds {
  private readonly seen = new Map<string, number>();

  next(content: string): string {
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 24);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `line-${hash}-${occurrence}`;
  }
}
