import { change, duration, percent, score } from './format';
import { parseRoute, routeHash } from './router';
import { defaultWindow, granularityFor, lastDays, midnight, previous } from './windows';

describe('windows in a brand zone', () => {
  it.each([
    ['2024-07-12', 'Asia/Seoul', '2024-07-11T15:00:00.000Z'],
    ['2024-03-31', 'Europe/Berlin', '2024-03-30T23:00:00.000Z'], // the DST day starts at +01:00
    ['2024-04-01', 'Europe/Berlin', '2024-03-31T22:00:00.000Z'],
    ['2017-11-30', 'UTC', '2017-11-30T00:00:00.000Z'],
  ])('%s starts at local midnight in %s', (date, zone, iso) => {
    expect(new Date(midnight(date, zone)).toISOString()).toBe(iso);
  });

  it('defaults to the latest 90 days holding data, whole local days, clipped to the data', () => {
    const data = { from: '2023-01-01T15:00:00.000Z', to: '2024-07-12T15:00:00.000Z' };
    expect(defaultWindow(data, 'Asia/Seoul')).toEqual({
      from: '2024-04-13T15:00:00.000Z',
      to: '2024-07-12T15:00:00.000Z',
    });
    const short = { from: '2024-07-01T15:00:00.000Z', to: '2024-07-12T15:00:00.000Z' };
    expect(defaultWindow(short, 'Asia/Seoul').from).toBe(short.from);
    expect(lastDays(7, data, 'Asia/Seoul').from).toBe('2024-07-05T15:00:00.000Z');
  });

  it('compares with the window of the same length just before', () => {
    expect(previous({ from: '2024-02-01T00:00:00.000Z', to: '2024-03-01T00:00:00.000Z' })).toEqual({
      from: '2024-01-03T00:00:00.000Z',
      to: '2024-02-01T00:00:00.000Z',
    });
  });

  it.each([
    [30, 'DAY'],
    [90, 'DAY'],
    [365, 'WEEK'],
    [3000, 'MONTH'],
  ])('%p days are drawn per %s', (n, g) => {
    expect(
      granularityFor({
        from: new Date(0).toISOString(),
        to: new Date(n * 86_400_000).toISOString(),
      }),
    ).toBe(g);
  });
});

describe('numbers for people', () => {
  it.each([
    [duration(168), '2.8 h'],
    [duration(45.4), '45 min'],
    [duration(0.5), '< 1 min'],
    [duration(4320), '3.0 d'],
    [duration(null), '—'],
    [percent(0.12345), '12.3 %'],
    [score(31.649), '31.6'],
    [change(31.6, 8), '+23.6'],
    [change(1, 2.04), '−1.0'],
    [change(null, 2), '—'],
  ])('%s is %s', (shown, expected) => expect(shown).toBe(expected));
});

describe('routes', () => {
  it.each([
    ['#/?from=2024-01-01T00:00:00.000Z&to=2024-02-01T00:00:00.000Z', 'overview', null],
    ['#/brands/abc?from=2024-01-01T00:00:00.000Z&to=2024-02-01T00:00:00.000Z', 'brand', 'abc'],
    [
      '#/brands/abc/inbox?from=2024-01-01T00:00:00.000Z&to=2024-02-01T00:00:00.000Z',
      'inbox',
      'abc',
    ],
  ])('%s round-trips', (hash, view, brandId) => {
    const r = parseRoute(hash);
    expect([r.view, r.brandId, r.from]).toEqual([view, brandId, '2024-01-01T00:00:00.000Z']);
    expect(parseRoute(routeHash(r))).toEqual(r);
  });

  it('drops a window that is not one', () => {
    expect(parseRoute('#/?from=2024-02-01&to=2024-01-01')).toMatchObject({ from: null, to: null });
  });
});
