import type { FieldProblem } from './domain-error';
import { DAY_MS } from './time';

/** Collects field problems; callers throw one ValidationError with all of them. */
export class Problems {
  readonly list: FieldProblem[] = [];

  constructor(private readonly index?: number) {}

  add(field: string, reason: string): void {
    this.list.push(
      this.index === undefined ? { field, reason } : { index: this.index, field, reason },
    );
  }

  text(field: string, value: string | null | undefined, max: number, required = false): void {
    if (value === null || value === undefined) {
      if (required) this.add(field, 'is required');
      return;
    }
    if (required && value.trim() === '') this.add(field, 'must not be blank');
    else if (value.length > max) this.add(field, `must be at most ${max} characters`);
    else if (value.includes('\u0000')) this.add(field, 'must not contain NUL characters');
  }

  count(field: string, value: number | null | undefined, max = 2_147_483_647): void {
    if (value === null || value === undefined) return;
    if (!Number.isInteger(value) || value < 0 || value > max) {
      this.add(field, `must be a whole number from 0 to ${max}`);
    }
  }

  /** Rejects timestamps before 2000 or more than a day in the future (clock skew allowed). */
  time(field: string, value: Date | null | undefined, now: Date): void {
    if (value === null || value === undefined) return;
    if (Number.isNaN(value.getTime())) this.add(field, 'is not a valid time');
    else if (value.getTime() < EARLIEST) this.add(field, 'must not be before 2000-01-01');
    else if (value.getTime() > now.getTime() + DAY_MS) this.add(field, 'must not be in the future');
  }
}

const EARLIEST = Date.UTC(2000, 0, 1);

const zoneCache = new Map<string, boolean>();

export function isIanaTimeZone(zone: string): boolean {
  let known = zoneCache.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = zone.length <= 64 && (zone === 'UTC' || zone.includes('/'));
    } catch {
      known = false;
    }
    zoneCache.set(zone, known);
  }
  return known;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else can name no object (and must not reach SQL as a uuid). */
export function isUuid(id: string | null | undefined): id is string {
  return typeof id === 'string' && UUID.test(id);
}
