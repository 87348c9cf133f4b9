import { nextSlug, slugify, SLUG } from './brand-slug';

describe('slugify', () => {
  it.each([
    ['하나은행', 'hanaeunhaeng'],
    ['KB국민은행', 'kbgugmineunhaeng'],
    ['Сбербанк', 'sberbank'],
    ['みずほ銀行', 'mizuho-yin-xing'],
    ['中国银行', 'zhong-guo-yin-xing'],
    ['Ελληνική Τράπεζα', 'elliniki-trapeza'],
    ['Straße AG', 'strasse-ag'],
    ['ＡＢＣ Ｃｏ', 'abc-co'],
    ['🙂', 'brand'],
    // Twitter handles (the twcs importer's slugs) must not change
    ['Delta_Assist', 'delta-assist'],
    ['Ask_WellsFargo', 'ask-wellsfargo'],
    ['ATVIAssist', 'atviassist'],
    ['O2', 'o2'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(slug).toMatch(SLUG);
  });

  it('leaves room for a suffix under 100 characters', () => {
    expect(slugify('가'.repeat(200)).length).toBeLessThanOrEqual(80);
  });
});

describe('nextSlug', () => {
  it.each([
    [[], 'acme-2'],
    [['acme-2'], 'acme-3'],
    [['acme-2', 'acme-9', 'acme-co', 'acme-07'], 'acme-10'],
  ])('after %j → %s', (taken, next) => expect(nextSlug('acme', taken)).toBe(next));
});

describe('slugify of earlier names', () => {
  it.each([
    ['Acme Co', 'acme-co'],
    ['Crème Brûlée & Co.', 'creme-brulee-co'],
    ['  --Hello--World--  ', 'hello-world'],
    ['신한은행', 'sinhaneunhaeng'],
    ['x'.repeat(120), 'x'.repeat(80)],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));
});
