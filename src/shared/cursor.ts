import { createHash } from 'node:crypto';
import { ValidationError } from './domain-error';
import { isUuid } from './validate';

/** How each part of a cursor's position is checked when it comes back. */
export type CursorPart = 'text' | 'time' | 'uuid' | 'number' | 'day';

const PART_OK: Record<CursorPart, (value: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  time: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  uuid: (v) => typeof v === 'string' && isUuid(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  day: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
};

/**
 * What a cursor belongs to: a connection, its order (and window, where the
 * order depends on one) and its filter. The cursor carries a short hash of
 * these beside the position, so a cursor handed to another connection, order
 * or filter is refused instead of silently restarting or skipping rows. The
 * hash is a check against mistakes, not a signature: every query stays
 * confined to the caller's workspace whatever a cursor says.
 */
export class CursorScope {
  readonly tag: string;

  constructor(connection: string, ...scope: unknown[]) {
    this.tag = createHash('sha256')
      .update(JSON.stringify([connection, ...scope.map(canonical)]))
      .digest('base64url')
      .slice(0, 8);
  }

  encode(position: readonly (string | number)[]): string {
    return Buffer.from(JSON.stringify([this.tag, ...position])).toString('base64url');
  }

  /** The position of a cursor of this scope (null without one); BAD_USER_INPUT for any other. */
  decode(cursor: string | null | undefined, parts: readonly CursorPart[]): unknown[] | null {
    if (cursor === null || cursor === undefined) return null;
    let key: unknown;
    try {
      key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      key = null;
    }
    if (!Array.isArray(key) || key.length !== parts.length + 1 || typeof key[0] !== 'string') {
      throw foreign('not a cursor of this connection');
    }
    if (key[0] !== this.tag) {
      throw foreign('a cursor of another connection, order, window or filter');
    }
    const position = key.slice(1);
    if (!position.every((value, i) => PART_OK[parts[i]!](value))) {
      throw foreign('not a cursor of this connection');
    }
    return position;
  }
}

function foreign(reason: string): ValidationError {
  return new ValidationError([{ field: 'after', reason }]);
}

/**
 * One form per meaning: absent and null fields dropped, keys sorted, lists
 * sorted (a filter's lists are sets), dates as ISO strings.
 */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    return value.map(canonical).sort((a, b) => {
      const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = canonical((value as Record<string, unknown>)[key]);
      if (field !== null) out[key] = field;
    }
    return out;
  }
  return value;
}
