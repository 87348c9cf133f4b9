import { ActivityKind, Channel, FeedbackKind } from '../../shared/vocabulary';
import { slugify } from '../brands/brand-slug';
import { csvRecords, type CsvRecord } from './csv-records';
import { DerivedExternalIds } from './derived-external-ids';
import { parseTwitterDate } from './import-dates';
import type { BrandRef, ImportEvent } from '../ingestion/interchange-event';

export const TWCS_COLUMNS = [
  'tweet_id',
  'author_id',
  'inbound',
  'created_at',
  'text',
  'response_tweet_id',
  'in_response_to_tweet_id',
];

interface Tweet {
  line: number;
  id: string;
  author: string;
  inbound: boolean;
  createdAt: Date | null;
  rawCreatedAt: string;
  text: string;
  responses: string[];
  inResponseTo: string | null;
}

/** `3.0` → `3`: the dataset writes some ids as floats. */
function tweetId(raw: string): string | null {
  const t = raw.trim();
  if (t === '') return null;
  const m = /^(\d+)(?:\.0+)?$/.exec(t);
  return m ? m[1]! : t;
}

/**
 * "Customer Support on Twitter" → Rapport (the rules the README documents):
 * brands are the authors of tweets with inbound=False; a brand's tweet that
 * answers a tweet is a REPLY linked (by tweet id) to the customer tweet it
 * answers, and one that answers nothing is a POST; a customer's tweet is
 * feedback of the brand it replies to, else of the first brand that replied to
 * it, else of the first brand it @-mentions, else of no brand (reported).
 * A '?' makes it a QUESTION, otherwise a COMMENT. Tweet ids are external ids.
 */
export async function* twcsEvents(file: string): AsyncGenerator<ImportEvent> {
  const tweets: Tweet[] = [];
  const derived = new DerivedExternalIds();
  for await (const record of csvRecords(file, TWCS_COLUMNS)) tweets.push(toTweet(record, derived));
  const byId = new Map(tweets.map((t) => [t.id, t]));
  const brandHandles = new Map<string, string>();
  for (const t of tweets) if (!t.inbound) brandHandles.set(t.author.toLowerCase(), t.author);
  const brandOf = (handle: string): BrandRef => ({
    slug: slugify(handle),
    create: { name: handle, timezone: 'UTC' },
    audience: { name: 'Twitter', channel: Channel.TWITTER },
  });

  for (const t of tweets) {
    if (t.createdAt === null) {
      const brandSlug = t.inbound ? null : slugify(t.author);
      yield {
        type: 'rejected',
        line: t.line,
        brandSlug,
        reason: `created_at: cannot read "${t.rawCreatedAt.slice(0, 40)}" as a date`,
      };
      continue;
    }
    if (!t.inbound) {
      const answered = t.inResponseTo === null ? undefined : byId.get(t.inResponseTo);
      const answersCustomer =
        t.inResponseTo !== null && (answered === undefined || answered.inbound);
      yield {
        type: 'activity',
        line: t.line,
        brand: brandOf(t.author),
        input: {
          kind: t.inResponseTo === null ? ActivityKind.POST : ActivityKind.REPLY,
          occurredAt: t.createdAt,
          externalId: t.id,
          inReplyToFeedbackExternalId: answersCustomer ? t.inResponseTo : null,
        },
      };
      continue;
    }
    const repliedTo = t.inResponseTo === null ? undefined : byId.get(t.inResponseTo);
    const handle =
      (repliedTo && !repliedTo.inbound ? repliedTo.author : undefined) ??
      t.responses.map((id) => byId.get(id)).find((r) => r && !r.inbound)?.author ??
      firstMentionedBrand(t.text, brandHandles);
    if (handle === undefined) {
      yield {
        type: 'unmapped',
        line: t.line,
        reason: 'customer tweet maps to no brand (no reply, mention or answer of one)',
      };
      continue;
    }
    yield {
      type: 'feedback',
      line: t.line,
      brand: brandOf(handle),
      input: {
        kind: t.text.includes('?') ? FeedbackKind.QUESTION : FeedbackKind.COMMENT,
        receivedAt: t.createdAt,
        externalId: t.id,
        inReplyToActivityExternalId:
          repliedTo && !repliedTo.inbound && repliedTo.author === handle ? repliedTo.id : null,
        authorRef: t.author,
        text: t.text,
      },
    };
  }
}

function toTweet({ line, values }: CsvRecord, derived: DerivedExternalIds): Tweet {
  return {
    line,
    id: tweetId(values.tweet_id ?? '') ?? derived.next(JSON.stringify(values)),
    author: (values.author_id ?? '').trim(),
    inbound: (values.inbound ?? '').trim().toLowerCase() === 'true',
    createdAt: parseTwitterDate(values.created_at ?? ''),
    rawCreatedAt: values.created_at ?? '',
    text: values.text ?? '',
    responses: (values.response_tweet_id ?? '')
      .split(',')
      .map(tweetId)
      .filter((x): x is string => x !== null),
    inResponseTo: tweetId(values.in_response_to_tweet_id ?? ''),
  };
}

function firstMentionedBrand(text: string, brands: Map<string, string>): string | undefined {
  for (const m of text.matchAll(/@(\w{1,15})/g)) {
    const handle = brands.get(m[1]!.toLowerCase());
    if (handle) return handle;
  }
  return undefined;
}
