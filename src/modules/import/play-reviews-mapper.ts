import { createHash } from 'node:crypto';
import { ActivityKind, Channel, FeedbackKind } from '../../shared/vocabulary';
import { csvRecords } from './csv-records';
import { parseUtcDateTime } from './import-dates';
import type { BrandRef, ImportEvent } from '../ingestion/interchange-event';

export const PLAY_REVIEW_COLUMNS = [
  'reviewId',
  'userName',
  'content',
  'score',
  'at',
  'replyContent',
  'repliedAt',
  'bank',
];

/** Readable slugs for the banks of the shared dataset; others get a stable hash. */
const BANK_SLUGS: Record<string, string> = {
  신한은행: 'shinhan-bank',
  하나은행: 'hana-bank',
  카카오뱅크: 'kakaobank',
  국민은행: 'kb-kookmin-bank',
  케이뱅크: 'k-bank',
  농협은행: 'nh-nonghyup-bank',
  우리은행: 'woori-bank',
  토스: 'toss',
};

export function bankSlug(bank: string): string {
  return BANK_SLUGS[bank] ?? `play-${createHash('sha256').update(bank).digest('hex').slice(0, 10)}`;
}

/**
 * Google Play reviews → Rapport: one brand per bank (time zone Asia/Seoul;
 * times in the file are UTC), each review REVIEW feedback with sentiment
 * (score − 3) / 2, each reply a REPLY activity linked to it.
 */
export async function* playReviewEvents(file: string): AsyncGenerator<ImportEvent> {
  // read the whole file first: a broken CSV is refused before anything is written
  const records = [];
  for await (const record of csvRecords(file, PLAY_REVIEW_COLUMNS)) records.push(record);
  for (const { line, values } of records) {
    const bank = values.bank!.trim();
    const slug = bank ? bankSlug(bank) : null;
    const reject = (reason: string): ImportEvent => ({
      type: 'rejected',
      line,
      brandSlug: slug,
      reason,
    });
    if (!bank) {
      yield reject('bank: empty');
      continue;
    }
    const reviewId = values.reviewId!.trim();
    const receivedAt = parseUtcDateTime(values.at!);
    const score = Number(values.score);
    if (!reviewId) yield reject('reviewId: empty');
    else if (!receivedAt)
      yield reject(`at: cannot read "${values.at!.slice(0, 40)}" as a date (YYYY-MM-DD hh:mm:ss)`);
    else if (!Number.isInteger(score) || score < 1 || score > 5)
      yield reject(`score: "${values.score}" is not 1 to 5`);
    else {
      const brand: BrandRef = {
        slug: slug!,
        create: { name: bank, timezone: 'Asia/Seoul' },
        audience: { name: 'Google Play', channel: Channel.APP_STORE },
      };
      yield {
        type: 'feedback',
        line,
        brand,
        input: {
          kind: FeedbackKind.REVIEW,
          sentiment: (score - 3) / 2,
          receivedAt,
          externalId: reviewId,
          authorRef: values.userName || null,
          text: values.content || null,
        },
      };
      if (values.replyContent!.trim() !== '' || values.repliedAt!.trim() !== '') {
        const repliedAt = parseUtcDateTime(values.repliedAt!);
        if (!repliedAt)
          yield reject(`repliedAt: cannot read "${values.repliedAt!.slice(0, 40)}" as a date`);
        else {
          yield {
            type: 'activity',
            line,
            brand,
            input: {
              kind: ActivityKind.REPLY,
              occurredAt: repliedAt,
              externalId: `reply-${reviewId}`,
              inReplyToFeedbackExternalId: reviewId,
            },
          };
        }
      }
    }
  }
}
