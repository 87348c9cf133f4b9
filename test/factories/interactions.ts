import type { TestApp } from '../support/test-app';

export const BRAND_FIELDS = 'id name slug timezone responseTargetMinutes';

export async function createBrand(
  t: TestApp,
  key: string,
  input: Record<string, unknown> = {},
): Promise<string> {
  const data = await t.ok(
    key,
    `mutation($input: CreateBrandInput!) { createBrand(input: $input) { id } }`,
    {
      input: { name: `Brand ${Math.random().toString(36).slice(2, 8)}`, ...input },
    },
  );
  return data.createBrand.id;
}

export async function createAudience(
  t: TestApp,
  key: string,
  brandId: string,
  name = 'Twitter',
): Promise<string> {
  const data = await t.ok(
    key,
    `mutation($input: CreateAudienceInput!) { createAudience(input: $input) { id } }`,
    {
      input: { brandId, name, channel: 'TWITTER', size: 1000 },
    },
  );
  return data.createAudience.id;
}

export const RECORD = `mutation($input: RecordInteractionsInput!) {
  recordInteractions(input: $input) { inserted updated unchanged activityIds feedbackIds }
}`;

export async function record(
  t: TestApp,
  key: string,
  brandId: string,
  activities: Record<string, unknown>[] = [],
  feedback: Record<string, unknown>[] = [],
) {
  return t.gql<{
    recordInteractions: {
      inserted: number;
      updated: number;
      unchanged: number;
      activityIds: string[];
      feedbackIds: string[];
    };
  }>(key, RECORD, { input: { brandId, activities, feedback } });
}

export async function feedbackRow(t: TestApp, externalId: string) {
  const rows = await t.sql<{
    id: string;
    first_response_at: Date | null;
    in_reply_to_activity_id: string | null;
  }>('SELECT id, first_response_at, in_reply_to_activity_id FROM feedback WHERE external_id = $1', [
    externalId,
  ]);
  return rows[0];
}
