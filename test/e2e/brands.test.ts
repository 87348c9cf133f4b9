import { TestApp } from '../support/test-app';
import { BRAND_FIELDS, createBrand } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
});
afterAll(() => t.close());

const CREATE = `mutation($input: CreateBrandInput!) { createBrand(input: $input) { ${BRAND_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateBrandInput!) { updateBrand(id: $id, input: $input) { ${BRAND_FIELDS} } }`;

describe('brands', () => {
  it('creates a brand with defaults (UTC, 60 minutes, slug from the name)', async () => {
    const data = await t.ok(key, CREATE, { input: { name: 'Crème Brûlée & Co' } });
    expect(data.createBrand).toMatchObject({
      name: 'Crème Brûlée & Co',
      slug: 'creme-brulee-co',
      timezone: 'UTC',
      responseTargetMinutes: 60,
    });
    const found = await t.ok(key, `query($id: ID!) { brand(id: $id) { ${BRAND_FIELDS} } }`, {
      id: data.createBrand.id,
    });
    expect(found.brand).toEqual(data.createBrand);
  });

  it('updates only the fields given', async () => {
    const id = await createBrand(t, key, { timezone: 'Asia/Seoul' });
    const data = await t.ok(key, UPDATE, { id, input: { responseTargetMinutes: 240 } });
    expect(data.updateBrand).toMatchObject({ timezone: 'Asia/Seoul', responseTargetMinutes: 240 });
  });

  it.each([
    ['an unknown time zone', { name: 'A', timezone: 'Mars/Olympus' }, 'timezone'],
    ['an abbreviation as time zone', { name: 'A', timezone: 'EST' }, 'timezone'],
    ['a response target of 0', { name: 'A', responseTargetMinutes: 0 }, 'responseTargetMinutes'],
    [
      'a response target over a week',
      { name: 'A', responseTargetMinutes: 10081 },
      'responseTargetMinutes',
    ],
    ['a blank name', { name: '   ' }, 'name'],
    ['a 201-character name', { name: 'x'.repeat(201) }, 'name'],
    ['a slug with capitals', { name: 'A', slug: 'Not-A-Slug' }, 'slug'],
  ])(
    'rejects %s with BAD_USER_INPUT naming the field, writing nothing',
    async (_case, input, field) => {
      const before = await t.counts();
      const res = await t.gql(key, CREATE, { input });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(
        (res.errors?.[0]?.extensions?.problems as { field: string }[]).map((p) => p.field),
      ).toContain(field);
      expect(await t.counts()).toEqual(before);
    },
  );

  it('rejects a bad update with nothing changed', async () => {
    const id = await createBrand(t, key);
    const snapshot = await t.snapshot();
    const res = await t.gql(key, UPDATE, { id, input: { name: 'ok', timezone: 'Nowhere/Land' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await t.snapshot()).toBe(snapshot);
  });

  it('answers CONFLICT for a slug already taken, in the same workspace only', async () => {
    await createBrand(t, key, { slug: 'taken' });
    const res = await t.gql(key, CREATE, { input: { name: 'B', slug: 'taken' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const other = await t.key('globex');
    await t.ok(other, CREATE, { input: { name: 'B', slug: 'taken' } });
  });

  it('derives a readable slug from a name in any script, unique in the workspace', async () => {
    const ws = await t.key('scripts');
    const slugOf = async (name: string) => {
      const data = await t.ok(
        ws,
        'mutation($input: CreateBrandInput!) { createBrand(input: $input) { slug createdAt updatedAt } }',
        { input: { name } },
      );
      expect(data.createBrand.createdAt).toEqual(expect.any(String));
      return data.createBrand.slug as string;
    };
    expect(await slugOf('하나은행')).toBe('hanaeunhaeng');
    expect(await slugOf('Сбербанк')).toBe('sberbank');
    expect(await slugOf('みずほ銀行')).toBe('mizuho-yin-xing');
    expect(await slugOf('하나은행')).toBe('hanaeunhaeng-2');
    expect(await slugOf('HanaEunhaeng')).toBe('hanaeunhaeng-3');
    expect(await slugOf('🙂')).toBe('brand');
    expect(await slugOf('🙃')).toBe('brand-2');
    // a slug the caller gives is still theirs or a CONFLICT
    const taken = await t.gql(ws, CREATE, { input: { name: 'X', slug: 'hanaeunhaeng-2' } });
    expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('gives concurrent creators of one name distinct slugs, none failing', async () => {
    const ws = await t.key('concurrent-slugs');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.gql(ws, CREATE, { input: { name: 'Сбербанк' } })),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    const slugs = results.map((r) => (r.data as any).createBrand.slug as string);
    expect(new Set(slugs).size).toBe(6);
    expect(slugs).toContain('sberbank');
    for (const slug of slugs) expect(slug).toMatch(/^sberbank(-[0-9a-f]+)?$/);
  });

  it('pages through every brand once, in order, with totalCount', async () => {
    const ws = await t.key('paging');
    const names = Array.from({ length: 7 }, (_, i) => `P${String.fromCharCode(71 - i)}`); // PG, PF, …, PA
    for (const name of names) await createBrand(t, ws, { name });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data: any = await t.ok(
        ws,
        `query($after: String) { brands(first: 3, after: $after, orderBy: { field: NAME, direction: ASC }) {
           totalCount nodes { name } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(data.brands.totalCount).toBe(7);
      seen.push(...data.brands.nodes.map((n: { name: string }) => n.name));
      if (!data.brands.pageInfo.hasNextPage) break;
      after = data.brands.pageInfo.endCursor;
    }
    expect(seen).toEqual([...names].sort());
  });

  it('caps page size at 100', async () => {
    const res = await t.gql(key, '{ brands(first: 101) { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds a brand by slug, or by id, exactly one of the two', async () => {
    const ws = await t.key('by-slug');
    const id = await createBrand(t, ws, { name: 'Сбербанк' });
    const BY = `query($id: ID, $slug: String) { brand(id: $id, slug: $slug) { id slug } }`;
    expect((await t.ok(ws, BY, { slug: 'sberbank' })).brand).toEqual({ id, slug: 'sberbank' });
    expect((await t.ok(ws, BY, { id })).brand).toEqual({ id, slug: 'sberbank' });
    expect((await t.ok(ws, BY, { slug: 'nobody' })).brand).toBeNull();
    expect((await t.ok(ws, BY, { slug: 'x'.repeat(5000) })).brand).toBeNull();
    expect((await t.ok(key, BY, { slug: 'sberbank' })).brand).toBeNull(); // another workspace's
    for (const variables of [{}, { id, slug: 'sberbank' }]) {
      const res = await t.gql(ws, BY, variables);
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ field: expect.stringMatching(/^(id|slug)$/), reason: expect.any(String) }],
      });
    }
  });

  describe('search', () => {
    let ws: string;
    const SEARCH = `query($s: String, $o: BrandOrder, $first: Int, $after: String) {
      brands(filter: { search: $s }, orderBy: $o, first: $first, after: $after) {
        totalCount nodes { name } pageInfo { hasNextPage endCursor } } }`;
    const names = async (s: string, o?: unknown) => {
      const data: any = await t.ok(ws, SEARCH, { s, o, first: 100 });
      expect(data.brands.totalCount).toBe(data.brands.nodes.length);
      return (data.brands.nodes as { name: string }[]).map((n) => n.name).sort();
    };
    const BANKS = ['BANKSY Gallery', 'Hana Bank', 'Сбербанк', '국민은행'];

    beforeAll(async () => {
      ws = await t.key('search');
      for (const input of [
        { name: 'Hana Bank' },
        { name: '국민은행', slug: 'kb-kookmin-bank' },
        { name: 'BANKSY Gallery' },
        { name: 'Toss' },
        { name: '100% Juice' },
        { name: 'a_b Corp' },
        { name: 'aXb Corp' },
        { name: 'Сбербанк' },
      ])
        await createBrand(t, ws, input);
    });

    it('matches name or slug ignoring case, with totalCount', async () => {
      expect(await names('bank')).toEqual(BANKS);
      expect(await names('BaNk')).toEqual(BANKS);
      expect(await names('kookmin')).toEqual(['국민은행']);
      expect(await names('сбер')).toEqual(['Сбербанк']);
      expect(await names('nothing like it')).toEqual([]);
      expect(await names('')).toHaveLength(8);
    });

    it('takes % and _ literally', async () => {
      expect(await names('%')).toEqual(['100% Juice']);
      expect(await names('_')).toEqual(['a_b Corp']);
      expect(await names('a_b')).toEqual(['a_b Corp']);
    });

    it('combines with every order and with cursors', async () => {
      expect(await names('bank', { field: 'CREATED_AT', direction: 'DESC' })).toEqual(BANKS);
      const window = { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' };
      expect(await names('bank', { field: 'ENGAGEMENT_SCORE', direction: 'DESC', window })).toEqual(
        BANKS,
      );
      for (const o of [
        { field: 'NAME', direction: 'DESC' },
        { field: 'ENGAGEMENT_SCORE', direction: 'ASC', window },
      ]) {
        const seen: string[] = [];
        let after: string | null = null;
        for (let page = 0; page < 10; page++) {
          const data: any = await t.ok(ws, SEARCH, { s: 'bank', o, first: 1, after });
          expect(data.brands.totalCount).toBe(4);
          seen.push(...data.brands.nodes.map((n: { name: string }) => n.name));
          if (!data.brands.pageInfo.hasNextPage) break;
          after = data.brands.pageInfo.endCursor;
        }
        expect(seen.sort()).toEqual(BANKS);
        // a cursor of one search is refused by another
        const res = await t.gql(ws, SEARCH, { s: 'banks', o, first: 1, after });
        expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    });

    it('refuses a search over 100 characters', async () => {
      const res = await t.gql(ws, SEARCH, { s: 'x'.repeat(101) });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'filter.search' }],
      });
    });
  });

  it('refuses a cursor of another order or window with BAD_USER_INPUT', async () => {
    const ws = await t.key('foreign-cursors');
    for (let i = 0; i < 3; i++) await createBrand(t, ws);
    const LIST = `query($o: BrandOrder, $after: String) {
      brands(first: 1, orderBy: $o, after: $after) { nodes { id } pageInfo { endCursor } } }`;
    const w1 = { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' };
    const w2 = { from: '2024-01-01T00:00:00Z', to: '2024-03-01T00:00:00Z' };
    const byName = { field: 'NAME', direction: 'ASC' };
    const byScore = { field: 'ENGAGEMENT_SCORE', direction: 'DESC', window: w1 };
    const cursorOf = async (o: unknown) =>
      ((await t.ok(ws, LIST, { o })) as any).brands.pageInfo.endCursor as string;
    const nameCursor = await cursorOf(byName);
    const scoreCursor = await cursorOf(byScore);
    await t.ok(ws, LIST, { o: byName, after: nameCursor });
    await t.ok(ws, LIST, { o: byScore, after: scoreCursor });
    for (const [o, after] of [
      [null, nameCursor],
      [{ field: 'NAME', direction: 'DESC' }, nameCursor],
      [{ field: 'CREATED_AT', direction: 'ASC' }, nameCursor],
      [byScore, nameCursor],
      [{ ...byScore, window: w2 }, scoreCursor],
      [{ ...byScore, direction: 'ASC' }, scoreCursor],
      [byName, scoreCursor],
    ]) {
      const res = await t.gql(ws, LIST, { o, after });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'after', reason: expect.any(String) }],
      });
    }
  });

  it('rejects a forged cursor with BAD_USER_INPUT', async () => {
    const res = await t.gql(key, '{ brands(after: "not-a-cursor") { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
