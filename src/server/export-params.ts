import type { Request } from 'express';
import { DateTimeResolver } from 'graphql-scalars';
import type { EngagementRowFilter } from '../modules/bi/engagement-row.types';
import { Granularity } from '../modules/scoring/granularity';

export type Problem = { field: string; reason: string };

const KNOWN = new Set(['brandId', 'audienceId', 'from', 'to', 'granularity', 'updatedSince']);

const list = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);

/**
 * An instant as the GraphQL `DateTime` scalar reads it (one rule for both
 * doors): RFC 3339, with `Z` or an offset; `2001` or a bare date is refused.
 */
function instant(raw: unknown): Date | null {
  if (typeof raw !== 'string') return null;
  try {
    return DateTimeResolver.parseValue(raw) as Date;
  } catch {
    return null;
  }
}

/** The query string of an export as an engagementRows filter, or every problem with it. */
export function parseExportFilter(
  query: Request['query'],
): { filter: EngagementRowFilter } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const date = (name: string, required: boolean): Date | null => {
    const raw = query[name];
    if (raw === undefined) {
      if (required) problems.push({ field: name, reason: 'is required (ISO-8601)' });
      return null;
    }
    const parsed = instant(raw);
    if (parsed === null)
      problems.push({
        field: name,
        reason: 'not an ISO-8601 time with an offset, e.g. 2024-01-01T00:00:00Z (send + as %2B)',
      });
    return parsed;
  };
  const from = date('from', true);
  const to = date('to', true);
  const updatedSince = date('updatedSince', false);
  const granularity = String(query.granularity ?? 'DAY').toUpperCase();
  if (!(granularity in Granularity))
    problems.push({ field: 'granularity', reason: 'DAY, WEEK or MONTH' });
  for (const name of Object.keys(query))
    if (!KNOWN.has(name)) problems.push({ field: name, reason: 'unknown parameter' });
  if (problems.length) return { problems };
  const brandIds = list(query.brandId);
  const audienceIds = list(query.audienceId);
  return {
    filter: {
      brandIds: brandIds.length ? brandIds : null,
      audienceIds: audienceIds.length ? audienceIds : null,
      window: { from: from!, to: to! },
      granularity: granularity as Granularity,
      updatedSince,
    },
  };
}
