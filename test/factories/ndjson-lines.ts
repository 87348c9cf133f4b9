/** Lines of the interchange format (POST /ingest, npm run import), for tests. */
export const at = (minute: number) => new Date(Date.UTC(2024, 0, 10, 9, minute)).toISOString();
export const fb = (brand: string, ext: string, extra: Record<string, unknown> = {}) => ({
  type: 'feedback',
  brand,
  kind: 'QUESTION',
  receivedAt: at(0),
  sentiment: -0.5,
  externalId: ext,
  ...extra,
});
export const reply = (brand: string, ext: string, to: string, minute = 30) => ({
  type: 'activity',
  brand,
  kind: 'REPLY',
  occurredAt: at(minute),
  inReplyToFeedbackExternalId: to,
  externalId: ext,
});
export const ndjson = (lines: unknown[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
