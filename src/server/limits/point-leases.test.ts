import { LEASE_MS, PointLeases } from './point-leases';

const ok = (remaining: number) => ({ ok: true, remaining, retryAfterSeconds: 0 });
const leases = (capacity: number) => new PointLeases(capacity, new Map());

describe('PointLeases', () => {
  it.each<[number, number]>([
    [50_000, 500],
    [250, 2],
    [99, 0],
  ])('asks 1 %% of a capacity of %d ahead: %d', (capacity, size) => {
    expect(leases(capacity).size).toBe(size);
  });

  it('serves nothing for a key it has not leased for', () => {
    expect(leases(50_000).spend('k', 1, 0)).toBeNull();
  });

  it('spends the lease from memory, reporting the shared remaining plus what is left', () => {
    const l = leases(50_000);
    expect(l.record('k', ok(40_000), 500, 0)).toEqual(ok(40_500));
    expect(l.spend('k', 100, 10)).toEqual(ok(40_400));
    expect(l.spend('k', 400, 20)).toEqual(ok(40_000));
    expect(l.spend('k', 1, 30)).toBeNull();
  });

  it.each<[string, number, number]>([
    ['more than is left', 501, 1],
    ['once expired', 1, LEASE_MS],
  ])('does not spend a lease for %s', (_name, cost, at) => {
    const l = leases(50_000);
    l.record('k', ok(40_000), 500, 0);
    expect(l.spend('k', cost, at)).toBeNull();
  });

  it('keeps keys apart', () => {
    const l = leases(50_000);
    l.record('a', ok(40_000), 500, 0);
    expect(l.spend('b', 1, 1)).toBeNull();
  });

  it('forgets the lease when a take leased nothing (near the limit, or refused)', () => {
    const l = leases(50_000);
    l.record('k', ok(40_000), 500, 0);
    const refused = { ok: false, remaining: 3.5, retryAfterSeconds: 2 };
    expect(l.record('k', refused, 0, 1)).toEqual({ ok: false, remaining: 3, retryAfterSeconds: 2 });
    expect(l.spend('k', 1, 2)).toBeNull();
  });
});
