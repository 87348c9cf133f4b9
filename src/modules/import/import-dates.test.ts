import { parseTwitterDate, parseUtcDateTime } from './import-dates';

describe('parseTwitterDate', () => {
  it.each([
    ['Tue Oct 31 22:10:47 +0000 2017', '2017-10-31T22:10:47.000Z'],
    ['Wed Nov 01 01:00:00 +0200 2017', '2017-10-31T23:00:00.000Z'],
    ['Tue Oct 31 22:10:47 -0130 2017', '2017-10-31T23:40:47.000Z'],
    ['Tue Feb 30 22:10:47 +0000 2017', null],
    ['Tue Foo 31 22:10:47 +0000 2017', null],
    ['2017-10-31 22:10:47', null],
    ['', null],
  ])('%s → %s', (text, iso) => expect(parseTwitterDate(text)?.toISOString() ?? null).toBe(iso));
});

describe('parseUtcDateTime', () => {
  it.each([
    ['2024-07-27 19:33:32', '2024-07-27T19:33:32.000Z'],
    ['2024-02-29 00:00:00', '2024-02-29T00:00:00.000Z'],
    ['2023-02-29 00:00:00', null],
    ['2024-07-27 24:00:00', null],
    ['27/07/2024 19:33', null],
    ['2024-07-27', null],
  ])('%s → %s', (text, iso) => expect(parseUtcDateTime(text)?.toISOString() ?? null).toBe(iso));
});
