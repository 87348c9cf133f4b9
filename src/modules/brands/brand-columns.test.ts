import { brandSelectList } from './brand-columns';

describe('brandSelectList', () => {
  it.each([
    [['id', 'name'], 'createdAt', 'b.id AS "id", b.created_at AS "createdAt", b.name AS "name"'],
    [['name'], 'name', 'b.id AS "id", b.name AS "name"'],
    [['__typename', 'audiences'], 'name', 'b.id AS "id", b.name AS "name"'],
    [
      ['slug', 'engagement'],
      'createdAt',
      'b.id AS "id", b.created_at AS "createdAt", b.slug AS "slug"',
    ],
  ] as const)('%p ordered by %p → %p', (fields, order, list) => {
    expect(brandSelectList(new Set(fields), order)).toBe(list);
  });

  it.each([[undefined], [new Set(['id', 'somethingNew'])]])(
    'selects every column for %p',
    (fields) => {
      expect(brandSelectList(fields, 'name').split(', ')).toHaveLength(8);
    },
  );
});
