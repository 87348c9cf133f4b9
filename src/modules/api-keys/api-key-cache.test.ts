import { ApiKeyScope } from '../../shared/vocabulary';
import { ApiKeyCache, isFresh, parseKeyNotice } from './api-key-cache';

const OPTIONS = { entries: 2, maxAgeMs: 60_000, fallbackMs: 1_000 };
const caller = (keyId: string) => ({ keyId, workspaceId: 'w', scopes: [ApiKeyScope.READ] });

describe('isFresh', () => {
  it.each([
    // fetchedAt, now, listeningSince, fresh
    [1_000, 1_500, null, true], // within the fallback, no listener
    [1_000, 2_000, null, false], // the fallback is over and nobody listens
    [1_000, 30_000, 500, true], // listening since before the lookup
    [1_000, 30_000, 1_000, true],
    [1_000, 30_000, 1_001, false], // the listener came (back) after the lookup
    [1_000, 61_000, 500, false], // too old even while listening
    [1_000, 900, 500, false], // a clock that went back
  ])('looked up at %p, now %p, listening since %p → %p', (fetchedAt, now, since, fresh) => {
    expect(isFresh(fetchedAt, now, since, OPTIONS)).toBe(fresh);
  });
});

describe('parseKeyNotice', () => {
  it.each([
    ['{"k":"a","r":1}', { k: 'a', revoked: true }],
    ['{"k":"a"}', { k: 'a', revoked: false }],
    ['{"x":1}', null],
    ['not json', null],
    [undefined, null],
  ])('%p → %p', (payload, notice) => expect(parseKeyNotice(payload)).toEqual(notice));
});

describe('ApiKeyCache', () => {
  it('remembers a lookup, forgets a revoked key, and keeps at most `entries`', () => {
    const cache = new ApiKeyCache(OPTIONS);
    cache.remember('h1', caller('k1'), cache.begin(0));
    expect(cache.get('h1', 10)).toEqual(caller('k1'));
    cache.forget('k1');
    expect(cache.get('h1', 10)).toBeUndefined();
    for (const i of [1, 2, 3]) cache.remember(`h${i}`, caller(`k${i}`), cache.begin(0));
    expect(cache.size).toBe(2);
  });

  it('does not remember a lookup that overlapped a revocation or a flush', () => {
    const cache = new ApiKeyCache(OPTIONS);
    const started = cache.begin(0);
    cache.forget('k-other');
    cache.remember('h1', caller('k1'), started);
    expect(cache.get('h1', 10)).toBeUndefined();
    const again = cache.begin(0);
    cache.flush();
    cache.remember('h1', caller('k1'), again);
    expect(cache.get('h1', 10)).toBeUndefined();
  });

  it('trusts entries long only while listening, and empties itself when listening again', () => {
    const cache = new ApiKeyCache(OPTIONS);
    cache.listening(0);
    cache.remember('h1', caller('k1'), cache.begin(100));
    expect(cache.get('h1', 30_000)).toBeDefined();
    cache.notListening();
    expect(cache.get('h1', 30_000)).toBeUndefined();
    cache.remember('h1', caller('k1'), cache.begin(40_000));
    cache.listening(40_500);
    expect(cache.size).toBe(0);
  });

  it('applies notices: a revocation forgets, a write notes lastWriteAt', () => {
    const cache = new ApiKeyCache(OPTIONS);
    cache.remember('h1', caller('k1'), cache.begin(0));
    cache.notice({ k: 'k1', revoked: false });
    expect(cache.get('h1', 10)?.lastWriteAt).toBeInstanceOf(Date);
    cache.notice({ k: 'k1', revoked: true });
    expect(cache.get('h1', 10)).toBeUndefined();
  });

  it('remembers nothing with 0 entries', () => {
    const cache = new ApiKeyCache({ ...OPTIONS, entries: 0 });
    cache.remember('h1', caller('k1'), cache.begin(0));
    expect(cache.get('h1', 10)).toBeUndefined();
  });
});
