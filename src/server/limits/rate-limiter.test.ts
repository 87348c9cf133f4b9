import { RateLimiter } from './rate-limiter';

describe('RateLimiter (token bucket per key)', () => {
  it.each([
    // capacity, refill/s, takes [cost, at ms], expected ok per take, last retryAfter
    [
      10,
      1,
      [
        [4, 0],
        [4, 0],
        [4, 0],
      ],
      [true, true, false],
      2,
    ],
    [
      10,
      1,
      [
        [4, 0],
        [4, 0],
        [4, 2000],
      ],
      [true, true, true],
      0,
    ],
    [
      10,
      5,
      [
        [10, 0],
        [1, 100],
      ],
      [true, false],
      1,
    ],
    [
      10,
      5,
      [
        [10, 0],
        [1, 200],
      ],
      [true, true],
      0,
    ],
    [10, 1, [[11, 0]], [false], 0], // more than the bucket can ever hold
  ] as const)('capacity %d, refill %d/s, takes %j', (capacity, refill, takes, oks, retryAfter) => {
    const limiter = new RateLimiter(capacity, refill);
    const results = takes.map(([cost, at]) => limiter.take('k', cost, at));
    expect(results.map((r) => r.ok)).toEqual(oks);
    expect(results[results.length - 1]!.retryAfterSeconds).toBe(retryAfter);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(5, 1);
    expect(limiter.take('a', 5, 0).ok).toBe(true);
    expect(limiter.take('a', 1, 0).ok).toBe(false);
    expect(limiter.take('b', 5, 0).ok).toBe(true);
  });
});
