import { TestApp } from '../support/test-app';
import { createAudience, createBrand } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
});
afterAll(() => t.close());

describe('audiences', () => {
  it('creates, lists under the brand, and updates an audience', async () => {
    const brandId = await createBrand(t, key);
    const id = await createAudience(t, key, brandId, 'Newsletter');
    const updated = await t.ok(
      key,
      'mutation($id: ID!) { updateAudience(id: $id, input: { size: 42, channel: EMAIL }) { name channel size } }',
      { id },
    );
    expect(updated.updateAudience).toEqual({ name: 'Newsletter', channel: 'EMAIL', size: 42 });
    const data = await t.ok(key, 'query($id: ID!) { brand(id: $id) { audiences { id name } } }', {
      id: brandId,
    });
    expect(data.brand.audiences).toEqual([{ id, name: 'Newsletter' }]);
  });

  it('rejects a negative size and an unknown channel', async () => {
    const brandId = await createBrand(t, key);
    const before = await t.counts();
    const negative = await t.gql(
      key,
      'mutation($b: ID!) { createAudience(input: { brandId: $b, name: "x", channel: EMAIL, size: -1 }) { id } }',
      { b: brandId },
    );
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const channel = await t.gql(
      key,
      'mutation($b: ID!) { createAudience(input: { brandId: $b, name: "x", channel: FAX }) { id } }',
      { b: brandId },
    );
    expect(channel.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await t.counts()).toEqual(before);
  });
});
