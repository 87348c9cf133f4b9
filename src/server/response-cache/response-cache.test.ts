import { ResponseCache } from './response-cache';

const parts = {
  workspaceId: 'w1',
  scopes: ['READ', 'WRITE'],
  query: '{ __typename }',
  operationName: null,
  variables: { a: 1 },
};

describe('ResponseCache', () => {
  it('serves an entry only at the fingerprint it was stored at', () => {
    const cache = new ResponseCache({ entries: 10, maxBytes: 1e6 });
    const key = cache.key(parts);
    cache.set(key, 'f1', { x: 1 });
    expect(cache.get(key, 'f1')).toEqual({ x: 1 });
    expect(cache.get(key, 'f2')).toBeUndefined();
    cache.set(key, 'f2', { x: 2 });
    expect(cache.get(key, 'f1')).toBeUndefined();
    expect(cache.get(key, 'f2')).toEqual({ x: 2 });
    expect(cache.size).toBe(1);
  });

  it.each([
    ['another workspace', { workspaceId: 'w2' }],
    ['other scopes', { scopes: ['READ'] }],
    ['another query', { query: '{ viewer { scopes } }' }],
    ['another operation', { operationName: 'B' }],
    ['other variables', { variables: { a: 2 } }],
  ])('keys %s apart', (_, change) => {
    const cache = new ResponseCache();
    expect(cache.key({ ...parts, ...change })).not.toBe(cache.key(parts));
  });

  it('does not care in which order the scopes come', () => {
    const cache = new ResponseCache();
    expect(cache.key({ ...parts, scopes: ['WRITE', 'READ'] })).toBe(cache.key(parts));
  });

  it('holds at most its entries and about its bytes, least recently used out first', () => {
    const byCount = new ResponseCache({ entries: 3, maxBytes: 1e6 });
    for (let i = 0; i < 5; i++) byCount.set(`k${i}`, 'f', { i });
    expect(byCount.size).toBe(3);
    expect(byCount.get('k0', 'f')).toBeUndefined();
    expect(byCount.get('k4', 'f')).toEqual({ i: 4 });

    const big = { text: 'x'.repeat(10_000) }; // ≈ 20 kB as the cache counts
    const byBytes = new ResponseCache({ entries: 1000, maxBytes: 100_000 });
    for (let i = 0; i < 20; i++) byBytes.set(`k${i}`, 'f', big);
    expect(byBytes.bytes).toBeLessThanOrEqual(100_000);
    expect(byBytes.size).toBe(4);
    // one response larger than the whole cache is not kept
    byBytes.set('huge', 'f', { text: 'x'.repeat(100_000) });
    expect(byBytes.get('huge', 'f')).toBeUndefined();
    expect(byBytes.bytes).toBeLessThanOrEqual(100_000);
  });

  it('keeps nothing when disabled', () => {
    const cache = new ResponseCache({ entries: 0, maxBytes: 1 });
    cache.set('k', 'f', { x: 1 });
    expect(cache.enabled).toBe(false);
    expect(cache.get('k', 'f')).toBeUndefined();
  });
});
