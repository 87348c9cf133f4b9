import type { BrandSumsRow } from './engagement-read-model';
import { ReportCache } from './report-cache';

const WINDOW = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2024-02-01T00:00:00Z') };
const row = (id: string, padding = 0) =>
  ({ id, name: 'x'.repeat(padding), audience_found: true }) as unknown as BrandSumsRow;

describe('ReportCache', () => {
  it('keeps at most `entries` entries, least recently used out first', () => {
    const cache = new ReportCache({ entries: 3, maxBytes: 1 << 20 });
    const key = (i: number) => cache.key('w', `b${i}`, WINDOW, null);
    for (let i = 0; i < 3; i++) cache.set(key(i), '1', row(`b${i}`));
    expect(cache.get(key(0), '1')).toBeDefined(); // b0 is now the most recent
    cache.set(key(3), '1', row('b3'));
    expect(cache.size).toBe(3);
    expect(cache.has(key(1))).toBe(false);
    expect(cache.has(key(0))).toBe(true);
  });

  it('keeps at most about `maxBytes`', () => {
    const cache = new ReportCache({ entries: 1000, maxBytes: 20_000 });
    for (let i = 0; i < 100; i++)
      cache.set(cache.key('w', `b${i}`, WINDOW, null), '1', row(`b${i}`, 1000));
    expect(cache.bytes).toBeLessThanOrEqual(20_000);
    expect(cache.size).toBeLessThan(10);
    expect(cache.size).toBeGreaterThan(0);
  });

  it('answers only for the version an entry was read at, and keeps the newest', () => {
    const cache = new ReportCache({ entries: 10, maxBytes: 1 << 20 });
    const key = cache.key('w', 'b', WINDOW, 'aud');
    cache.set(key, '7', row('seven'));
    expect(cache.get(key, '7')?.id).toBe('seven');
    expect(cache.get(key, '8')).toBeUndefined();
    cache.set(key, '6', row('six')); // a slower reader of an older snapshot
    expect(cache.get(key, '7')?.id).toBe('seven');
    cache.set(key, '9', row('nine'));
    expect(cache.get(key, '7')).toBeUndefined();
    expect(cache.get(key, '9')?.id).toBe('nine');
  });

  it('keys by workspace, brand, window and audience', () => {
    const cache = new ReportCache();
    const keys = new Set([
      cache.key('w', 'b', WINDOW, null),
      cache.key('v', 'b', WINDOW, null),
      cache.key('w', 'c', WINDOW, null),
      cache.key('w', 'b', { ...WINDOW, to: new Date('2024-02-02T00:00:00Z') }, null),
      cache.key('w', 'b', WINDOW, 'aud'),
    ]);
    expect(keys.size).toBe(5);
  });

  it('is off with 0 entries', () => {
    const cache = new ReportCache({ entries: 0, maxBytes: 1 });
    cache.set('k', '1', row('b'));
    expect(cache.enabled).toBe(false);
    expect(cache.has('k')).toBe(false);
  });
});
