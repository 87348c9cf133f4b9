import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  ActivityIntent,
  ActivityKind,
  FeedbackKind,
  FeedbackOutcome,
} from '../../shared/vocabulary';
import { DerivedExternalIds } from './derived-external-ids';
import { ImportFileError } from './import-item';
import type { ImportEvent } from '../ingestion/interchange-event';

const ACTIVITY_FIELDS = [
  'audienceId',
  'kind',
  'intent',
  'occurredAt',
  'reach',
  'engagements',
  'inReplyToFeedbackId',
  'inReplyToFeedbackExternalId',
  'externalId',
];
const FEEDBACK_FIELDS = [
  'audienceId',
  'kind',
  'sentiment',
  'receivedAt',
  'acknowledgedAt',
  'category',
  'outcome',
  'inReplyToActivityExternalId',
  'externalId',
  'authorRef',
  'text',
];

class LineError extends Error {}

/**
 * Rapport's interchange format: one JSON object per line,
 * `{"type": "activity" | "feedback", "brand": "<slug>", …fields of ActivityInput or FeedbackInput}`
 * with times as ISO-8601 strings. Streams: any size, constant memory. A line
 * without `externalId` gets one derived from its content (DerivedExternalIds).
 */
export async function* ndjsonEvents(file: string): AsyncGenerator<ImportEvent> {
  const stream = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new ImportFileError(
          e.code === 'ENOENT' ? `${file}: no such file` : `${file}: ${e.message}`,
        ),
      ),
    );
  });
  await opened;
  yield* ndjsonLineEvents(createInterface({ input: stream, crlfDelay: Infinity }));
}

/** Lines longer than this are rejected unread (POST /ingest: a text is at most 10,000 characters). */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * The same events from lines of text (a file, or the body of POST /ingest);
 * `null` stands for a line over MAX_LINE_BYTES, rejected without being read.
 */
export async function* ndjsonLineEvents(
  lines: AsyncIterable<string | null>,
): AsyncGenerator<ImportEvent> {
  let line = 0;
  const derived = new DerivedExternalIds();
  for await (const text of lines) {
    line++;
    if (text === null) {
      yield {
        type: 'rejected',
        line,
        brandSlug: null,
        reason: `longer than ${MAX_LINE_BYTES} bytes`,
      };
      continue;
    }
    if (text.trim() === '') continue;
    let brandSlug: string | null = null;
    try {
      const json = parseObject(text);
      brandSlug = typeof json.brand === 'string' ? json.brand : null;
      if (!brandSlug) throw new LineError('brand: the slug of an existing brand is required');
      if (json.type === 'activity') {
        const input = activity(json);
        input.externalId ??= derived.next(text.trim());
        yield { type: 'activity', line, brand: { slug: brandSlug }, input };
      } else if (json.type === 'feedback') {
        const input = feedback(json);
        input.externalId ??= derived.next(text.trim());
        yield { type: 'feedback', line, brand: { slug: brandSlug }, input };
      } else {
        throw new LineError('type: must be "activity" or "feedback"');
      }
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      yield { type: 'rejected', line, brandSlug, reason: error.message };
    }
  }
}

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LineError('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new LineError('not a JSON object');
  return value as Record<string, unknown>;
}

function known(json: Record<string, unknown>, fields: string[]): void {
  const unknown = Object.keys(json).filter(
    (k) => k !== 'type' && k !== 'brand' && !fields.includes(k),
  );
  if (unknown.length) throw new LineError(`unknown field(s): ${unknown.join(', ')}`);
}

function enumOf<T extends string>(
  json: Record<string, unknown>,
  field: string,
  values: Record<string, T>,
  required: boolean,
): T | null {
  const v = json[field];
  if (v === undefined || v === null) {
    if (required) throw new LineError(`${field}: required`);
    return null;
  }
  if (typeof v !== 'string' || !(v in values))
    throw new LineError(
      `${field}: "${String(v).slice(0, 40)}" is not one of ${Object.keys(values).join(', ')}`,
    );
  return v as T;
}

function time(json: Record<string, unknown>, field: string, required: boolean): Date | null {
  const v = json[field];
  if (v === undefined || v === null) {
    if (required) throw new LineError(`${field}: required`);
    return null;
  }
  const d =
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime()))
    throw new LineError(`${field}: "${String(v).slice(0, 40)}" is not an ISO-8601 time`);
  return d;
}

function str(json: Record<string, unknown>, field: string): string | null {
  const v = json[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new LineError(`${field}: must be a string`);
  return v;
}

function num(json: Record<string, unknown>, field: string): number | null {
  const v = json[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number') throw new LineError(`${field}: must be a number`);
  return v;
}

function activity(json: Record<string, unknown>) {
  known(json, ACTIVITY_FIELDS);
  return {
    audienceId: str(json, 'audienceId'),
    kind: enumOf(json, 'kind', ActivityKind, true)!,
    intent: enumOf(json, 'intent', ActivityIntent, false),
    occurredAt: time(json, 'occurredAt', true)!,
    reach: num(json, 'reach'),
    engagements: num(json, 'engagements'),
    inReplyToFeedbackId: str(json, 'inReplyToFeedbackId'),
    inReplyToFeedbackExternalId: str(json, 'inReplyToFeedbackExternalId'),
    externalId: str(json, 'externalId'),
  };
}

function feedback(json: Record<string, unknown>) {
  known(json, FEEDBACK_FIELDS);
  return {
    audienceId: str(json, 'audienceId'),
    kind: enumOf(json, 'kind', FeedbackKind, true)!,
    sentiment: num(json, 'sentiment'),
    receivedAt: time(json, 'receivedAt', true)!,
    acknowledgedAt: time(json, 'acknowledgedAt', false),
    category: str(json, 'category'),
    outcome: enumOf(json, 'outcome', FeedbackOutcome, false),
    inReplyToActivityExternalId: str(json, 'inReplyToActivityExternalId'),
    externalId: str(json, 'externalId'),
    authorRef: str(json, 'authorRef'),
    text: str(json, 'text'),
  };
}
